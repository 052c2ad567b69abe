using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SignalGen.Tests.Contract;
using Xunit;

namespace SignalGen.Tests;

public sealed class ModeTests
{
    private readonly Signals _signals = new();

    [Fact]
    public void Send_stops_at_the_first_exception_and_it_reaches_the_sender()
    {
        var log = new CallLog();

        var exception = Assert.Throws<InvalidOperationException>(() => _signals.Send(new Vetoed(log, fail: true)));

        Assert.Equal("first failure", exception.Message);
        Assert.Equal(["Before", "Failing"], log.Calls);
    }

    [Fact]
    public void Veto_mode_convenience_send_propagates_the_first_exception()
    {
        var log = new CallLog();

        Assert.Throws<InvalidOperationException>(() => _signals.SendVetoed(log, fail: true));

        Assert.Equal(["Before", "Failing"], log.Calls);
    }

    [Fact]
    public async Task SendAsync_stops_at_the_first_exception_and_faults_the_task()
    {
        var log = new CallLog();

        var pending = _signals.SendAsync(new Vetoed(log, fail: true));

        Assert.True(pending.IsFaulted, "a synchronous receiver failure is reported through the task, not thrown from the call");
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await pending);
        Assert.Equal(["Before", "Failing"], log.Calls);
    }

    [Fact]
    public void SendRobust_runs_every_receiver_and_returns_each_failure_with_its_receiver()
    {
        var log = new CallLog();

        var result = _signals.SendRobust(new Vetoed(log, fail: true));

        Assert.Equal(["Before", "Failing", "FailingAsync", "After"], log.Calls);
        Assert.False(result.Succeeded);
        Assert.Equal(4, result.ReceiverCount);
        Assert.Collection(
            result.Failures,
            failure =>
            {
                Assert.Equal("SignalGen.Tests.ModeReceivers.Failing(CallLog, bool)", failure.Receiver);
                Assert.IsType<InvalidOperationException>(failure.Exception);
            },
            failure =>
            {
                Assert.Equal("SignalGen.Tests.ModeReceivers.FailingAsync(CallLog, bool)", failure.Receiver);
                Assert.IsType<ArgumentException>(failure.Exception);
            });
    }

    [Fact]
    public async Task SendRobustAsync_runs_every_receiver_and_returns_each_failure()
    {
        var log = new CallLog();

        var result = await _signals.SendRobustAsync(new Vetoed(log, fail: true));

        Assert.Equal(["Before", "Failing", "FailingAsync", "After"], log.Calls);
        Assert.Equal(2, result.Failures.Count);
        Assert.Equal(4, result.ReceiverCount);
    }

    [Fact]
    public void Robust_mode_convenience_send_returns_failures_and_logs_them_without_argument_values()
    {
        var logger = new RecordingLoggerProvider();
        using var services = new ServiceCollection()
            .AddLogging(builder => builder.AddProvider(logger))
            .BuildServiceProvider();
        var log = new CallLog();

        var result = new Signals(services).SendTolerated(log, fail: true);

        Assert.Equal(["Before", "Failing", "FailingAsync", "After"], log.Calls);
        Assert.Equal(2, result.Failures.Count);
        Assert.Collection(
            logger.Entries,
            entry =>
            {
                Assert.Equal(LogLevel.Error, entry.Level);
                Assert.Equal("Receiver SignalGen.Tests.ModeReceivers.Failing(CallLog, bool) of signal Tolerated failed during a robust send.", entry.Message);
                Assert.IsType<InvalidOperationException>(entry.Exception);
            },
            entry => Assert.IsType<ArgumentException>(entry.Exception));
    }

    [Fact]
    public void Robust_send_with_no_failure_succeeds_and_logs_nothing()
    {
        var logger = new RecordingLoggerProvider();
        using var services = new ServiceCollection().AddLogging(builder => builder.AddProvider(logger)).BuildServiceProvider();
        var log = new CallLog();

        var result = new Signals(services).SendTolerated(log, fail: false);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Failures);
        Assert.Empty(logger.Entries);
        result.ThrowIfFailed();
    }

    [Fact]
    public void All_then_throw_runs_every_receiver_then_throws_one_AggregateException()
    {
        var log = new CallLog();

        var exception = Assert.Throws<AggregateException>(() => _signals.SendAllThenThrow(log, fail: true));

        Assert.Equal(["Before", "Failing", "FailingAsync", "After"], log.Calls);
        Assert.Collection(
            exception.InnerExceptions,
            inner => Assert.IsType<InvalidOperationException>(inner),
            inner => Assert.IsType<ArgumentException>(inner));
    }

    [Fact]
    public async Task All_then_throw_async_faults_the_task_with_one_AggregateException_after_every_receiver()
    {
        var log = new CallLog();

        var pending = _signals.SendAllThenThrowAsync(log, fail: true);
        var exception = await Assert.ThrowsAsync<AggregateException>(async () => await pending);

        Assert.Equal(["Before", "Failing", "FailingAsync", "After"], log.Calls);
        Assert.Equal(2, exception.InnerExceptions.Count);
    }

    [Fact]
    public void A_failing_receiver_leaves_the_sender_usable()
    {
        var log = new CallLog();
        Assert.Throws<InvalidOperationException>(() => _signals.SendVetoed(log, fail: true));

        var after = new CallLog();
        _signals.SendVetoed(after, fail: false);

        Assert.Equal(["Before", "Failing", "FailingAsync", "After"], after.Calls);
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider, ILogger
    {
        private readonly List<(LogLevel Level, string Message, Exception? Exception)> _entries = [];

        public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return _entries.ToArray();
                }
            }
        }

        public ILogger CreateLogger(string categoryName)
        {
            Assert.Equal("SignalGen", categoryName);
            return this;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_entries)
            {
                _entries.Add((logLevel, formatter(state, exception), exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
