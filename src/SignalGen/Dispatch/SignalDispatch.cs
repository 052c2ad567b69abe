using System;
using System.ComponentModel;
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
