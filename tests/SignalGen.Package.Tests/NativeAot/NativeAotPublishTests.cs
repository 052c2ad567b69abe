using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SignalGen.Testing;
using Xunit;

namespace SignalGen.Package.Tests.NativeAot;

/// <summary>
/// samples/Quickstart sets <c>PublishAot</c>: <c>dotnet publish</c> compiles it to a native binary, with
/// the trimming and AOT analyzers on. Generated dispatch, DI registration and run-time Connect must
/// publish without a single warning and behave exactly as on the JIT.
/// </summary>
public sealed class NativeAotPublishTests(LocalPackageFeed feed)
{
    [Fact]
    public async Task Quickstart_PublishesNativeWithNoWarnings_AndPrintsWhatItPrintsOnTheJit()
    {
        var artifacts = feed.NewWorkDirectory("quickstart-aot");
        var cancellationToken = TestContext.Current.CancellationToken;

        var publish = await DotNetCommand.Run(
            DotNetCommand.RepositoryRoot,
            ["publish", "samples/Quickstart/Quickstart.csproj", "-c", "Release", "--artifacts-path", artifacts, "-nologo", "-nodeReuse:false", "--disable-build-servers"],
            cancellationToken);
        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.Empty(publish.Warnings);

        var published = Path.Combine(artifacts, "publish", "Quickstart", "release");
        var binary = Path.Combine(published, OperatingSystem.IsWindows() ? "Quickstart.exe" : "Quickstart");
        Assert.True(File.Exists(binary), $"No native binary in {published}: {string.Join(", ", Directory.GetFiles(published).Select(Path.GetFileName))}");
        Assert.False(File.Exists(Path.Combine(published, "Quickstart.dll")), "The publish folder holds IL: it was not compiled ahead of time.");
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(binary)[..4]);
        }

        var native = await DotNetCommand.RunProgram(binary, published, [], cancellationToken);
        Assert.True(native.ExitCode == 0, native.ToString());

        // The same build's IL, run on the JIT, is the reference.
        var intermediate = Directory.GetFiles(Path.Combine(artifacts, "bin", "Quickstart"), "Quickstart.dll", SearchOption.AllDirectories).Single();
        var jit = await DotNetCommand.Run(published, [intermediate], cancellationToken);
        Assert.True(jit.ExitCode == 0, jit.ToString());

        Assert.Equal(jit.StandardOutput, native.StandardOutput);
        Assert.Contains("[AccountReceivers.CreateProfile] profile for alice@example.com", native.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[SecurityMailer.NotifyAsync] mail queued for alice@example.com", native.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[connected] welcome back, alice@example.com", native.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("-> vetoed: bob.new@example.com", native.StandardOutput, StringComparison.Ordinal);
    }
}
