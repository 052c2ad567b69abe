using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SignalGen.Testing;

/// <summary>
/// Runs the .NET CLI as a user would in a terminal, for tests that build, pack, publish or run real
/// projects. Linked into each test project that needs it (tests/Shared).
/// </summary>
internal static class DotNetCommand
{
    /// <summary>The folder that holds SignalGen.sln, found from the test assembly's location.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static Task<CommandResult> Run(string workingDirectory, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunProgram("dotnet", workingDirectory, arguments, cancellationToken);

    /// <summary>Runs any program (a published native binary, say) with the same environment as <see cref="Run"/>.</summary>
    public static async Task<CommandResult> RunProgram(string fileName, string workingDirectory, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under MSBuild (dotnet test): its MSBuild variables would steer the child build.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + fileName);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CommandResult(fileName + " " + string.Join(' ', start.ArgumentList), process.ExitCode, await output, await error);
    }

    private static string FindRepositoryRoot()
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

/// <summary>What a command printed and how it ended.</summary>
internal sealed record CommandResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Standard output, then standard error: what a terminal shows.</summary>
    public string Output => StandardOutput + StandardError;

    /// <summary>Every line MSBuild printed as a warning (<c>file(line,col): warning CODE: ...</c>).</summary>
    public IReadOnlyList<string> Warnings =>
        Output.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Contains(": warning ", StringComparison.Ordinal)).Distinct().ToList();

    /// <summary>The command and its whole output, for assertion messages.</summary>
    public override string ToString() => $"{Command} exited with {ExitCode}:{Environment.NewLine}{Output}";
}
