using System;
using SignalGen.StockHosts.Tests.Infrastructure;

namespace SignalGen.StockHosts.Tests.Hosts;

/// <summary>
/// Which apps dotnet test builds and drives. Each app costs two to three builds (dotnet ef builds it for the migration
/// and again for the update; the API makes its own initial migration first): all six took 3 to 9 minutes in a full
/// dotnet test on the two shared cores, up to 13.5 minutes for the whole run, too close to CI's 15. So by default
/// every host runs once and each package line is run: the Razor Pages and API hosts at the dependency floor (every
/// dependency of the packages at 10.0.0, the Identity UI and MapIdentityApi included), the Blazor host, with its
/// passkeys, at the newest patch. SIGNALGEN_STOCKHOSTS_ALL=1 runs every host at both lines.
/// </summary>
public static class StockHostMatrix
{
    public const string AllVariable = "SIGNALGEN_STOCKHOSTS_ALL";

    public static bool All => Environment.GetEnvironmentVariable(AllVariable) == "1";

    public static bool Runs(HostKind host, PackageLine line) =>
        All || (host, line) is (HostKind.Razor, PackageLine.Floor) or (HostKind.Api, PackageLine.Floor) or (HostKind.Blazor, PackageLine.NewestPatch);

    /// <summary>The reason a test of an app left out is skipped.</summary>
    public static string LeftOut(HostKind host, PackageLine line) =>
        $"The {host} host at {line} runs with {AllVariable}=1 (by default each host runs at one package line; see StockHostMatrix).";
}
