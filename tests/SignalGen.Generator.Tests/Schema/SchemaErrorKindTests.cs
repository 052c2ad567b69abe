using System;
using System.Linq;
using SignalGen.Diagnostics;
using SignalGen.Schema;
using Xunit;

namespace SignalGen.Generator.Tests.Schema;

/// <summary>Every schema error kind has a diagnostic ID of its own (the mapping has no fallback).</summary>
public sealed class SchemaErrorKindTests
{
    // SchemaErrorKind is internal, so the theory takes its name.
    public static TheoryData<string> Kinds() => new(Enum.GetNames<SchemaErrorKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EachKind_MapsToASchemaDiagnostic(string kind)
    {
        var descriptor = SignalGenDiagnostics.For(Enum.Parse<SchemaErrorKind>(kind));

        Assert.Equal(SignalGenDiagnostics.SchemaCategory, descriptor.Category);
        Assert.Contains(descriptor, SignalGenDiagnostics.ReportedByGenerator);
    }

    [Fact]
    public void NoTwoKinds_ShareADiagnostic()
    {
        var ids = Enum.GetValues<SchemaErrorKind>().Select(kind => SignalGenDiagnostics.For(kind).Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
