// Over 400 lines: the sender, its dispatch interface and empty table are written in one pass over one
// schema. This file is due to be rewritten with the other emitters (tracked separately); until then it
// changes only where a name moves to SignalGen.Shared/Contract/ContractNames.cs.
using System.Collections.Generic;
using SignalGen.Contract;
using SignalGen.Schema.Model;

namespace SignalGen.Generator.Emit;

/// <summary>
/// Emits a schema's sender (<c>Signals</c>), the dispatch interface its tables implement, and the
/// empty table used until one is installed.
/// </summary>
internal static class SenderEmitter
{
    public static string Emit(SchemaModel schema)
    {
        var writer = SourceWriter.StartFile();
        SignalTypesEmitter.WriteUsings(writer, schema);
        var unboundSender = schema.IsGeneric ? "global::" + schema.Namespace + "." + GeneratedNames.Sender + "<>" : schema.SenderName;
        writer.Line("[assembly: " + KnownNames.SignalSchemaAttribute + "(typeof(" + unboundSender + "))]");
        writer.Line();
        writer.Open("namespace " + schema.Namespace);
        WriteInterface(writer, schema);
        writer.Line();
        if (schema.IsGeneric)
        {
            WriteFactory(writer, schema);
            writer.Line();
        }

        WriteEmptyTable(writer, schema);
        writer.Line();
        WriteSender(writer, schema);
        writer.Close();
        return writer.ToString();
    }

    private static void WriteInterface(SourceWriter writer, SchemaModel schema)
    {
        writer.Summary("A dispatch table: the compiled calls to every receiver of this schema's signals. Implemented by generated code only.");
        writer.Line(KnownNames.EditorBrowsableNever);
        writer.Line(KnownNames.GeneratedCode);
        writer.Open("public interface " + GeneratedNames.DispatchInterface + schema.TypeParameterList + schema.ConstraintClause);
        writer.Summary("How many compiled receivers the signal has.");
        writer.Line("int CountReceivers(" + schema.SignalEnumName + " signal);");
        foreach (var signal in schema.Signals)
        {
            var signatures = new DispatchSignatures(schema, signal);
            writer.Line();
            writer.Summary("Calls every receiver of " + signal.Name + " in order; the first exception propagates.");
            writer.Line(signatures.Send + ";");
            writer.Summary("Calls every receiver of " + signal.Name + " in order, recording failures.");
            writer.Line(signatures.SendRobust + ";");
            writer.Summary("Awaits every receiver of " + signal.Name + " in order; the first exception propagates.");
            writer.Line(signatures.SendAsync + ";");
            writer.Summary("Awaits every receiver of " + signal.Name + " in order, recording failures.");
            writer.Line(signatures.SendRobustAsync + ";");
        }

        writer.Close();
    }

    /// <summary>
    /// A generic schema has a sender per type argument. The application's generated factory makes each
    /// one's table: a table compiled for a type argument its receivers name, or one holding only the
    /// receivers that work for any type argument.
    /// </summary>
    private static void WriteFactory(SourceWriter writer, SchemaModel schema)
    {
        var parameter = schema.TypeParameter!.Name;
        var table = schema.DispatchInterfaceName;
        writer.Summary("Makes the dispatch table of each type argument's sender. Implemented by generated code only.");
        writer.Line(KnownNames.EditorBrowsableNever);
        writer.Line(KnownNames.GeneratedCode);
        writer.Open("public interface " + GeneratedNames.DispatchTableFactory);
        writer.Summary("The table for the sender of " + parameter + ".");
        writer.Line("/// <typeparam name=\"" + parameter + "\">The sender's type argument.</typeparam>");
        writer.Line(table + " Create<" + parameter + ">()" + schema.ConstraintClause + ";");
        writer.Line();
        writer.Summary("The types this application's receivers declare for " + parameter + ", in ordinal order of their names.");
        writer.Line("global::System.Collections.Generic.IReadOnlyList<global::System.Type> BoundTypeArguments { get; }");
        writer.Close();
        writer.Line();

        writer.Summary("Where the generated factory of this schema's dispatch tables is installed. Generated plumbing.");
        writer.Line(KnownNames.EditorBrowsableNever);
        writer.Line(KnownNames.GeneratedCode);
        writer.Open("public static class " + GeneratedNames.DispatchTables);
        writer.Line("private static readonly " + FactorySlot(schema) + " s_factories = new " + FactorySlot(schema) + "();");
        writer.Line();
        writer.Summary("Installs a generated factory. Called by generated module initializers.");
        writer.Line("public static bool InstallFactory(global::" + schema.Namespace + "." + GeneratedNames.DispatchTableFactory + " factory, bool isRoot) => s_factories.Install(factory, isRoot);");
        writer.Line();
        writer.Summary("The types the installed factory's receivers declare for " + parameter + " (none when no factory is installed): a sender for any other type calls only the receivers that work for every type.");
        writer.Line("public static global::System.Collections.Generic.IReadOnlyList<global::System.Type> BoundTypeArguments => s_factories.Current?.BoundTypeArguments ?? global::System.Array.Empty<global::System.Type>();");
        writer.Line();
        writer.Line("internal static " + KnownNames.DispatchTableSlot + "<" + table + "> CreateSlot<" + parameter + ">()" + schema.ConstraintClause);
        writer.Open();
        writer.Line("var slot = new " + KnownNames.DispatchTableSlot + "<" + table + ">(global::" + schema.Namespace + "." + GeneratedNames.EmptyDispatchTable + "<" + parameter + ">.Instance);");
        writer.Line("s_factories.Attach((factory, isRoot) => slot.Install(factory.Create<" + parameter + ">(), isRoot));");
        writer.Line("return slot;");
        writer.Close();
        writer.Close();
    }

