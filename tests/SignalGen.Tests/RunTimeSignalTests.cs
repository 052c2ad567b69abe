using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SignalGen.Tests.Contract;
using Xunit;

namespace SignalGen.Tests;

/// <summary>
/// Signals chosen at run time, held as the schema's <see cref="ISignal"/>: each send overload behaves
/// exactly as the typed send of the signal's own type, and anything else is refused with a clear error.
/// </summary>
public sealed class RunTimeSignalTests
{
    private readonly Signals _signals = new();

    [Fact]
    public void Every_signal_reports_its_own_kind()
    {
        var log = new CallLog();
        ISignal[] signals =
        [
            new Ordered(log), new Bound(1, "two", log), new Vetoed(log, false), new Tolerated(log, false), new AllThenThrow(log, false),
            new Awaited(log, new AsyncStep()), new Counted(new Counter()), new Connected(1), new Unheard(1), new Outer(_signals, log),
            new Inner(log), new Resolved(log), new CountedByInstance(new Counter()), new Staged("ann@example.com", 1, null, log),
        ];

        Assert.Equal(Enum.GetValues<Signal>(), signals.Select(signal => signal.Kind));
    }

    [Fact]
    public void Send_of_a_boxed_signal_calls_the_receivers_of_its_type_in_order()
    {
        var typed = new CallLog();
        var boxed = new CallLog();

        _signals.Send(new Ordered(typed));
        ISignal signal = new Ordered(boxed);
        _signals.Send(signal);

        Assert.NotEmpty(boxed.Calls);
        Assert.Equal(typed.Calls, boxed.Calls);
    }

    [Fact]
    public void Send_of_a_boxed_signal_binds_its_arguments()
    {
        var typed = new CallLog();
        var boxed = new CallLog();

        _signals.Send(new Bound(7, "seven", typed));
        _signals.Send((ISignal)new Bound(7, "seven", boxed));

        Assert.Contains(boxed.Calls, call => call.Contains("seven", StringComparison.Ordinal));
        Assert.Equal(typed.Calls, boxed.Calls);
    }

    [Fact]
    public void Send_of_a_failing_signal_throws_what_the_typed_send_throws()
    {
        var typed = new CallLog();
        var boxed = new CallLog();

        var expected = Record.Exception(() => _signals.Send(new AllThenThrow(typed, fail: true)));
        var actual = Record.Exception(() => _signals.Send((ISignal)new AllThenThrow(boxed, fail: true)));

        Assert.NotNull(expected);
        Assert.IsType(expected.GetType(), actual);
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(typed.Calls, boxed.Calls);
    }

    [Fact]
    public void SendRobust_returns_every_failure_as_the_typed_send_does()
    {
        var typed = _signals.SendRobust(new Tolerated(new CallLog(), fail: true));
        var boxed = _signals.SendRobust((ISignal)new Tolerated(new CallLog(), fail: true));

        Assert.False(boxed.Succeeded);
        Assert.Equal(typed.ReceiverCount, boxed.ReceiverCount);
        Assert.Equal(typed.Failures.Select(failure => failure.Receiver), boxed.Failures.Select(failure => failure.Receiver));
    }

    [Fact]
    public async Task SendAsync_awaits_receivers_that_really_await()
    {
        var log = new CallLog();
        using var source = new CancellationTokenSource();

        await _signals.SendAsync((ISignal)new Awaited(log, new AsyncStep { Yield = true }), source.Token);

        Assert.Equal(["Sync", "ValueTask:cancellable", "Task", "SyncAfter"], log.Calls);
    }

    [Fact]
    public async Task SendAsync_passes_the_cancellation_token()
    {
        using var source = new CancellationTokenSource();
        await source.CancelAsync();

        var pending = _signals.SendAsync((ISignal)new Awaited(new CallLog(), new AsyncStep()), source.Token);

        Assert.True(pending.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pending);
    }

    [Fact]
    public async Task SendRobustAsync_returns_every_failure()
    {
        var typed = await _signals.SendRobustAsync(new Tolerated(new CallLog(), fail: true));
        var boxed = await _signals.SendRobustAsync((ISignal)new Tolerated(new CallLog(), fail: true));

        Assert.False(boxed.Succeeded);
        Assert.Equal(typed.Failures.Select(failure => failure.Receiver), boxed.Failures.Select(failure => failure.Receiver));
    }

    [Fact]
    public void Connected_receivers_get_boxed_signals_too()
    {
        var received = 0;
        using (Signals.Connect((Connected signal) => received += signal.Value))
        {
            _signals.Send((ISignal)new Connected(5));
        }

        Assert.Equal(5, received);
    }

    [Fact]
    public void Null_is_refused()
    {
        Assert.Throws<ArgumentNullException>("signal", () => _signals.Send((ISignal)null!));
        Assert.Throws<ArgumentNullException>("signal", () => _signals.SendRobust((ISignal)null!));
    }

    [Fact]
    public async Task A_hand_written_signal_is_refused_with_its_type_and_the_sender_named()
    {
        var impostor = new Impostor(Signal.Ordered);

        var exception = Assert.Throws<ArgumentException>("signal", () => _signals.Send(impostor));
        Assert.Contains(typeof(Impostor).FullName!, exception.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(Signals).FullName!, exception.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("signal", () => _signals.SendRobust(impostor));
        await Assert.ThrowsAsync<ArgumentException>("signal", async () => await _signals.SendAsync(impostor));
        await Assert.ThrowsAsync<ArgumentException>("signal", async () => await _signals.SendRobustAsync(impostor));
    }

    [Fact]
    public void A_kind_outside_the_schema_is_refused()
    {
        Assert.Throws<ArgumentException>("signal", () => _signals.Send(new Impostor((Signal)1_000)));
    }

    private sealed class Impostor(Signal kind) : ISignal
    {
        public Signal Kind => kind;
    }
}
