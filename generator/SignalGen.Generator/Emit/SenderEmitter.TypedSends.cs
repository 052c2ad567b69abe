using System.Collections.Generic;
using SignalGen.Contract;
using SignalGen.Schema.Model;

namespace SignalGen.Generator.Emit;

/// <summary>The sender's members of each signal: its typed sends, their observed paths, its connects and its convenience sends.</summary>
internal static partial class SenderEmitter
{
    private static void WriteSignalMembers(SourceWriter writer, SchemaModel schema, SignalModel signal)
    {
        var type = SignalType(schema, signal);
        var connected = Connected(schema, signal);
        var name = SourceWriter.Literal(signal.Name);
        var cref = "<see cref=\"" + SourceWriter.Cref(type) + "\"/>";
        var observation = KnownNames.SendObservation;
        var valueTask = KnownNames.ValueTask;
        var result = KnownNames.SendResult;
        var token = KnownNames.CancellationToken;
        string Observe(string operation) => "Observe(in signal, " + name + ", " + schema.SignalEnumName + "." + signal.Name + ", \"" + operation + "\")";

        writer.Block($$"""

            /// <summary>Sends {{cref}}: receivers run in order; the first exception propagates and later receivers do not run.</summary>
            /// <param name="signal">The signal and its arguments.</param>
            {{KnownNames.AggressiveInlining}}
            public void {{GeneratedNames.Send}}(in {{type}} signal)
            {
                if ({{observation}}.IsActive)
                {
                    SendObserved(signal);
                    return;
                }

                SendToReceivers(in signal);
            }

            /// <summary>Sends {{cref}} to every receiver; failures are logged and returned instead of thrown.</summary>
            /// <param name="signal">The signal and its arguments.</param>
            /// <returns>How many receivers ran and which failed.</returns>
            public {{result}} {{GeneratedNames.SendRobust}}(in {{type}} signal) => {{GeneratedNames.SendRobustCore}}(in signal, log: true);

            /// <summary>Sends {{cref}}, awaiting receivers in order; the first exception propagates. Allocates nothing when every receiver completes synchronously.</summary>
            /// <param name="signal">The signal and its arguments.</param>
            /// <param name="cancellationToken">Passed to receivers that take a token.</param>
            {{KnownNames.AggressiveInlining}}
            public {{valueTask}} {{GeneratedNames.SendAsync}}(in {{type}} signal, {{token}} cancellationToken = default) =>
                {{observation}}.IsActive ? SendObservedAsync(signal, cancellationToken) : SendToReceiversAsync(in signal, cancellationToken);

            /// <summary>Sends {{cref}} to every receiver, awaiting them in order; failures are logged and returned instead of thrown.</summary>
            /// <param name="signal">The signal and its arguments.</param>
            /// <param name="cancellationToken">Passed to receivers that take a token; cancellation is not recorded as a failure.</param>
            /// <returns>How many receivers ran and which failed.</returns>
            public {{valueTask}}<{{result}}> {{GeneratedNames.SendRobustAsync}}(in {{type}} signal, {{token}} cancellationToken = default) => {{GeneratedNames.SendRobustCoreAsync}}(in signal, log: true, cancellationToken);

            /// <summary>Connects a run-time receiver of {{signal.Name}}, called after the compiled ones. Dispose the result to disconnect it.</summary>
            /// <param name="receiver">The receiver.</param>
            /// <param name="name">The name failures report; defaults to the signal type's.</param>
            public static {{KnownNames.Disposable}} Connect(global::System.Action<{{type}}> receiver, string? name = null) => {{connected}}.Connect(receiver, name);

            /// <summary>Connects an asynchronous run-time receiver of {{signal.Name}}, called after the compiled ones. Dispose the result to disconnect it.</summary>
            /// <param name="receiver">The receiver.</param>
            /// <param name="name">The name failures report; defaults to the signal type's.</param>
            public static {{KnownNames.Disposable}} Connect(global::System.Func<{{type}}, {{token}}, {{valueTask}}> receiver, string? name = null) => {{connected}}.Connect(receiver, name);

            private {{result}} {{GeneratedNames.SendRobustCore}}(in {{type}} signal, bool log) =>
                {{observation}}.IsActive ? SendRobustObserved(signal, log) : SendRobustToReceivers(in signal, log);

            private {{valueTask}}<{{result}}> {{GeneratedNames.SendRobustCoreAsync}}(in {{type}} signal, bool log, {{token}} cancellationToken) =>
                {{observation}}.IsActive ? SendRobustObservedAsync(signal, log, cancellationToken) : SendRobustToReceiversAsync(in signal, log, cancellationToken);
            """);

        // The observed sends, out of line so the public methods stay small: the check, then the work. They take
        // the signal by value: passing its address out of line would keep it in memory on the unobserved path too.
        WriteObserved(writer, "void SendObserved(" + type + " signal)", Observe("send"), "SendToReceivers(in signal)", resultType: null, takesToken: false);
        WriteObserved(writer, valueTask + " SendObservedAsync(" + type + " signal, " + token + " cancellationToken)", Observe("send_async"), "SendToReceiversAsync(in signal, cancellationToken)", resultType: valueTask, takesToken: true);
        WriteObserved(writer, result + " SendRobustObserved(" + type + " signal, bool log)", Observe("send_robust"), "SendRobustToReceivers(in signal, log)", resultType: result, takesToken: false);
        WriteObserved(writer, valueTask + "<" + result + "> SendRobustObservedAsync(" + type + " signal, bool log, " + token + " cancellationToken)", Observe("send_robust_async"), "SendRobustToReceiversAsync(in signal, log, cancellationToken)", resultType: valueTask + "<" + result + ">", takesToken: true);

        // The unobserved work, called from the fast path and from the observed one. The synchronous send asks
        // about connected receivers before the compiled ones run, not after: then nothing of the signal is needed
        // once the last receiver is called, which the JIT makes a tail call, and the common path needs no frame.
        // (A receiver connected while a send is in flight may or may not be called by it, as documented.)
        writer.Block($$"""

            {{KnownNames.AggressiveInlining}}
            private void SendToReceivers(in {{type}} signal)
            {
                if (!{{connected}}.IsEmpty)
                {
                    SendToCompiledAndConnected(signal);
                    return;
                }

                SendToCompiled(in signal);
            }

            {{KnownNames.NoInlining}}
            private void SendToCompiledAndConnected({{type}} signal)
            {
                SendToCompiled(in signal);
                {{connected}}.Send(signal);
            }

            {{KnownNames.AggressiveInlining}}
            private void SendToCompiled(in {{type}} signal)
            {
                if (RootDispatchTable.Instance is not null)
                {
                    RootDispatchTable.Instance.Send(in signal, _services);
                }
                else
                {
                    s_table.Current.Send(in signal, _services);
                }
            }
            """);
        WriteToReceiversAsync(writer, type, connected, "SendToReceiversAsync", "SendAsync");
        writer.Block($$"""

            {{KnownNames.AggressiveInlining}}
            private {{result}} SendRobustToReceivers(in {{type}} signal, bool log)
            {
                var failures = default({{KnownNames.FailureCollector}});
                if (RootDispatchTable.Instance is not null)
                {
                    RootDispatchTable.Instance.SendRobust(in signal, _services, ref failures);
                }
                else
                {
                    s_table.Current.SendRobust(in signal, _services, ref failures);
                }

                if (!{{connected}}.IsEmpty)
                {
                    {{connected}}.SendRobust(signal, ref failures);
                }

                return failures.Complete({{name}}, _services, log);
            }

            {{KnownNames.AggressiveInlining}}
            private {{valueTask}}<{{result}}> SendRobustToReceiversAsync(in {{type}} signal, bool log, {{token}} cancellationToken)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return {{valueTask}}.FromCanceled<{{result}}>(cancellationToken);
                }

                var pending = RootDispatchTable.Instance is not null
                    ? RootDispatchTable.Instance.SendRobustAsync(in signal, _services, default, cancellationToken)
                    : s_table.Current.SendRobustAsync(in signal, _services, default, cancellationToken);
                if (!{{connected}}.IsEmpty)
                {
                    pending = {{connected}}.SendRobustAfterAsync(pending, signal, cancellationToken);
                }

                return pending.IsCompletedSuccessfully
                    ? new {{valueTask}}<{{result}}>(pending.Result.Complete({{name}}, _services, log))
                    : CompleteRobustAsync(pending, {{name}}, log);
            }
            """);

        WritePhases(writer, schema, signal, Observe("send_async"));
        WriteConvenience(writer, schema, signal);
    }

