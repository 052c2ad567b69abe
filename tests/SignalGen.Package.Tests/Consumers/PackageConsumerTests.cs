using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using SignalGen.Testing;
using Xunit;

namespace SignalGen.Package.Tests.Consumers;

/// <summary>
/// Projects that install SignalGen (or SignalGen.Identity) from the packages of this run, as a user
/// would: they restore, build with no warnings, run, and report a broken receiver as a compile error.
/// </summary>
public sealed class PackageConsumerTests(LocalPackageFeed feed)
{
    private const string Schema = """
        {
          "namespace": "Shop.Orders",
          "usings": ["Shop"],
          "signals": {
            "OrderPlaced": {
              "doc": "Sent when a customer placed an order.",
              "args": { "order": "Order", "customer": "string" }
            },
            "OrderCancelled": {
              "mode": "robust",
              "args": { "order": "Order" }
            }
          }
        }
        """;

    private const string Receivers = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Shop.Orders;
        using SignalGen;

        namespace Shop;

        public sealed record Order(int Id, decimal Total);

        public sealed class Outbox
        {
            public int Sent { get; set; }
        }

        public static class Audit
        {
            [Receiver(Signal.OrderPlaced)]
            public static void Record(Order order, string customer) => Console.WriteLine($"audit: order {order.Id} for {customer}");

            [Receiver(Signal.OrderCancelled)]
            public static void Refund(Order order) => throw new InvalidOperationException($"refunds are down for order {order.Id}");
        }

        public sealed class Mailer(Outbox outbox)
        {
            [Receiver(Signal.OrderPlaced, Order = 10), Receiver(Signal.OrderCancelled)]
            public async Task NotifyAsync(Order order, CancellationToken cancellationToken)
            {
                await Task.Yield();
                outbox.Sent++;
                Console.WriteLine($"mail: order {order.Id}");
            }
        }
        """;

    private const string Program = """
        using System;
        using Microsoft.Extensions.DependencyInjection;
        using Shop;
        using Shop.Orders;

        var services = new ServiceCollection().AddSingleton<Outbox>().AddSignals().BuildServiceProvider(validateScopes: true);
        using var scope = services.CreateScope();
        var signals = scope.ServiceProvider.GetRequiredService<Signals>();
        var order = new Order(42, 9.50m);

        await signals.SendOrderPlacedAsync(order, "alice");
        var cancelled = await signals.SendOrderCancelledAsync(order);
        Console.WriteLine($"cancelled: {cancelled}");
        Console.WriteLine($"mails: {services.GetRequiredService<Outbox>().Sent}");
        """;

    [Fact]
    public async Task NewProject_RestoresSignalGenFromTheFeed_BuildsWithoutWarnings_AndItsReceiversRun()
    {
        var project = CreateShop("shop");

        var build = await project.Build(TestContext.Current.CancellationToken);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Warnings);

        var run = await project.Run(TestContext.Current.CancellationToken);
        Assert.True(run.ExitCode == 0, run.ToString());

        // Order, then name: Audit.Record before Mailer (Order = 10); on OrderCancelled both are 0, so Shop.Audit.Refund first.
        Assert.Equal(
            """
            audit: order 42 for alice
            mail: order 42
            mail: order 42
            cancelled: 2 receivers, 1 failed
            mails: 2

            """.ReplaceLineEndings(),
            run.StandardOutput.ReplaceLineEndings());
    }

    [Fact]
    public async Task TelemetrySupportFalse_ReachesTheRuntimeConfig_AndNothingIsReported_WhileOnAListenerStartedLateSeesTheSend()
    {
        var project = CreateShop("shop-telemetry-off", telemetrySupport: "false");
        project.Write("Receivers.cs", """
            using Shop.Orders;
            using SignalGen;

            namespace Shop;

            public sealed record Order(int Id, decimal Total);

            public static class Tally
            {
                public static int Placed;

                [Receiver(Signal.OrderPlaced)]
                public static void Count(Order order) => Placed++;
            }
            """);
        project.Write("Program.cs", """
            using System;
            using System.Diagnostics;
            using System.Diagnostics.Metrics;
            using Shop;
            using Shop.Orders;
            using SignalGen.Observability;

            var signals = new Signals();
            var order = new Order(7, 1m);
            for (var i = 0; i < 1000; i++)
            {
                signals.Send(new OrderPlaced(order, "alice"));
            }

