using System;
using System.IO;
using System.Threading.Tasks;
using SignalGen.Testing;
using Xunit;

namespace SignalGen.Analyzers.Tests.Build;

/// <summary>
/// A real <c>dotnet build</c> of tests/Fixtures/BrokenBuild, a project with a broken receiver and a
/// broken schema: the build fails and prints each SignalGen diagnostic at its file, line and column,
/// as a user would see it in a terminal or CI log.
/// </summary>
public sealed class BuildOutputTests
{
    [Fact]
    public async Task BrokenProject_BuildPrintsEachMistakeAtItsFileLineAndColumn()
    {
        var fixture = Path.Combine(DotNetCommand.RepositoryRoot, "tests", "Fixtures", "BrokenBuild");

        // --no-dependencies: the runtime, generator and analyzers are already built by the solution build that runs the tests.
        var build = await DotNetCommand.Run(fixture, ["build", "--no-dependencies", "-nologo", "-nodeReuse:false", "--disable-build-servers"], TestContext.Current.CancellationToken);
        var output = build.Output;

        Assert.NotEqual(0, build.ExitCode);

        // Receivers.cs line 9: "    public static void OnLogin(string user, int attempts) { }", attempts at column 49.
        Assert.Contains(Path.Combine(fixture, "Receivers.cs") + "(9,49): error SGEN0102: Parameter 'attempts' matches no argument of UserLoggedIn", output, StringComparison.Ordinal);

        // broken.signals.json line 5: "    \"Flaky\": { \"mode\": \"sometimes\" }", the value at column 24.
        Assert.Contains(Path.Combine(fixture, "broken.signals.json") + "(5,24): error SGEN0011: Mode \"sometimes\" is not one of", output, StringComparison.Ordinal);

        Assert.Contains("docs/diagnostics/SGEN0102.md", output, StringComparison.Ordinal);
    }
}
