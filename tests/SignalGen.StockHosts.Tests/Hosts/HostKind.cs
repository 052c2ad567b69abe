namespace SignalGen.StockHosts.Tests.Hosts;

/// <summary>The three apps users start from.</summary>
public enum HostKind
{
    /// <summary>dotnet new webapp --auth Individual: Razor Pages with Identity's UI, IdentityUser.</summary>
    Razor,

    /// <summary>dotnet new blazor --auth Individual: Identity's Blazor components, ApplicationUser, passkeys.</summary>
    Blazor,

    /// <summary>dotnet new webapi with the ASP.NET Core docs' MapIdentityApi set-up.</summary>
    Api,
}
