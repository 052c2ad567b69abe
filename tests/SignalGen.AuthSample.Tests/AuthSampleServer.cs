using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AuthSample;
using AuthSample.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Xunit;

[assembly: AssemblyFixture(typeof(SignalGen.AuthSample.Tests.AuthSampleServer))]

// One test at a time against the shared app: in 2 of 5 full runs a browser step waited out its timeout
// (once at 90 s, right after a logout or login) while test classes ran in parallel beside the packing
// tests; the cause is not found yet (the app's single SQLite file refusing a concurrent write is the
// suspect), and the tests are about flows, not about the sample under concurrent load.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace SignalGen.AuthSample.Tests;

/// <summary>
/// One app and one browser for the whole assembly: the sample on Kestrel at a dynamic loopback port with a SQLite
/// file in a temp folder, and headless Chromium. Tests share them and stay independent by using new users.
/// </summary>
public sealed class AuthSampleServer : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "authsample-tests-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly AppLog _log = new();

    /// <summary>The app's address, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Where screenshots go: artifacts/screenshots at the repository root.</summary>
    public string ScreenshotFolder { get; } = Screenshots();

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("Not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    /// <summary>How long a browser action or a retrying assertion may wait.</summary>
    public const float Timeout = 90_000;

    public async ValueTask InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(Timeout);
        Directory.CreateDirectory(_folder);
        var database = Path.Combine(_folder, "authsample.db");
        _app = AuthSampleApp.Build(
            ["--environment", "Development", "--urls", "http://127.0.0.1:0", "--ConnectionStrings:AuthSample", "Data Source=" + database],
            builder =>
            {
                builder.Configuration["Logging:LogLevel:Default"] = "Warning";
                builder.Logging.AddProvider(_log);
            });
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var chromium = ChromiumLocator.Find(message =>
        {
            Console.Error.WriteLine(message);
            TestContext.Current.SendDiagnosticMessage(message);
        });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
    }

    /// <summary>A new browser context (its own cookies: one "device") and a page in it.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });

        // Generous: dotnet test runs this assembly beside the packing and NativeAOT tests on two cores, where a
        // page that takes 200 ms alone took over 15 s (seen twice in full runs). A timeout still ends a hung test.
        context.SetDefaultTimeout(Timeout);
        context.SetDefaultNavigationTimeout(Timeout);
        return await context.NewPageAsync();
    }

    /// <summary>Runs a query on the app's database in a scope of its own.</summary>
    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _log.WriteTo(Path.Combine(Path.GetDirectoryName(ScreenshotFolder)!, "authsample-app.log"));
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp folder behind.
        }
    }

    private static string Screenshots()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SignalGen.sln")))
        {
            directory = directory.Parent;
        }

        var folder = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
