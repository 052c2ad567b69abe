using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using SignalGen.Analyzers.Receivers;
using SignalGen.Diagnostics;
using Xunit;

namespace SignalGen.Analyzers.Tests;

/// <summary>Every descriptor is reported by the generator or an analyzer, tracked for release, documented, and linked to its page.</summary>
public sealed class DiagnosticCatalogueTests
{
    public static TheoryData<string> Ids() => new(Descriptors().Select(descriptor => descriptor.Id));

    [Fact]
    public void EachId_IsReportedByTheGeneratorOrTheAnalyzer_AndOnlySGEN0101ByBoth()
    {
        var analyzer = new ReceiverAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToList();
        var generator = SignalGenDiagnostics.ReportedByGenerator.Select(d => d.Id).ToList();

        Assert.Equal(Descriptors().Select(d => d.Id).Order(), analyzer.Union(generator).Order());
        Assert.Equal(Descriptors().Count(), Descriptors().Select(d => d.Id).Distinct().Count());

        // SGEN0101 is split by case, each case with one reporter (SignalGenDiagnostics.ReportedByGenerator says which).
        Assert.Equal(["SGEN0101"], analyzer.Intersect(generator));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void EachId_HasItsPage_ItsHelpLink_AndItsReleaseEntry(string id)
    {
        var descriptor = Descriptors().Single(d => d.Id == id);
        var root = RepositoryRoot();

        Assert.Equal(SignalGenDiagnostics.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
        var page = File.ReadAllText(Path.Combine(root, "docs", "diagnostics", id + ".md"));
        Assert.StartsWith("# " + id + ": " + descriptor.Title, page, StringComparison.Ordinal);
        Assert.Contains("| " + descriptor.DefaultSeverity + " |", page, StringComparison.Ordinal);

        var releases = File.ReadAllText(Path.Combine(root, "analyzers", "SignalGen.Analyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains(id + " | " + descriptor.Category + " | " + descriptor.DefaultSeverity + " |", releases, StringComparison.Ordinal);
    }

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(SignalGenDiagnostics).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SignalGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SignalGen.sln not found above " + AppContext.BaseDirectory);
    }
}
