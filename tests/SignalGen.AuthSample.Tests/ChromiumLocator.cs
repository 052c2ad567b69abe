using System;
using System.Diagnostics;
using System.IO;

namespace SignalGen.AuthSample.Tests;

/// <summary>
/// Finds the system's Chromium (Playwright cannot download browsers here): SIGNALGEN_CHROMIUM, then the usual
/// paths. On a fresh machine where apt-get is available and we are root it installs Debian's chromium, saying so.
/// </summary>
internal static class ChromiumLocator
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"];

    public static string Find(Action<string> say)
    {
        if (Environment.GetEnvironmentVariable("SIGNALGEN_CHROMIUM") is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"SIGNALGEN_CHROMIUM is '{configured}', which does not exist.");
        }

        if (Existing() is { } found)
        {
            return found;
        }

        if (OperatingSystem.IsLinux() && File.Exists("/usr/bin/apt-get") && Environment.UserName == "root")
        {
            say("Chromium is missing: installing Debian's chromium with apt-get for the browser tests (takes a minute).");
            Run("apt-get", "update -qq");
            Run("apt-get", "install -y -qq chromium");
            if (Existing() is { } installed)
            {
                return installed;
            }
        }

        throw new InvalidOperationException(
            "The AuthSample browser tests need Chromium and found none. Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) " +
            "or set SIGNALGEN_CHROMIUM to a Chromium or Chrome executable.");
    }

    private static string? Existing() => Array.Find(Candidates, File.Exists);

    private static void Run(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + file);
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{file} {arguments}` failed ({process.ExitCode}): {error.Result}");
        }
    }
}
