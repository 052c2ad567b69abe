using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace SignalGen.Dispatch;

/// <summary>
/// The run-time receivers of one signal type (Django's <c>connect</c>/<c>disconnect</c>). Generated
/// senders hold one per signal and expose it through their <c>Connect</c> overloads.
/// </summary>
/// <remarks>
/// The list is copy-on-write: connecting and disconnecting swap a new array in with a compare-exchange,
/// and a send walks the array it read when it started. So sends and connects may run concurrently, a
/// send with nothing connected costs one length check, and a send that starts after
/// <see cref="IDisposable.Dispose"/> returned never calls the disconnected receiver. A send already in
/// flight when <c>Dispose</c> is called may still call it once, unless it has not reached it yet: each
/// receiver's disposed flag is checked just before it is called.
/// </remarks>
/// <typeparam name="TSignal">The generated signal type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ConnectedReceivers<TSignal>
{
    // Empty is always this one array, so IsEmpty is one load compared with a constant (no length to load).
    private Registration[] _registrations = Array.Empty<Registration>();

    /// <summary><see langword="true"/> when no run-time receiver is connected.</summary>
    public bool IsEmpty => ReferenceEquals(Volatile.Read(ref _registrations), Array.Empty<Registration>());

    /// <summary>How many run-time receivers are connected.</summary>
    public int Count => Volatile.Read(ref _registrations).Length;

    /// <summary>Connects a synchronous receiver; dispose the result to disconnect it.</summary>
    public IDisposable Connect(Action<TSignal> receiver, string? name)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        return Add(new Registration(this, receiver, null, name ?? DefaultName));
    }

    /// <summary>Connects an asynchronous receiver; dispose the result to disconnect it.</summary>
    public IDisposable Connect(Func<TSignal, CancellationToken, ValueTask> receiver, string? name)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        return Add(new Registration(this, null, receiver, name ?? DefaultName));
    }

    private static string DefaultName => "connected receiver of " + typeof(TSignal).Name;

    /// <summary>Calls every connected receiver in connection order; the first exception propagates.</summary>
    public void Send(in TSignal signal)
    {
        foreach (var registration in Volatile.Read(ref _registrations))
        {
            registration.Invoke(signal);
        }
    }

    /// <summary>Calls every connected receiver, recording failures instead of throwing.</summary>
    public void SendRobust(in TSignal signal, ref ReceiverFailureCollector failures)
    {
        var registrations = Volatile.Read(ref _registrations);
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
    public async ValueTask SendAsync(TSignal signal, CancellationToken cancellationToken)
    {
        foreach (var registration in Volatile.Read(ref _registrations))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await registration.InvokeAsync(signal, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Awaits <paramref name="pending"/> (the compiled receivers), then the connected ones.</summary>
    public async ValueTask SendAfterAsync(ValueTask pending, TSignal signal, CancellationToken cancellationToken)
    {
        await pending.ConfigureAwait(false);
        await SendAsync(signal, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Awaits every connected receiver, recording failures instead of throwing.</summary>
    public async ValueTask<ReceiverFailureCollector> SendRobustAsync(
        TSignal signal, ReceiverFailureCollector failures, CancellationToken cancellationToken)
    {
        var registrations = Volatile.Read(ref _registrations);
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
    public async ValueTask<ReceiverFailureCollector> SendRobustAfterAsync(
        ValueTask<ReceiverFailureCollector> pending, TSignal signal, CancellationToken cancellationToken)
    {
        var failures = await pending.ConfigureAwait(false);
        return await SendRobustAsync(signal, failures, cancellationToken).ConfigureAwait(false);
    }

    private Registration Add(Registration registration)
    {
        while (true)
        {
            var current = Volatile.Read(ref _registrations);
            var next = new Registration[current.Length + 1];
            Array.Copy(current, next, current.Length);
            next[current.Length] = registration;
            if (Interlocked.CompareExchange(ref _registrations, next, current) == current)
            {
                return registration;
            }
        }
    }

    private void Remove(Registration registration)
    {
        while (true)
        {
            var current = Volatile.Read(ref _registrations);
            var index = Array.IndexOf(current, registration);
            if (index < 0)
            {
                return;
            }

            Registration[] next;
            if (current.Length == 1)
            {
                next = Array.Empty<Registration>();
            }
            else
            {
                next = new Registration[current.Length - 1];
                Array.Copy(current, 0, next, 0, index);
                Array.Copy(current, index + 1, next, index, current.Length - index - 1);
            }

            if (Interlocked.CompareExchange(ref _registrations, next, current) == current)
            {
                return;
            }
        }
    }

    private sealed class Registration(
        ConnectedReceivers<TSignal> owner,
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
                owner.Remove(this);
            }
        }
    }
}
