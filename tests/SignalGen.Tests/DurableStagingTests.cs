using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using SignalGen.Durable;
using SignalGen.Generated;
using SignalGen.Tests.Contract;
using Xunit;

namespace SignalGen.Tests;

/// <summary>
/// What the generated code does for receivers marked <c>Durable = true</c>, with an outbox that only
/// records: a send stages one message per durable receiver instead of calling it, and the registered
/// <see cref="DurableReceiver"/> runs the receiver from that message. The engine (SignalGen.Wolverine) is
/// tested in its own project.
/// </summary>
public sealed class DurableStagingTests
{
    [Fact]
    public async Task A_send_stages_each_durable_receivers_message_in_order_and_runs_only_the_in_process_receiver()
    {
        var outbox = new RecordingOutbox();
        using var services = Services(outbox);
        using var scope = services.CreateScope();
        var log = new CallLog();
        var email = Unique();

        await scope.ServiceProvider.GetRequiredService<Signals>().SendStagedAsync(email, 3, "hello", log, TestContext.Current.CancellationToken);

        Assert.Equal(["InProcess"], log.Calls);
        Assert.False(StagedReceivers.Runs.ContainsKey(email));
        Assert.Collection(
            outbox.Staged,
            welcome =>
            {
                Assert.Equal("SignalGen.Tests.StagedReceivers.Welcome(string, string?, DurableDelivery)", welcome.Receiver.Receiver);
                var message = Assert.IsType<DurableReceivers_SignalGen_Tests.Welcome_Staged.Message>(welcome.Message);
                Assert.Equal(welcome.Receiver.MessageType, message.GetType());
                Assert.Equal(email, message.Email);
                Assert.Equal("hello", message.Note);
            },
            audit =>
            {
                Assert.Equal("tests:audit", audit.Receiver.MessageName);
                Assert.Equal("SignalGen.Tests.StagedAuditor.AuditAsync(Staged, CancellationToken)", audit.Receiver.Receiver);
                Assert.Equal("SignalGen.Tests.Contract.Staged", audit.Receiver.Signal);
                var message = Assert.IsType<DurableReceivers_SignalGen_Tests.AuditAsync_Staged.Message>(audit.Message);
                Assert.Equal((email, 3, "hello"), (message.Signal.Email, message.Signal.Attempts, message.Signal.Note));
            });
    }

    [Fact]
    public async Task Each_message_gets_its_own_version_7_id_the_time_it_was_staged_and_the_current_trace()
    {
        var outbox = new RecordingOutbox();
        using var services = Services(outbox);
        using var source = new ActivitySource("SignalGen.Tests.Durable");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var before = DateTimeOffset.UtcNow;

        using (var activity = source.StartActivity("request"))
        {
            Assert.NotNull(activity);
            await Sender(services).SendStagedAsync(Unique(), 1, null, new CallLog(), TestContext.Current.CancellationToken);

            var stamps = outbox.Staged.Select(staged => ((IDurableMessage)staged.Message).Stamp).ToList();
            Assert.Equal(2, stamps.Count);
            Assert.NotEqual(stamps[0].DeliveryId, stamps[1].DeliveryId);
            Assert.All(stamps, stamp =>
            {
                Assert.Equal(7, stamp.DeliveryId.Version);
                Assert.Equal(activity.Id, stamp.TraceParent);
                Assert.InRange(stamp.StagedAt, before, DateTimeOffset.UtcNow);
            });
        }

        outbox.Staged.Clear();
        await Sender(services).SendStagedAsync(Unique(), 1, null, new CallLog(), TestContext.Current.CancellationToken);
        Assert.All(outbox.Staged, staged => Assert.Null(((IDurableMessage)staged.Message).Stamp.TraceParent));
    }

    [Fact]
    public async Task The_registered_durable_receiver_runs_the_receiver_with_the_stored_values_the_delivery_and_the_workers_token()
    {
        var outbox = new RecordingOutbox();
        using var services = Services(outbox);
        var email = Unique();
        await Sender(services).SendStagedAsync(email, 7, null, new CallLog(), TestContext.Current.CancellationToken);
        using var worker = new CancellationTokenSource();

        foreach (var (message, receiver) in outbox.Staged)
        {
            var stamp = ((IDurableMessage)message).Stamp;
            using var scope = services.CreateScope();
            await receiver.RunAsync(message, new DurableDelivery(stamp.DeliveryId, 2, stamp.StagedAt), scope.ServiceProvider, worker.Token);
        }

        var welcomeId = ((IDurableMessage)outbox.Staged[0].Message).Stamp.DeliveryId;
        Assert.Equal($"Welcome:(null):{welcomeId}:2", StagedReceivers.Runs[email]);
        Assert.Equal("Audit:from DI:7:True", StagedReceivers.Runs[email + "/audit"]);
    }

