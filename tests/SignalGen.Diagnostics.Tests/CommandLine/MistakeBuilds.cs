using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using SignalGen.Testing;

namespace SignalGen.Diagnostics.Tests.CommandLine;

/// <summary>
/// Builds every mistake's project with <c>dotnet build</c>, as a user would, from the packages of this run,
/// and keeps each one's error lines. The two starting projects are restored once; each mistake's copy
/// gets their <c>obj/</c> (the restore's output does not depend on the sources), and all copies are built
/// by one MSBuild run with two nodes, which prints every error with its full path, so each line is told
/// apart by the folder it is in.
/// </summary>
internal sealed partial class MistakeBuilds
{
    private readonly Dictionary<string, List<BuildError>> _errors;
    private readonly Dictionary<string, Dictionary<string, string>> _files;

    private MistakeBuilds(string root, Dictionary<string, List<BuildError>> errors, Dictionary<string, Dictionary<string, string>> files, CommandResult build)
    {
        Root = root;
        _errors = errors;
        _files = files;
        Build = build;
    }

    /// <summary>The folder holding one folder per mistake.</summary>
    public string Root { get; }

    /// <summary>Error and warning lines of the two starting projects, which have none when all is well.</summary>
    public IReadOnlyList<string> StartingProjectProblems { get; private init; } = [];

    /// <summary>The MSBuild run, for assertion messages.</summary>
    public CommandResult Build { get; }

    /// <summary>The error lines of <paramref name="mistake"/>'s build, in the order MSBuild printed them.</summary>
    public IReadOnlyList<BuildError> ErrorsOf(Mistake mistake) => _errors[mistake.Name].Where(error => !error.IsWarning).ToList();

    /// <summary>The warning lines of <paramref name="mistake"/>'s build.</summary>
    public IReadOnlyList<BuildError> WarningsOf(Mistake mistake) => _errors[mistake.Name].Where(error => error.IsWarning).ToList();

    /// <summary>The files of <paramref name="mistake"/>'s project as built.</summary>
    public IReadOnlyDictionary<string, string> FilesOf(Mistake mistake) => _files[mistake.Name];

    /// <summary>The full path of a file of <paramref name="mistake"/>'s project, as the compiler prints it.</summary>
    public string PathOf(Mistake mistake, string relativePath) => Path.Combine(Root, mistake.Name, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static async Task<MistakeBuilds> Create(LocalPackageFeed feed, IReadOnlyList<Mistake> mistakes, CancellationToken cancellationToken)
    {
        var root = feed.NewWorkDirectory("mistakes");
        feed.WriteNuGetConfig(root);

        // The two starting projects, restored once.
        var app = Path.Combine(root, "_app");
        var crossProject = Path.Combine(root, "_cross-project");
        Write(app, MistakeProjects.App(feed.Version));
        Write(crossProject, MistakeProjects.LibraryAndApp(feed.Version));
        foreach (var project in new[] { Path.Combine(app, "App.csproj"), Path.Combine(crossProject, "App", "App.csproj") })
        {
            var restore = await DotNetCommand.Run(root, ["restore", project, "-nologo", "-nodeReuse:false", "--disable-build-servers"], cancellationToken);
            if (restore.ExitCode != 0)
            {
                throw new InvalidOperationException("Restoring the starting projects failed: " + restore);
            }
        }

        var files = new Dictionary<string, Dictionary<string, string>>();

        // The starting projects are built too: without a mistake, no error and no warning.
        var projects = new List<string> { Path.Combine(app, "App.csproj"), Path.Combine(crossProject, "App", "App.csproj") };
        foreach (var mistake in mistakes)
        {
            var folder = Path.Combine(root, mistake.Name);
            files[mistake.Name] = mistake.Files(feed.Version);
            Write(folder, files[mistake.Name]);
            if (mistake.CrossProject)
            {
                CopyDirectory(Path.Combine(crossProject, "Lib", "obj"), Path.Combine(folder, "Lib", "obj"));
                CopyDirectory(Path.Combine(crossProject, "App", "obj"), Path.Combine(folder, "App", "obj"));
                projects.Add(Path.Combine(folder, "App", "App.csproj"));
            }
            else
            {
                CopyDirectory(Path.Combine(app, "obj"), Path.Combine(folder, "obj"));
                projects.Add(Path.Combine(folder, "App.csproj"));
            }
        }

        // One traversal project: MSBuild builds the mistakes two at a time and keeps going past failures.
        var traversal = Path.Combine(root, "all.proj");
        File.WriteAllText(traversal, $"""
            <Project>
              <ItemGroup>
            {string.Join(Environment.NewLine, projects.Select(project => $"    <MistakeProject Include=\"{project}\" />"))}
              </ItemGroup>
              <Target Name="Build">
                <MSBuild Projects="@(MistakeProject)" Targets="Build" BuildInParallel="true" ContinueOnError="true" />
              </Target>
            </Project>
            """);
        var build = await DotNetCommand.Run(
            root,
            ["build", traversal, "--no-restore", "-m:2", "-nologo", "-nodeReuse:false", "--disable-build-servers", "-p:UseSharedCompilation=false"],
            cancellationToken);

        var errors = mistakes.ToDictionary(mistake => mistake.Name, _ => new List<BuildError>());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in build.Output.Split('\n').Select(line => line.TrimEnd('\r')))
        {
            // MSBuild repeats every error and warning in its closing summary: keep the first printing.
            if (DiagnosticLine().Match(line) is not { Success: true } match || !seen.Add(line))
            {
                continue;
            }

            var error = new BuildError(
                match.Groups["file"].Value.Trim(), int.Parse(match.Groups["line"].Value), int.Parse(match.Groups["column"].Value), match.Groups["id"].Value, line)
            {
                IsWarning = match.Groups["severity"].Value == "warning",
            };
            var owner = mistakes.FirstOrDefault(mistake => line.Contains(Path.Combine(root, mistake.Name) + Path.DirectorySeparatorChar, StringComparison.Ordinal));
            if (owner is not null)
            {
                errors[owner.Name].Add(error);
            }
        }

        var clean = build.Output.Split('\n')
            .Where(line => (line.Contains(app + Path.DirectorySeparatorChar, StringComparison.Ordinal) || line.Contains(crossProject + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                           && (line.Contains(": error ", StringComparison.Ordinal) || line.Contains(": warning ", StringComparison.Ordinal)))
            .Select(line => line.TrimEnd('\r'))
            .Distinct()
            .ToList();
        return new MistakeBuilds(root, errors, files, build) { StartingProjectProblems = clean };
    }

    private static void Write(string folder, IReadOnlyDictionary<string, string> files)
    {
        foreach (var (relativePath, text) in files)
        {
            var path = Path.Combine(folder, relativePath.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    // path(line,column): error ID: message [project]; also path(line,column,endLine,endColumn), and warnings alike.
    [GeneratedRegex(@"^\s*(?<file>[^\s(][^(]*)\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\): (?<severity>error|warning) (?<id>[A-Z]+\d+):")]
    private static partial Regex DiagnosticLine();
}

/// <summary>One error or warning line MSBuild printed.</summary>
/// <param name="File">The file, as printed (a full path).</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
/// <param name="Id">The diagnostic ID, e.g. SGEN0010 or CS0246.</param>
/// <param name="Text">The whole line.</param>
internal sealed record BuildError(string File, int Line, int Column, string Id, string Text)
{
    /// <summary>True for a warning line.</summary>
    public bool IsWarning { get; init; }
}
