using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SignalGen.StockHosts.Tests.Flows;
using SignalGen.StockHosts.Tests.Hosts;
using SignalGen.StockHosts.Tests.Http;
using SignalGen.StockHosts.Tests.Infrastructure;
using Xunit;

namespace SignalGen.StockHosts.Tests;

/// <summary>
/// Many users registering and then logging in at once through MapIdentityApi, on the template's SQLite file: no
/// request fails, each user gets exactly one UserSignedUp, one EmailConfirmationSent, one AuthenticationStepCompleted (the password) and one UserLoggedIn, and every
/// user row has its address row and no address row lacks its user (sign-up writes both in one transaction).
/// </summary>
public sealed class ApiUnderLoad(StockHostsFixture hosts)
{
    /// <summary>
    /// Users per run: 200 by default (each costs two PBKDF2 hashes at Identity's 100,000 iterations, CPU the other
    /// suites share in CI); SIGNALGEN_STOCKHOSTS_LOAD sets another count (the issue's 2,000, run by hand).
    /// </summary>
    private static int Users => int.TryParse(Environment.GetEnvironmentVariable("SIGNALGEN_STOCKHOSTS_LOAD"), out var users) && users > 0 ? users : 200;

    [Fact]
    public async Task Concurrent_registrations_and_log_ins_send_one_signal_each_and_leave_no_orphan_rows()
    {
        var cancellation = TestContext.Current.CancellationToken;

        // Its own app (the template's no-op sender, no captured mail): its own database and journal, nothing else's rows.
        var app = await hosts.AppAsync(HostKind.Api, PackageLine.NewestPatch, capturesMail: false);
        var tag = $"load-{Guid.NewGuid():N}";
        using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Add(HttpBrowser.TagHeader, tag);
        var emails = Enumerable.Range(0, Users).Select(i => $"load-{i}-{Guid.NewGuid().ToString("N")[..8]}@example.com").ToArray();

        var clock = Stopwatch.StartNew();
        var registered = await Task.WhenAll(emails.Select(email => client.PostAsJsonAsync("/register", new { email, password = UiFlows.Password }, cancellation)));
        var registering = clock.Elapsed;
        var loggedIn = await Task.WhenAll(emails.Select(email => client.PostAsJsonAsync("/login", new { email, password = UiFlows.Password }, cancellation)));
        TestContext.Current.SendDiagnosticMessage($"{Users} registrations at once: {registering.TotalSeconds:F1} s; {Users} log-ins at once: {(clock.Elapsed - registering).TotalSeconds:F1} s");

        var failed = await FailuresAsync("POST /register", emails, registered);
        Assert.True(failed.Length == 0, Report(failed, app));
        failed = await FailuresAsync("POST /login", emails, loggedIn);
        Assert.True(failed.Length == 0, Report(failed, app));

        // Every response is in; the confirmation mail's signal is sent as its request completes, so wait for all
        // 4 x users signals, then let one more request through (a mark) and count everything written by then.
        var journal = new JournalFile(app.JournalFile);
        await journal.WaitForAsync(tag, entries => entries.Count(entry => entry["signal"] is not null) >= Users * 4 ? entries : null, FlowSession.Timeout, () => $"{Users * 4} signals", cancellation);
        var mark = Guid.NewGuid().ToString("N");
        Assert.Equal(mark, await client.GetStringAsync($"/stockhosts/mark?id={mark}", cancellation));
        var lines = await journal.WaitForAsync(tag, entries => entries.Any(entry => (string?)entry["mark"] == mark) ? entries : null, FlowSession.Timeout, () => $"mark {mark}", cancellation);
        var signals = lines.Where(entry => entry["signal"] is not null).ToList();
        foreach (var name in new[] { "UserSignedUp", "EmailConfirmationSent", "AuthenticationStepCompleted", "UserLoggedIn" })
        {
            var perUser = signals.Where(entry => (string?)entry["signal"] == name)
                .Select(entry => name == "EmailConfirmationSent" ? (string?)entry["args"]!["confirmation"]!["emailAddress"]!["email"] : (string?)entry["args"]!["user"]!["email"])
                .GroupBy(email => email)
                .ToDictionary(group => group.Key!, group => group.Count());
            Assert.Equal(emails.Order(), perUser.Keys.Order());
            Assert.All(perUser, pair => Assert.True(pair.Value == 1, $"{name} sent {pair.Value} times for {pair.Key}"));
        }

        Assert.Equal(Users * 4, signals.Count);

        await using var database = new SqliteConnection($"DataSource={app.DatabaseFile};Mode=ReadOnly");
        await database.OpenAsync(cancellation);
        Assert.Equal(Users, await CountAsync(database, "SELECT COUNT(*) FROM AspNetUsers"));
        Assert.Equal(Users, await CountAsync(database, "SELECT COUNT(*) FROM SignalGenEmailAddresses"));
        Assert.Equal(0, await CountAsync(database, "SELECT COUNT(*) FROM AspNetUsers u WHERE NOT EXISTS (SELECT 1 FROM SignalGenEmailAddresses a WHERE a.UserId = u.Id)"));
        Assert.Equal(0, await CountAsync(database, "SELECT COUNT(*) FROM SignalGenEmailAddresses a WHERE NOT EXISTS (SELECT 1 FROM AspNetUsers u WHERE u.Id = a.UserId)"));
    }

    private static async Task<string[]> FailuresAsync(string step, string[] emails, HttpResponseMessage[] responses)
    {
        var failures = new List<string>();
        for (var i = 0; i < responses.Length; i++)
        {
            if (responses[i].StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{step} for {emails[i]}: {(int)responses[i].StatusCode} {await responses[i].Content.ReadAsStringAsync()}");
            }
        }

        return failures.Take(5).ToArray();
    }

    private static string Report(string[] failures, StockHostApp app) =>
        string.Join(Environment.NewLine, failures) + Environment.NewLine + "The app's log ends:" + Environment.NewLine + app.Log[^Math.Min(app.Log.Length, 4000)..];

    private static async Task<long> CountAsync(SqliteConnection database, string sql)
    {
        await using var command = database.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