    private static string FactorySlot(SchemaModel schema) =>
        KnownNames.DispatchTableFactorySlot + "<global::" + schema.Namespace + "." + GeneratedNames.DispatchTableFactory + ">";

    private static void WriteEmptyTable(SourceWriter writer, SchemaModel schema)
    {
        var emptyTable = GeneratedNames.EmptyDispatchTable + schema.TypeParameterList;
        writer.Summary("The table with no receivers, used until a generated table is installed.");
        writer.Line(KnownNames.EditorBrowsableNever);
        writer.Line(KnownNames.GeneratedCode);
        writer.Open("public sealed class " + emptyTable + " : " + schema.DispatchInterfaceName + schema.ConstraintClause);
        writer.Summary("The one instance.");
        writer.Line("public static readonly " + emptyTable + " Instance = new " + emptyTable + "();");
        writer.Line();
        writer.Line("private " + GeneratedNames.EmptyDispatchTable + "() { }");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("public int CountReceivers(" + schema.SignalEnumName + " signal) => 0;");
        foreach (var signal in schema.Signals)
        {
            var signatures = new DispatchSignatures(schema, signal);
            writer.Line();
            writer.Line("/// <inheritdoc/>");
            writer.Line("public " + signatures.Send + " { }");
            writer.Line("/// <inheritdoc/>");
            writer.Line("public " + signatures.SendRobust + " { }");
            writer.Line("/// <inheritdoc/>");
            writer.Line("public " + signatures.SendAsync + " => default;");
            writer.Line("/// <inheritdoc/>");
            writer.Line("public " + signatures.SendRobustAsync + " => new " + DispatchSignatures.RobustResult + "(failures);");
        }

        writer.Close();
    }

