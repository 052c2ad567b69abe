using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace SignalGen.Identity.Tests;

/// <summary>What the flows write to logs, at every level: no e-mail addresses.</summary>
public sealed class LogPrivacyTests
{
    [Fact]
    public async Task AddressConfirmation_WithAForgedToken_LogsNoAddress()
    {
        var logs = new LogCapture();
        await using var host = new IdentityHost(services => services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        var id = await host.CreateUserAsync("eve@example.com");
        await host.RequestAsync(async request => Assert.True((await request.Emails.AddAsync(await request.UserAsync(id), "eve@work.example")).Succeeded));

        var result = await host.RequestAsync(async request => await request.Emails.ConfirmAsync(await request.UserAsync(id), "eve@work.example", "forged"));

        Assert.False(result.Succeeded);
        // Identity logs a failed token check with its purpose (Debug): the capture sees it, without the address.
        Assert.Contains(logs.Messages, message => message.Contains("VerifyUserTokenAsync() failed", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, message => message.Contains("eve@work.example", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class LogCapture : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception) + " " + exception);
        }
    }
}
