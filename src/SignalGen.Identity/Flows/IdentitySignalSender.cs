using System;
using System.Linq;
using Microsoft.AspNetCore.Http;

namespace SignalGen.Identity;

/// <summary>
/// What the Identity flows send through: the schema's sender for the application's user type and the
/// request the flow runs in. Signals whose <c>request</c> argument would be missing (seeding, background
/// jobs: no request) are not sent.
/// </summary>
internal sealed class IdentitySignalSender<TUser>
    where TUser : class
{
    private readonly IHttpContextAccessor _accessor;

    public IdentitySignalSender(IServiceProvider services, IHttpContextAccessor accessor)
    {
        UserTypeCheck<TUser>.Verify();
        _accessor = accessor;
        Signals = new Signals<TUser>(services);
    }

    public Signals<TUser> Signals { get; }

    /// <summary>The current request, or null outside one.</summary>
    public HttpContext? Request => _accessor.HttpContext;
}

/// <summary>
/// Fails fast when receivers name a user type other than the one Identity sends with: such receivers
/// would never be called, and nothing else would say so.
/// </summary>
internal static class UserTypeCheck<TUser>
    where TUser : class
{
    private static readonly string? s_problem = Find();

    public static void Verify()
    {
        if (s_problem is not null)
        {
            throw new InvalidOperationException(s_problem);
        }
    }

    private static string? Find()
    {
        var others = SignalDispatchTables.BoundTypeArguments.Where(type => type != typeof(TUser)).ToArray();
        return others.Length == 0
            ? null
            : "SignalGen.Identity sends its signals for the user type " + typeof(TUser).FullName
              + ", but receivers declare their user as " + string.Join(", ", others.Select(type => type.FullName))
              + ". Those receivers would never be called: declare the user parameter as " + typeof(TUser).Name + ".";
    }
}
