using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace DurableHost;

/// <summary>What the database holds, read with plain SQL on a connection of its own.</summary>
public sealed record DatabaseState(long Users, long Welcome, long Incoming, long Handled, long DeadLetters)
{
    public static DatabaseState Read(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, DefaultTimeout = 30 }.ToString());
        connection.Open();
        return new DatabaseState(
            Count(connection, "SELECT count(*) FROM Users"),
            Count(connection, "SELECT count(*) FROM Effects WHERE Kind = 'welcome'"),
            Count(connection, "SELECT count(*) FROM wolverine_incoming_envelopes WHERE status <> 'Handled'"),
            Count(connection, "SELECT count(*) FROM wolverine_incoming_envelopes WHERE status = 'Handled'"),
            Count(connection, "SELECT count(*) FROM wolverine_dead_letters"));
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

    private static long Count(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException exception) when (exception.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return 0;
        }
    }
}
