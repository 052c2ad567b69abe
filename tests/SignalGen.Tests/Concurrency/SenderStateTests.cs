using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SignalGen.Tests.Contract;
using Xunit;

namespace SignalGen.Tests.Concurrency;

/// <summary>
/// A failing receiver never corrupts the sender: after a send whose receivers threw, under every mode and
/// every send method, the same sender sends again to every receiver, run-time receivers stay connected,
/// and the caller's Activity.Current is what it was. Receivers that send other signals, from several
/// threads at once, see their nested sends complete inside their own.
/// </summary>
[Collection(ProcessWideState.Name)]
public sealed class SenderStateTests
{
    public static TheoryData<string> FailingSends() => new()
    {
        "Send (veto)", "SendAsync (veto)", "SendRobust", "SendRobustAsync", "SendAllThenThrow", "SendAllThenThrowAsync",
    };

    [Theory]
    [MemberData(nameof(FailingSends))]
    public async Task After_a_send_whose_receivers_threw_the_same_sender_sends_normally(string failingSend)
    {
        var signals = new Signals();
        var connectedCalls = 0;
        using var connection = Signals.Connect((Tolerated _) => Interlocked.Increment(ref connectedCalls));

        // Something listens, so the failing send is an observed one: the path with most state to restore.
        using var capture = new Observability.TelemetryCapture();
        using var parent = new Activity("caller").Start();
        var failing = new CallLog();

        // The check of Activity.Current happens inside SendFailing, in the flow that sent: an async method's
        // changes to it would not be seen here.
        await SendFailing(signals, failingSend, failing, parent);

        Assert.Contains("Failing", failing.Calls);
        Assert.NotEmpty(capture.Spans);

        // The same sender, the same receivers, now succeeding: all four run in order, and the connected one too.
        var log = new CallLog();
        var result = signals.SendRobust(new Tolerated(log, fail: false));
        await signals.SendToleratedAsync(log, fail: false, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(4 + 1, result.ReceiverCount);
        Assert.Equal(["Before", "Failing", "FailingAsync", "After", "Before", "Failing", "FailingAsync", "After"], log.Calls);
        Assert.Equal(failingSend.StartsWith("SendRobust", StringComparison.Ordinal) ? 3 : 2, connectedCalls);
        Assert.True(Signals.HasReceivers(Signal.Tolerated));
        Assert.Same(parent, Activity.Current);
    }

    [Fact]
    public async Task Receivers_that_send_another_signal_complete_it_inside_their_own_on_every_thread()
    {
        const int threads = 4;
        const int sendsPerThread = 2_000;
        var signals = new Signals();

        var logs = await Task.WhenAll(Enumerable.Range(0, threads).Select(_ => Task.Run(() =>
        {
            var log = new CallLog();
            for (var i = 0; i < sendsPerThread; i++)
            {
                signals.SendOuter(signals, log);
            }

            return log;
        }, TestContext.Current.CancellationToken)));

        foreach (var log in logs)
        {
            var calls = log.Calls;
            Assert.Equal(3 * sendsPerThread, calls.Length);
            Assert.All(calls.Chunk(3), triple => Assert.Equal(["Outer", "Inner", "Outer after Inner"], triple));
        }
    }

    private static async Task SendFailing(Signals signals, string send, CallLog log, Activity parent)
    {
        var signal = new Tolerated(log, fail: true);
        var token = TestContext.Current.CancellationToken;

        // Starts an async send and checks Activity.Current at once, in the flow that sent: a check after an
        // await, or inside an async lambda, would not see a change the send made to it.
        Task Started(Func<ValueTask> sendAsync)
        {
            Task pending;
            try
            {
                pending = sendAsync().AsTask();
            }
            catch (Exception exception)
            {
                pending = Task.FromException(exception);
            }

            Assert.Same(parent, Activity.Current);
            return pending;
        }

        switch (send)
        {
            // Tolerated's receivers are the same four as Vetoed's; Send and SendAsync ignore the schema's mode.
            case "Send (veto)":
                Assert.Throws<InvalidOperationException>(() => signals.Send(signal));
                break;
            case "SendAsync (veto)":
                await Assert.ThrowsAsync<InvalidOperationException>(() => Started(() => signals.SendAsync(signal, token)));
                break;
            case "SendRobust":
                Assert.Equal(2, signals.SendRobust(signal).Failures.Count);
                break;
            case "SendRobustAsync":
                var robust = signals.SendRobustAsync(signal, token);
                Assert.Same(parent, Activity.Current);
                Assert.Equal(2, (await robust).Failures.Count);
                break;
            case "SendAllThenThrow":
                Assert.Equal(2, Assert.Throws<AggregateException>(() => signals.SendAllThenThrow(log, fail: true)).InnerExceptions.Count);
                break;
            case "SendAllThenThrowAsync":
                var aggregate = await Assert.ThrowsAsync<AggregateException>(() => Started(() => signals.SendAllThenThrowAsync(log, fail: true, token)));
                Assert.Equal(2, aggregate.InnerExceptions.Count);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(send), send, null);
        }

        Assert.Same(parent, Activity.Current);
    }
}
