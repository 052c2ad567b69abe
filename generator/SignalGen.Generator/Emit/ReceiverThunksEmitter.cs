using SignalGen.Generator.Model;
using SignalGen.Incremental;
using SignalGen.Receivers;
using SignalGen.Schema.Model;

namespace SignalGen.Generator.Emit;

/// <summary>
/// Emits this project's receiver thunks: one public static method per (receiver, signal) with one
/// uniform shape, so a dispatch table in this project or in the application can call any receiver
/// directly, whatever its parameters, return type or accessibility. Also emits the assembly attribute
/// through which the application finds them, and the registration of instance receiver classes.
/// </summary>
internal static class ReceiverThunksEmitter
{
    public static string Emit(ProjectModel project, EquatableArray<BoundReceiverModel> receivers)
    {
        var className = project.ThunksClassName;
        var writer = SourceWriter.StartFile();
        foreach (var receiver in receivers)
        {
            if (receiver.IsObsolete)
            {
                // Calling an [Obsolete] receiver, or naming its type, is what this file is for; the warning belongs to no code the user can change.
                writer.Block("""
                    #pragma warning disable CS0612, CS0618

                    """);
                break;
            }
        }

        writer.Block($$"""
            [assembly: {{KnownNames.ReceiverThunksAttribute}}(typeof(global::{{KnownNames.GeneratedNamespace}}.{{className}}))]

            namespace {{KnownNames.GeneratedNamespace}}
            """);
        writer.Open();
        writer.Block($$"""
            /// <summary>Calls into the receivers of {{SourceWriter.EscapeXml(project.AssemblyName)}}, for the dispatch tables. Generated plumbing.</summary>
            {{KnownNames.EditorBrowsableNever}}
            {{KnownNames.GeneratedCode}}
            public static class {{className}}
            """);
        writer.Open();

        foreach (var receiver in receivers)
        {
            var returnType = receiver.IsAsync ? KnownNames.ValueTask : "void";
            var typeParameters = receiver.OpenTypeParameter is { } open ? "<" + open + ">" : string.Empty;
            var order = receiver.Order.ToString(System.Globalization.CultureInfo.InvariantCulture) + (receiver.Durable is null ? string.Empty : ", Durable = true");
            var call = Target(receiver) + "." + Identifiers.Escape(receiver.MethodName) + "(" + string.Join(", ", receiver.Arguments) + ")";
            var body = receiver.Durable is { } durable
                ? Stage(project, durable)
                : receiver.ReturnKind switch
                {
                    ReceiverReturnKind.Task => "new " + KnownNames.ValueTask + "(" + call + ")",
                    _ => call,
                };

            writer.Block($$"""
                /// <summary>Calls {{SourceWriter.EscapeXml(receiver.Receiver)}} for {{SourceWriter.EscapeXml(receiver.SignalName)}}.</summary>
                [{{KnownNames.ReceiverThunkAttribute}}({{SourceWriter.Literal(receiver.Receiver)}}, {{order}})]
                public static {{returnType}} {{receiver.ThunkName}}{{typeParameters}}(in {{receiver.SignalType}} signal, {{KnownNames.ServiceProvider}}? services, {{KnownNames.CancellationToken}} cancellationToken){{receiver.OpenConstraint}}
                    => {{body}};

                """);
        }

        writer.Block($$"""
            /// <summary>Registers the classes of this project's instance receivers (transient, unless already registered) and its durable receivers.</summary>
            public static void AddServices({{KnownNames.ServiceCollection}} services)
            """);
        writer.Open();
        var registered = new System.Collections.Generic.HashSet<string>();
        foreach (var receiver in receivers)
        {
            if (!receiver.IsStatic && registered.Add(receiver.ContainingType))
            {
                writer.Line($$"""global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddTransient<{{receiver.ContainingType}}>(services);""");
            }
        }

        foreach (var receiver in receivers)
        {
            if (receiver.Durable is { } durable)
            {
                writer.Line($$"""global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddEnumerable(services, new global::Microsoft.Extensions.DependencyInjection.ServiceDescriptor(typeof({{KnownNames.DurableReceiverBase}}), {{DurableReceiver(project, durable)}}.Instance));""");
            }
        }

        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    /// <summary>
    /// A durable receiver's thunk stages its message, holding what the receiver binds, instead of calling it; with
    /// stored forms to make first, through the receiver class's own asynchronous <c>StageAsync</c>.
    /// </summary>
    private static string Stage(ProjectModel project, DurableReceiverModel durable)
    {
        var type = DurableReceiver(project, durable);
        var values = new System.Text.StringBuilder();
        foreach (var value in durable.Values)
        {
            values.Append(", ").Append(value.Expression);
        }

        return durable.HasStoredForms
            ? type + ".StageAsync(services" + values + ", cancellationToken)"
            : KnownNames.DurableStaging + ".StageAsync(services, new " + type + ".Message(" + KnownNames.DurableStamp + ".New()" + values + "), " + type + ".Instance, cancellationToken)";
    }

    private static string DurableReceiver(ProjectModel project, DurableReceiverModel durable) =>
        "global::" + KnownNames.GeneratedNamespace + "." + project.DurableReceiversClassName + "." + durable.ClassName;

    /// <summary>What a call to the receiver is made on: its type, or the instance resolved from <c>services</c>.</summary>
    internal static string Target(BoundReceiverModel receiver) => receiver.IsStatic
        ? receiver.ContainingType
        : KnownNames.SignalDispatch + ".Resolve<" + receiver.ContainingType + ">(services, " + SourceWriter.Literal(receiver.Receiver) + ")";
}
