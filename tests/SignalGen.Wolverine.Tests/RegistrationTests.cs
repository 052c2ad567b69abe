using System;
using DurableHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignalGen.Durable;
using Wolverine;
using Xunit;

namespace SignalGen.Wolverine.Tests;

/// <summary>What <c>AddSignalGenDurableReceivers</c> registers, and what a second call does.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void Called_twice_it_registers_everything_once_and_keeps_the_first_options()
    {
        var services = new ServiceCollection()
            .AddSignalGenDurableReceivers<AppDb>(options => options.QueueName = "first")
            .AddSignalGenDurableReceivers<AppDb>(options => options.QueueName = "second");

        Assert.Single(services, service => service.ServiceType == typeof(IWolverineExtension));
        Assert.Single(services, service => service.ServiceType == typeof(IDurableReceiverOutbox));
        Assert.Equal("first", Assert.IsType<DurableReceiverOptions>(Assert.Single(services, service => service.ServiceType == typeof(DurableReceiverOptions)).ImplementationInstance).QueueName);
    }

    [Fact]
    public void Called_again_with_another_context_it_says_messages_are_staged_in_one()
    {
        var services = new ServiceCollection().AddSignalGenDurableReceivers<AppDb>();

        var exception = Assert.Throws<InvalidOperationException>(() => services.AddSignalGenDurableReceivers<OtherDb>());

        Assert.Contains("AppDb", exception.Message, StringComparison.Ordinal);
        Assert.Contains("OtherDb", exception.Message, StringComparison.Ordinal);
    }

    private sealed class OtherDb(DbContextOptions<OtherDb> options) : DbContext(options);
}