    /// <summary>
    /// The two phases of <c>SendAsync</c>, for the schema's own assembly (SignalGen.Identity) when it sends
    /// around a commit of its own: the durable receivers' messages staged in its transaction, then, once it has
    /// committed, the other receivers, observed and connected ones included, as <c>SendAsync</c> runs them. The
    /// signal is taken by value, so the methods convert to delegates that a flow holds until its commit.
    /// </summary>
    private static void WritePhases(SourceWriter writer, SchemaModel schema, SignalModel signal, string observe)
    {
        var type = SignalType(schema, signal);
        var connected = Connected(schema, signal);
        var valueTask = KnownNames.ValueTask;
        var token = KnownNames.CancellationToken;
        writer.Block($$"""

            /// <summary>The first phase of SendAsync for a flow that commits between them: stages the messages of {{signal.Name}}'s durable receivers in the open transaction, and runs no other receiver.</summary>
            internal {{valueTask}} StageDurableAsync({{type}} signal, {{token}} cancellationToken = default) =>
                s_table.Current.StageDurableAsync(in signal, _services, cancellationToken);

            /// <summary>The second phase, after the commit: SendAsync without the durable receivers.</summary>
            internal {{valueTask}} SendInProcessAsync({{type}} signal, {{token}} cancellationToken = default) =>
                {{KnownNames.SendObservation}}.IsActive ? SendInProcessObservedAsync(signal, cancellationToken) : SendInProcessToReceiversAsync(in signal, cancellationToken);
            """);
        WriteObserved(writer, valueTask + " SendInProcessObservedAsync(" + type + " signal, " + token + " cancellationToken)", observe, "SendInProcessToReceiversAsync(in signal, cancellationToken)", resultType: valueTask, takesToken: true);
        WriteToReceiversAsync(writer, type, connected, "SendInProcessToReceiversAsync", "SendInProcessAsync");
    }

