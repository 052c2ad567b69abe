using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace SignalGen.Testing;

/// <summary>
/// Records the signals sent while it is active, for tests to assert on: which were sent, in what order,
/// with which arguments. Every send is recorded when it starts, before any receiver runs, whatever the
/// receivers then do, and whether or not the signal has receivers.
/// </summary>
/// <example>
/// <code>
/// using var recorder = SignalRecorder.Start();
/// await accounts.SignUpAsync("alice@example.com");
/// var signedUp = recorder.Single&lt;UserSignedUp&gt;();
/// Assert.Equal("alice@example.com", signedUp.User.Email);
/// Assert.Equal(["UserSignedUp", "UserLoggedIn"], recorder.Names);
/// </code>
/// </example>
/// <remarks>
/// <see cref="Start"/> records the sends of the current asynchronous flow only: the test's own code and
/// the tasks it starts, not the sends of tests running in parallel. When sends happen on flows the test
/// does not start (a hosted server's requests, a background service), use <see cref="StartForAllFlows"/>,
/// which records every send in the process. Recording costs nothing once every recorder is disposed.
/// Call <see cref="Start"/> in the test method itself (or a synchronous helper it calls), not inside an
/// async helper or setup hook whose flow ends before the sends: the recorder belongs to the flow that
/// started it. Always dispose it (<c>using</c>); an undisposed recorder keeps every send observed.
/// </remarks>
public sealed class SignalRecorder : IDisposable
{
    private static readonly AsyncLocal<SignalRecorder?> s_flowRecorder = new();
    private static readonly object s_gate = new();
    private static SignalRecorder[] s_allFlowRecorders = [];
    private static int s_active;

    private readonly List<RecordedSignal> _recorded = [];
    private readonly bool _allFlows;
    private readonly SignalRecorder? _outer;
    private int _disposed;

    private SignalRecorder(bool allFlows, SignalRecorder? outer)
    {
        _allFlows = allFlows;
        _outer = outer;
    }

    /// <summary>Starts recording the sends of the current asynchronous flow (and of the flows it starts).</summary>
    /// <returns>The recorder; dispose it to stop recording.</returns>
    public static SignalRecorder Start()
    {
        var recorder = new SignalRecorder(allFlows: false, outer: s_flowRecorder.Value);
        s_flowRecorder.Value = recorder;
        Interlocked.Increment(ref s_active);
        return recorder;
    }

    /// <summary>Starts recording every send in the process, on any thread or flow. Not for tests that run in parallel with others that send.</summary>
    /// <returns>The recorder; dispose it to stop recording.</returns>
    public static SignalRecorder StartForAllFlows()
    {
        var recorder = new SignalRecorder(allFlows: true, outer: null);
        lock (s_gate)
        {
            s_allFlowRecorders = [.. s_allFlowRecorders, recorder];
        }

        Interlocked.Increment(ref s_active);
        return recorder;
    }

    /// <summary>Every signal recorded, in the order the sends started.</summary>
    public IReadOnlyList<RecordedSignal> Recorded
    {
        get
        {
            lock (_recorded)
            {
                return _recorded.ToArray();
            }
        }
    }

    /// <summary>The names of the signals recorded, in order: <c>["UserSignedUp", "UserLoggedIn"]</c>.</summary>
    public IReadOnlyList<string> Names => Recorded.Select(recorded => recorded.Name).ToArray();

    /// <summary>Whether some recorder is active: one read on every send.</summary>
    internal static bool AnyActive => Volatile.Read(ref s_active) != 0;

    /// <summary>The recorded signals of type <typeparamref name="TSignal"/>, in order.</summary>
    /// <typeparam name="TSignal">A generated signal type, such as <c>UserSignedUp</c>.</typeparam>
    public IReadOnlyList<TSignal> Sent<TSignal>() => Recorded.Select(recorded => recorded.Signal).OfType<TSignal>().ToArray();

    /// <summary>The one recorded signal of type <typeparamref name="TSignal"/>.</summary>
    /// <typeparam name="TSignal">A generated signal type, such as <c>UserSignedUp</c>.</typeparam>
    /// <exception cref="InvalidOperationException">None or several were sent; the message lists what was.</exception>
    public TSignal Single<TSignal>()
    {
        var sent = Sent<TSignal>();
        return sent.Count == 1
            ? sent[0]
            : throw new InvalidOperationException(
                $"Expected exactly one {typeof(TSignal).Name} to be sent, but {sent.Count} were. Sent: {Describe()}.");
    }

    /// <summary>Forgets what was recorded so far; recording goes on.</summary>
    public void Clear()
    {
        lock (_recorded)
        {
            _recorded.Clear();
        }
    }

    /// <summary>Stops recording. What was recorded stays readable.</summary>
    public void Dispose()
    {
        lock (_recorded)
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }
        }

        if (_allFlows)
        {
            lock (s_gate)
            {
                s_allFlowRecorders = s_allFlowRecorders.Where(recorder => recorder != this).ToArray();
            }
        }
        else if (s_flowRecorder.Value == this)
        {
            s_flowRecorder.Value = _outer;
        }

        Interlocked.Decrement(ref s_active);
    }

    /// <inheritdoc />
    public override string ToString() => Describe();

    /// <summary>Adds a send to every recorder it belongs to. Called by generated senders only while <see cref="AnyActive"/>.</summary>
    internal static void Record<TSignal>(TSignal signal, string schema, string name)
    {
        if (!AnyActive)
        {
            return;
        }

        RecordedSignal? recorded = null;

        // A flow recorder started inside another one records into both, as the outer one would see the send too.
        for (var recorder = s_flowRecorder.Value; recorder is not null; recorder = recorder._outer)
        {
            recorder.Add(recorded ??= new RecordedSignal(schema, name, signal!));
        }

        foreach (var recorder in Volatile.Read(ref s_allFlowRecorders))
        {
            recorder.Add(recorded ??= new RecordedSignal(schema, name, signal!));
        }
    }

    private void Add(RecordedSignal recorded)
    {
        lock (_recorded)
        {
            // Under the lock, so nothing is added once Dispose has returned.
            if (Volatile.Read(ref _disposed) == 0)
            {
                _recorded.Add(recorded);
            }
        }
    }

    private string Describe()
    {
        var names = Names;
        return names.Count == 0 ? "nothing" : string.Join(", ", names);
    }
}