    private static void WriteSender(SourceWriter writer, SchemaModel schema)
    {
        writer.Line("/// <summary>");
        writer.Line("/// Sends the signals of <c>" + schema.Namespace + "</c> to their receivers: the compiled ones, in order, then those");
        writer.Line("/// connected at run time. Resolve it from DI (<c>services.AddSignals()</c>) so instance receivers can be resolved.");
        writer.Line("/// </summary>");
        if (schema.IsGeneric)
        {
            writer.Line("/// <typeparam name=\"" + schema.TypeParameter!.Name + "\">The type the application chooses for the schema's " + schema.TypeParameter.Name + " (e.g. its user type).</typeparam>");
        }

        writer.Line(KnownNames.GeneratedCode);
        writer.Open("public sealed partial class " + GeneratedNames.Sender + schema.TypeParameterList + schema.ConstraintClause);
        var slot = KnownNames.DispatchTableSlot + "<" + schema.DispatchInterfaceName + ">";
        writer.Line(schema.IsGeneric
            ? "private static readonly " + slot + " s_table = global::" + schema.Namespace + "." + GeneratedNames.DispatchTables + ".CreateSlot<" + schema.TypeParameter!.Name + ">();"
            : "private static readonly " + slot + " s_table = new " + slot + "(global::" + schema.Namespace + "." + GeneratedNames.EmptyDispatchTable + ".Instance);");
        foreach (var signal in schema.Signals)
        {
            writer.Line("private static readonly " + Connected(schema, signal) + " " + ConnectedField(signal) + " = new " + Connected(schema, signal) + "();");
        }

        writer.Line();
        writer.Line("private readonly " + KnownNames.ServiceProvider + "? _services;");
        writer.Line();
        writer.Summary("Creates a sender whose instance receivers are resolved from services (none: only static and connected receivers can run).");
        writer.Line("/// <param name=\"services\">The provider instance receivers are resolved from; in ASP.NET Core, the request's.</param>");
        writer.Open("public " + GeneratedNames.Sender + "(" + KnownNames.ServiceProvider + "? services = null)");
        writer.Line("_services = services;");
        writer.Close();
        writer.Line();
        if (!schema.IsGeneric)
        {
            writer.Summary("Installs a generated dispatch table. Called by generated module initializers.");
            writer.Line(KnownNames.EditorBrowsableNever);
            writer.Line("public static bool InstallDispatchTable(" + schema.DispatchInterfaceName + " table, bool isRoot) => s_table.Install(table, isRoot);");
            writer.Line();
        }

        writer.Summary("Whether the signal has any receiver, compiled or connected: skip building costly arguments when it has none.");
        writer.Open("public static bool HasReceivers(" + schema.SignalEnumName + " signal)");
        writer.Line("if (s_table.Current.CountReceivers(signal) != 0)");
        writer.Open();
        writer.Line("return true;");
        writer.Close();
        writer.Line();
        writer.Open("switch (signal)");
        foreach (var signal in schema.Signals)
        {
            writer.Line("case " + schema.SignalEnumName + "." + signal.Name + ": return !" + ConnectedField(signal) + ".IsEmpty;");
        }

        writer.Line("default: return false;");
        writer.Close();
        writer.Close();

        WriteRunTimeSends(writer, schema);

        writer.Line();
        writer.Open("private static " + KnownNames.SendObservation + "? Observe<TObserved>(in TObserved signal, string name, " + schema.SignalEnumName + " kind, string operation)");
        writer.Line(KnownNames.SendObservation + ".Record(in signal, " + SourceWriter.Literal(schema.Namespace) + ", name);");
        writer.Line("return " + KnownNames.SendObservation + ".IsListenedTo ? " + KnownNames.SendObservation + ".Start(" + SourceWriter.Literal(schema.Namespace) + ", name, operation, CountReceivers(kind)) : null;");
        writer.Close();
        writer.Line();
        writer.Open("private static int CountReceivers(" + schema.SignalEnumName + " signal)");
        writer.Open("var connected = signal switch");
        foreach (var signal in schema.Signals)
        {
            writer.Line(schema.SignalEnumName + "." + signal.Name + " => " + ConnectedField(signal) + ".Count,");
        }

        writer.Line("_ => 0,");
        writer.Close(";");
        writer.Line("return s_table.Current.CountReceivers(signal) + connected;");
        writer.Close();

        foreach (var signal in schema.Signals)
        {
            WriteSignalMembers(writer, schema, signal);
        }

        writer.Line();
        writer.Line("private async " + KnownNames.ValueTask + "<" + KnownNames.SendResult + "> CompleteRobustAsync(" + KnownNames.ValueTask + "<" + KnownNames.FailureCollector + "> pending, string signal, bool log)");
        writer.Open();
        writer.Line("var failures = await pending.ConfigureAwait(false);");
        writer.Line("return failures.Complete(signal, _services, log);");
        writer.Close();
        writer.Close();
    }

