using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Identity;

namespace SignalGen.Identity;

/// <summary>
/// Refuses a user whose address is another user's secondary address. Identity's own check
/// (<c>RequireUniqueEmail</c>) sees primary addresses only, and the address table keeps every address
/// unique: without this, creating such a user saved it and then failed on the table's unique index.
/// </summary>
/// <typeparam name="TUser">The application's user type.</typeparam>
internal sealed class AddressOwnerValidator<TUser>(UserEmailAddresses<TUser> addresses) : IUserValidator<TUser>
    where TUser : class
{
    public async Task<IdentityResult> ValidateAsync(UserManager<TUser> manager, TUser user)
    {
        var email = await manager.GetEmailAsync(user).ConfigureAwait(false);
        if (string.IsNullOrEmpty(email)
            || await addresses.FindAsync(manager.NormalizeEmail(email), CancellationToken.None).ConfigureAwait(false) is not { } stored
            || stored.UserId == await manager.GetUserIdAsync(user).ConfigureAwait(false))
        {
            return IdentityResult.Success;
        }

        return IdentityResult.Failed(manager.ErrorDescriber.DuplicateEmail(email));
    }
}
