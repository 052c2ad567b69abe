using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DurableHost;

/// <summary>What the database holds, read with plain SQL on a connection of its own.</summary>
public sealed record DatabaseState(long Users, long Welcome, long Incoming, long Handled, long DeadLetters)
{
    /// <summary>Where Wolverine's tables are in PostgreSQL.</summary>
    public const string WolverineSchema = "wolverine";

    public static bool IsPostgres(string database) => database.StartsWith("Host=", StringComparison.Ordinal);

    /// <param name="database">A SQLite file's path, or a PostgreSQL connection string.</param>
    public static DatabaseState Read(string database)
    {
        using var connection = Open(database);
        var wolverine = IsPostgres(database) ? WolverineSchema + "." : string.Empty;
        return new DatabaseState(
            Count(connection, "SELECT count(*) FROM \"Users\""),
            Count(connection, "SELECT count(*) FROM \"Effects\" WHERE \"Kind\" = 'welcome'"),
            Count(connection, $"SELECT count(*) FROM {wolverine}wolverine_incoming_envelopes WHERE status <> 'Handled'"),
            Count(connection, $"SELECT count(*) FROM {wolverine}wolverine_incoming_envelopes WHERE status = 'Handled'"),
            Count(connection, $"SELECT count(*) FROM {wolverine}wolverine_dead_letters"));
    }

    /// <summary>How many welcome effects of users whose e-mail starts with <paramref name="prefix"/> the process <paramref name="handler"/> wrote.</summary>
    public static long WelcomesHandledBy(string database, string prefix, int handler)
    {
        using var connection = Open(database);
        return Count(connection, $"SELECT count(*) FROM \"Effects\" WHERE \"Kind\" = 'welcome' AND \"Handler\" = {handler} AND \"Subject\" LIKE '% {prefix}-%'");
    }

    /// <summary>The delivery ids of the welcome effects, lower case.</summary>
    public static List<string> WelcomeDeliveryIds(string database)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"DeliveryId\" FROM \"Effects\" WHERE \"Kind\" = 'welcome'";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!.ToLowerInvariant());
        }

        return ids;
    }

    /// <summary>How many welcome effects share a delivery id with another: a receiver that took effect twice.</summary>
    public static long DuplicateWelcomes(string database)
    {
        using var connection = Open(database);
        return Count(connection, "SELECT count(*) FROM (SELECT \"Subject\" FROM \"Effects\" WHERE \"Kind\" = 'welcome' GROUP BY \"Subject\" HAVING count(*) > 1) AS twice");
    }

    public static async Task<DatabaseState> WaitForAsync(string databasePath, Func<DatabaseState, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var state = Read(databasePath);
            if (done(state) || clock.Elapsed > timeout)
            {
                return state;
            }

            await Task.Delay(100);
        }
    }

    private static DbConnection Open(string database)
    {
        DbConnection connection = IsPostgres(database)
            ? new NpgsqlConnection(database)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, DefaultTimeout = 30 }.ToString());
        connection.Open();
        return connection;
    }

    private static long Count(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException exception) when (exception.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return 0;
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }
}
