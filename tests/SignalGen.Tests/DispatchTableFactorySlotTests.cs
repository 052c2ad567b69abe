using System.Collections.Generic;
using SignalGen.Dispatch;
using Xunit;

namespace SignalGen.Tests;

/// <summary>
/// The install rules of a generic schema's factory slot, which the Identity tests only see for a root
/// installed first: a sender attached before or after, a library replaced by the root, a second root ignored.
/// </summary>
public sealed class DispatchTableFactorySlotTests
{
    [Fact]
    public void SendersAttachedBeforeAndAfter_GetTheFactory_AndTheRootReplacesTheLibrary()
    {
        var slot = new DispatchTableFactorySlot<string>();
        var early = new List<(string, bool)>();
        slot.Attach((factory, isRoot) => early.Add((factory, isRoot)));

        Assert.True(slot.Install("library", isRoot: false));
        var late = new List<(string, bool)>();
        slot.Attach((factory, isRoot) => late.Add((factory, isRoot)));
        Assert.True(slot.Install("root", isRoot: true));
        Assert.False(slot.Install("second root", isRoot: true));
        Assert.False(slot.Install("late library", isRoot: false));

        Assert.Equal([("library", false), ("root", true)], early);
        Assert.Equal([("library", false), ("root", true)], late);
        Assert.Equal("root", slot.Current);
    }

    [Fact]
    public void NothingInstalled_AttachCallsNothing()
    {
        var slot = new DispatchTableFactorySlot<string>();
        var calls = 0;

        slot.Attach((_, _) => calls++);

        Assert.Equal(0, calls);
        Assert.Null(slot.Current);
    }
}
