using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using SignalGen.Durable;

namespace SignalGen.Identity.Tests;

/// <summary>
/// Durable receivers of two catalogue signals. A send stages their messages through
/// <see cref="StagingJournal"/>'s outbox, which records how each was staged; a test runs them from a message.
/// </summary>
public static class DurableJournalReceivers
{
    /// <summary>The users <see cref="Welcome"/> ran for, by e-mail address (tests use their own).</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Welcomed = new();

    [Receiver(Signal.UserSignedUp, Durable = true)]
    public static void Welcome(AppUser user) => Welcomed[user.Email!] = user.Id;

    [Receiver(Signal.PasswordChanged, Durable = true)]
    public static void NotifyPasswordChanged(AppUser user) => throw new InvalidOperationException("A durable receiver runs from its stored message, never in the send.");
}

/// <summary>What durable receivers staged, in order, and whether a transaction was open on the application's context then.</summary>
public sealed class StagingJournal
{
    public List<(string Receiver, bool InTransaction)> Staged { get; } = [];

    /// <summary>The staged messages and their receivers, to run them as a worker would.</summary>
    public List<(object Message, DurableReceiver Receiver)> Messages { get; } = [];

    /// <summary>When set, staging fails with it, as a database error would.</summary>
    public Exception? FailWith { get; set; }

    /// <summary>The in-process journal's length when each message was staged: what had run in-process before.</summary>
    public List<int> InProcessBefore { get; } = [];
}

/// <summary>The engine's part, played by a recorder: registered as <see cref="IDurableReceiverOutbox"/> for each request.</summary>
internal sealed class RecordingOutbox<TContext>(StagingJournal staging, SignalJournal journal, TContext db) : IDurableReceiverOutbox
    where TContext : DbContext
{
    public ValueTask StageAsync<TMessage>(TMessage message, DurableReceiver<TMessage> receiver, CancellationToken cancellationToken)
        where TMessage : class, IDurableMessage
    {
        if (staging.FailWith is { } failure)
        {
            return ValueTask.FromException(failure);
        }

        staging.Staged.Add((receiver.Receiver, db.Database.CurrentTransaction is not null));
        staging.Messages.Add((message, receiver));
        staging.InProcessBefore.Add(journal.Signals.Count);
        return default;
    }
}
