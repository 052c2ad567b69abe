using System;
using System.Threading;
using System.Threading.Tasks;
using SignalGen.Testing;
using SignalGen.Tests.Contract;
using Xunit;

namespace SignalGen.Tests.Observability;

/// <summary>
/// SignalRecorder records what a test sent, in order, with arguments, whatever the receivers do; only the
/// test's own flow, so these tests run in parallel with every other test that sends the same signals.
/// </summary>
public sealed class SignalRecorderTests
{
    private readonly Signals _signals = new();

    [Fact]
    public async Task Records_every_send_of_the_flow_in_order_with_its_arguments()
    {
        using var recorder = SignalRecorder.Start();
        var log = new CallLog();

        _signals.SendUnheard(7);
        _signals.SendRobust(new Tolerated(log, fail: true));
        await _signals.SendBoundAsync(1, "two", log, TestContext.Current.CancellationToken);
        Assert.Throws<InvalidOperationException>(() => _signals.SendVetoed(log, fail: true));

        Assert.Equal(["Unheard", "Tolerated", "Bound", "Vetoed"], recorder.Names);
        Assert.Equal(7, recorder.Single<Unheard>().Value);
        var bound = recorder.Single<Bound>();
        Assert.Equal((1, "two"), (bound.First, bound.Second));
        Assert.All(recorder.Recorded, recorded => Assert.Equal("SignalGen.Tests.Contract", recorded.Schema));
    }

    [Fact]
    public void A_recorder_started_after_many_unrecorded_sends_records_the_next_one()
    {
        SendsUntilCompiledHot.Run(() => _signals.SendUnheard(1));

        using var recorder = SignalRecorder.Start();
        _signals.SendUnheard(2);

        Assert.Equal(2, recorder.Single<Unheard>().Value);
    }

    [Fact]
    public void A_send_made_by_a_receiver_is_recorded_after_the_one_that_caused_it()
    {
        using var recorder = SignalRecorder.Start();

        _signals.SendOuter(_signals, new CallLog());

        Assert.Equal(["Outer", "Inner"], recorder.Names);
    }

    [Fact]
    public async Task Sends_of_tasks_the_test_starts_are_recorded_but_not_those_of_other_flows()
    {
        var otherFlowMaySend = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var otherFlowSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // A flow that exists before the recorder, like a test running in parallel.
        Task otherFlow;
        using (ExecutionContext.SuppressFlow())
        {
            otherFlow = Task.Run(async () =>
            {
                await otherFlowMaySend.Task;
                _signals.SendUnheard(2);
                otherFlowSent.SetResult();
            });
        }

        using var recorder = SignalRecorder.Start();
        otherFlowMaySend.SetResult();
        await otherFlowSent.Task;
        await Task.Run(() => _signals.SendUnheard(1), TestContext.Current.CancellationToken);
        await otherFlow;

        Assert.Equal(1, Assert.Single(recorder.Sent<Unheard>()).Value);
    }

    [Fact]
    public void Single_says_what_was_sent_when_the_expected_signal_was_not()
    {
        using var recorder = SignalRecorder.Start();
        _signals.SendUnheard(1);
        _signals.SendUnheard(2);

        var missing = Assert.Throws<InvalidOperationException>(() => recorder.Single<Inner>());
        var twice = Assert.Throws<InvalidOperationException>(() => recorder.Single<Unheard>());

        Assert.Equal("Expected exactly one Inner to be sent, but 0 were. Sent: Unheard, Unheard.", missing.Message);
        Assert.StartsWith("Expected exactly one Unheard to be sent, but 2 were.", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_recorded_after_dispose_or_after_clear()
    {
        var recorder = SignalRecorder.Start();
        _signals.SendUnheard(1);
        recorder.Clear();
        _signals.SendUnheard(2);
        recorder.Dispose();
        _signals.SendUnheard(3);

        Assert.Equal(2, Assert.Single(recorder.Sent<Unheard>()).Value);
    }

    [Fact]
    public void A_recorder_inside_another_one_records_into_both()
    {
        using var outer = SignalRecorder.Start();
        _signals.SendUnheard(1);
        using (var inner = SignalRecorder.Start())
        {
            _signals.SendUnheard(2);
            Assert.Equal([2], Values(inner));
        }

        _signals.SendUnheard(3);

        Assert.Equal([1, 2, 3], Values(outer));
    }

    private static int[] Values(SignalRecorder recorder) => [.. System.Linq.Enumerable.Select(recorder.Sent<Unheard>(), signal => signal.Value)];
}

/// <summary>A recorder for every flow sees sends made on threads the test did not start; it must run alone.</summary>
[Collection(ProcessWideState.Name)]
public sealed class SignalRecorderForAllFlowsTests
{
    [Fact]
    public async Task Records_sends_from_flows_it_did_not_start()
    {
        var signals = new Signals();
        using var recorder = SignalRecorder.StartForAllFlows();

        Task elsewhere;
        using (ExecutionContext.SuppressFlow())
        {
            elsewhere = Task.Run(() => signals.SendUnheard(5));
        }

        await elsewhere;

        Assert.Equal(5, recorder.Single<Unheard>().Value);
        recorder.Dispose();
        Assert.False(SignalRecorder.AnyActive);
    }
}
