using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;
using SignalGen.AuthSample.Tests;
using SignalGen.StockHosts.Tests.Flows;
using SignalGen.StockHosts.Tests.Hosts;
using SignalGen.StockHosts.Tests.Infrastructure;
using SignalGen.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(StockHostsFixture))]

// The tests mostly wait on apps and builds, not on this process: more of them at once than the two cores, so each
// host's flows run while the other apps still build.
[assembly: CollectionBehavior(MaxParallelThreads = 8)]

namespace SignalGen.StockHosts.Tests.Hosts;

/// <summary>
/// Everything the stock-host tests share: the packed feed, each app made and built once per package line (at most
/// <see cref="BuildConcurrency"/> at a time), the running apps, and each flow run once, whoever asks first (its own
/// test, or the docs table, which needs them all).
/// </summary>
public sealed class StockHostsFixture : IAsyncLifetime
{
    /// <summary>Builds at once: one per core.</summary>
    public const int BuildConcurrency = 2;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "signalgen-stockhosts", Guid.NewGuid().ToString("N"));
    private readonly SemaphoreSlim _builds = new(BuildConcurrency);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<(HostKind, PackageLine), Lazy<Task<StockHostProject>>> _projects = new();
    private readonly ConcurrentDictionary<(HostKind, PackageLine, bool), Lazy<Task<StockHostApp>>> _apps = new();
    private readonly ConcurrentDictionary<(PackageLine, FlowDefinition), Lazy<Task<IReadOnlyList<ObservedStep>>>> _flows = new();
    private readonly ConcurrentQueue<string> _report = new();
    private readonly Lazy<Task<(IPlaywright Playwright, IBrowser Browser)>> _chromium = new(LaunchChromiumAsync);
    private readonly LocalPackageFeed _feed = new();

    public async ValueTask InitializeAsync()
    {
        // Builds run from dotnet ef too, where no command-line switch reaches: no MSBuild node or build server may outlive them.
        Environment.SetEnvironmentVariable("MSBUILDDISABLENODEREUSE", "1");
        Environment.SetEnvironmentVariable("DOTNET_CLI_USE_MSBUILD_SERVER", "0");
        Directory.CreateDirectory(_root);
        var clock = Stopwatch.StartNew();
        await _feed.InitializeAsync();
        _report.Enqueue($"pack SignalGen and SignalGen.Identity {_feed.Version} (or find them packed by another test project): {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Runs <paramref name="flow"/> at <paramref name="line"/> once; later callers get the same run.</summary>
    public Task<IReadOnlyList<ObservedStep>> RunFlowAsync(PackageLine line, FlowDefinition flow) =>
        _flows.GetOrAdd((line, flow), key => new Lazy<Task<IReadOnlyList<ObservedStep>>>(() => RunAsync(key.Item1, key.Item2))).Value;

    public Task<StockHostApp> AppAsync(HostKind host, PackageLine line, bool capturesMail) =>
        _apps.GetOrAdd((host, line, capturesMail), key => new Lazy<Task<StockHostApp>>(() => StartAppAsync(key.Item1, key.Item2, key.Item3))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(app => app.IsValueCreated && app.Value.IsCompletedSuccessfully))
        {
            await app.Value.Result.DisposeAsync();
        }

        if (_chromium.IsValueCreated && _chromium.Value.IsCompletedSuccessfully)
        {
            await _chromium.Value.Result.Browser.DisposeAsync();
            _chromium.Value.Result.Playwright.Dispose();
        }

        WriteReport();
        await _feed.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process that is exiting only leaves a temp folder behind.
        }
    }

    private async Task<IReadOnlyList<ObservedStep>> RunAsync(PackageLine line, FlowDefinition flow)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var app = await AppAsync(flow.Host, line, flow.CapturesMail);
        await using var session = new FlowSession(app, flow.Host, line, flow.Name, ChromiumAsync, cancellationToken);
        var clock = Stopwatch.StartNew();
        try
        {
            await flow.Run(session);
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.IAssertionException and not OperationCanceledException)
        {
            // A page that did not say what it should, a timeout: the journal and the app's log say what happened.
            throw new InvalidOperationException($"{session.Describe()}: {exception.Message}{Environment.NewLine}{session.Diagnostics()}", exception);
        }

        _report.Enqueue($"flow {flow} at {line}: {clock.Elapsed.TotalSeconds:F1} s");
        return session.Steps;
    }

    /// <summary>Headless Chromium, launched once for the flows that need a real browser (passkeys).</summary>
    private async Task<IBrowser> ChromiumAsync() => (await _chromium.Value).Browser;

    private static async Task<(IPlaywright, IBrowser)> LaunchChromiumAsync()
    {
        var executable = ChromiumLocator.Find(message =>
        {
            Console.Error.WriteLine(message);
            TestContext.Current.SendDiagnosticMessage(message);
        });
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true, Args = ["--no-sandbox"] });
        return (playwright, browser);
    }

    private Task<StockHostProject> ProjectAsync(HostKind host, PackageLine line) =>
        _projects.GetOrAdd((host, line), key => new Lazy<Task<StockHostProject>>(() => BuildAsync(key.Item1, key.Item2))).Value;

    private async Task<StockHostProject> BuildAsync(HostKind host, PackageLine line)
    {
        var work = Path.Combine(_root, "work", line.ToString());
        lock (_builds)
        {
            // The user's own nuget.config beside their apps, adding the local feed as a package source.
            if (!File.Exists(Path.Combine(work, "nuget.config")))
            {
                Directory.CreateDirectory(work);
                _feed.WriteNuGetConfig(work);
            }
        }

        await _builds.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            var started = _clock.Elapsed;
            var project = await StockHostProject.CreateAsync(host, line, work, _feed, TestContext.Current.CancellationToken);
            _report.Enqueue(
                $"build {host} at {line} ({DependencyVersions.Of(line)}): {project.Total.TotalSeconds:F1} s, from {started.TotalSeconds:F0} s to {_clock.Elapsed.TotalSeconds:F0} s after packing ("
                + string.Join(", ", project.Timings.Select(timing => $"{timing.Step} {timing.Took.TotalSeconds:F1} s")) + ")");
            return project;
        }
        finally
        {
            _builds.Release();
        }
    }

    private async Task<StockHostApp> StartAppAsync(HostKind host, PackageLine line, bool capturesMail)
    {
        var project = await ProjectAsync(host, line);
        var folder = Path.Combine(_root, "runs", $"{host}-{line}-{(capturesMail ? "mail" : "no-op-sender")}");
        return await StockHostApp.StartAsync(project, folder, capturesMail, TestContext.Current.CancellationToken);
    }

    /// <summary>What the builds and flows took, for the CI log and artifacts/stockhosts-timings.txt.</summary>
    private void WriteReport()
    {
        var text = new StringBuilder().AppendLine($"Stock hosts, {_clock.Elapsed.TotalSeconds:F0} s in all:");
        foreach (var line in _report)
        {
            text.AppendLine("  " + line);
        }

        var folder = Path.Combine(DotNetCommand.RepositoryRoot, "artifacts");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "stockhosts-timings.txt"), text.ToString());
        Console.WriteLine(text);
    }
}
