using System.Collections.Generic;
using SignalGen.Generator.Model;
using SignalGen.Schema.Model;

namespace SignalGen.Generator.Emit;

/// <summary>
/// A table's asynchronous sends: they run synchronously until a receiver really awaits, and only then
/// call a continuation that resumes at the next receiver.
/// </summary>
internal static partial class DispatchTableEmitter
{
    private static void WriteSendAsync(SourceWriter writer, SignalModel signal, string type, DispatchSignatures signatures, List<TableEntryModel> entries) =>
        WriteSendAsync(writer, type, signatures.SendAsync, "Continue" + signal.Name + "Async", entries);

    /// <summary>
    /// The two phases of <c>SendAsync</c> for a signal with durable receivers, for a flow that commits between
    /// them: the durable receivers' thunks (which stage), then <c>SendAsync</c> without them.
    /// </summary>
    private static void WriteSendPhases(SourceWriter writer, SignalModel signal, string type, DispatchSignatures signatures, List<TableEntryModel> entries)
    {
        var durable = entries.FindAll(entry => entry.IsDurable);
        if (durable.Count == 0)
        {
            return;
        }

        var stage = "StageDurable" + signal.Name + "Async";
        writer.Block($$"""

            public {{signatures.StageDurableAsync}} => {{stage}}(signal, services, cancellationToken);

            private static async {{KnownNames.ValueTask}} {{stage}}({{type}} signal, {{KnownNames.ServiceProvider}}? services, {{KnownNames.CancellationToken}} cancellationToken)
            """);
        writer.Open();
        foreach (var entry in durable)
        {
            writer.Line($$"""await {{entry.Thunk}}(in signal, services, cancellationToken).ConfigureAwait(false);""");
        }

        writer.Close();
        WriteSendAsync(writer, type, signatures.SendInProcessAsync, "ContinueInProcess" + signal.Name + "Async", entries.FindAll(entry => !entry.IsDurable));
    }

    private static void WriteSendAsync(SourceWriter writer, string type, string signature, string continuation, List<TableEntryModel> entries)
    {
        writer.Block($$"""

            public {{signature}}
            """);
        writer.Open();
        if (!HasAsync(entries))
        {
            // Only synchronous receivers: nothing can be pending, so no continuation is needed.
            writer.Open("try");
            for (var i = 0; i < entries.Count; i++)
            {
                WriteCancellationCheck(writer, i, KnownNames.ValueTask);
                writer.Line($$"""{{entries[i].Thunk}}(in signal, services, cancellationToken);""");
            }

            writer.Line("return default;");
            writer.Close();
            WriteFaultedReturn(writer, KnownNames.ValueTask);
            writer.Close();
            return;
        }

        writer.Open("try");
        writer.Line($$"""{{KnownNames.ValueTask}} pending;""");
        for (var i = 0; i < entries.Count; i++)
        {
            WriteCancellationCheck(writer, i, KnownNames.ValueTask);
            if (!entries[i].IsAsync)
            {
                writer.Line($$"""{{entries[i].Thunk}}(in signal, services, cancellationToken);""");
                continue;
            }

            writer.Block($$"""
                pending = {{entries[i].Thunk}}(in signal, services, cancellationToken);
                if (!pending.IsCompletedSuccessfully)
                {
                    return {{continuation}}(pending, signal, services, cancellationToken, {{Count(i + 1)}});
                }
                pending.GetAwaiter().GetResult();
                """);
        }

        writer.Line("return default;");
        writer.Close();
        WriteFaultedReturn(writer, KnownNames.ValueTask);
        writer.Close();

        writer.Block($$"""

            private static async {{KnownNames.ValueTask}} {{continuation}}({{KnownNames.ValueTask}} pending, {{type}} signal, {{KnownNames.ServiceProvider}}? services, {{KnownNames.CancellationToken}} cancellationToken, int next)
            """);
        writer.Open();
        writer.Line("await pending.ConfigureAwait(false);");

        // The continuation starts after the first async receiver at the earliest: nothing before it can be pending.
        for (var i = FirstAsync(entries) + 1; i < entries.Count; i++)
        {
            writer.Block($$"""
                if (next <= {{Count(i)}})
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    {{AsyncStatement(entries[i])}}
                }
                """);
        }

        writer.Close();
    }

