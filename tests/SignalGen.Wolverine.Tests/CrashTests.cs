using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DurableHost;
using Xunit;

namespace SignalGen.Wolverine.Tests;

/// <summary>
/// The application is a real process, killed with SIGKILL at a chosen point of a sign-up whose durable
/// receiver writes an effect row, then started again: the receiver's effect happens exactly once when the
/// sign-up committed, and neither the user nor the message exists when it did not.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("signalgen-crash-").FullName;

    private string DatabasePath => Path.Combine(_directory, "app.db");

    [Fact]
    public async Task Killed_after_the_commit_before_the_receiver_ran_the_receiver_runs_once_after_restart()
    {
        await KillAtAsync("after-commit");

        // The user row and the message committed together; the message never reached the queue.
        var killed = DatabaseState.Read(DatabasePath);
        Assert.Equal((1, 0, 1, 0), (killed.Users, killed.Welcome, killed.Incoming, killed.Handled));

        var recovered = await RecoverAsync();
        Assert.Equal(new DatabaseState(Users: 1, Welcome: 1, Incoming: 0, Handled: 1, DeadLetters: 0), recovered);
    }

    [Fact]
    public async Task Killed_inside_the_receiver_before_its_commit_its_write_is_rolled_back_and_made_once_after_restart()
    {
        var hold = await KillAtAsync("in-receiver");

        var killed = DatabaseState.Read(DatabasePath);
        Assert.Equal((1, 0, 1, 0), (killed.Users, killed.Welcome, killed.Incoming, killed.Handled));
        Assert.StartsWith("HOLD in-receiver ", hold, StringComparison.Ordinal);

        var recovered = await RecoverAsync();
        Assert.Equal(new DatabaseState(Users: 1, Welcome: 1, Incoming: 0, Handled: 1, DeadLetters: 0), recovered);

        // The restarted process ran the same delivery the killed one had started: its id is stable across the crash.
        Assert.Equal(hold["HOLD in-receiver ".Length..], DatabaseState.WelcomeDeliveryIds(DatabasePath).Single());
    }

    [Fact]
    public async Task Killed_before_the_commit_neither_the_user_nor_the_message_exists_and_nothing_runs_after_restart()
    {
        await KillAtAsync("before-commit");

        var killed = DatabaseState.Read(DatabasePath);
        Assert.Equal(new DatabaseState(Users: 0, Welcome: 0, Incoming: 0, Handled: 0, DeadLetters: 0), killed);

        var recovered = await RecoverAsync();
        Assert.Equal(new DatabaseState(Users: 0, Welcome: 0, Incoming: 0, Handled: 0, DeadLetters: 0), recovered);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A killed process may still be releasing the file; the temp folder is cleaned by the OS.
        }
    }

    private async Task<string> KillAtAsync(string point)
    {
        using var app = DurableHostProcess.Start(point, "register", DatabasePath, "ann@example.com");
        var hold = await app.WaitForHoldAsync(TestContext.Current.CancellationToken);
        app.Kill();
        return hold;
    }

    private async Task<DatabaseState> RecoverAsync()
    {
        // Recovery in Solo mode: the restarted node releases what the dead one owned and runs it (seconds here).
        using var app = DurableHostProcess.Start(null, "recover", DatabasePath, "20");
        await app.WaitForLineAsync("STATE ", TestContext.Current.CancellationToken);
        return DatabaseState.Read(DatabasePath);
    }
}
