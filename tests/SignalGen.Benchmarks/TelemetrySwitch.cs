using System;
using SignalGen.Observability;

namespace SignalGen.Benchmarks;

/// <summary>Turns SignalGen's telemetry off in a benchmark process whose job asks for it (Program.cs, --telemetry-off).</summary>
internal static class TelemetrySwitch
{
    public const string OffVariable = "SIGNALGEN_BENCHMARK_TELEMETRY_OFF";

    /// <summary>
    /// Call first in a global setup, before anything reads <see cref="SignalGenTelemetry.IsSupported"/>: the switch is
    /// read once. Prints the outcome, so each job's log shows which way it ran.
    /// </summary>
    public static void Apply()
    {
        if (Environment.GetEnvironmentVariable(OffVariable) == "1")
        {
            AppContext.SetSwitch(SignalGenTelemetry.IsSupportedSwitchName, false);
        }

        Console.WriteLine($"// SignalGen telemetry supported: {SignalGenTelemetry.IsSupported}");
    }
}
