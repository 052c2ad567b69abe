using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SignalGen.Testing;
using Xunit;

namespace SignalGen.Diagnostics.Tests.Ide;

/// <summary>
/// The IDE side of issue 19, on a project that references the packed package, opened with
/// MSBuildWorkspace: each edit, to the schema (an additional document) or to a receiver, shows its
/// SignalGen diagnostic exactly once, whoever reports it (generator or analyzer), at the place the
/// command line shows it, nothing in generated code, and each code fix clears what it fixes.
/// </summary>
public sealed class IdeDiagnosticsTests(LocalPackageFeed feed) : IAsyncLifetime
{
    // One opened project for all tests: every edit makes a new immutable snapshot, so tests cannot disturb each other.
    private static readonly SemaphoreSlim s_gate = new(1, 1);
    private static IdeProject? s_ide;

    private IdeProject Ide => s_ide!;

    public async ValueTask InitializeAsync()
    {
        await s_gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            s_ide ??= await IdeProject.Open(feed, TestContext.Current.CancellationToken);
        }
        finally
        {
            s_gate.Release();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public void GeneratorAnalyzersAndCodeFixes_AreLoadedFromThePackagesAnalyzersFolder()
    {
        var ours = Ide.Project.AnalyzerReferences
            .Select(reference => reference.FullPath!)
            .Where(path => Path.GetFileName(path).StartsWith("SignalGen.", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(["SignalGen.Analyzers.dll", "SignalGen.CodeFixes.dll", "SignalGen.Generator.dll"], ours.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var folder = Path.Combine("signalgen", feed.Version, "analyzers", "dotnet", "cs");
        Assert.All(ours, path => Assert.Contains(folder, path, StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(Ide.Analyzers);
        Assert.Equal(3, Ide.CodeFixes.Length);
    }

    [Fact]
    public async Task TheStartingProject_ShowsNothing()
    {
        var shown = await Ide.Diagnostics(Ide.Project, TestContext.Current.CancellationToken);

        Assert.Empty(shown);
    }

    [Theory]
    [InlineData("\"DateTimeOffset\"", "\"DateTimeOfset\"", "SGEN0010", 7, 41)]
    [InlineData("\"string?\" }", "\"string?\", }", "SGEN0001", 10, 54)]
    [InlineData("\"args\": { \"user\": \"User\", \"when\"", "\"arg\": { \"user\": \"User\", \"when\"", "SGEN0002", 7, 7)]
    public async Task SchemaEdit_ShowsItsDiagnosticOnce_InTheJson(string find, string replace, string id, int line, int column)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var edited = await IdeProject.Edit(Ide.Project, "auth.signals.json", find, replace, cancellationToken);

        var shown = await Ide.Diagnostics(edited, cancellationToken);

        var diagnostic = Assert.Single(shown, d => d.Id == id);
        Assert.Equal(("auth.signals.json", line, column), (diagnostic.File, diagnostic.Line, diagnostic.Column));
        Assert.DoesNotContain(shown, d => d.File.EndsWith(".g.cs", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Signal.UserLoggedIn", "Signal.UserLogedIn", "SGEN0101", "generator")]
    [InlineData("DateTimeOffset when) => Console.WriteLine(user.Name + \" at \" + when);", "int when) => Console.WriteLine(user.Name);", "SGEN0103", "analyzer")]
    [InlineData("DateTimeOffset when) => Console.WriteLine(user.Name + \" at \" + when);", "DateTimeOffset at) => Console.WriteLine(user.Name);", "SGEN0102", "analyzer")]
    [InlineData("public static void OnLogin(User user, DateTimeOffset when) => Console.WriteLine(user.Name + \" at \" + when);",
        "public static async void OnLogin(User user, DateTimeOffset when) => await Task.Yield();", "SGEN0105", "analyzer")]
    public async Task ReceiverEdit_ShowsItsDiagnosticOnce_AndItsCodeFixClearsIt(string find, string replace, string id, string reporter)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var watch = Stopwatch.StartNew();
        var edited = await IdeProject.Edit(Ide.Project, "Receivers.cs", find, replace, cancellationToken);
        var shown = await Ide.Diagnostics(edited, cancellationToken);
        var elapsed = watch.Elapsed;

        var diagnostic = Assert.Single(shown, d => d.Id == id);
        Assert.Equal(reporter, diagnostic.Source);
        Assert.Equal("Receivers.cs", diagnostic.File);
        Assert.DoesNotContain(shown, d => d.File.EndsWith(".g.cs", StringComparison.Ordinal));
        TestContext.Current.TestOutputHelper?.WriteLine($"{id}: {elapsed.TotalMilliseconds:F0} ms from the edit to the diagnostics (first time on this snapshot)");

        var fixedProject = await Ide.ApplyFix(edited, diagnostic.Diagnostic, cancellationToken);
        Assert.NotNull(fixedProject);
        var after = await Ide.Diagnostics(fixedProject.Value.Project, cancellationToken);
        Assert.True(after.All(d => d.Diagnostic.Severity != Microsoft.CodeAnalysis.DiagnosticSeverity.Error), fixedProject.Value.Title + " left: " + string.Join(Environment.NewLine, after));
    }
}
