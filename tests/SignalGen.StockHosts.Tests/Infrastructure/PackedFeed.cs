using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SignalGen.Testing;

namespace SignalGen.StockHosts.Tests.Infrastructure;

/// <summary>
/// SignalGen and SignalGen.Identity packed with dotnet pack into a local folder feed, under a version of this run's
/// own (0.1.0-stockhosts.*), so a restore can only take them from this feed, never from an earlier run's cache.
/// </summary>
public sealed class PackedFeed
{
    private static readonly string[] Projects = ["src/SignalGen/SignalGen.csproj", "src/SignalGen.Identity/SignalGen.Identity.csproj"];
    private static readonly string[] PackageIds = ["signalgen", "signalgen.identity"];

    private PackedFeed(string directory, string version)
    {
        Directory = directory;
        Version = version;
    }

    /// <summary>The folder holding the .nupkg files.</summary>
    public string Directory { get; }

    /// <summary>The version both packages have.</summary>
    public string Version { get; }

    public static async Task<PackedFeed> PackAsync(string root, CancellationToken cancellationToken)
    {
        var feed = Path.Combine(root, "feed");
        var suffix = "stockhosts." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var project in Projects)
        {
            // Its own artifacts folder: the solution build that runs these tests keeps its obj/ and bin/ to itself.
            var pack = await DotNetCommand.Run(
                DotNetCommand.RepositoryRoot,
                ["pack", project, "-c", "Release", "-o", feed, "--artifacts-path", Path.Combine(root, "pack-artifacts"),
                 "-p:VersionSuffix=" + suffix, "-nologo", "-nodeReuse:false", "--disable-build-servers"],
                cancellationToken);
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet pack failed: " + pack);
            }
        }

        var package = System.IO.Directory.GetFiles(feed, "SignalGen.0.*.nupkg").Single();
        return new PackedFeed(feed, Path.GetFileNameWithoutExtension(package)["SignalGen.".Length..]);
    }

    /// <summary>Removes this run's packages from the NuGet cache the apps restored them into; no later run can use them.</summary>
    public void RemoveFromNuGetCache()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in PackageIds)
        {
            var folder = Path.Combine(cache, id, Version);
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }
    }
}
