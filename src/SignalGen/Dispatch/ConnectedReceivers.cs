using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace SignalGen.Dispatch;

/// <summary>
/// The run-time receivers of one signal type (Django's <c>connect</c>/<c>disconnect</c>). A signal type
/// belongs to one schema, so its list is a static of this class: generated senders expose it through their
/// <c>Connect</c> overloads and ask it, on every send, whether anything is connected.
/// </summary>
/// <remarks>
/// The list is copy-on-write: connecting and disconnecting swap a new array in with a compare-exchange,
/// and a send walks the array it read when it started. So sends and connects may run concurrently, a
/// send with nothing connected costs one load of a static field compared with null, and a send that starts after
/// <see cref="IDisposable.Dispose"/> returned never calls the disconnected receiver. A send already in
/// flight when <c>Dispose</c> is called may still call it once, unless it has not reached it yet: each
/// receiver's disposed flag is checked just before it is called.
/// </remarks>
/// <typeparam name="TSignal">The generated signal type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConnectedReceivers<TSignal>
{
    // Null when nothing is connected, never an empty array: a static field's address is a constant in
    // compiled code, so IsEmpty is one load compared with zero, with no object or length behind it.
    private static Registration[]? s_registrations;

    /// <summary><see langword="true"/> when no run-time receiver is connected.</summary>
    public static bool IsEmpty => Volatile.Read(ref s_registrations) is null;

    /// <summary>How many run-time receivers are connected.</summary>
    public static int Count => Registrations.Length;

    private static Registration[] Registrations => Volatile.Read(ref s_registrations) ?? [];

    /// <summary>Connects a synchronous receiver; dispose the result to disconnect it.</summary>
    public static IDisposable Connect(Action<TSignal> receiver, string? name)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        return Add(new Registration(receiver, null, name ?? DefaultName));
    }

    /// <summary>Connects an asynchronous receiver; dispose the result to disconnect it.</summary>
    public static IDisposable Connect(Func<TSignal, CancellationToken, ValueTask> receiver, string? name)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        return Add(new Registration(null, receiver, name ?? DefaultName));
    }

    private static string DefaultName => "connected receiver of " + typeof(TSignal).Name;

    /// <summary>Calls every connected receiver in connection order; the first exception propagates.</summary>
    /// <remarks>The signal is taken by value: a sender passing its address here would keep it in memory on every send.</remarks>
    public static void Send(TSignal signal)
    {
        foreach (var registration in Registrations)
        {
            registration.Invoke(signal);
        }
    }

    /// <summary>Calls every connected receiver, recording failures instead of throwing.</summary>
    public static void SendRobust(TSignal signal, ref ReceiverFailureCollector failures)
    {
        var registrations = Registrations;
        failures.AddReceivers(registrations.Length);
        foreach (var registration in registrations)
        {
            try
            {
                registration.Invoke(signal);
            }
            catch (Exception exception)
            {
                failures.Add(registration.Name, exception);
            }
        }
    }

    /// <summary>Awaits every connected receiver in connection order; the first exception propagates.</summary>
    public static async ValueTask SendAsync(TSignal signal, CancellationToken cancellationToken)
    {
        foreach (var registration in Registrations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await registration.InvokeAsync(signal, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Awaits <paramref name="pending"/> (the compiled receivers), then the connected ones.</summary>
    public static async ValueTask SendAfterAsync(ValueTask pending, TSignal signal, CancellationToken cancellationToken)
    {
        await pending.ConfigureAwait(false);
        await SendAsync(signal, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Awaits every connected receiver, recording failures instead of throwing.</summary>
    public static async ValueTask<ReceiverFailureCollector> SendRobustAsync(
        TSignal signal, ReceiverFailureCollector failures, CancellationToken cancellationToken)
    {
        var registrations = Registrations;
        failures.AddReceivers(registrations.Length);
        foreach (var registration in registrations)
        {
            try
            {
                await registration.InvokeAsync(signal, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (SignalDispatch.IsFailure(exception, cancellationToken))
            {
                failures.Add(registration.Name, exception);
            }
        }

        return failures;
    }

    /// <summary>Awaits <paramref name="pending"/> (the compiled receivers), then the connected ones, robustly.</summary>
    public static async ValueTask<ReceiverFailureCollector> SendRobustAfterAsync(
        ValueTask<ReceiverFailureCollector> pending, TSignal signal, CancellationToken cancellationToken)
    {
        var failures = await pending.ConfigureAwait(false);
        return await SendRobustAsync(signal, failures, cancellationToken).ConfigureAwait(false);
    }

    private static Registration Add(Registration registration)
    {
        while (true)
        {
            var current = Volatile.Read(ref s_registrations);
            var next = new Registration[(current?.Length ?? 0) + 1];
            current?.CopyTo(next, 0);
            next[^1] = registration;
            if (Interlocked.CompareExchange(ref s_registrations, next, current) == current)
            {
                return registration;
            }
        }
    }

    private static void Remove(Registration registration)
    {
        while (true)
        {
            var current = Volatile.Read(ref s_registrations);
            var index = current is null ? -1 : Array.IndexOf(current, registration);
            if (index < 0)
            {
                return;
            }

            Registration[]? next;
            if (current!.Length == 1)
            {
                next = null;
            }
            else
            {
                next = new Registration[current.Length - 1];
                Array.Copy(current, 0, next, 0, index);
                Array.Copy(current, index + 1, next, index, current.Length - index - 1);
            }

            if (Interlocked.CompareExchange(ref s_registrations, next, current) == current)
            {
                return;
            }
        }
    }

    private sealed class Registration(
        Action<TSignal>? sync,
        Func<TSignal, CancellationToken, ValueTask>? async,
        string name) : IDisposable
    {
        private int _disposed;

        public string Name { get; } = name;

        public void Invoke(TSignal signal)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            if (sync is not null)
            {
                sync(signal);
            }
            else
            {
                SignalDispatch.Wait(async!(signal, CancellationToken.None));
            }
        }

        public ValueTask InvokeAsync(TSignal signal, CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return default;
            }

            if (sync is not null)
            {
                sync(signal);
                return default;
            }

            return async!(signal, cancellationToken);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Remove(this);
            }
        }
    }
}
