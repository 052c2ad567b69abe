using Microsoft.AspNetCore.Identity;

namespace AuthSample.Data;

/// <summary>The application's user: receivers declare it by this type.</summary>
public sealed class AppUser : IdentityUser
{
}
