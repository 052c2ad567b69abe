using SignalGen.Dispatch;
using Xunit;

namespace SignalGen.Tests;

/// <summary>
/// The table slot's install rules and its <see cref="DispatchTableSlot{TTable}.Root"/>, which generated senders
/// keep for good once it is set: it must name the root table and nothing else, and never change after.
/// </summary>
public sealed class DispatchTableSlotTests
{
    [Fact]
    public void A_library_table_is_current_but_not_the_root()
    {
        var slot = new DispatchTableSlot<string>("empty");

        Assert.True(slot.Install("library", isRoot: false));

        Assert.Equal("library", slot.Current);
        Assert.Null(slot.Root);
    }

    [Fact]
    public void The_first_root_replaces_the_library_and_stays_the_root()
    {
        var slot = new DispatchTableSlot<string>("empty");
        Assert.Null(slot.Root);

        Assert.True(slot.Install("library", isRoot: false));
        Assert.True(slot.Install("root", isRoot: true));
        Assert.False(slot.Install("second root", isRoot: true));
        Assert.False(slot.Install("late library", isRoot: false));

        Assert.Equal("root", slot.Current);
        Assert.Equal("root", slot.Root);
    }
}
