using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using SignalGen.Testing;

namespace SignalGen.Package.Tests.Consumers;

/// <summary>
/// A project written from scratch in a temporary folder, outside the repository (so none of its
/// Directory.*.props apply), that gets SignalGen the way users do: a PackageReference restored from a
/// feed, here the local folder feed of this run, beside the registry the machine is set up with.
/// </summary>
internal sealed class ConsumerProject
{
    private ConsumerProject(string directory) => Directory = directory;

    /// <summary>The project's folder.</summary>
    public string Directory { get; }

    /// <summary>The version of Microsoft.Extensions.DependencyInjection the repository uses (Directory.Packages.props).</summary>
    public static string DependencyInjectionVersion { get; } = RepositoryVersion("Microsoft.Extensions.DependencyInjection");

    /// <summary>The version of a package the repository uses (Directory.Packages.props), recorded by the test project's build.</summary>
    public static string RepositoryVersion(string package) => typeof(ConsumerProject).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "PackageVersion:" + package).Value!;

    /// <summary>
    /// Writes <c>nuget.config</c> naming the local feed, then <paramref name="files"/> (paths relative to the
    /// project folder, the project file among them).
    /// </summary>
    public static ConsumerProject Create(LocalPackageFeed feed, string name, IReadOnlyDictionary<string, string> files)
    {
        var project = new ConsumerProject(feed.NewWorkDirectory(name));
        feed.WriteNuGetConfig(project.Directory);
        foreach (var (path, text) in files)
        {
            project.Write(path, text);
        }

        return project;
    }

    /// <summary>Writes or replaces a file of the project.</summary>
    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>The full path of a file of the project, as the compiler prints it.</summary>
    public string PathOf(string relativePath) => Path.Combine(Directory, relativePath);

    /// <summary><c>dotnet build</c>, restoring first, as a user's first build does.</summary>
    public Task<CommandResult> Build(CancellationToken cancellationToken) =>
        DotNetCommand.Run(Directory, ["build", "-nologo", "-nodeReuse:false", "--disable-build-servers"], cancellationToken);

    /// <summary><c>dotnet run</c> of what <see cref="Build"/> produced.</summary>
    public Task<CommandResult> Run(CancellationToken cancellationToken) =>
        DotNetCommand.Run(Directory, ["run", "--no-build"], cancellationToken);
}
