using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SignalGen.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(SignalGen.Package.Tests.Infrastructure.LocalPackageFeed))]

namespace SignalGen.Package.Tests.Infrastructure;

/// <summary>
/// Packs SignalGen and SignalGen.Identity once per test run, with <c>dotnet pack</c> as a release would,
/// into a local folder feed. Each run gets a version of its own (0.1.0-pkgtest.*), so a restore can only
/// take these packages from this feed, never an earlier run's copy from the NuGet cache.
/// </summary>
public sealed class LocalPackageFeed : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "signalgen-package-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The folder feed holding the .nupkg and .snupkg files.</summary>
    public string FeedDirectory => Path.Combine(_root, "feed");

    /// <summary>The version every package of this run has.</summary>
    public string Version { get; private set; } = "";

    /// <summary>A temporary folder for one test's project, removed with the feed.</summary>
    public string NewWorkDirectory(string name)
    {
        var path = Path.Combine(_root, "work", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The path of a package file of this run, such as <c>SignalGen</c> with <c>.nupkg</c>.</summary>
    public string PackagePath(string id, string extension = ".nupkg") => Path.Combine(FeedDirectory, $"{id}.{Version}{extension}");

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var suffix = "pkgtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var project in new[] { "src/SignalGen/SignalGen.csproj", "src/SignalGen.Identity/SignalGen.Identity.csproj" })
        {
            // Its own artifacts folder: the solution build that runs these tests keeps its obj/ and bin/ to itself.
            var pack = await DotNetCommand.Run(
                DotNetCommand.RepositoryRoot,
                ["pack", project, "-c", "Release", "-o", FeedDirectory, "--artifacts-path", Path.Combine(_root, "artifacts"),
                 "-p:VersionSuffix=" + suffix, "-nologo", "-nodeReuse:false", "--disable-build-servers"],
                TestContext.Current.CancellationToken);
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet pack failed: " + pack);
            }
        }

        var package = Directory.GetFiles(FeedDirectory, "SignalGen.0.*.nupkg").Single();
        Version = Path.GetFileNameWithoutExtension(package)["SignalGen.".Length..];
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        DeleteIfPresent(_root);

        // Restores copied this run's packages into the NuGet cache; they are of no use to any later run.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (Version.Length > 0)
        {
            foreach (var id in new[] { "signalgen", "signalgen.identity" })
            {
                DeleteIfPresent(Path.Combine(cache, id, Version));
                if (Directory.Exists(Path.Combine(cache, id)) && !Directory.EnumerateFileSystemEntries(Path.Combine(cache, id)).Any())
                {
                    Directory.Delete(Path.Combine(cache, id));
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    private static void DeleteIfPresent(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