    /// <summary>
    /// Send, SendAsync, SendRobust and SendRobustAsync of a signal chosen at run time: a switch on its kind
    /// (a jump table, so the cost is the same for every signal of any schema), an unbox, then the typed send.
    /// </summary>
    private static void WriteRunTimeSends(SourceWriter writer, SchemaModel schema)
    {
        const string Failures = "How many receivers ran and which failed.";
        WriteRunTimeSend(writer, schema, "void", "Send", takesToken: false, "Sends a signal chosen at run time: the same as the typed Send of its type.", null);
        WriteRunTimeSend(writer, schema, KnownNames.SendResult, "SendRobust", takesToken: false, "Sends a signal chosen at run time to every receiver: the same as the typed SendRobust of its type.", Failures);
        WriteRunTimeSend(writer, schema, KnownNames.ValueTask, "SendAsync", takesToken: true, "Sends a signal chosen at run time, awaiting receivers in order: the same as the typed SendAsync of its type.", null);
        WriteRunTimeSend(writer, schema, KnownNames.ValueTask + "<" + KnownNames.SendResult + ">", "SendRobustAsync", takesToken: true, "Sends a signal chosen at run time to every receiver, awaiting them in order: the same as the typed SendRobustAsync of its type.", Failures);
    }

    private static void WriteRunTimeSend(SourceWriter writer, SchemaModel schema, string returnType, string method, bool takesToken, string summary, string? returns)
    {
        var returnsValue = returnType != "void";
        var parameters = schema.SignalInterfaceName + " signal" + (takesToken ? ", " + KnownNames.CancellationToken + " cancellationToken" : string.Empty);
        var tokenArgument = takesToken ? ", cancellationToken" : string.Empty;
        var sender = "typeof(Signals" + schema.TypeParameterList + ")";

        writer.Line();
        writer.Summary(summary);
        writer.Line("/// <param name=\"signal\">Any signal struct of this schema, boxed as <see cref=\"" + SourceWriter.Cref(schema.SignalInterfaceName) + "\"/>.</param>");
        if (takesToken)
        {
            writer.Line("/// <param name=\"cancellationToken\">Passed to receivers that take a token.</param>");
        }

        if (returns is not null)
        {
            writer.Line("/// <returns>" + returns + "</returns>");
        }

        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The signal is not one this sender can send.</exception>");
        writer.Open("public " + returnType + " " + method + "(" + parameters + (takesToken ? " = default" : string.Empty) + ")");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(signal);");
        writer.Open("switch (signal.Kind)");
        foreach (var signal in schema.Signals)
        {
            var call = BoxedName(method, signal) + "(signal" + tokenArgument + ")";
            writer.Line("case " + schema.SignalEnumName + "." + signal.Name + ":");
            writer.Line(returnsValue ? "    return " + call + ";" : "    " + call + ";");
            if (!returnsValue)
            {
                writer.Line("    return;");
            }
        }

        writer.Line("default:");
        writer.Line("    throw " + KnownNames.SignalDispatch + ".NotSendable(signal, " + sender + ");");
        writer.Close();
        writer.Close();

        // One small method per signal, never inlined into the switch: with every typed send inlined into it,
        // the switch of a 400-signal schema grew past what the JIT optimizes and ran 20 times slower than the
        // typed send (measured); kept apart, the switch stays a jump table of calls whatever the schema's size.
        foreach (var signal in schema.Signals)
        {
            var unboxed = KnownNames.SignalDispatch + ".Unbox<" + SignalType(schema, signal) + ">(signal, " + sender + ")";
            writer.Line();
            writer.Line(KnownNames.NoInlining);
            writer.Line("private " + returnType + " " + BoxedName(method, signal) + "(" + parameters + ") => " + method + "(" + unboxed + tokenArgument + ");");
        }
    }

    // "Boxed" + the send method + "_" + the signal: no name a signal can give a convenience send (they start
    // with "Send"), and the underscore keeps the four send methods' names apart whatever the signal names.
    private static string BoxedName(string method, SignalModel signal) => "Boxed" + method + "_" + signal.Name;

