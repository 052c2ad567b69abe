using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SignalGen.Dispatch;
using SignalGen.Observability;
using SignalGen.Tests.Contract;
using Xunit;

namespace SignalGen.Tests.Observability;

/// <summary>
/// What a listener of the "SignalGen" ActivitySource and Meter sees: one span per send with the signal's
/// name and receiver count, counters of sends and receiver failures, a histogram of send durations; and
/// that observing changes nothing about the send itself (order, exceptions, results, Activity.Current).
/// </summary>
[Collection(ProcessWideState.Name)]
public sealed class TelemetryTests
{
    private const string Schema = "SignalGen.Tests.Contract";

    private readonly Signals _signals = new();

    [Fact]
    public void Nothing_listening_means_sends_are_not_observed()
    {
        Assert.False(SendObservation.IsActive);
        Assert.False(SendObservation.IsListenedTo);
    }

    [Fact]
    public void A_listener_that_starts_after_many_unobserved_sends_sees_the_next_one()
    {
        var counter = new Counter();

        // Enough sends, over long enough, for tiered compilation to have optimized the send it then watches.
        SendsUntilCompiledHot.Run(() => _signals.Send(new Counted(counter)));
        Assert.False(SendObservation.IsActive);

        using var capture = new TelemetryCapture();
        _signals.Send(new Counted(counter));

        Assert.Equal("send Counted", Assert.Single(capture.Spans).OperationName);
        Assert.Single(capture.Of(SignalGenTelemetry.SendsInstrument));
    }

    [Fact]
    public void Telemetry_is_supported_unless_the_app_switches_it_off()
    {
        // This test project does not set SignalGenTelemetrySupport; the package tests build an app that does.
        Assert.True(SignalGenTelemetry.IsSupported);
        Assert.Equal("SignalGen.Telemetry.IsSupported", SignalGenTelemetry.IsSupportedSwitchName);
    }

    [Fact]
    public void A_send_is_one_span_with_the_signal_its_receiver_count_and_the_caller_as_parent()
    {
        using var capture = new TelemetryCapture();
        using var parent = new Activity("test").Start();
        var counter = new Counter();

        _signals.Send(new Counted(counter));

        Assert.Same(parent, Activity.Current);
        Assert.Equal(3, counter.Value);
        var span = Assert.Single(capture.Spans);
        Assert.Equal("send Counted", span.OperationName);
        Assert.Same(parent, span.Parent);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal(Schema, span.GetTagItem(SignalGenTelemetry.SchemaTag));
        Assert.Equal("Counted", span.GetTagItem(SignalGenTelemetry.SignalTag));
        Assert.Equal("send", span.GetTagItem(SignalGenTelemetry.OperationTag));
        Assert.Equal(3, span.GetTagItem(SignalGenTelemetry.ReceiversTag));
    }

    [Fact]
    public void Sends_are_counted_and_timed_per_signal_and_operation()
    {
        using var capture = new TelemetryCapture(spans: false);
        var counter = new Counter();

        _signals.Send(new Counted(counter));
        _signals.SendRobust(new Counted(counter));
        _signals.SendCounted(counter);

        var sends = capture.Of(SignalGenTelemetry.SendsInstrument);
        Assert.Equal(["send", "send_robust", "send"], sends.Select(send => send.Tags[SignalGenTelemetry.OperationTag]));
        Assert.All(sends, send =>
        {
            Assert.Equal(1, send.Value);
            Assert.Equal("Counted", send.Tags[SignalGenTelemetry.SignalTag]);
            Assert.Equal(Schema, send.Tags[SignalGenTelemetry.SchemaTag]);
        });

        var durations = capture.Of(SignalGenTelemetry.SendDurationInstrument);
        Assert.Equal(3, durations.Count);
        Assert.All(durations, duration =>
        {
            Assert.Equal("ok", duration.Tags[SignalGenTelemetry.OutcomeTag]);
            Assert.InRange(duration.Value, 0, 60);
        });
        Assert.Empty(capture.Of(SignalGenTelemetry.ReceiverFailuresInstrument));
    }

