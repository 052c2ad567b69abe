using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace SignalGen.Identity.Tests;

/// <summary>The generic schema's run-time sends: a signal made for the sender's type argument, and one made for another.</summary>
public sealed class RunTimeSignalTests : IAsyncLifetime
{
    private readonly IdentityHost _host = new();

    public ValueTask InitializeAsync() => default;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public void A_boxed_signal_of_the_senders_type_argument_reaches_the_receivers()
    {
        using var scope = _host.Services.CreateScope();
        var signals = scope.ServiceProvider.GetRequiredService<Signals<AppUser>>();
        var user = new AppUser { UserName = "eve@example.com" };

        signals.Send((ISignal)new PasswordChanged<AppUser>(new DefaultHttpContext(), user));

        Assert.Same(user, _host.Journal.Single<PasswordChanged<AppUser>>().User);
    }

    [Fact]
    public void A_boxed_signal_made_for_another_type_argument_is_refused_naming_both()
    {
        using var scope = _host.Services.CreateScope();
        var signals = scope.ServiceProvider.GetRequiredService<Signals<AppUser>>();

        var exception = Assert.Throws<ArgumentException>(
            "signal",
            () => signals.Send((ISignal)new PasswordChanged<Microsoft.AspNetCore.Identity.IdentityUser>(new DefaultHttpContext(), new Microsoft.AspNetCore.Identity.IdentityUser())));

        Assert.Contains("PasswordChanged`1[[Microsoft.AspNetCore.Identity.IdentityUser", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Signals`1[[SignalGen.Identity.Tests.AppUser", exception.Message, StringComparison.Ordinal);
        Assert.Empty(_host.Journal.Signals);
    }
}
