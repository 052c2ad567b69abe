using SignalGen.Schema.Model;

namespace SignalGen.Generator.Emit;

/// <summary>
/// The dispatch methods every table has per signal, written once: the interface declares them,
/// the empty table and the generated tables implement them (the two phases of <c>SendAsync</c> have
/// default bodies, which a table replaces for a signal with durable receivers).
/// </summary>
internal readonly struct DispatchSignatures
{
    /// <param name="schema">The schema.</param>
    /// <param name="signal">The signal.</param>
    /// <param name="typeArgument">For a generic schema, what its type parameter is here (null: the parameter itself).</param>
    public DispatchSignatures(SchemaModel schema, SignalModel signal, string? typeArgument = null)
    {
        var type = schema.SignalTypeFor(signal, typeArgument);
        var services = KnownNames.ServiceProvider + "? services";
        var token = KnownNames.CancellationToken + " cancellationToken";
        Send = "void Send(in " + type + " signal, " + services + ")";
        SendRobust = "void SendRobust(in " + type + " signal, " + services + ", ref " + KnownNames.FailureCollector + " failures)";
        SendAsync = KnownNames.ValueTask + " SendAsync(in " + type + " signal, " + services + ", " + token + ")";
        SendRobustAsync = RobustResult + " SendRobustAsync(in " + type + " signal, " + services + ", " + KnownNames.FailureCollector + " failures, " + token + ")";
        StageDurableAsync = KnownNames.ValueTask + " StageDurableAsync(in " + type + " signal, " + services + ", " + token + ")";
        SendInProcessAsync = KnownNames.ValueTask + " SendInProcessAsync(in " + type + " signal, " + services + ", " + token + ")";
    }

    /// <summary>What <c>SendRobustAsync</c> returns.</summary>
    public static string RobustResult => KnownNames.ValueTask + "<" + KnownNames.FailureCollector + ">";

    public string Send { get; }

    public string SendRobust { get; }

    public string SendAsync { get; }

    public string SendRobustAsync { get; }

    /// <summary>The stage phase of <c>SendAsync</c>: only the durable receivers, which stage their messages.</summary>
    public string StageDurableAsync { get; }

    /// <summary>The in-process phase of <c>SendAsync</c>: every receiver but the durable ones.</summary>
    public string SendInProcessAsync { get; }
}