    /// <summary>The unobserved work of an asynchronous send: the table's <paramref name="tableMethod"/>, then the connected receivers.</summary>
    private static void WriteToReceiversAsync(SourceWriter writer, string type, string connected, string name, string tableMethod)
    {
        var valueTask = KnownNames.ValueTask;
        writer.Block($$"""

            {{KnownNames.AggressiveInlining}}
            private {{valueTask}} {{name}}(in {{type}} signal, {{KnownNames.CancellationToken}} cancellationToken)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return {{valueTask}}.FromCanceled(cancellationToken);
                }

                var pending = RootDispatchTable.Instance is not null
                    ? RootDispatchTable.Instance.{{tableMethod}}(in signal, _services, cancellationToken)
                    : s_table.Current.{{tableMethod}}(in signal, _services, cancellationToken);
                return {{connected}}.IsEmpty ? pending : {{connected}}.SendAfterAsync(pending, signal, cancellationToken);
            }
            """);
    }

    /// <summary>
    /// An observed send: the observation (null when only a recorder records), the work inside it, and its end.
    /// Failures are recorded in a catch that rethrows (same exception, same stack), not in an exception filter:
    /// a filter would end the span before the receivers' finally blocks ran, leaving it current for the caller.
    /// Completion is recorded outside the try, so a throwing listener cannot turn a success into a failure.
    /// </summary>
    private static void WriteObserved(SourceWriter writer, string signature, string observe, string call, string? resultType, bool takesToken)
    {
        var token = takesToken ? ", cancellationToken" : "";
        if (resultType is null)
        {
            writer.Block($$"""

                {{KnownNames.NoInlining}}
                private {{signature}}
                {
                    var observation = {{observe}};
                    if (observation is null)
                    {
                        {{call}};
                        return;
                    }

                    try
                    {
                        {{call}};
                    }
                    catch ({{KnownNames.Exception}} exception)
                    {
                        observation.Failed(exception{{token}});
                        throw;
                    }

                    observation.Completed();
                }
                """);
            return;
        }

        writer.Block($$"""

            {{KnownNames.NoInlining}}
            private {{signature}}
            {
                var observation = {{observe}};
                if (observation is null)
                {
                    return {{call}};
                }

                {{resultType}} pending;
                try
                {
                    pending = {{call}};
                }
                catch ({{KnownNames.Exception}} exception)
                {
                    observation.Failed(exception{{token}});
                    throw;
                }

                return observation.Completed(pending{{token}});
            }
            """);
    }

