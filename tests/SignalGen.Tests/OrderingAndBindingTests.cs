using System.Threading;
using System.Threading.Tasks;
using SignalGen.Tests.Contract;
using Xunit;

namespace SignalGen.Tests;

public sealed class OrderingAndBindingTests
{
    private readonly Signals _signals = new();

    [Fact]
    public void Receivers_run_by_order_then_by_fully_qualified_name()
    {
        var log = new CallLog();

        _signals.SendOrdered(log);

        // Order -1; then Order 0 tie broken by name (OrderReceiversA < OrderReceiversB); then 1; then 100.
        Assert.Equal(["B.First", "A.Middle", "B.Middle", "A.Last", "Both"], log.Calls);
    }

    [Fact]
    public void Parameters_bind_by_name_in_any_order_or_to_the_whole_signal()
    {
        var log = new CallLog();

        _signals.SendBound(7, "seven", log);

        // Same Order (0) except Both: ordinal name order of BindingReceivers' methods.
        Assert.Equal(
            ["Reordered:7:seven", "Subset", "WholeSignal:7:seven", "WithToken:none", "Both"],
            log.Calls);
    }

    [Fact]
    public async Task Cancellation_token_reaches_receivers_that_take_one()
    {
        var log = new CallLog();
        using var source = new CancellationTokenSource();

        await _signals.SendBoundAsync(1, null, log, source.Token);

        Assert.Contains("WithToken:cancellable", log.Calls);
        Assert.Contains("Reordered:1:", log.Calls);
    }

    [Fact]
    public void A_method_with_two_Receiver_attributes_receives_both_signals()
    {
        var log = new CallLog();

        _signals.SendOrdered(log);
        _signals.SendBound(1, "x", log);

        Assert.Equal(2, System.Array.FindAll(log.Calls, call => call == "Both").Length);
    }

    [Fact]
    public void Typed_send_and_argument_overload_are_equivalent()
    {
        var typed = new CallLog();
        var byArguments = new CallLog();

        _signals.Send(new Bound(3, "three", typed));
        _signals.SendBound(3, "three", byArguments);

        Assert.Equal(typed.Calls, byArguments.Calls);
    }

    [Fact]
    public void HasReceivers_reports_compiled_receivers()
    {
        Assert.True(Signals.HasReceivers(Signal.Ordered));
        Assert.True(Signals.HasReceivers(Signal.Counted));
        Assert.False(Signals.HasReceivers(Signal.Unheard));
    }

    [Fact]
    public void Signal_enum_keeps_schema_declaration_order()
    {
        Assert.Equal(
            ["Ordered", "Bound", "Vetoed", "Tolerated", "AllThenThrow", "Awaited", "Counted", "Connected", "Unheard", "Outer", "Inner", "Resolved", "CountedByInstance", "Staged"],
            System.Enum.GetNames<Signal>());
    }

    [Fact]
    public void A_receiver_may_send_another_signal()
    {
        var log = new CallLog();

        _signals.SendOuter(_signals, log);

        Assert.Equal(["Outer", "Inner", "Outer after Inner"], log.Calls);
    }
}
