using System;
using Microsoft.Extensions.DependencyInjection;
using SignalGen.Tests.Contract;
using Xunit;

namespace SignalGen.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public void AddSignals_registers_the_sender_and_instance_receivers_resolved_with_their_dependencies()
    {
        using var services = new ServiceCollection()
            .AddSingleton(new Greeting { Text = "from DI" })
            .AddSignals()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = services.CreateScope();
        var log = new CallLog();

        scope.ServiceProvider.GetRequiredService<Signals>().SendResolved(log);

        Assert.Equal(["Instance:from DI"], log.Calls);
    }

    [Fact]
    public void The_sender_is_scoped_so_receivers_resolve_from_the_callers_scope()
    {
        using var services = new ServiceCollection().AddSingleton(new Greeting()).AddSignals().BuildServiceProvider();
        using var first = services.CreateScope();
        using var second = services.CreateScope();

        var a = first.ServiceProvider.GetRequiredService<Signals>();

        Assert.Same(a, first.ServiceProvider.GetRequiredService<Signals>());
        Assert.NotSame(a, second.ServiceProvider.GetRequiredService<Signals>());
    }

    [Fact]
    public void An_instance_receiver_without_a_service_provider_fails_with_a_message_saying_what_to_do()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => new Signals().SendResolved(new CallLog()));

        Assert.Contains("SignalGen.Tests.InstanceReceiver.Receive(CallLog)", exception.Message);
        Assert.Contains("IServiceProvider", exception.Message);
    }

    [Fact]
    public void An_unregistered_receiver_class_fails_with_a_message_naming_AddSignals()
    {
        using var services = new ServiceCollection().BuildServiceProvider();

        var exception = Assert.Throws<InvalidOperationException>(() => new Signals(services).SendResolved(new CallLog()));

        Assert.Contains("AddSignals", exception.Message);
    }

    [Fact]
    public void A_user_registration_wins_over_the_generated_default()
    {
        var services = new ServiceCollection()
            .AddSingleton(new Greeting())
            .AddSingleton<InstanceReceiver>()
            .AddSignals();

        var descriptor = Assert.Single(services, d => d.ServiceType == typeof(InstanceReceiver));
        Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime);
    }
}
