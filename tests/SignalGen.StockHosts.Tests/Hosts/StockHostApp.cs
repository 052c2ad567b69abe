using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace SignalGen.StockHosts.Tests.Hosts;

/// <summary>
/// One run of a built app: <c>dotnet App.dll --urls http://127.0.0.1:0</c> in Development, with a private copy of the
/// database, a journal file for the signals its receivers write and, unless the run keeps the template's own sender,
/// a file for the mail it sends. The port is the one the OS gave, read from the app's own "Now listening on" line.
/// </summary>
public sealed partial class StockHostApp : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private StockHostApp(StockHostProject project, string folder, bool capturesMail)
    {
        Project = project;
        JournalFile = Path.Combine(folder, "journal.jsonl");
        MailFile = capturesMail ? Path.Combine(folder, "mail.jsonl") : null;
        DatabaseFile = Path.Combine(folder, "app.db");
        File.Copy(project.Database, DatabaseFile);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = project.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Path.Combine(project.Output, project.Name + ".dll"), "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__DefaultConnection"] = $"DataSource={DatabaseFile};Cache=Shared";
        start.Environment["STOCKHOSTS_JOURNAL"] = JournalFile;
        start.Environment["STOCKHOSTS_MAIL"] = MailFile ?? "";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, line) => Record(line.Data);
        _process.ErrorDataReceived += (_, line) => Record(line.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"{Project.Name} exited with {_process.ExitCode} before listening:{Environment.NewLine}{Log}"));
    }

    public StockHostProject Project { get; }

    /// <summary>Where the receivers write the signals, one JSON line each.</summary>
    public string JournalFile { get; }

    /// <summary>The app's SQLite database: a copy of the project's, migrated, for this app alone.</summary>
    public string DatabaseFile { get; }

    /// <summary>Where the captured sender writes mail; null when the run keeps the template's own sender.</summary>
    public string? MailFile { get; }

    /// <summary>The app's address, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What the app has written to its console so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<StockHostApp> StartAsync(StockHostProject project, string folder, bool capturesMail, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var app = new StockHostApp(project, folder, capturesMail);
        app._process.Start();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        try
        {
            app.BaseAddress = new Uri(await app._listening.Task.WaitAsync(StartTimeout, cancellationToken));
        }
        catch (TimeoutException)
        {
            await app.DisposeAsync();
            throw new TimeoutException($"{project.Name} did not listen within {StartTimeout}:{Environment.NewLine}{app.Log}");
        }

        return app;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(match.Groups["address"].Value);
        }
    }

    [GeneratedRegex(@"Now listening on: (?<address>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
