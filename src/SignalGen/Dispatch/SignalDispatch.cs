using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace SignalGen.Dispatch;

/// <summary>Small operations the generated dispatch code shares. Plumbing: not meant to be called by hand.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SignalDispatch
{
    /// <summary>
    /// Resolves the instance that an instance receiver runs on. Throws a message that says what to do
    /// when the sender has no service provider or the class is not registered.
    /// </summary>
    /// <typeparam name="TReceiver">The receiver's containing class.</typeparam>
    /// <param name="services">The sender's service provider.</param>
    /// <param name="receiver">The receiver's name, for the error message.</param>
    public static TReceiver Resolve<TReceiver>(IServiceProvider? services, string receiver)
        where TReceiver : class
    {
        if (services is null)
        {
            throw new InvalidOperationException(
                $"Receiver {receiver} is an instance method, so its class is resolved from DI, but the sender has no IServiceProvider. " +
                "Resolve the sender from DI (services.AddSignals()) or construct it with an IServiceProvider.");
        }

        return services.GetService(typeof(TReceiver)) as TReceiver
            ?? throw new InvalidOperationException(
                $"Receiver {receiver} is an instance method of {typeof(TReceiver).FullName}, which is not registered in the service provider. " +
                "Call services.AddSignals() (generated in the application project), or register the class yourself.");
    }

    /// <summary>
    /// Unboxes a signal chosen at run time, which the sender has already matched by its kind. Throws when
    /// the object is not that signal type: a hand-written <c>ISignal</c>, or a generic signal made for a
    /// different type argument than the sender's.
    /// </summary>
    /// <typeparam name="TSignal">The generated signal type the kind names, for this sender.</typeparam>
    /// <param name="signal">The signal as the caller holds it.</param>
    /// <param name="sender">The sender's type, for the error message.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TSignal Unbox<TSignal>(object signal, Type sender)
        where TSignal : struct =>
        signal is TSignal typed ? typed : throw NotSendable(signal, sender);

    /// <summary>The error for a run-time signal whose kind the sender does not know or whose type does not match it.</summary>
    /// <param name="signal">The signal as the caller holds it.</param>
    /// <param name="sender">The sender's type, for the error message.</param>
    public static ArgumentException NotSendable(object signal, Type sender) =>
        new($"{signal.GetType().FullName} cannot be sent by {sender.FullName}: pass a signal struct generated for this sender's schema (and, for a generic schema, its type argument).", nameof(signal));

    /// <summary>
    /// Waits for an asynchronous receiver inside a synchronous send, the way Django's <c>send</c> runs
    /// async receivers through <c>async_to_sync</c>.
    /// </summary>
    public static void Wait(ValueTask pending)
    {
        if (pending.IsCompletedSuccessfully)
        {
            pending.GetAwaiter().GetResult();
            return;
        }

        // A ValueTask backed by an IValueTaskSource may not be blocked on directly.
        pending.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// <see langword="true"/> when <paramref name="exception"/> is a receiver failure rather than the
    /// caller's own cancellation, which a robust send lets through instead of recording.
    /// </summary>
    public static bool IsFailure(Exception exception, CancellationToken cancellationToken) =>
        !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);

    /// <summary>
    /// Completes an all-then-throw send: the task faults with an <see cref="AggregateException"/> when
    /// any receiver failed. Exceptions travel through the task, never out of the call.
    /// </summary>
    public static ValueTask ThrowIfFailedAsync(ValueTask<SendResult> pending)
    {
        if (!pending.IsCompletedSuccessfully)
        {
            return AwaitThenThrowIfFailed(pending);
        }

        var result = pending.Result;
        return result.Succeeded ? default : ValueTask.FromException(Capture(result));

        static async ValueTask AwaitThenThrowIfFailed(ValueTask<SendResult> pending) =>
            (await pending.ConfigureAwait(false)).ThrowIfFailed();
    }

    private static Exception Capture(SendResult result)
    {
        try
        {
            result.ThrowIfFailed();
        }
        catch (AggregateException exception)
        {
            return exception;
        }

        throw new InvalidOperationException("A failed result did not throw.");
    }
}
