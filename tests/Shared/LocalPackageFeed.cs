using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SignalGen.Testing;

/// <summary>
/// The SignalGen, SignalGen.Identity and SignalGen.Wolverine packages, made by <c>dotnet pack</c> as a release would, in a local
/// folder feed. Linked into each test project that installs them (tests/Shared) and used as an assembly
/// fixture (<c>[assembly: AssemblyFixture(typeof(LocalPackageFeed))]</c>).
/// </summary>
/// <remarks>
/// Packing takes a minute on two cores, and <c>dotnet test</c> runs the test projects side by side, so the
/// packages are made once per content: the feed lives in <c>artifacts/package-feed/&lt;key&gt;/</c>, keyed by a
/// hash of every file that goes into them, and the first process to get the folder's lock packs while the
/// others wait, then all use the same feed. The version (<c>0.1.0-pkgtest.&lt;key&gt;</c>) is the key, so a
/// restore can only take these bytes, from this feed or from the NuGet cache of an earlier run of the same
/// sources, never an earlier run's different package. Feeds of other keys unused for an hour, and their
/// copies in the NuGet cache, are removed when a new one is made.
/// </remarks>
public sealed class LocalPackageFeed : IAsyncLifetime
{
    private static readonly string[] s_packedProjects = ["src/SignalGen/SignalGen.csproj", "src/SignalGen.Identity/SignalGen.Identity.csproj", "src/SignalGen.Wolverine/SignalGen.Wolverine.csproj"];

    // What the packages are built from: a change to any file here is a new key.
    private static readonly string[] s_inputFolders = ["src/SignalGen", "src/SignalGen.Identity", "src/SignalGen.Wolverine", "generator", "analyzers"];
    private static readonly string[] s_inputFiles = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json"];

    private readonly string _work = Path.Combine(Path.GetTempPath(), "signalgen-package-tests", Guid.NewGuid().ToString("N"));
    private string _root = "";

    /// <summary>The folder feed holding the .nupkg and .snupkg files.</summary>
    public string FeedDirectory => Path.Combine(_root, "feed");

    /// <summary>The version every package of this feed has.</summary>
    public string Version { get; private set; } = "";

    /// <summary>A temporary folder for one test's project, removed when the test project's run ends.</summary>
    public string NewWorkDirectory(string name)
    {
        var path = Path.Combine(_work, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Writes <c>nuget.config</c> into <paramref name="folder"/>, adding this feed to the sources the machine is set up with.</summary>
    public void WriteNuGetConfig(string folder) => File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="signalgen-local" value="{FeedDirectory}" />
          </packageSources>
        </configuration>
        """);

    /// <summary>The path of a package file of this feed, such as <c>SignalGen</c> with <c>.nupkg</c>.</summary>
    public string PackagePath(string id, string extension = ".nupkg") => Path.Combine(FeedDirectory, $"{id}.{Version}{extension}");

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var key = ContentKey();
        var feeds = Path.Combine(DotNetCommand.RepositoryRoot, "artifacts", "package-feed");
        Directory.CreateDirectory(feeds);
        _root = Path.Combine(feeds, key);
        Version = "0.1.0-pkgtest." + key;

        // One lock for all keys: packing a key and removing the others must not overlap.
        using var held = await Lock(Path.Combine(feeds, ".lock"), cancellationToken);
        var done = Path.Combine(_root, "complete");
        if (File.Exists(done))
        {
            // Marks the feed as in use, so a run of other sources does not remove it (RemoveOtherFeeds).
            File.SetLastWriteTimeUtc(done, DateTime.UtcNow);
            return;
        }

        RemoveOtherFeeds(feeds, key);
        DeleteIfPresent(_root);
        foreach (var project in s_packedProjects)
        {
            // Its own artifacts folder: the solution build that runs these tests keeps its obj/ and bin/ to itself.
            var pack = await DotNetCommand.Run(
                DotNetCommand.RepositoryRoot,
                ["pack", project, "-c", "Release", "-o", FeedDirectory, "--artifacts-path", Path.Combine(_root, "build"),
                 "-p:VersionSuffix=pkgtest." + key, "-nologo", "-nodeReuse:false", "--disable-build-servers"],
                cancellationToken);
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet pack failed: " + pack);
            }
        }

        DeleteIfPresent(Path.Combine(_root, "build"));
        await File.WriteAllTextAsync(done, Version, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        // The feed stays for the other test projects of this run and the next run of the same sources.
        DeleteIfPresent(_work);
        return ValueTask.CompletedTask;
    }

    /// <summary>A hash of the relative path and bytes of every file the packages are built from (bin/ and obj/ left out).</summary>
    private static string ContentKey()
    {
        var root = DotNetCommand.RepositoryRoot;
        var files = s_inputFiles.Select(file => Path.Combine(root, file)).Where(File.Exists).ToList();
        foreach (var folder in s_inputFolders)
        {
            files.AddRange(Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories)
                .Where(file => !IsBuildOutput(Path.GetRelativePath(root, file))));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files.Select(file => Path.GetRelativePath(root, file).Replace('\\', '/')).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(root, file)));
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part is "bin" or "obj");

    /// <summary>Waits for an exclusive lock on <paramref name="path"/>, which other processes cannot share until it is disposed.</summary>
    private static async Task<FileStream> Lock(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Feeds of other keys are out of date: remove them, and what restores copied of them into the NuGet cache.
    /// Only those unused for an hour: a source edited while <c>dotnet test</c> runs gives a later test project
    /// another key, and the projects still running on the first feed must keep it.
    /// </summary>
    private static void RemoveOtherFeeds(string feeds, string key)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var unusedSince = DateTime.UtcNow.AddHours(-1);
        foreach (var old in Directory.EnumerateDirectories(feeds).Where(folder => Path.GetFileName(folder) != key && LastUse(folder) < unusedSince))
        {
            foreach (var id in new[] { "signalgen", "signalgen.identity" })
            {
                DeleteIfPresent(Path.Combine(cache, id, "0.1.0-pkgtest." + Path.GetFileName(old)));
            }

            DeleteIfPresent(old);
        }
    }

    private static DateTime LastUse(string feed)
    {
        var done = Path.Combine(feed, "complete");
        return File.Exists(done) ? File.GetLastWriteTimeUtc(done) : Directory.GetLastWriteTimeUtc(feed);
    }

    private static void DeleteIfPresent(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
