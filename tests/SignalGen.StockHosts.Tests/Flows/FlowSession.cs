using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;
using SignalGen.StockHosts.Tests.Hosts;
using SignalGen.StockHosts.Tests.Http;
using SignalGen.StockHosts.Tests.Infrastructure;

namespace SignalGen.StockHosts.Tests.Flows;

/// <summary>The signals one step recorded for the table.</summary>
public sealed record ObservedStep(FlowRow Row, IReadOnlyList<JsonObject> Signals);

/// <summary>
/// One run of one flow against a running app: its tag (on every request, so the journal's lines are its own), its
/// browsers, its users' mail, and the steps it has observed.
/// </summary>
public sealed partial class FlowSession(StockHostApp app, HostKind host, PackageLine line, string flow, Func<Task<IBrowser>> chromium, CancellationToken cancellationToken) : IAsyncDisposable
{
    /// <summary>How long a request or a wait may take: the apps share two cores with the rest of dotnet test.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly List<HttpBrowser> _browsers = [];
    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<ObservedStep> _steps = [];
    private readonly HashSet<int> _readMail = [];
    private readonly JournalFile _journal = new(app.JournalFile);
    private readonly JournalFile _mail = new(app.MailFile);
    private int _consumed;

    public string Tag { get; } = $"{host}-{line}-{flow}-{Guid.NewGuid():N}";

    public CancellationToken Cancellation => cancellationToken;

    public IReadOnlyList<ObservedStep> Steps => _steps;

    /// <summary>
    /// A new Chromium context (its own cookies) for this flow, at http://localhost (WebAuthn accepts no IP address as
    /// its relying party), sending the flow's tag on every request.
    /// </summary>
    public async Task<IBrowserContext> NewChromiumContextAsync()
    {
        var context = await (await chromium()).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = $"http://localhost:{app.BaseAddress.Port}",
            ExtraHTTPHeaders = new Dictionary<string, string> { [HttpBrowser.TagHeader] = Tag },
        });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Timeout.TotalMilliseconds);
        _contexts.Add(context);
        return context;
    }

    /// <summary>A new browser (its own cookies) for this flow.</summary>
    public HttpBrowser NewBrowser()
    {
        var browser = new HttpBrowser(app.BaseAddress, Tag, Timeout);
        _browsers.Add(browser);
        return browser;
    }

    /// <summary>An address no other test uses.</summary>
    public static string NewEmail(string hint) => $"{hint}-{Guid.NewGuid().ToString("N")[..10]}@example.com";

    /// <summary>
    /// Runs one step through <paramref name="browser"/>, then marks the journal on the same connection and returns the
    /// signals written between the previous step's mark and this one.
    /// </summary>
    public Task<StepSignals> StepAsync(FlowRow row, HttpBrowser browser, Func<Task> action) =>
        StepAsync(row, action, id => browser.MarkAsync(id, cancellationToken));

    /// <summary>Runs one step whose requests another client made (a real browser); <paramref name="mark"/> writes the mark.</summary>
    public async Task<StepSignals> StepAsync(FlowRow row, Func<Task> action, Func<string, Task> mark)
    {
        var started = DateTimeOffset.UtcNow;
        await action();
        var ended = DateTimeOffset.UtcNow;
        var id = Guid.NewGuid().ToString("N");
        await mark(id);
        var lines = await _journal.WaitForAsync(
            Tag,
            entries => entries.FirstOrDefault(entry => (string?)entry["mark"] == id) is null ? null : entries,
            Timeout,
            () => $"mark {id}",
            cancellationToken);
        var signals = new List<JsonObject>();
        var index = 0;
        foreach (var entry in lines)
        {
            if (entry["signal"] is not null)
            {
                if (index++ >= _consumed)
                {
                    signals.Add(entry);
                }
            }
            else if ((string?)entry["mark"] == id)
            {
                break;
            }
        }

        _consumed += signals.Count;
        _steps.Add(new ObservedStep(row, signals));
        return new StepSignals(this, row, signals, started, ended);
    }

    /// <summary>Waits for the next unread message to <paramref name="to"/> of <paramref name="kind"/>, returning its link or code, decoded.</summary>
    public async Task<string> MailAsync(string to, string kind)
    {
        if (app.MailFile is null)
        {
            throw new InvalidOperationException("This run keeps the template's own e-mail sender: no mail is captured.");
        }

        var (index, body) = await _mail.WaitForAsync(
            Tag,
            entries => entries.Select((entry, i) => (Index: i, Entry: entry))
                .Where(mail => !_readMail.Contains(mail.Index) && (string?)mail.Entry["to"] == to && ((string?)mail.Entry["kind"])?.Contains(kind, StringComparison.OrdinalIgnoreCase) == true)
                .Select(mail => Tuple.Create(mail.Index, (string)mail.Entry["body"]!))
                .FirstOrDefault(),
            Timeout,
            () => $"a '{kind}' message to {to} (this flow's mail so far: {string.Join("; ", _mail.Read(Tag).Select(mail => $"{mail["kind"]} to {mail["to"]}"))})",
            cancellationToken);
        _readMail.Add(index);

        // The Razor Pages UI sends HTML with the link in an href; Identity's typed sender gets the (HTML-encoded) link or the code.
        return Href().Match(body) is { Success: true } link ? WebUtility.HtmlDecode(link.Groups["href"].Value) : WebUtility.HtmlDecode(body);
    }

    public string Describe() => $"{host} host at {line} ({DependencyVersions.Of(line)}), flow '{flow}'";

    /// <summary>What a failure message shows: every line of this flow's journal, its mail, and the app's recent log.</summary>
    public string Diagnostics()
    {
        var journal = string.Join(Environment.NewLine, _journal.Read(Tag).Select(entry => "  " + entry.ToJsonString()));
        var mail = string.Join(Environment.NewLine, _mail.Read(Tag).Select(entry => "  " + entry.ToJsonString()));
        var log = string.Join(Environment.NewLine, app.Log.Split('\n').TakeLast(80));
        return $"Journal of this flow ({Tag}):{Environment.NewLine}{journal}{Environment.NewLine}Mail:{Environment.NewLine}{mail}{Environment.NewLine}App log (last 80 lines):{Environment.NewLine}{log}";
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var browser in _browsers)
        {
            browser.Dispose();
        }

        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
    }

    [GeneratedRegex("href=['\"](?<href>[^'\"]+)['\"]")]
    private static partial Regex Href();
}
