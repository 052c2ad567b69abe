using System.Collections.Generic;
using System.Threading.Tasks;
using SignalGen.Testing;
using Xunit;

namespace SignalGen.Package.Tests.Consumers;

/// <summary>
/// An application that installs SignalGen and SignalGen.Wolverine from this run's packages and is wired only
/// as docs/durable-receivers.md says: it builds with no warning, and a signal sent in its transaction runs
/// the durable receiver once, from Wolverine's worker, after the commit.
/// </summary>
public sealed class DurableConsumerTests(LocalPackageFeed feed)
{
    private const string Schema = """
        {
          "namespace": "Shop.Accounts",
          "signals": {
            "UserRegistered": { "args": { "userId": "string", "email": "string" } }
          }
        }
        """;

    private const string App = """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using JasperFx.CodeGeneration;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.Extensions.Logging;
        using Shop.Accounts;
        using SignalGen;
        using SignalGen.Durable;
        using Wolverine;
        using Wolverine.Sqlite;

        var path = Path.Combine(AppContext.BaseDirectory, "app.db");
        File.Delete(path);
        var connectionString = "Data Source=" + path;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);

        // As docs/durable-receivers.md, "Setting it up".
        builder.Services.AddDbContext<AppDb>(options => options.UseSqlite(connectionString));
        builder.Services.AddSignals();
        builder.Services.AddSignalGenDurableReceivers<AppDb>();
        builder.UseWolverine(options =>
        {
            options.PersistMessagesWithSqlite(connectionString);
            options.Durability.Mode = DurabilityMode.Solo;
            options.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
            options.Discovery.DisableConventionalDiscovery();
        });

        using var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDb>().Database.EnsureCreatedAsync();
        }

        await host.StartAsync();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // As docs/durable-receivers.md, "Sending".
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Users.Add(new User { Id = "u1", Email = "ann@example.com" });
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<Signals>().SendUserRegisteredAsync("u1", "ann@example.com");
            Console.WriteLine($"in the send: {Welcome.Runs}");
            await transaction.CommitAsync();
        }

        for (var i = 0; i < 300 && Volatile.Read(ref Welcome.Runs) == 0; i++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(1000);
        Console.WriteLine($"after the commit: {Welcome.Runs}, delivery {Welcome.Delivery}");
        await host.StopAsync();

        public sealed class AppDb(DbContextOptions<AppDb> options) : DbContext(options)
        {
            public DbSet<User> Users => Set<User>();
        }

        public sealed class User
        {
            public required string Id { get; init; }

            public required string Email { get; init; }
        }

        public static class Welcome
        {
            public static int Runs;
            public static string Delivery = "";

            [Receiver(Signal.UserRegistered, Durable = true)]
            public static void Send(string email, DurableDelivery delivery)
            {
                Delivery = delivery.Id.Version + "/" + delivery.Attempt;
                Interlocked.Increment(ref Runs);
            }
        }
        """;

    [Fact]
    public async Task AnAppWiredAsTheDocsSay_BuildsWithoutWarnings_AndRunsItsDurableReceiverOnceAfterTheCommit()
    {
        var project = ConsumerProject.Create(feed, "durable", new Dictionary<string, string>
        {
            ["Shop.csproj"] = $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="SignalGen" Version="{feed.Version}" />
                    <PackageReference Include="SignalGen.Wolverine" Version="{feed.Version}" />
                    <PackageReference Include="WolverineFx.Sqlite" Version="{ConsumerProject.RepositoryVersion("WolverineFx.Sqlite")}" />
                    <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="{ConsumerProject.RepositoryVersion("Microsoft.EntityFrameworkCore.Sqlite")}" />
                    <PackageReference Include="Microsoft.Extensions.Hosting" Version="{ConsumerProject.RepositoryVersion("Microsoft.Extensions.Hosting")}" />
                  </ItemGroup>
                </Project>
                """,
            ["accounts.signals.json"] = Schema,
            ["Program.cs"] = App,
        });

        var build = await project.Build(TestContext.Current.CancellationToken);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Warnings);

        var run = await project.Run(TestContext.Current.CancellationToken);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            """
            in the send: 0
            after the commit: 1, delivery 7/1

            """.ReplaceLineEndings(),
            run.StandardOutput.ReplaceLineEndings());
    }
}