    private static void WriteSignalMembers(SourceWriter writer, SchemaModel schema, SignalModel signal)
    {
        var type = SignalType(schema, signal);
        var field = ConnectedField(signal);
        var name = SourceWriter.Literal(signal.Name);
        var cref = "<see cref=\"" + SourceWriter.Cref(type) + "\"/>";
        string Observe(string operation) => "Observe(in signal, " + name + ", " + schema.SignalEnumName + "." + signal.Name + ", \"" + operation + "\")";

        writer.Line();
        writer.Line("/// <summary>Sends " + cref + ": receivers run in order; the first exception propagates and later receivers do not run.</summary>");
        writer.Line("/// <param name=\"signal\">The signal and its arguments.</param>");
        writer.Open("public void " + GeneratedNames.Send + "(in " + type + " signal)");
        writer.Line("if (" + KnownNames.SendObservation + ".IsActive)");
        writer.Open();
        writer.Line("SendObserved(in signal);");
        writer.Line("return;");
        writer.Close();
        writer.Line();
        writer.Line("SendToReceivers(in signal);");
        writer.Close();

        writer.Line();
        writer.Line("/// <summary>Sends " + cref + " to every receiver; failures are logged and returned instead of thrown.</summary>");
        writer.Line("/// <param name=\"signal\">The signal and its arguments.</param>");
        writer.Line("/// <returns>How many receivers ran and which failed.</returns>");
        writer.Line("public " + KnownNames.SendResult + " " + GeneratedNames.SendRobust + "(in " + type + " signal) => " + GeneratedNames.SendRobustCore + "(in signal, log: true);");

        writer.Line();
        writer.Line("/// <summary>Sends " + cref + ", awaiting receivers in order; the first exception propagates. Allocates nothing when every receiver completes synchronously.</summary>");
        writer.Line("/// <param name=\"signal\">The signal and its arguments.</param>");
        writer.Line("/// <param name=\"cancellationToken\">Passed to receivers that take a token.</param>");
        writer.Line("public " + KnownNames.ValueTask + " " + GeneratedNames.SendAsync + "(in " + type + " signal, " + KnownNames.CancellationToken + " cancellationToken = default) =>");
        writer.Line("    " + KnownNames.SendObservation + ".IsActive ? SendObservedAsync(in signal, cancellationToken) : SendToReceiversAsync(in signal, cancellationToken);");

        writer.Line();
        writer.Line("/// <summary>Sends " + cref + " to every receiver, awaiting them in order; failures are logged and returned instead of thrown.</summary>");
        writer.Line("/// <param name=\"signal\">The signal and its arguments.</param>");
        writer.Line("/// <param name=\"cancellationToken\">Passed to receivers that take a token; cancellation is not recorded as a failure.</param>");
        writer.Line("/// <returns>How many receivers ran and which failed.</returns>");
        writer.Line("public " + KnownNames.ValueTask + "<" + KnownNames.SendResult + "> " + GeneratedNames.SendRobustAsync + "(in " + type + " signal, " + KnownNames.CancellationToken + " cancellationToken = default) => " + GeneratedNames.SendRobustCoreAsync + "(in signal, log: true, cancellationToken);");

        writer.Line();
        writer.Summary("Connects a run-time receiver of " + signal.Name + ", called after the compiled ones. Dispose the result to disconnect it.");
        writer.Line("/// <param name=\"receiver\">The receiver.</param>");
        writer.Line("/// <param name=\"name\">The name failures report; defaults to the signal type's.</param>");
        writer.Line("public static " + KnownNames.Disposable + " Connect(global::System.Action<" + type + "> receiver, string? name = null) => " + field + ".Connect(receiver, name);");
        writer.Line();
        writer.Summary("Connects an asynchronous run-time receiver of " + signal.Name + ", called after the compiled ones. Dispose the result to disconnect it.");
        writer.Line("/// <param name=\"receiver\">The receiver.</param>");
        writer.Line("/// <param name=\"name\">The name failures report; defaults to the signal type's.</param>");
        writer.Line("public static " + KnownNames.Disposable + " Connect(global::System.Func<" + type + ", " + KnownNames.CancellationToken + ", " + KnownNames.ValueTask + "> receiver, string? name = null) => " + field + ".Connect(receiver, name);");

        writer.Line();
        writer.Line("private " + KnownNames.SendResult + " " + GeneratedNames.SendRobustCore + "(in " + type + " signal, bool log) =>");
        writer.Line("    " + KnownNames.SendObservation + ".IsActive ? SendRobustObserved(in signal, log) : SendRobustToReceivers(in signal, log);");

        writer.Line();
        writer.Line("private " + KnownNames.ValueTask + "<" + KnownNames.SendResult + "> " + GeneratedNames.SendRobustCoreAsync + "(in " + type + " signal, bool log, " + KnownNames.CancellationToken + " cancellationToken) =>");
        writer.Line("    " + KnownNames.SendObservation + ".IsActive ? SendRobustObservedAsync(in signal, log, cancellationToken) : SendRobustToReceiversAsync(in signal, log, cancellationToken);");

        // The observed sends, out of line so the public methods stay small: the check, then the work.
        WriteObserved(writer, "void SendObserved(in " + type + " signal)", Observe("send"), "SendToReceivers(in signal)", resultType: null, takesToken: false);
        WriteObserved(writer, KnownNames.ValueTask + " SendObservedAsync(in " + type + " signal, " + KnownNames.CancellationToken + " cancellationToken)", Observe("send_async"), "SendToReceiversAsync(in signal, cancellationToken)", resultType: KnownNames.ValueTask, takesToken: true);
        WriteObserved(writer, KnownNames.SendResult + " SendRobustObserved(in " + type + " signal, bool log)", Observe("send_robust"), "SendRobustToReceivers(in signal, log)", resultType: KnownNames.SendResult, takesToken: false);
        WriteObserved(writer, KnownNames.ValueTask + "<" + KnownNames.SendResult + "> SendRobustObservedAsync(in " + type + " signal, bool log, " + KnownNames.CancellationToken + " cancellationToken)", Observe("send_robust_async"), "SendRobustToReceiversAsync(in signal, log, cancellationToken)", resultType: KnownNames.ValueTask + "<" + KnownNames.SendResult + ">", takesToken: true);

        // The unobserved work, called from the fast path and from the observed one.
        writer.Line();
        writer.Line(KnownNames.AggressiveInlining);
        writer.Open("private void SendToReceivers(in " + type + " signal)");
        writer.Line("s_table.Current.Send(in signal, _services);");
        writer.Line("if (!" + field + ".IsEmpty)");
        writer.Open();
        writer.Line(field + ".Send(in signal);");
        writer.Close();
        writer.Close();

        writer.Line();
        writer.Line(KnownNames.AggressiveInlining);
        writer.Open("private " + KnownNames.ValueTask + " SendToReceiversAsync(in " + type + " signal, " + KnownNames.CancellationToken + " cancellationToken)");
        writer.Line("if (cancellationToken.IsCancellationRequested)");
        writer.Open();
        writer.Line("return " + KnownNames.ValueTask + ".FromCanceled(cancellationToken);");
        writer.Close();
        writer.Line();
        writer.Line("var pending = s_table.Current.SendAsync(in signal, _services, cancellationToken);");
        writer.Line("return " + field + ".IsEmpty ? pending : " + field + ".SendAfterAsync(pending, signal, cancellationToken);");
        writer.Close();

        writer.Line();
        writer.Line(KnownNames.AggressiveInlining);
        writer.Open("private " + KnownNames.SendResult + " SendRobustToReceivers(in " + type + " signal, bool log)");
        writer.Line("var failures = default(" + KnownNames.FailureCollector + ");");
        writer.Line("s_table.Current.SendRobust(in signal, _services, ref failures);");
        writer.Line("if (!" + field + ".IsEmpty)");
        writer.Open();
        writer.Line(field + ".SendRobust(in signal, ref failures);");
        writer.Close();
        writer.Line();
        writer.Line("return failures.Complete(" + name + ", _services, log);");
        writer.Close();

        writer.Line();
        writer.Line(KnownNames.AggressiveInlining);
        writer.Open("private " + KnownNames.ValueTask + "<" + KnownNames.SendResult + "> SendRobustToReceiversAsync(in " + type + " signal, bool log, " + KnownNames.CancellationToken + " cancellationToken)");
        writer.Line("if (cancellationToken.IsCancellationRequested)");
        writer.Open();
        writer.Line("return " + KnownNames.ValueTask + ".FromCanceled<" + KnownNames.SendResult + ">(cancellationToken);");
        writer.Close();
        writer.Line();
        writer.Line("var pending = s_table.Current.SendRobustAsync(in signal, _services, default, cancellationToken);");
        writer.Line("if (!" + field + ".IsEmpty)");
        writer.Open();
        writer.Line("pending = " + field + ".SendRobustAfterAsync(pending, signal, cancellationToken);");
        writer.Close();
        writer.Line();
        writer.Line("return pending.IsCompletedSuccessfully");
        writer.Line("    ? new " + KnownNames.ValueTask + "<" + KnownNames.SendResult + ">(pending.Result.Complete(" + name + ", _services, log))");
        writer.Line("    : CompleteRobustAsync(pending, " + name + ", log);");
        writer.Close();

        WriteConvenience(writer, schema, signal);
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
        writer.Line();
        writer.Line(KnownNames.NoInlining);
        writer.Open("private " + signature);
        writer.Line("var observation = " + observe + ";");
        writer.Line("if (observation is null)");
        writer.Open();
        writer.Line(resultType is null ? call + ";" : "return " + call + ";");
        if (resultType is null)
        {
            writer.Line("return;");
        }

        writer.Close();
        writer.Line();
        if (resultType is not null)
        {
            writer.Line(resultType + " pending;");
        }

        writer.Line("try");
        writer.Open();
        writer.Line(resultType is null ? call + ";" : "pending = " + call + ";");
        writer.Close();
        writer.Line("catch (" + KnownNames.Exception + " exception)");
        writer.Open();
        writer.Line("observation.Failed(exception" + token + ");");
        writer.Line("throw;");
        writer.Close();
        writer.Line();
        writer.Line(resultType is null ? "observation.Completed();" : "return observation.Completed(pending" + token + ");");
        writer.Close();
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

        string summary;
        string syncSignature, syncBody, asyncSignature, asyncBody;
        switch (signal.Mode)
        {
            case SignalMode.Robust:
                summary = "every receiver runs; failures are logged and returned (mode: robust)";
                syncSignature = "public " + KnownNames.SendResult + " Send" + signal.Name + "(" + syncParameters + ")";
                syncBody = "SendRobust(" + create + ")";
                asyncSignature = "public " + KnownNames.ValueTask + "<" + KnownNames.SendResult + "> Send" + signal.Name + "Async(" + asyncParameters + ")";
                asyncBody = "SendRobustAsync(" + create + ", cancellationToken)";
                break;
            case SignalMode.AllThenThrow:
                summary = "every receiver runs, then an AggregateException carries any failures (mode: all-then-throw)";
                syncSignature = "public void Send" + signal.Name + "(" + syncParameters + ")";
                syncBody = GeneratedNames.SendRobustCore + "(" + create + ", log: false).ThrowIfFailed()";
                asyncSignature = "public " + KnownNames.ValueTask + " Send" + signal.Name + "Async(" + asyncParameters + ")";
                asyncBody = KnownNames.SignalDispatch + ".ThrowIfFailedAsync(" + GeneratedNames.SendRobustCoreAsync + "(" + create + ", log: false, cancellationToken))";
                break;
            default:
                summary = "the first exception propagates to the caller and later receivers do not run (mode: veto)";
                syncSignature = "public void Send" + signal.Name + "(" + syncParameters + ")";
                syncBody = "Send(" + create + ")";
                asyncSignature = "public " + KnownNames.ValueTask + " Send" + signal.Name + "Async(" + asyncParameters + ")";
                asyncBody = "SendAsync(" + create + ", cancellationToken)";
                break;
        }

        writer.Line();
        writer.Line("/// <summary>Sends " + signal.Name + " with its arguments: " + SourceWriter.EscapeXml(summary) + ".</summary>");
        foreach (var argument in signal.Arguments)
        {
            writer.Line("/// <param name=\"" + argument.Name + "\">The <c>" + argument.Name + "</c> argument.</param>");
        }

        writer.Line(syncSignature + " => " + syncBody + ";");
        writer.Line();
        writer.Line("/// <summary>Sends " + signal.Name + " with its arguments, awaiting receivers: " + SourceWriter.EscapeXml(summary) + ".</summary>");
        foreach (var argument in signal.Arguments)
        {
            writer.Line("/// <param name=\"" + argument.Name + "\">The <c>" + argument.Name + "</c> argument.</param>");
        }

        writer.Line("/// <param name=\"cancellationToken\">Passed to receivers that take a token.</param>");
        writer.Line(asyncSignature + " => " + asyncBody + ";");
    }

    public static string SignalType(SchemaModel schema, SignalModel signal) => schema.SignalTypeFor(signal, null);

    private static string Connected(SchemaModel schema, SignalModel signal) => KnownNames.ConnectedReceivers + "<" + SignalType(schema, signal) + ">";

    private static string ConnectedField(SignalModel signal) => "s_connected" + signal.Name;
}
