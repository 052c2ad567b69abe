using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using SignalGen.Identity.Emails;

namespace SignalGen.Identity;

/// <summary>
/// A user's e-mail addresses, as allauth manages them: several per user, one primary (Identity's
/// <c>Email</c>), each verified separately. Adding sends <c>AddEmail</c> (a receiver can refuse the
/// address) then <c>EmailAdded</c>; removing sends <c>EmailRemoved</c>; making another address primary
/// sends <c>EmailChanged</c>; verification sends <c>EmailConfirmationSent</c> and <c>EmailConfirmed</c>.
/// </summary>
/// <typeparam name="TUser">The application's user type.</typeparam>
public sealed class EmailAddressManager<TUser>
    where TUser : class
{
    private const string ConfirmationPurposePrefix = "SignalGen.ConfirmEmail:";

    private readonly UserManager<TUser> _users;
    private readonly UserEmailAddresses<TUser> _addresses;
    private readonly IdentitySignalSender<TUser> _sender;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILogger<EmailAddressManager<TUser>> _logger;

    /// <summary>Created by dependency injection.</summary>
    /// <param name="users">The user manager registered by <c>AddSignals&lt;TContext&gt;()</c>.</param>
    /// <param name="services">The request's services.</param>
    /// <param name="accessor">The HTTP context accessor.</param>
    /// <param name="logger">Where refused addresses' exceptions are logged.</param>
    public EmailAddressManager(UserManager<TUser> users, IServiceProvider services, IHttpContextAccessor accessor, ILogger<EmailAddressManager<TUser>> logger)
    {
        if (users is not SignalingUserManager<TUser>)
        {
            // Only that manager keeps the address rows in step with Identity's own flows (signup, e-mail change).
            throw new InvalidOperationException("EmailAddressManager needs the SignalingUserManager that AddSignals<TContext>() registers; another UserManager replaced it.");
        }

        _users = users;
        _addresses = (UserEmailAddresses<TUser>)services.GetService(typeof(UserEmailAddresses<TUser>))!;
        _sender = new IdentitySignalSender<TUser>(services, accessor);
        _services = services;
        _time = (TimeProvider?)services.GetService(typeof(TimeProvider)) ?? TimeProvider.System;
        _logger = logger;
    }

    /// <summary>How long after a verification message another one to the same address is held back. Default 3 minutes, as allauth's.</summary>
    public TimeSpan ConfirmationCooldown { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The user's addresses, the primary one first.</summary>
    /// <param name="user">The user.</param>
    public async Task<IReadOnlyList<EmailAddress>> GetAddressesAsync(TUser user)
    {
        var list = new List<EmailAddress>();
        foreach (var address in await _addresses.SyncAsync(_users, user, CancellationToken.None).ConfigureAwait(false))
        {
            list.Add(address.ToEmailAddress());
        }

        return list;
    }

    /// <summary>
    /// Adds an unverified address. <c>AddEmail</c> receivers run first: one that throws refuses the address
    /// (the result carries its <see cref="EmailRejectedException"/> message, or a generic one) and nothing is stored.
    /// </summary>
    /// <param name="user">The user.</param>
    /// <param name="email">The address to add.</param>
    /// <returns>Success, or why the address was refused.</returns>
    public async Task<IdentityResult> AddAsync(TUser user, string email)
    {
        ArgumentNullException.ThrowIfNull(user);
        email = (email ?? string.Empty).Trim();
        if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email) || email.Length == 0)
        {
            return IdentityResult.Failed(_users.ErrorDescriber.InvalidEmail(email));
        }

        var normalized = _users.NormalizeEmail(email);
        if (await _addresses.FindAsync(normalized, CancellationToken.None).ConfigureAwait(false) is not null)
        {
            return IdentityResult.Failed(_users.ErrorDescriber.DuplicateEmail(email));
        }

        try
        {
            await _sender.Signals.SendAsync(new AddEmail<TUser>(email, user)).ConfigureAwait(false);
        }
        catch (EmailRejectedException rejected)
        {
            return IdentityResult.Failed(new IdentityError { Code = "EmailRejected", Description = rejected.Message });
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _logger.LogWarning(exception, "An AddEmail receiver refused an address.");
            return IdentityResult.Failed(new IdentityError { Code = "EmailRejected", Description = "This e-mail address cannot be added." });
        }

        var userId = await _users.GetUserIdAsync(user).ConfigureAwait(false);
        var stored = new StoredEmailAddress { UserId = userId, Email = email, NormalizedEmail = normalized };
        await _addresses.AddAsync(stored, CancellationToken.None).ConfigureAwait(false);
        if (_sender.Request is { } request)
        {
            await _sender.Signals.SendAsync(new EmailAdded<TUser>(request, user, stored.ToEmailAddress())).ConfigureAwait(false);
        }

        return IdentityResult.Success;
    }

    /// <summary>Removes a secondary address and sends <c>EmailRemoved</c>. The primary address cannot be removed.</summary>
    /// <param name="user">The user.</param>
    /// <param name="email">The address to remove.</param>
    public async Task<IdentityResult> RemoveAsync(TUser user, string email)
    {
        if (await FindOwnAsync(user, email).ConfigureAwait(false) is not { } stored)
        {
            return NotFound(email);
        }

        if (stored.Primary)
        {
            return IdentityResult.Failed(new IdentityError { Code = "PrimaryEmail", Description = "The primary e-mail address cannot be removed; make another address primary first." });
        }

        await _addresses.RemoveAsync(stored, CancellationToken.None).ConfigureAwait(false);
        if (_sender.Request is { } request)
        {
            await _sender.Signals.SendAsync(new EmailRemoved<TUser>(request, user, stored.ToEmailAddress())).ConfigureAwait(false);
        }

        return IdentityResult.Success;
    }

    /// <summary>
    /// Makes a verified address the primary one: Identity's <c>Email</c> becomes it. Sends <c>EmailChanged</c>.
    /// </summary>
    /// <param name="user">The user.</param>
    /// <param name="email">The new primary address.</param>
    public async Task<IdentityResult> SetPrimaryAsync(TUser user, string email)
    {
        var rows = await _addresses.SyncAsync(_users, user, CancellationToken.None).ConfigureAwait(false);
        var from = UserEmailAddresses<TUser>.Primary(rows)?.ToEmailAddress();
        if (Find(rows, email) is not { } stored)
        {
            return NotFound(email);
        }

        if (stored.Primary)
        {
            return IdentityResult.Success;
        }

        if (!stored.Verified)
        {
            return IdentityResult.Failed(new IdentityError { Code = "EmailNotVerified", Description = "Only a verified address can become the primary one." });
        }

        var updated = await _addresses.SetPrimaryAsync(_users, user, stored, CancellationToken.None).ConfigureAwait(false);
        if (!updated.Succeeded)
        {
            return updated;
        }

        var to = UserEmailAddresses<TUser>.Primary(await _addresses.SyncAsync(_users, user, CancellationToken.None).ConfigureAwait(false));
        if (_sender.Request is { } request && to is not null)
        {
            await _sender.Signals.SendAsync(new EmailChanged<TUser>(request, user, from, to.ToEmailAddress())).ConfigureAwait(false);
        }

        return IdentityResult.Success;
    }

    /// <summary>
    /// Sends a verification message for one of the user's addresses through Identity's
    /// <see cref="IEmailSender{TUser}"/>, then <c>EmailConfirmationSent</c>. Held back (returns false, sends
    /// nothing) when one was sent to that address less than <see cref="ConfirmationCooldown"/> ago.
    /// </summary>
    /// <param name="user">The user.</param>
    /// <param name="email">One of the user's addresses.</param>
    /// <param name="confirmationLink">Makes the link the message carries from the token, e.g. a URL to a page calling <see cref="ConfirmAsync"/>.</param>
    /// <returns>True when the message was sent.</returns>
    public async Task<bool> SendConfirmationAsync(TUser user, string email, Func<string, string> confirmationLink)
    {
        ArgumentNullException.ThrowIfNull(confirmationLink);
        if (await FindOwnAsync(user, email).ConfigureAwait(false) is not { } stored)
        {
            throw new InvalidOperationException("The address is not one of the user's.");
        }

        var now = _time.GetUtcNow();
        if (stored.ConfirmationSent is { } last && now - last < ConfirmationCooldown)
        {
            return false;
        }

        var token = await _users.GenerateUserTokenAsync(user, _users.Options.Tokens.EmailConfirmationTokenProvider, ConfirmationPurpose(stored.NormalizedEmail)).ConfigureAwait(false);
        var sender = (IEmailSender<TUser>?)_services.GetService(typeof(IEmailSender<TUser>))
            ?? throw new InvalidOperationException("No IEmailSender<" + typeof(TUser).Name + "> is registered: register one to send verification messages.");
        await sender.SendConfirmationLinkAsync(user, stored.Email, confirmationLink(token)).ConfigureAwait(false);
        stored.ConfirmationSent = now;
        await _addresses.SaveAsync(CancellationToken.None).ConfigureAwait(false);

        if (_sender.Request is { } request)
        {
            var signup = _addresses.WasCreatedInThisScope(stored.UserId);
            await _sender.Signals.SendAsync(new EmailConfirmationSent(request, new EmailConfirmation(stored.ToEmailAddress(), now), signup)).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>
    /// Verifies an address with the token of its message; sends <c>EmailConfirmed</c>, or <c>EmailVerificationCodeRejected</c>
    /// for a wrong token. Verifying the primary address also sets Identity's <c>EmailConfirmed</c>.
    /// </summary>
    /// <param name="user">The user.</param>
    /// <param name="email">The address.</param>
    /// <param name="token">The token from <see cref="SendConfirmationAsync"/>'s link.</param>
    public async Task<IdentityResult> ConfirmAsync(TUser user, string email, string token)
    {
        if (await FindOwnAsync(user, email).ConfigureAwait(false) is not { } stored)
        {
            return NotFound(email);
        }

        var valid = await _users.VerifyUserTokenAsync(user, _users.Options.Tokens.EmailConfirmationTokenProvider, ConfirmationPurpose(stored.NormalizedEmail), token).ConfigureAwait(false);
        if (!valid)
        {
            if (_sender.Request is { } refused)
            {
                await _sender.Signals.SendAsync(new EmailVerificationCodeRejected<TUser>(refused, user, false)).ConfigureAwait(false);
            }

            return IdentityResult.Failed(_users.ErrorDescriber.InvalidToken());
        }

        if (stored.Primary)
        {
            var updated = await _addresses.MarkPrimaryVerifiedAsync(_users, user, CancellationToken.None).ConfigureAwait(false);
            if (!updated.Succeeded)
            {
                return updated;
            }
        }

        stored.Verified = true;
        await _addresses.SaveAsync(CancellationToken.None).ConfigureAwait(false);
        if (_sender.Request is { } request)
        {
            await _sender.Signals.SendAsync(new EmailConfirmed(request, stored.ToEmailAddress())).ConfigureAwait(false);
        }

        return IdentityResult.Success;
    }

    /// <summary>
    /// Binds a token to one address. The address goes in hashed: Identity logs the purpose of a failed token check
    /// (Debug), and addresses stay out of logs.
    /// </summary>
    private static string ConfirmationPurpose(string normalizedEmail) =>
        ConfirmationPurposePrefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)));

    private async Task<StoredEmailAddress?> FindOwnAsync(TUser user, string email) =>
        Find(await _addresses.SyncAsync(_users, user, CancellationToken.None).ConfigureAwait(false), email);

    private StoredEmailAddress? Find(List<StoredEmailAddress> rows, string email)
    {
        var normalized = _users.NormalizeEmail(email ?? string.Empty);
        return rows.Find(row => row.NormalizedEmail == normalized);
    }

    private static IdentityResult NotFound(string email) =>
        IdentityResult.Failed(new IdentityError { Code = "EmailNotFound", Description = "'" + email + "' is not one of your e-mail addresses." });
}
