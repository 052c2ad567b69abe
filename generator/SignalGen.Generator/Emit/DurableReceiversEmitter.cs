using SignalGen.Generator.Model;
using SignalGen.Incremental;
using SignalGen.Receivers;
using SignalGen.Schema.Model;

namespace SignalGen.Generator.Emit;

/// <summary>
/// Emits one class per durable receiver of this project: a <c>DurableReceiver&lt;Message&gt;</c> that a
/// durable engine registers without reflection, with the message record nested inside, holding what the
/// receiver binds. The receiver's thunk stages the message; the engine's worker calls <c>RunAsync</c>.
/// </summary>
internal static class DurableReceiversEmitter
{
    public static string Emit(ProjectModel project, EquatableArray<BoundReceiverModel> receivers)
    {
        var writer = SourceWriter.StartFile();
        foreach (var receiver in receivers)
        {
            if (receiver.IsObsolete && receiver.Durable is not null)
            {
                // Calling an [Obsolete] receiver is what this file is for; the warning belongs to no code the user can change.
                writer.Block("""
                    #pragma warning disable CS0612, CS0618

                    """);
                break;
            }
        }

        writer.Block($$"""
            namespace {{KnownNames.GeneratedNamespace}}
            """);
        writer.Open();
        writer.Block($$"""
            /// <summary>The durable receivers of {{SourceWriter.EscapeXml(project.AssemblyName)}}, for the durable engine. Generated plumbing.</summary>
            {{KnownNames.EditorBrowsableNever}}
            {{KnownNames.GeneratedCode}}
            public static class {{project.DurableReceiversClassName}}
            """);
        writer.Open();

        var first = true;
        foreach (var receiver in receivers)
        {
            if (receiver.Durable is not { } durable)
            {
                continue;
            }

            if (!first)
            {
                writer.Line();
            }

            first = false;
            var call = ReceiverThunksEmitter.Target(receiver) + "." + Identifiers.Escape(receiver.MethodName) + "(" + string.Join(", ", durable.RunArguments) + ")";
            var body = receiver.ReturnKind switch
            {
                ReceiverReturnKind.Task => "new " + KnownNames.ValueTask + "(" + call + ")",
                ReceiverReturnKind.ValueTask => call,
                _ => null,
            };

            var properties = new System.Text.StringBuilder(KnownNames.DurableStamp + " Stamp");
            foreach (var value in durable.Values)
            {
                properties.Append(", ").Append(value.PropertyTypeName).Append(' ').Append(value.PropertyName);
            }

            writer.Block($$"""
                /// <summary>Runs {{SourceWriter.EscapeXml(receiver.Receiver)}} for {{SourceWriter.EscapeXml(receiver.SignalName)}} from a stored message.</summary>
                public sealed class {{durable.ClassName}} : {{KnownNames.DurableReceiver}}<{{durable.ClassName}}.Message>
                """);
            writer.Open();
            writer.Block($$"""
                /// <summary>The one instance, which <c>AddSignals()</c> registers.</summary>
                public static readonly {{durable.ClassName}} Instance = new();

                private {{durable.ClassName}}()
                    : base({{SourceWriter.Literal(durable.MessageName)}}, {{SourceWriter.Literal(receiver.Receiver)}}, {{SourceWriter.Literal(durable.SignalFullName)}})
                {
                }

                """);
            if (durable.HasStoredForms)
            {
                WriteStoredFormMethods(writer, receiver, durable, call);
            }
            else if (body is not null)
            {
                writer.Block($$"""
                    /// <inheritdoc/>
                    public override {{KnownNames.ValueTask}} RunAsync(Message message, {{KnownNames.DurableDelivery}} delivery, {{KnownNames.ServiceProvider}} services, {{KnownNames.CancellationToken}} cancellationToken)
                        => {{body}};

                    """);
            }
            else
            {
                // A void receiver completes in the call; its exception leaves RunAsync before any task exists, which the engine's await sees the same.
                writer.Block($$"""
                    /// <inheritdoc/>
                    public override {{KnownNames.ValueTask}} RunAsync(Message message, {{KnownNames.DurableDelivery}} delivery, {{KnownNames.ServiceProvider}} services, {{KnownNames.CancellationToken}} cancellationToken)
                    {
                        {{call}};
                        return default;
                    }

                    """);
            }

            writer.Block($$"""
                /// <summary>What {{SourceWriter.EscapeXml(receiver.Receiver)}} binds, stored until a worker runs it.</summary>
                public sealed record Message({{properties}}) : {{KnownNames.DurableMessage}};
                """);
            writer.Close();
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    /// <summary>
    /// A receiver with values stored in another form (a user as its id): <c>StageAsync</c> makes the stored forms
    /// and stages the message, <c>RunAsync</c> loads the values back and skips the receiver when one is gone.
    /// </summary>
    private static void WriteStoredFormMethods(SourceWriter writer, BoundReceiverModel receiver, DurableReceiverModel durable, string call)
    {
        var parameters = new System.Text.StringBuilder();
        var arguments = new System.Text.StringBuilder(KnownNames.DurableStamp + ".New()");
        for (var i = 0; i < durable.Values.Count; i++)
        {
            var value = durable.Values[i];
            var name = "value" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters.Append(", ").Append(value.TypeName).Append(' ').Append(name);
            var store = "await " + value.StoredForm + ".StoreAsync<" + value.ValueTypeName + ">(" + name + ", provider, cancellationToken).ConfigureAwait(false)";
            arguments.Append(", ").Append(value.StoredForm is null ? name : value.IsNullable ? name + " is null ? null : " + store : store);
        }

        writer.Block($$"""
            /// <summary>Stages the message of {{SourceWriter.EscapeXml(receiver.Receiver)}}: what it binds, with the stored forms made.</summary>
            public static async {{KnownNames.ValueTask}} StageAsync({{KnownNames.ServiceProvider}}? services{{parameters}}, {{KnownNames.CancellationToken}} cancellationToken)
            {
                var provider = {{KnownNames.DurableStaging}}.Services(services, Instance);
                var message = new Message({{arguments}});
                await {{KnownNames.DurableStaging}}.StageAsync(provider, message, Instance, cancellationToken).ConfigureAwait(false);
            }

            /// <inheritdoc/>
            public override async {{KnownNames.ValueTask}} RunAsync(Message message, {{KnownNames.DurableDelivery}} delivery, {{KnownNames.ServiceProvider}} services, {{KnownNames.CancellationToken}} cancellationToken)
            """);
        writer.Open();
        for (var i = 0; i < durable.Values.Count; i++)
        {
            var value = durable.Values[i];
            if (value.StoredForm is null)
            {
                continue;
            }

            var local = "loaded" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var load = "await " + value.StoredForm + ".LoadAsync<" + value.ValueTypeName + ">(message." + value.PropertyName + ", services, cancellationToken).ConfigureAwait(false)";
            var gone = value.IsNullable ? "message." + value.PropertyName + " is not null && " + local + " is null" : local + " is null";
            writer.Block($$"""
                var {{local}} = {{(value.IsNullable ? "message." + value.PropertyName + " is null ? null : " + load : load)}};
                if ({{gone}})
                {
                    {{KnownNames.DurableStaging}}.Skipped(services, Instance, {{SourceWriter.Literal(value.PropertyName)}});
                    return;
                }

                """);
        }

        writer.Line(receiver.ReturnKind == ReceiverReturnKind.Void ? call + ";" : "await " + call + ".ConfigureAwait(false);");
        writer.Close();
        writer.Line();
    }
}
