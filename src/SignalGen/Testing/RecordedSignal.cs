namespace SignalGen.Testing;

/// <summary>One send a <see cref="SignalRecorder"/> saw.</summary>
/// <param name="Schema">The schema's namespace, e.g. <c>Contoso.Auth</c>.</param>
/// <param name="Name">The signal's name, e.g. <c>UserSignedUp</c>.</param>
/// <param name="Signal">The signal itself (the generated struct, boxed), with its arguments as properties.</param>
public sealed record RecordedSignal(string Schema, string Name, object Signal)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}