    private static void WriteSendRobustAsync(SourceWriter writer, SignalModel signal, string type, DispatchSignatures signatures, List<TableEntryModel> entries)
    {
        var result = DispatchSignatures.RobustResult;
        var names = "s_" + signal.Name + "Receivers";
        if (entries.Count == 0)
        {
            writer.Block($$"""

                public {{signatures.SendRobustAsync}}
                {
                    return new {{result}}(failures);
                }
                """);
            return;
        }

        var continuation = "ContinueRobust" + signal.Name + "Async";
        writer.Block($$"""

            public {{signatures.SendRobustAsync}}
            """);
        writer.Open();
        writer.Line($$"""failures.AddReceivers({{Count(entries.Count)}});""");
        writer.Open("try");
        if (HasAsync(entries))
        {
            writer.Line($$"""{{KnownNames.ValueTask}} pending;""");
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var call = entries[i].Thunk + "(in signal, services, cancellationToken)";
            WriteCancellationCheck(writer, i, result);
            if (!entries[i].IsAsync)
            {
                WriteRobustCall(writer, call + ";", names, i);
                continue;
            }

            writer.Block($$"""
                try
                {
                    pending = {{call}};
                }
                catch ({{KnownNames.Exception}} exception) when ({{KnownNames.SignalDispatch}}.IsFailure(exception, cancellationToken))
                {
                    failures.Add({{names}}[{{Count(i)}}], exception);
                    pending = default;
                }
                if (!pending.IsCompletedSuccessfully)
                {
                    return {{continuation}}(pending, signal, services, failures, cancellationToken, {{Count(i)}});
                }
                pending.GetAwaiter().GetResult();
                """);
        }

        writer.Line($$"""return new {{result}}(failures);""");
        writer.Close();
        WriteFaultedReturn(writer, result);
        writer.Close();

        if (!HasAsync(entries))
        {
            return;
        }

        writer.Block($$"""

            private static async {{result}} {{continuation}}({{KnownNames.ValueTask}} pending, {{type}} signal, {{KnownNames.ServiceProvider}}? services, {{KnownNames.FailureCollector}} failures, {{KnownNames.CancellationToken}} cancellationToken, int pendingIndex)
            """);
        writer.Open();
        WriteRobustCall(writer, "await pending.ConfigureAwait(false);", names, index: null);

        // Each later receiver's try/catch is its own block, so this stays a writer loop: a block hole cannot indent a nested block.
        for (var i = FirstAsync(entries) + 1; i < entries.Count; i++)
        {
            writer.Line($$"""if (pendingIndex < {{Count(i)}})""");
            writer.Open();
            writer.Line("cancellationToken.ThrowIfCancellationRequested();");
            WriteRobustCall(writer, AsyncStatement(entries[i]), names, i);
            writer.Close();
        }

        writer.Line("return failures;");
        writer.Close();
    }

    private static void WriteRobustCall(SourceWriter writer, string statement, string names, int? index)
    {
        writer.Block($$"""
            try
            {
                {{statement}}
            }
            catch ({{KnownNames.Exception}} exception) when ({{KnownNames.SignalDispatch}}.IsFailure(exception, cancellationToken))
            {
                failures.Add({{names}}[{{(index is { } i ? Count(i) : "pendingIndex")}}], exception);
            }
            """);
    }

    /// <summary>
    /// Between receivers the token is checked, as the continuations do, so a send cancelled midway stops
    /// at the same point whether or not an earlier receiver completed synchronously. The sender checks
    /// before the first receiver.
    /// </summary>
    private static void WriteCancellationCheck(SourceWriter writer, int index, string resultType)
    {
        if (index == 0)
        {
            return;
        }

        var factory = resultType == KnownNames.ValueTask
            ? KnownNames.ValueTask + ".FromCanceled(cancellationToken)"
            : KnownNames.ValueTask + ".FromCanceled<" + KnownNames.FailureCollector + ">(cancellationToken)";
        writer.Block($$"""
            if (cancellationToken.IsCancellationRequested)
            {
                return {{factory}};
            }
            """);
    }

    /// <summary>Async methods report exceptions through their task, never by throwing from the call.</summary>
    private static void WriteFaultedReturn(SourceWriter writer, string resultType)
    {
        var factory = resultType == KnownNames.ValueTask
            ? KnownNames.ValueTask + ".FromException(exception)"
            : KnownNames.ValueTask + ".FromException<" + KnownNames.FailureCollector + ">(exception)";
        writer.Block($$"""
            catch ({{KnownNames.Exception}} exception)
            {
                return {{factory}};
            }
            """);
    }

    /// <summary>A receiver's call from a continuation: an async receiver is awaited.</summary>
    private static string AsyncStatement(TableEntryModel entry)
    {
        var call = entry.Thunk + "(in signal, services, cancellationToken)";
        return entry.IsAsync ? $$"""await {{call}}.ConfigureAwait(false);""" : call + ";";
    }

    private static bool HasAsync(List<TableEntryModel> entries) => FirstAsync(entries) < entries.Count;

    /// <summary>The index of the first async receiver, or the count when there is none.</summary>
    private static int FirstAsync(List<TableEntryModel> entries)
    {
        var index = 0;
        while (index < entries.Count && !entries[index].IsAsync)
        {
            index++;
        }

        return index;
    }
}
