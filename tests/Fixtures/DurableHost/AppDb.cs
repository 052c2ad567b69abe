using System;
using Microsoft.EntityFrameworkCore;

namespace DurableHost;

/// <summary>The application's database: its users, and what the durable receivers did.</summary>
public sealed class AppDb(DbContextOptions<AppDb> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Effect> Effects => Set<Effect>();

    public DbSet<Latency> Latencies => Set<Latency>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>().HasKey(user => user.Id);
        modelBuilder.Entity<Effect>().HasKey(effect => effect.Id);
        modelBuilder.Entity<Latency>().HasKey(latency => latency.Id);

        // At most one effect per delivery and kind: a second one would fail the commit, not hide.
        modelBuilder.Entity<Effect>().HasIndex(effect => new { effect.DeliveryId, effect.Kind }).IsUnique();
    }
}

public sealed class User
{
    public required string Id { get; init; }

    public required string Email { get; init; }
}

/// <summary>One thing a durable receiver did, written through the worker's <see cref="AppDb"/>.</summary>
public sealed class Effect
{
    public int Id { get; init; }

    public required Guid DeliveryId { get; init; }

    public required string Kind { get; init; }

    public required string Subject { get; init; }

    public int Attempt { get; init; }

    /// <summary>The process that ran the receiver: which node of several took the message.</summary>
    public int Handler { get; init; }
}

/// <summary>One delivery the benchmark measured: when its message was staged and when its receiver ran.</summary>
public sealed class Latency
{
    public int Id { get; init; }

    /// <summary><c>signalgen</c> (a durable receiver) or <c>wolverine</c> (the hand-written baseline).</summary>
    public required string Kind { get; init; }

    public int Sequence { get; init; }

    /// <summary>Ticks (UTC) when the message was staged.</summary>
    public long StagedAt { get; init; }

    /// <summary>Ticks (UTC) when its receiver started.</summary>
    public long RanAt { get; init; }
}

