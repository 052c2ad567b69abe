using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace SignalGen.Identity;

/// <summary>
/// The external login a request read with <c>SignInManager.GetExternalLoginInfoAsync</c>, kept on the request so the
/// user manager knows a signup in it is an external one (the templates create the user, then connect the login).
/// </summary>
internal sealed class CurrentExternalLogin(ExternalLoginInfo info)
{
    public ExternalLoginInfo Info { get; } = info;

    public static ExternalLoginInfo? Of(HttpContext request) => request.Features.Get<CurrentExternalLogin>()?.Info;

    public static void Set(HttpContext request, ExternalLoginInfo info) => request.Features.Set(new CurrentExternalLogin(info));
}
