using System;
using System.Threading;
using System.Threading.Tasks;
using JasperFx.CodeGeneration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Postgresql;
using Wolverine.RabbitMQ;
using Wolverine.Sqlite;

namespace DurableHost;

/// <summary>
/// The application, set up as docs/durable-receivers.md tells a user to: the app's SQLite file holds its own
/// tables and Wolverine's, <c>AddSignals()</c>, <c>AddSignalGenDurableReceivers&lt;AppDb&gt;()</c> and
/// <c>UseWolverine</c> with the SQLite store (one process, Solo) or the PostgreSQL store (several processes,
/// Balanced). Timings are shortened so recovery is seen within seconds.
/// </summary>
public static class DurableHostApp
{
    /// <param name="database">A SQLite file's path, or a PostgreSQL connection string (<c>Host=...</c>).</param>
    /// <param name="rabbitMq">
    /// A RabbitMQ broker's address (<c>amqp://...</c>): the durable receivers' messages then go through its queue
    /// <c>signalgen</c>, which every node listens to, instead of each node's local queue.
    /// </param>
    public static IHost Build(string database, string? hold = null, TimeSpan[]? retryDelays = null, string? rabbitMq = null)
    {
        var postgres = DatabaseState.IsPostgres(database);
        var connectionString = postgres ? database : new SqliteConnectionStringBuilder { DataSource = database, DefaultTimeout = 30 }.ToString();
        if (!postgres)
        {
            CreateDatabase(connectionString);
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(new Hold(hold));
        builder.Services.AddDbContext<AppDb>((services, options) =>
            (postgres ? options.UseNpgsql(connectionString) : options.UseSqlite(connectionString)).AddInterceptors(services.GetRequiredService<Hold>()));
        builder.Services.AddScoped<Registration>();
        builder.Services.AddSignals();
        builder.Services.AddSignalGenDurableReceivers<AppDb>(options =>
        {
            if (rabbitMq is not null)
            {
                options.Route = publish => publish.ToRabbitQueue("signalgen").UseDurableOutbox();
            }

            if (retryDelays is not null)
            {
                options.RetryDelays.Clear();
                foreach (var delay in retryDelays)
                {
                    options.RetryDelays.Add(delay);
                }
            }
        });
        builder.UseWolverine(options =>
        {
            if (postgres)
            {
                // Several processes share the database: Balanced mode, with a dead node's messages reassigned in seconds.
                options.PersistMessagesWithPostgresql(connectionString, DatabaseState.WolverineSchema);
                options.Durability.Mode = DurabilityMode.Balanced;
                options.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(1);
                options.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(5);
                options.Durability.NodeReassignmentPollingTime = TimeSpan.FromSeconds(1);
            }
            else
            {
                options.PersistMessagesWithSqlite(connectionString);
                options.Durability.Mode = DurabilityMode.Solo;
            }

            options.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
            options.Discovery.DisableConventionalDiscovery();

            if (rabbitMq is not null)
            {
                options.UseRabbitMq(new Uri(rabbitMq)).AutoProvision();
                options.ListenToRabbitQueue("signalgen").UseDurableInbox();
            }

            // The delivery benchmark's baseline: a plain message on the same durable local queue, with a hand-written handler.
            options.AddMessageHandler(new PlainPingHandler());
            options.PublishMessage<PlainPing>().ToLocalQueue("signalgen").UseDurableInbox();

            // Look for orphaned messages at once and every second, not after 0.5-5 s and every 5 s.
            options.Durability.ScheduledJobFirstExecution = TimeSpan.Zero;
            options.Durability.ScheduledJobPollingTime = TimeSpan.FromSeconds(1);
        });
        return builder.Build();
    }

    /// <summary>The app's own tables, first, in WAL mode; Wolverine adds its tables to the same file when the host starts.</summary>
    private static void CreateDatabase(string connectionString)
    {
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            command.ExecuteNonQuery();
        }

        using var db = new AppDb(new DbContextOptionsBuilder<AppDb>().UseSqlite(connectionString).Options);
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!creator.HasTables())
        {
            creator.CreateTables();
        }
    }

    /// <summary>Creates the app's tables in a PostgreSQL database, once, before any process starts (Wolverine adds its own schema).</summary>
    public static void CreatePostgresTables(string connectionString)
    {
        using var db = new AppDb(new DbContextOptionsBuilder<AppDb>().UseNpgsql(connectionString).Options);
        db.GetService<IRelationalDatabaseCreator>().CreateTables();
    }

    /// <summary>Registers a user through a scope, as a request would.</summary>
    public static async Task<string> RegisterAsync(IHost host, string email, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Registration>().RegisterAsync(email, cancellationToken);
    }
}
