using System;
using System.Collections.Generic;

namespace SignalGen;

/// <summary>
/// The outcome of a robust send (<c>SendRobust</c>, <c>SendRobustAsync</c>): how many receivers ran and
/// which of them failed. A send where every receiver succeeded allocates nothing.
/// </summary>
public readonly struct SendResult : IEquatable<SendResult>
{
    private readonly ReceiverFailure[]? _failures;

    internal SendResult(int receiverCount, ReceiverFailure[]? failures)
    {
        ReceiverCount = receiverCount;
        _failures = failures;
    }

    /// <summary>How many receivers were called, failed ones included.</summary>
    public int ReceiverCount { get; }

    /// <summary>The receivers that threw, in the order they ran. Empty when all succeeded.</summary>
    public IReadOnlyList<ReceiverFailure> Failures => _failures ?? [];

    /// <summary><see langword="true"/> when no receiver threw.</summary>
    public bool Succeeded => _failures is null;

    /// <summary>
    /// Throws an <see cref="AggregateException"/> holding every receiver's exception, in order, when any
    /// receiver failed.
    /// </summary>
    /// <exception cref="AggregateException">At least one receiver failed.</exception>
    public void ThrowIfFailed()
    {
        if (_failures is null)
        {
            return;
        }

        var exceptions = new Exception[_failures.Length];
        for (var i = 0; i < _failures.Length; i++)
        {
            exceptions[i] = _failures[i].Exception;
        }

        throw new AggregateException(
            $"{_failures.Length} of {ReceiverCount} receivers failed; first: {_failures[0].Receiver}.",
            exceptions);
    }

    /// <inheritdoc />
    public bool Equals(SendResult other) => ReceiverCount == other.ReceiverCount && ReferenceEquals(_failures, other._failures);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SendResult other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ReceiverCount, _failures);

    /// <summary>Compares two results.</summary>
    public static bool operator ==(SendResult left, SendResult right) => left.Equals(right);

    /// <summary>Compares two results.</summary>
    public static bool operator !=(SendResult left, SendResult right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() =>
        Succeeded ? $"{ReceiverCount} receivers, all succeeded" : $"{ReceiverCount} receivers, {_failures!.Length} failed";
}