    [Fact]
    public void A_vetoed_send_marks_its_span_failed_counts_one_failure_and_rethrows_untouched()
    {
        using var capture = new TelemetryCapture();
        var log = new CallLog();

        var exception = Assert.Throws<InvalidOperationException>(() => _signals.Send(new Vetoed(log, fail: true)));

        Assert.Equal("first failure", exception.Message);
        Assert.Contains(nameof(ModeReceivers.Failing), exception.StackTrace, StringComparison.Ordinal);
        Assert.Equal(["Before", "Failing"], log.Calls);
        Assert.Null(Activity.Current);

        var span = Assert.Single(capture.Spans);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, span.GetTagItem("error.type"));
        Assert.Equal(1, Assert.Single(capture.Of(SignalGenTelemetry.ReceiverFailuresInstrument)).Value);
        Assert.Equal("failed", Assert.Single(capture.Of(SignalGenTelemetry.SendDurationInstrument)).Tags[SignalGenTelemetry.OutcomeTag]);
    }

    [Fact]
    public void A_robust_send_with_failures_reports_them_and_returns_the_same_result()
    {
        using var capture = new TelemetryCapture();
        var log = new CallLog();

        var result = _signals.SendRobust(new Tolerated(log, fail: true));

        Assert.Equal(["Before", "Failing", "FailingAsync", "After"], log.Calls);
        Assert.Equal((4, 2), (result.ReceiverCount, result.Failures.Count));
        var span = Assert.Single(capture.Spans);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(2, span.GetTagItem(SignalGenTelemetry.FailuresTag));
        Assert.Equal(4, span.GetTagItem(SignalGenTelemetry.ReceiversTag));
        Assert.Equal(2, Assert.Single(capture.Of(SignalGenTelemetry.ReceiverFailuresInstrument)).Value);
    }

    [Fact]
    public void An_all_then_throw_send_is_observed_as_the_robust_send_it_runs()
    {
        using var capture = new TelemetryCapture();

        Assert.Throws<AggregateException>(() => _signals.SendAllThenThrow(new CallLog(), fail: true));

        var span = Assert.Single(capture.Spans);
        Assert.Equal("send_robust", span.GetTagItem(SignalGenTelemetry.OperationTag));
        Assert.Equal(2, span.GetTagItem(SignalGenTelemetry.FailuresTag));
    }

    [Fact]
    public async Task An_async_send_spans_its_awaited_receivers_without_leaking_into_the_caller()
    {
        using var capture = new TelemetryCapture();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Activity? seenByReceiver = null;
        using var connection = Signals.Connect(async (Connected signal, CancellationToken _) =>
        {
            await release.Task;
            seenByReceiver = Activity.Current;
        });

        var pending = _signals.SendAsync(new Connected(1), TestContext.Current.CancellationToken);

        // Before the send completes (the receiver waits for release): the caller's flow is not inside the send's span.
        Assert.False(pending.IsCompleted);
        Assert.Null(Activity.Current);
        Assert.Empty(capture.Spans);

        release.SetResult();
        await pending;

        var span = Assert.Single(capture.Spans);
        Assert.Same(span, seenByReceiver);
        Assert.Equal("send_async", span.GetTagItem(SignalGenTelemetry.OperationTag));
        Assert.Equal(1, span.GetTagItem(SignalGenTelemetry.ReceiversTag));
        Assert.Null(Activity.Current);
    }

    [Fact]
    public void A_failing_receiver_that_disposes_its_own_activity_leaves_the_caller_with_its_own()
    {
        using var capture = new TelemetryCapture();
        using var parent = new Activity("caller").Start();
        using var connection = Signals.Connect((Connected _) =>
        {
            // An instrumented receiver (an HTTP call, a database command) that fails: its activity ends while unwinding.
            using var own = new Activity("receiver's own").Start();
            throw new InvalidOperationException("receiver failed");
        });

        Assert.Throws<InvalidOperationException>(() => _signals.Send(new Connected(1)));

        Assert.Same(parent, Activity.Current);
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(capture.Spans).Status);
    }

    [Fact]
    public async Task A_receiver_that_leaves_its_own_activity_current_does_not_leak_it_to_the_caller()
    {
        using var capture = new TelemetryCapture();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var connection = Signals.Connect((Connected _, CancellationToken _) =>
        {
            new Activity("left current").Start();
            return new ValueTask(release.Task);
        });

        var pending = _signals.SendAsync(new Connected(1), TestContext.Current.CancellationToken);

        Assert.Null(Activity.Current);
        release.SetResult();
        await pending;
        Assert.Null(Activity.Current);
    }

    [Fact]
    public async Task A_cancelled_async_send_is_neither_a_failure_nor_ok()
    {
        using var capture = new TelemetryCapture();
        using var source = new CancellationTokenSource();
        var step = new AsyncStep { Yield = true, CancelDuringFirstAwait = source };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _signals.SendAsync(new Awaited(new CallLog(), step), source.Token));

        Assert.Equal("canceled", Assert.Single(capture.Of(SignalGenTelemetry.SendDurationInstrument)).Tags[SignalGenTelemetry.OutcomeTag]);
        Assert.Empty(capture.Of(SignalGenTelemetry.ReceiverFailuresInstrument));
        Assert.NotEqual(ActivityStatusCode.Error, Assert.Single(capture.Spans).Status);
    }

    [Fact]
    public async Task A_failing_async_send_reports_the_failure_when_it_completes()
    {
        using var capture = new TelemetryCapture();
        var step = new AsyncStep { Yield = true, ThrowFromAsync = new TimeoutException("slow") };

        await Assert.ThrowsAsync<TimeoutException>(async () => await _signals.SendAsync(new Awaited(new CallLog(), step), TestContext.Current.CancellationToken));
        var robust = await _signals.SendRobustAsync(new Awaited(new CallLog(), step), TestContext.Current.CancellationToken);

        Assert.Single(robust.Failures);
        Assert.Equal(
            [("send_async", ActivityStatusCode.Error), ("send_robust_async", ActivityStatusCode.Error)],
            capture.Spans.Select(span => ((string?)span.GetTagItem(SignalGenTelemetry.OperationTag), span.Status)));
        Assert.Equal([1.0, 1.0], capture.Of(SignalGenTelemetry.ReceiverFailuresInstrument).Select(failure => failure.Value));
    }

    [Fact]
    public void Metrics_alone_are_recorded_without_any_span()
    {
        using var capture = new TelemetryCapture(spans: false);

        _signals.Send(new Counted(new Counter()));

        Assert.Null(Activity.Current);
        Assert.Single(capture.Of(SignalGenTelemetry.SendsInstrument));
    }

    [Fact]
    public void Spans_never_carry_argument_values()
    {
        using var capture = new TelemetryCapture();

        _signals.SendBound(42, "secret-value", new CallLog());

        var span = Assert.Single(capture.Spans);
        Assert.DoesNotContain(span.TagObjects, tag => tag.Value is string text && text.Contains("secret-value", StringComparison.Ordinal));
        Assert.DoesNotContain(span.TagObjects, tag => Equals(tag.Value, 42));
        Assert.DoesNotContain("secret-value", span.DisplayName, StringComparison.Ordinal);
    }
}
