using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace SignalGen.Identity.Tests;

/// <summary>
/// <c>EmailConfirmationSent</c> for the messages Identity's own pages and endpoints send through the app's sender:
/// they make the token with the user manager, hand the message to the sender, and finish the request. Each step
/// here is one request, made the way those pages make it.
/// </summary>
public sealed class ConfirmationMailTests : IAsyncLifetime
{
    private readonly IdentityHost _host = new();

    public ValueTask InitializeAsync() => default;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Register_ThenTheMessage_SendsUserSignedUp_ThenEmailConfirmationSent_ForASignup()
    {
        var id = await _host.RequestAsync(async request =>
        {
            var user = new AppUser { UserName = "ivy@example.com", Email = "ivy@example.com" };
            Assert.True((await request.Users.CreateAsync(user, IdentityHost.Password)).Succeeded);
            await SendConfirmationAsync(request, user);

            // Not yet: the signal waits for the request to complete.
            Assert.Equal(["UserSignedUp"], _host.Journal.Names);
            return user.Id;
        });

        Assert.Equal(["UserSignedUp", "EmailConfirmationSent"], _host.Journal.Names);
        var sent = _host.Journal.Single<EmailConfirmationSent>();
        Assert.True(sent.Signup);
        Assert.Equal(new EmailAddress(id, "ivy@example.com", Verified: false, Primary: true), sent.Confirmation.EmailAddress);
        Assert.Single(_host.Mail.Messages);
    }

    [Fact]
    public async Task Resend_SendsEmailConfirmationSent_NotASignup()
    {
        var id = await _host.CreateUserAsync("jay@example.com");

        await _host.RequestAsync(async request => await SendConfirmationAsync(request, await request.UserAsync(id)));

        var sent = _host.Journal.Single<EmailConfirmationSent>();
        Assert.False(sent.Signup);
        Assert.Equal(new EmailAddress(id, "jay@example.com", Verified: false, Primary: true), sent.Confirmation.EmailAddress);
    }

    [Fact]
    public async Task ChangeOfAddress_SendsEmailConfirmationSent_ForTheNewAddress_WhichIsNotYetTheUsers()
    {
        var id = await _host.CreateUserAsync("kim@example.com", confirmed: true);

        await _host.RequestAsync(async request =>
        {
            var user = await request.UserAsync(id);
            var token = await request.Users.GenerateChangeEmailTokenAsync(user, "kim@new.example");
            await _host.Mail.SendConfirmationLinkAsync(user, "kim@new.example", "https://localhost/confirm-change?code=" + token);
        });

        var sent = _host.Journal.Single<EmailConfirmationSent>();
        Assert.False(sent.Signup);
        Assert.Equal(new EmailAddress(id, "kim@new.example", Verified: false, Primary: false), sent.Confirmation.EmailAddress);
    }

    [Fact]
    public async Task AGetThatMakesAToken_ShowsALinkAndSendsNothing()
    {
        // The templates' RegisterConfirmation page does this for their no-op sender: the link is on the page.
        var id = await _host.CreateUserAsync("lee@example.com");

        await _host.RequestAsync(async request => await request.Users.GenerateEmailConfirmationTokenAsync(await request.UserAsync(id)), method: "GET");

        Assert.Empty(_host.Journal.Signals);
    }

    [Fact]
    public async Task ASenderThatThrows_SendsNothing()
    {
        var id = await _host.CreateUserAsync("max@example.com");

        await Assert.ThrowsAsync<InvalidOperationException>(() => _host.RequestAsync(async request =>
        {
            await request.Users.GenerateEmailConfirmationTokenAsync(await request.UserAsync(id));
            throw new InvalidOperationException("The mail server is down.");
        }));

        Assert.Empty(_host.Journal.Signals);
    }

    [Fact]
    public async Task ARequestThatEndsInAnError_SendsNothing()
    {
        // An exception handler (the templates' developer page, UseExceptionHandler) turned a failure after the mail into a 500.
        var id = await _host.CreateUserAsync("ned@example.com");

        await _host.RequestAsync(async request =>
        {
            await SendConfirmationAsync(request, await request.UserAsync(id));
            request.Context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        });

        Assert.Empty(_host.Journal.Signals);
    }

    [Fact]
    public async Task TwoTokensForOneAddressInOneRequest_SendOneSignal()
    {
        var id = await _host.CreateUserAsync("ola@example.com");

        await _host.RequestAsync(async request =>
        {
            var user = await request.UserAsync(id);
            await request.Users.GenerateEmailConfirmationTokenAsync(user);
            await SendConfirmationAsync(request, user);
        });

        Assert.Equal(["EmailConfirmationSent"], _host.Journal.Names);
    }

    [Fact]
    public async Task ThroughTheAddressManager_TheSignalIsSentOnce()
    {
        var id = await _host.CreateUserAsync("pia@example.com");

        await _host.RequestAsync(async request =>
            Assert.True(await request.Emails.SendConfirmationAsync(await request.UserAsync(id), "pia@example.com", token => "https://localhost/confirm?code=" + token)));

        Assert.Equal(["EmailConfirmationSent"], _host.Journal.Names);
    }

    /// <summary>What the templates' Register, ResendEmailConfirmation and Manage/Email pages do.</summary>
    private async Task SendConfirmationAsync(Request request, AppUser user)
    {
        var token = await request.Users.GenerateEmailConfirmationTokenAsync(user);
        await _host.Mail.SendConfirmationLinkAsync(user, user.Email!, "https://localhost/confirm?code=" + token);
    }
}
