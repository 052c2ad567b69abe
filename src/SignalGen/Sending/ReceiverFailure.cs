using System;

namespace SignalGen;

/// <summary>A receiver that threw while a signal was sent robustly.</summary>
public sealed class ReceiverFailure
{
    /// <summary>Creates a failure record.</summary>
    /// <param name="receiver">The receiver's fully qualified name.</param>
    /// <param name="exception">What it threw.</param>
    public ReceiverFailure(string receiver, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(exception);
        Receiver = receiver;
        Exception = exception;
    }

    /// <summary>
    /// The receiver's fully qualified name, e.g. <c>Contoso.AccountReceivers.CreateProfile(HttpContext, AppUser)</c>,
    /// or the name given to <c>Connect</c> for a run-time receiver.
    /// </summary>
    public string Receiver { get; }

    /// <summary>The exception the receiver threw.</summary>
    public Exception Exception { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Receiver}: {Exception.GetType().FullName}: {Exception.Message}";
}
