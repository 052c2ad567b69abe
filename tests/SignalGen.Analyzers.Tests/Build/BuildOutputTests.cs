using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
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
        var fixture = Path.Combine(RepositoryRoot(), "tests", "Fixtures", "BrokenBuild");

        // --no-dependencies: the runtime, generator and analyzers are already built by the solution build that runs the tests.
        var (exitCode, output) = await Run("dotnet", "build", fixture, "--no-dependencies", "-nologo", "-nodeReuse:false", "--disable-build-servers");

        Assert.NotEqual(0, exitCode);

        // Receivers.cs line 9: "    public static void OnLogin(string user, int attempts) { }", attempts at column 49.
        Assert.Contains(Path.Combine(fixture, "Receivers.cs") + "(9,49): error SGEN0102: Parameter 'attempts' matches no argument of UserLoggedIn", output, StringComparison.Ordinal);

        // broken.signals.json line 5: "    \"Flaky\": { \"mode\": \"sometimes\" }", the value at column 24.
        Assert.Contains(Path.Combine(fixture, "broken.signals.json") + "(5,24): error SGEN0011: Mode \"sometimes\" is not one of", output, StringComparison.Ordinal);

        Assert.Contains("docs/diagnostics/SGEN0102.md", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }

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