    /// <summary>The sends taking the arguments directly; the schema's <c>mode</c> decides how failures surface.</summary>
    private static void WriteConvenience(SourceWriter writer, SchemaModel schema, SignalModel signal)
    {
        var type = SignalType(schema, signal);
        var parameters = new List<string>();
        var arguments = new List<string>();
        foreach (var argument in signal.Arguments)
        {
            parameters.Add(argument.TypeName + " " + Identifiers.Escape(argument.Name));
            arguments.Add(Identifiers.Escape(argument.Name));
        }

        var create = "new " + type + "(" + string.Join(", ", arguments) + ")";
        var syncParameters = string.Join(", ", parameters);
        parameters.Add(KnownNames.CancellationToken + " cancellationToken = default");
        var asyncParameters = string.Join(", ", parameters);
        var valueTask = KnownNames.ValueTask;
        var result = KnownNames.SendResult;

        string summary;
        string syncSignature, syncBody, asyncSignature, asyncBody;
        switch (signal.Mode)
        {
            case SignalMode.Robust:
                summary = "every receiver runs; failures are logged and returned (mode: robust)";
                syncSignature = $$"""public {{result}} Send{{signal.Name}}({{syncParameters}})""";
                syncBody = $$"""SendRobust({{create}})""";
                asyncSignature = $$"""public {{valueTask}}<{{result}}> Send{{signal.Name}}Async({{asyncParameters}})""";
                asyncBody = $$"""SendRobustAsync({{create}}, cancellationToken)""";
                break;
            case SignalMode.AllThenThrow:
                summary = "every receiver runs, then an AggregateException carries any failures (mode: all-then-throw)";
                syncSignature = $$"""public void Send{{signal.Name}}({{syncParameters}})""";
                syncBody = $$"""{{GeneratedNames.SendRobustCore}}({{create}}, log: false).ThrowIfFailed()""";
                asyncSignature = $$"""public {{valueTask}} Send{{signal.Name}}Async({{asyncParameters}})""";
                asyncBody = $$"""{{KnownNames.SignalDispatch}}.ThrowIfFailedAsync({{GeneratedNames.SendRobustCoreAsync}}({{create}}, log: false, cancellationToken))""";
                break;
            default:
                summary = "the first exception propagates to the caller and later receivers do not run (mode: veto)";
                syncSignature = $$"""public void Send{{signal.Name}}({{syncParameters}})""";
                syncBody = $$"""Send({{create}})""";
                asyncSignature = $$"""public {{valueTask}} Send{{signal.Name}}Async({{asyncParameters}})""";
                asyncBody = $$"""SendAsync({{create}}, cancellationToken)""";
                break;
        }

        writer.Line();
        writer.Summary("Sends " + signal.Name + " with its arguments: " + summary + ".");
        WriteArgumentParams(writer, signal);
        writer.Block($$"""
            {{syncSignature}} => {{syncBody}};

            """);
        writer.Summary("Sends " + signal.Name + " with its arguments, awaiting receivers: " + summary + ".");
        WriteArgumentParams(writer, signal);
        writer.Block($$"""
            /// <param name="cancellationToken">Passed to receivers that take a token.</param>
            {{asyncSignature}} => {{asyncBody}};
            """);
    }

    private static void WriteArgumentParams(SourceWriter writer, SignalModel signal)
    {
        foreach (var argument in signal.Arguments)
        {
            writer.Line($$"""/// <param name="{{argument.Name}}">The <c>{{argument.Name}}</c> argument.</param>""");
        }
    }
}
