using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Reflection;
using System.Threading.Tasks;
using AuthSample.Receivers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace SignalGen.AuthSample.Tests;

/// <summary>
/// The usage example's welcome mail is a durable receiver: it arrives after the sign-up, from Wolverine's worker, once;
/// and when the app is killed after the sign-up committed and before the mail was written, it arrives once the app
/// is started again.
/// </summary>
public sealed class DurableWelcomeMailTests(AuthSampleServer server)
{
    [Fact]
    public async Task The_welcome_mail_arrives_after_the_signup_once()
    {
        var page = await server.NewPageAsync();
        var email = PageSteps.NewEmail("welcome");

        await page.SignUpAsync(email);
        await page.GotoAsync("/mail");
        await ExpectWelcomeAsync(page, email);

        Assert.Equal(1, await server.QueryAsync(db => db.SentEmails.CountAsync(mail => mail.To == email && mail.Subject == WelcomeMail.Subject)));
    }

    [Fact]
    public async Task Killed_after_the_signup_committed_the_restarted_app_sends_the_welcome_mail_once()
    {
        var folder = Directory.CreateTempSubdirectory("authsample-crash-").FullName;
        var database = Path.Combine(folder, "authsample.db");
        var email = PageSteps.NewEmail("crash");
        try
        {
            // The first process stops the sign-up's commit once done, before the welcome mail's message reaches the queue.
            using (var first = await SampleProcess.StartAsync(database, hold: true))
            {
                var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = first.BaseUrl });
                var page = await context.NewPageAsync();
                await page.GotoAsync("/Account/Register");
                await page.FillAsync("#email", email);
                await page.FillAsync("#password", PageSteps.Password);
                // The click's navigation never completes: the response is held, then the process is gone.
                var submit = page.ClickAsync("#register");
                _ = submit.ContinueWith(task => task.Exception, TaskScheduler.Default);
                await first.WaitForHoldAsync();
                first.Kill();
                await Task.WhenAny(submit, Task.Delay(TimeSpan.FromSeconds(10)));
                await context.CloseAsync();
            }

            Assert.Equal((1, 0), Count(database, email));

            using var second = await SampleProcess.StartAsync(database, hold: false);
            var again = await server.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = second.BaseUrl });
            var mail = await again.NewPageAsync();
            await mail.GotoAsync("/mail");
            await ExpectWelcomeAsync(mail, email);
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal((1, 1), Count(database, email));
            await again.CloseAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Reloads the mail sink until it lists the welcome mail to <paramref name="email"/> (the worker writes it after the request).</summary>
    private static async Task ExpectWelcomeAsync(IPage page, string email)
    {
        var welcome = page.Locator("#mail tr").Filter(new() { Has = page.Locator($"td:text-is('{email}')") }).Filter(new() { HasText = WelcomeMail.Subject });
        var clock = Stopwatch.StartNew();
        while (await welcome.CountAsync() == 0 && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(250);
            await page.ReloadAsync();
        }

        await Expect(welcome).ToHaveCountAsync(1);
    }

    /// <summary>The user rows and the welcome mails of <paramref name="email"/>, read from the file with plain SQL.</summary>
    private static (long Users, long Welcomes) Count(string database, string email)
    {
        using var connection = new SqliteConnection("Data Source=" + database);
        connection.Open();
        return (Scalar(connection, "SELECT count(*) FROM AspNetUsers WHERE Email = $email", email), Scalar(connection, "SELECT count(*) FROM SentEmails WHERE \"To\" = $email AND Subject = '" + WelcomeMail.Subject + "'", email));
    }

    private static long Scalar(SqliteConnection connection, string sql, string email)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$email", email);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>tests/Fixtures/AuthSampleHost: the sample in a process of its own, on a free loopback port.</summary>
    private sealed class SampleProcess : IDisposable
    {
        private static readonly string s_path = typeof(SampleProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "AuthSampleHost").Value!;

        private readonly Process _process;
        private readonly TaskCompletionSource _hold = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly System.Text.StringBuilder _output = new();

        private SampleProcess(Process process, string baseUrl)
        {
            _process = process;
            BaseUrl = baseUrl;
            _process.OutputDataReceived += (_, line) => Received(line.Data);
            _process.ErrorDataReceived += (_, line) => Received(line.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public string BaseUrl { get; }

        public static async Task<SampleProcess> StartAsync(string database, bool hold)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var baseUrl = "http://127.0.0.1:" + port;
            var start = new ProcessStartInfo("dotnet", [s_path, "--urls", baseUrl, "--ConnectionStrings:AuthSample", "Data Source=" + database])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetDirectoryName(s_path)!,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            if (hold)
            {
                start.Environment["AUTHSAMPLE_HOLD"] = "after-commit";
            }

            var sample = new SampleProcess(Process.Start(start)!, baseUrl);
            using var http = new HttpClient();
            var clock = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    if ((await http.GetAsync(baseUrl + "/")).IsSuccessStatusCode)
                    {
                        return sample;
                    }
                }
                catch (HttpRequestException) when (clock.Elapsed < TimeSpan.FromSeconds(60) && !sample._process.HasExited)
                {
                }

                if (clock.Elapsed > TimeSpan.FromSeconds(60) || sample._process.HasExited)
                {
                    throw new InvalidOperationException("AuthSample did not start. Output:" + Environment.NewLine + sample.Output);
                }

                await Task.Delay(200);
            }
        }

        private string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public async Task WaitForHoldAsync()
        {
            if (await Task.WhenAny(_hold.Task, Task.Delay(TimeSpan.FromSeconds(60))) != _hold.Task)
            {
                throw new InvalidOperationException("The sign-up did not reach its commit. Output:" + Environment.NewLine + Output);
            }
        }

        /// <summary>SIGKILL: nothing of the app's shutdown runs.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private void Received(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }

            if (line.StartsWith("HOLD ", StringComparison.Ordinal))
            {
                _hold.TrySetResult();
            }
        }
    }
}
