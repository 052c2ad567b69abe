using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SignalGen.Testing;
using Xunit;

namespace SignalGen.Diagnostics.Tests.CommandLine;

/// <summary>
/// Issue 19: every mistake SignalGen can know about is in <c>dotnet build</c>'s output at the user's
/// file, line and column with its SGEN ID, first, whatever else the compiler then says; and no error
/// or warning names a generated <c>.g.cs</c> file. The projects are built once for the whole table (see
/// <see cref="MistakeBuilds"/>); each case then reads its own lines.
/// </summary>
public sealed class CommandLineDiagnosticsTests(LocalPackageFeed feed)
{
    private static readonly SemaphoreSlim s_gate = new(1, 1);
    private static MistakeBuilds? s_builds;

    public static TheoryData<string> Mistakes() => new(MistakeCatalogue.All.Select(mistake => mistake.Name));

    [Fact]
    public void TheTable_CoversEveryKindOfMistake_AndAtLeast25()
    {
        Assert.True(MistakeCatalogue.All.Count >= 25);
        Assert.Equal(
            ["argument type", "cross-project", "receiver", "schema semantics", "schema syntax"],
            MistakeCatalogue.All.Select(mistake => mistake.Kind).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(MistakeCatalogue.All.Count, MistakeCatalogue.All.Select(mistake => mistake.Name).Distinct().Count());
    }

    [Fact]
    public async Task TheStartingProjects_BuildWithoutErrorsOrWarnings()
    {
        var builds = await Builds();

        Assert.True(builds.StartingProjectProblems.Count == 0, string.Join(Environment.NewLine, builds.StartingProjectProblems));
    }

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task Mistake_FirstErrorIsItsSignalGenDiagnostic_AtTheUsersLineAndColumn_AndNothingInGeneratedCode(string name)
    {
        var mistake = MistakeCatalogue.All.Single(mistake => mistake.Name == name);
        var builds = await Builds();
        var errors = builds.ErrorsOf(mistake);
        var context = mistake.Name + " printed:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(error => "  " + error.Text))
                      + (errors.Count == 0 ? Environment.NewLine + builds.Build : string.Empty);

        Assert.True(errors.Count > 0, "No error at all. " + context);
        var (line, column) = mistake.ExpectedPosition(builds.FilesOf(mistake));
        var first = errors[0];
        Assert.True(
            first.Id == mistake.ExpectedId && first.File == builds.PathOf(mistake, mistake.ExpectedFile) && first.Line == line && first.Column == column,
            $"Expected {mistake.ExpectedId} at {mistake.ExpectedFile}({line},{column}) first. " + context);
        Assert.DoesNotContain(errors, error => error.File.EndsWith(".g.cs", StringComparison.Ordinal));

        // Nor a warning: projects that treat warnings as errors would fail on one the user cannot fix there.
        Assert.DoesNotContain(builds.WarningsOf(mistake), warning => warning.File.EndsWith(".g.cs", StringComparison.Ordinal));
    }

    private async Task<MistakeBuilds> Builds()
    {
        await s_gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return s_builds ??= await MistakeBuilds.Create(feed, MistakeCatalogue.All, TestContext.Current.CancellationToken);
        }
        finally
        {
            s_gate.Release();
        }
    }
}