            var spans = 0;
            var measurements = 0;
            var instruments = 0;
            using var activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name == SignalGenTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStopped = _ => spans++,
            };
            ActivitySource.AddActivityListener(activities);
            using var meters = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == SignalGenTelemetry.Name)
                    {
                        instruments++;
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            meters.SetMeasurementEventCallback<long>((_, _, _, _) => measurements++);
            meters.Start();

            signals.Send(new OrderPlaced(order, "alice"));
            Console.WriteLine($"supported: {SignalGenTelemetry.IsSupported}, received: {Tally.Placed}, spans: {spans}, sends counted: {measurements}, instruments: {instruments}");
            """);

        var build = await project.Build(TestContext.Current.CancellationToken);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Warnings);
        const string SwitchedOff = "\"SignalGen.Telemetry.IsSupported\": false";
        var runtimeConfig = project.PathOf(Path.Combine("bin", "Debug", "net10.0", "Shop.runtimeconfig.json"));
        Assert.Contains(SwitchedOff, File.ReadAllText(runtimeConfig), StringComparison.Ordinal);

        var off = await project.Run(TestContext.Current.CancellationToken);
        Assert.True(off.ExitCode == 0, off.ToString());
        // Switched off, SignalGen's meter and instruments are never created: a listener finds none to enable.
        Assert.Equal("supported: False, received: 1001, spans: 0, sends counted: 0, instruments: 0", off.StandardOutput.Trim());

        // The same build with the switch on, as apps have it by default: listeners started after a thousand
        // unobserved sends see the next one.
        File.WriteAllText(runtimeConfig, File.ReadAllText(runtimeConfig).Replace(SwitchedOff, "\"SignalGen.Telemetry.IsSupported\": true", StringComparison.Ordinal));
        var on = await project.Run(TestContext.Current.CancellationToken);
        Assert.True(on.ExitCode == 0, on.ToString());
        Assert.Equal("supported: True, received: 1001, spans: 1, sends counted: 1, instruments: 3", on.StandardOutput.Trim());
    }

    [Fact]
    public async Task NewProject_WithABrokenReceiver_FailsToBuildWithTheAnalyzersErrorAtItsPosition()
    {
        var project = CreateShop("shop-broken");
        project.Write("Broken.cs", """
            using Shop.Orders;
            using SignalGen;

            namespace Shop;

            public static class Broken
            {
                [Receiver(Signal.OrderPlaced)]
                public static void Track(Order order, int attempts) { }
            }
            """);

        var build = await project.Build(TestContext.Current.CancellationToken);

        Assert.NotEqual(0, build.ExitCode);
        AssertPrinted(build, project.PathOf("Broken.cs") + "(9,47): error SGEN0102: Parameter 'attempts' matches no argument of OrderPlaced");
    }

    [Fact]
    public async Task AppReferencingOnlySignalGenIdentity_GetsTheGeneratorAndAnalyzersThroughIt()
    {
        // No PackageReference to SignalGen: it must arrive through SignalGen.Identity, build files and analyzers included.
        var project = ConsumerProject.Create(feed, "identity-app", new Dictionary<string, string>
        {
            ["IdentityApp.csproj"] = $"""
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="SignalGen.Identity" Version="{feed.Version}" />
                  </ItemGroup>
                </Project>
                """,
            ["Program.cs"] = """
                using Microsoft.AspNetCore.Identity;
                using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
                using Microsoft.EntityFrameworkCore;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddIdentity<AppUser, IdentityRole>()
                    .AddEntityFrameworkStores<AppDbContext>()
                    .AddSignals<AppDbContext>();
                builder.Services.AddSignals(); // generated in this application, from its receivers
                builder.Build();

                public sealed class AppUser : IdentityUser;

                public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options);
                """,
            ["Profiles.cs"] = """
                using Microsoft.AspNetCore.Http;
                using SignalGen;
                using SignalGen.Identity;

                public static class Profiles
                {
                    [Receiver(Signal.UserSignedUp)]
                    public static void Create(HttpContext request, AppUser user) { }
                }
                """,
        });

        var build = await project.Build(TestContext.Current.CancellationToken);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Warnings);

        // The analyzers came along too: a parameter that is no argument of UserLoggedIn is an error.
        project.Write("Broken.cs", """
            using SignalGen;
            using SignalGen.Identity;

            public static class Broken
            {
                [Receiver(Signal.UserLoggedIn)]
                public static void Track(AppUser user, int attempts) { }
            }
            """);
        var broken = await project.Build(TestContext.Current.CancellationToken);
        AssertPrinted(broken, project.PathOf("Broken.cs") + "(7,48): error SGEN0102: Parameter 'attempts' matches no argument of UserLoggedIn");
    }

    private static void AssertPrinted(CommandResult build, string expected) =>
        Assert.True(build.Output.Contains(expected, StringComparison.Ordinal), $"Expected the build to print{Environment.NewLine}{expected}{Environment.NewLine}{build}");

    private ConsumerProject CreateShop(string name, string telemetrySupport = "") => ConsumerProject.Create(feed, name, new Dictionary<string, string>
    {
        ["Shop.csproj"] = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <SignalGenTelemetrySupport>{telemetrySupport}</SignalGenTelemetrySupport>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SignalGen" Version="{feed.Version}" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="{ConsumerProject.DependencyInjectionVersion}" />
              </ItemGroup>
            </Project>
            """,
        ["shop.signals.json"] = Schema,
        ["Receivers.cs"] = Receivers,
        ["Program.cs"] = Program,
    });
}