    [Fact]
    public void AddSignals_registers_each_durable_receiver_once_however_often_it_is_called()
    {
        using var services = new ServiceCollection().AddSingleton(new Greeting()).AddSignals().AddSignals().BuildServiceProvider();

        var receivers = services.GetServices<DurableReceiver>().Select(receiver => receiver.MessageName).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(
            ["signalgen:SignalGen.Tests.Contract.Staged/SignalGen.Tests.StagedReceivers.Welcome(string, string?, DurableDelivery)", "tests:audit"],
            receivers);
    }

    [Fact]
    public async Task A_send_without_a_durable_engine_fails_naming_the_receiver_and_the_package_to_add()
    {
        using var services = new ServiceCollection().AddSingleton(new Greeting()).AddSignals().BuildServiceProvider();
        var log = new CallLog();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Sender(services).SendStagedAsync(Unique(), 1, null, log, TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("SignalGen.Tests.StagedReceivers.Welcome(string, string?, DurableDelivery)", exception.Message);
        Assert.Contains("SignalGen.Wolverine", exception.Message);
        Assert.Empty(log.Calls);
    }

    [Fact]
    public void A_synchronous_send_waits_for_the_staging()
    {
        var outbox = new RecordingOutbox { Delay = TimeSpan.FromMilliseconds(20) };
        using var services = Services(outbox);

        Sender(services).SendStaged(Unique(), 1, null, new CallLog());

        Assert.Equal(2, outbox.Staged.Count);
    }

    [Fact]
    public async Task The_two_phases_of_a_send_stage_only_the_durable_receivers_then_run_only_the_others()
    {
        var outbox = new RecordingOutbox();
        using var services = Services(outbox);
        var sender = Sender(services);
        var log = new CallLog();
        var signal = new Staged(Unique(), 1, null, log);

        await sender.StageDurableAsync(signal, TestContext.Current.CancellationToken);
        Assert.Equal(2, outbox.Staged.Count);
        Assert.Empty(log.Calls);

        await sender.SendInProcessAsync(signal, TestContext.Current.CancellationToken);
        Assert.Equal(2, outbox.Staged.Count);
        Assert.Equal(["InProcess"], log.Calls);

        Assert.True(Signals.HasDurableReceivers(Signal.Staged));
        Assert.False(Signals.HasDurableReceivers(Signal.Ordered));
    }

    [Fact]
    public async Task For_a_signal_with_no_durable_receiver_the_stage_phase_does_nothing_and_the_other_is_the_whole_send()
    {
        var outbox = new RecordingOutbox();
        using var services = Services(outbox);
        var sender = Sender(services);
        var log = new CallLog();

        await sender.StageDurableAsync(new Ordered(log), TestContext.Current.CancellationToken);
        Assert.Empty(log.Calls);

        await sender.SendInProcessAsync(new Ordered(log), TestContext.Current.CancellationToken);
        var whole = new CallLog();
        await sender.SendAsync(new Ordered(whole), TestContext.Current.CancellationToken);
        Assert.Equal(whole.Calls, log.Calls);
        Assert.Empty(outbox.Staged);
    }

    private static ServiceProvider Services(RecordingOutbox outbox) =>
        new ServiceCollection()
            .AddSingleton(new Greeting { Text = "from DI" })
            .AddSingleton<IDurableReceiverOutbox>(outbox)
            .AddSignals()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

    /// <summary>The sender of a new scope, as a request would have it (the scope lives as long as the provider).</summary>
    private static Signals Sender(ServiceProvider services) => services.CreateScope().ServiceProvider.GetRequiredService<Signals>();

    private static string Unique() => Guid.NewGuid().ToString("N") + "@example.com";

    private sealed class RecordingOutbox : IDurableReceiverOutbox
    {
        public List<(object Message, StagedReceiver Receiver)> Staged { get; } = [];

        public TimeSpan Delay { get; init; }

        public async ValueTask StageAsync<TMessage>(TMessage message, DurableReceiver<TMessage> receiver, CancellationToken cancellationToken)
            where TMessage : class, IDurableMessage
        {
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, cancellationToken);
            }

            Staged.Add((message, new StagedReceiver<TMessage>(receiver)));
        }
    }

    /// <summary>A staged receiver with its message type erased, so one list holds them all.</summary>
    private abstract class StagedReceiver(DurableReceiver receiver)
    {
        public string Receiver => receiver.Receiver;

        public string MessageName => receiver.MessageName;

        public string Signal => receiver.Signal;

        public Type MessageType => receiver.MessageType;

        public abstract ValueTask RunAsync(object message, DurableDelivery delivery, IServiceProvider services, CancellationToken cancellationToken);
    }

    private sealed class StagedReceiver<TMessage>(DurableReceiver<TMessage> receiver) : StagedReceiver(receiver)
        where TMessage : class, IDurableMessage
    {
        public override ValueTask RunAsync(object message, DurableDelivery delivery, IServiceProvider services, CancellationToken cancellationToken) =>
            receiver.RunAsync((TMessage)message, delivery, services, cancellationToken);
    }
}
