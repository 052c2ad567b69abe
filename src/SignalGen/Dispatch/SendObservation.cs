using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using SignalGen.Observability;
using SignalGen.Testing;

namespace SignalGen.Dispatch;

/// <summary>
/// One observed send: its span, its metrics, and its entry in any active <see cref="SignalRecorder"/>.
/// Plumbing for generated senders, which create one only when <see cref="IsActive"/> says something
/// listens or records, so an unobserved send pays for that one check and nothing else.
/// </summary>
/// <remarks>
/// Generated code calls exactly one of the completion methods (<see cref="Completed()"/>,
/// <see cref="Completed(SendResult)"/>, <see cref="Completed(ValueTask, CancellationToken)"/>,
/// <see cref="Completed(ValueTask{SendResult}, CancellationToken)"/>) or, from a catch that rethrows,
/// <see cref="Failed(Exception, CancellationToken)"/>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SendObservation
{
    private readonly Activity? _activity;
    private readonly Activity? _previous;
    private readonly long _startTimestamp;
    private readonly string _schema;
    private readonly string _signal;
    private readonly string _operation;

    private SendObservation(string schema, string signal, string operation, int receiverCount)
    {
        _schema = schema;
        _signal = signal;
        _operation = operation;
        _previous = Activity.Current;
        _activity = SignalGenTelemetry.Instruments.Source.StartActivity("send " + signal, ActivityKind.Internal);
        if (_activity is { IsAllDataRequested: true })
        {
            _activity.SetTag(SignalGenTelemetry.SchemaTag, schema);
            _activity.SetTag(SignalGenTelemetry.SignalTag, signal);
            _activity.SetTag(SignalGenTelemetry.OperationTag, operation);
            _activity.SetTag(SignalGenTelemetry.ReceiversTag, receiverCount);
        }

        _startTimestamp = Stopwatch.GetTimestamp();
        SignalGenTelemetry.Instruments.Sends.Add(1, Tags());
    }

    /// <summary>Whether a send must be observed: something listens to SignalGen's telemetry, or a recorder is recording.</summary>
    public static bool IsActive
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => SignalRecorder.AnyActive || SignalGenTelemetry.IsListenedTo;
    }

    /// <summary>Whether something listens to SignalGen's span or to any of its instruments.</summary>
    public static bool IsListenedTo => SignalGenTelemetry.IsListenedTo;

    /// <summary>Adds <paramref name="signal"/> to the recorders that apply to the current flow, if any.</summary>
    /// <param name="signal">The signal being sent.</param>
    /// <param name="schema">The schema's namespace.</param>
    /// <param name="name">The signal's name.</param>
    public static void Record<TSignal>(in TSignal signal, string schema, string name) => SignalRecorder.Record(signal, schema, name);

    /// <summary>Starts observing a send: its span and its metrics. Call only when <see cref="IsListenedTo"/>.</summary>
    /// <param name="schema">The schema's namespace.</param>
    /// <param name="name">The signal's name.</param>
    /// <param name="operation">The send method: <c>send</c>, <c>send_robust</c>, <c>send_async</c> or <c>send_robust_async</c>.</param>
    /// <param name="receiverCount">The receivers the signal has now, compiled and connected.</param>
    public static SendObservation Start(string schema, string name, string operation, int receiverCount) =>
        new(schema, name, operation, receiverCount);

    /// <summary>Ends a send that returned normally.</summary>
    public void Completed() => End(Outcome.Ok, failures: 0, exception: null);

    /// <summary>Ends a robust send: its failures are counted and mark the span as failed.</summary>
    /// <returns><paramref name="result"/>, unchanged.</returns>
    public SendResult Completed(SendResult result)
    {
        var failures = result.Failures.Count;
        End(failures == 0 ? Outcome.Ok : Outcome.Failed, failures, exception: null);
        return result;
    }

    /// <summary>Ends an asynchronous send when <paramref name="pending"/> completes.</summary>
    /// <returns>A task that completes as <paramref name="pending"/> does.</returns>
    public ValueTask Completed(ValueTask pending, CancellationToken cancellationToken)
    {
        if (pending.IsCompletedSuccessfully)
        {
            Completed();
            return pending;
        }

        LeaveCallerFlow();
        return AwaitThenEnd(pending, cancellationToken);
    }

    /// <summary>Ends an asynchronous robust send when <paramref name="pending"/> completes.</summary>
    /// <returns>A task that completes as <paramref name="pending"/> does.</returns>
    public ValueTask<SendResult> Completed(ValueTask<SendResult> pending, CancellationToken cancellationToken)
    {
        if (pending.IsCompletedSuccessfully)
        {
            // Reading Result consumes the task; the caller gets a fresh one rather than the same task twice.
            return new ValueTask<SendResult>(Completed(pending.Result));
        }

        LeaveCallerFlow();
        return AwaitThenEnd(pending, cancellationToken);
    }

    /// <summary>
    /// Ends a send that threw. Called from a catch that rethrows: by then the receivers' finally blocks have
    /// run inside the span, and the exception goes on to the sender unchanged.
    /// </summary>
    public void Failed(Exception exception, CancellationToken cancellationToken = default)
    {
        var canceled = exception is OperationCanceledException && cancellationToken.IsCancellationRequested;
        End(canceled ? Outcome.Canceled : Outcome.Failed, canceled ? 0 : 1, exception);
    }

    private async ValueTask AwaitThenEnd(ValueTask pending, CancellationToken cancellationToken)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Failed(exception, cancellationToken);
            throw;
        }

        Completed();
    }

    private async ValueTask<SendResult> AwaitThenEnd(ValueTask<SendResult> pending, CancellationToken cancellationToken)
    {
        SendResult result;
        try
        {
            result = await pending.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Failed(exception, cancellationToken);
            throw;
        }

        return Completed(result);
    }

    // The span was made current in the caller's flow. The receivers' continuations have captured it, so they
    // stay inside it; the caller must not, or its code after the send would look like part of the send. Nor may
    // an activity a receiver started and left current: the caller gets back exactly what it had.
    private void LeaveCallerFlow()
    {
        if (_activity is not null)
        {
            Activity.Current = _previous;
        }
    }

    private void End(Outcome outcome, int failures, Exception? exception)
    {
        var tags = Tags();
        if (failures > 0)
        {
            SignalGenTelemetry.Instruments.ReceiverFailures.Add(failures, tags);
        }

        if (SignalGenTelemetry.Instruments.SendDuration.Enabled)
        {
            var withOutcome = tags;
            withOutcome.Add(SignalGenTelemetry.OutcomeTag, OutcomeName(outcome));
            SignalGenTelemetry.Instruments.SendDuration.Record(Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds, withOutcome);
        }

        if (_activity is null)
        {
            return;
        }

        if (outcome == Outcome.Failed)
        {
            if (failures > 0 && exception is null)
            {
                _activity.SetTag(SignalGenTelemetry.FailuresTag, failures);
                _activity.SetStatus(ActivityStatusCode.Error, failures == 1 ? "1 receiver failed" : failures + " receivers failed");
            }
            else
            {
                _activity.SetTag("error.type", exception?.GetType().FullName);
                _activity.SetStatus(ActivityStatusCode.Error, exception?.GetType().Name);
            }
        }

        _activity.Stop();
    }

    private TagList Tags() => new()
    {
        { SignalGenTelemetry.SchemaTag, _schema },
        { SignalGenTelemetry.SignalTag, _signal },
        { SignalGenTelemetry.OperationTag, _operation },
    };

    private static string OutcomeName(Outcome outcome) => outcome switch
    {
        Outcome.Ok => "ok",
        Outcome.Canceled => "canceled",
        _ => "failed",
    };

    private enum Outcome
    {
        Ok,
        Failed,
        Canceled,
    }
}
