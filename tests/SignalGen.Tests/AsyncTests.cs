using System;
using System.Threading;
using System.Threading.Tasks;
using SignalGen.Tests.Contract;
using Xunit;

namespace SignalGen.Tests;

public sealed class AsyncTests
{
    private readonly Signals _signals = new();

    [Fact]
    public void SendAsync_completes_synchronously_when_every_receiver_does()
    {
        var log = new CallLog();

        var pending = _signals.SendAsync(new Awaited(log, new AsyncStep { Yield = false }));

        Assert.True(pending.IsCompletedSuccessfully);
        Assert.Equal(["Sync", "ValueTask:none", "Task", "SyncAfter"], log.Calls);
    }

    [Fact]
    public async Task SendAsync_awaits_receivers_in_order_when_they_really_await()
    {
        var log = new CallLog();
        using var source = new CancellationTokenSource();

        await _signals.SendAsync(new Awaited(log, new AsyncStep { Yield = true }), source.Token);

        Assert.Equal(["Sync", "ValueTask:cancellable", "Task", "SyncAfter"], log.Calls);
    }

    [Fact]
    public void Send_waits_for_async_receivers_like_Djangos_async_to_sync()
    {
        var log = new CallLog();

        _signals.Send(new Awaited(log, new AsyncStep { Yield = true }));

        Assert.Equal(["Sync", "ValueTask:none", "Task", "SyncAfter"], log.Calls);
    }

    [Fact]
    public async Task An_exception_after_an_await_faults_the_task_and_stops_later_receivers()
    {
        var log = new CallLog();

        await Assert.ThrowsAsync<TimeoutException>(async () =>
            await _signals.SendAwaitedAsync(log, new AsyncStep { Yield = true, ThrowFromAsync = new TimeoutException() }));

        Assert.Equal(["Sync"], log.Calls);
    }

    [Fact]
    public async Task SendRobustAsync_records_an_exception_thrown_after_an_await_and_runs_the_rest()
    {
        var log = new CallLog();

        var result = await _signals.SendRobustAsync(new Awaited(log, new AsyncStep { Yield = true, ThrowFromAsync = new TimeoutException() }));

        Assert.Equal(["Sync", "Task", "SyncAfter"], log.Calls);
        var failure = Assert.Single(result.Failures);
        Assert.IsType<TimeoutException>(failure.Exception);
        Assert.Equal("SignalGen.Tests.AsyncReceivers.ValueTaskReceiver(CallLog, AsyncStep, CancellationToken)", failure.Receiver);
    }

    [Fact]
    public async Task An_already_cancelled_token_runs_no_receiver()
    {
        var log = new CallLog();
        using var source = new CancellationTokenSource();
        await source.CancelAsync();

        var pending = _signals.SendAsync(new Awaited(log, new AsyncStep()), source.Token);

        Assert.True(pending.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _signals.SendRobustAsync(new Awaited(log, new AsyncStep()), source.Token));
        Assert.Empty(log.Calls);
    }

    [Fact]
    public async Task Cancellation_during_a_send_stops_before_the_next_receiver()
    {
        var log = new CallLog();
        using var source = new CancellationTokenSource();
        var step = new AsyncStep { Yield = true, CancelDuringFirstAwait = source };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _signals.SendAsync(new Awaited(log, step), source.Token));

        // The ValueTask receiver finished its own work; the Task receiver after it never started.
        Assert.Equal(["Sync", "ValueTask:cancellable"], log.Calls);
    }

    [Fact]
    public void Cancellation_stops_before_the_next_receiver_when_receivers_complete_synchronously_too()
    {
        // Same point of stopping as when the receiver really awaits: the check sits between receivers, not in the continuation only.
        var log = new CallLog();
        using var source = new CancellationTokenSource();
        var step = new AsyncStep { Yield = false, CancelDuringFirstAwait = source };

        var pending = _signals.SendAsync(new Awaited(log, step), source.Token);

        Assert.True(pending.IsCanceled);
        Assert.Equal(["Sync", "ValueTask:cancellable"], log.Calls);
    }

    [Fact]
    public void Robust_send_cancelled_between_synchronous_receivers_is_cancelled_not_faulted()
    {
        var log = new CallLog();
        using var source = new CancellationTokenSource();
        var step = new AsyncStep { Yield = false, CancelDuringFirstAwait = source };

        var pending = _signals.SendRobustAsync(new Awaited(log, step), source.Token);

        Assert.True(pending.IsCanceled);
        Assert.Equal(["Sync", "ValueTask:cancellable"], log.Calls);
    }

    [Fact]
    public async Task Cancellation_is_not_recorded_as_a_receiver_failure_by_a_robust_send()
    {
        var log = new CallLog();
        using var source = new CancellationTokenSource();
        var step = new AsyncStep { Yield = true, CancelDuringFirstAwait = source };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _signals.SendRobustAsync(new Awaited(log, step), source.Token));

        Assert.Equal(["Sync", "ValueTask:cancellable"], log.Calls);
    }
}
