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
                writer.Line("#pragma warning disable CS0612, CS0618");
                writer.Line();
                break;
            }
        }

        writer.Line("[assembly: " + KnownNames.ReceiverThunksAttribute + "(typeof(global::" + KnownNames.GeneratedNamespace + "." + className + "))]");
        writer.Line();
        writer.Open("namespace " + KnownNames.GeneratedNamespace);
        writer.Summary("Calls into the receivers of " + project.AssemblyName + ", for the dispatch tables. Generated plumbing.");
        writer.Line(KnownNames.EditorBrowsableNever);
        writer.Line(KnownNames.GeneratedCode);
        writer.Open("public static class " + className);

        foreach (var receiver in receivers)
        {
            var signalType = receiver.SignalType;
            var returnType = receiver.IsAsync ? KnownNames.ValueTask : "void";
            var call = Target(receiver) + "." + Identifiers.Escape(receiver.MethodName) + "(" + string.Join(", ", receiver.Arguments) + ")";
            var body = receiver.ReturnKind switch
            {
                ReceiverReturnKind.Task => "new " + KnownNames.ValueTask + "(" + call + ")",
                _ => call,
            };

            writer.Summary("Calls " + receiver.Receiver + " for " + receiver.SignalName + ".");
            writer.Line("[" + KnownNames.ReceiverThunkAttribute + "(" + SourceWriter.Literal(receiver.Receiver) + ", " + receiver.Order.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")]");
            var typeParameters = receiver.OpenTypeParameter is { } open ? "<" + open + ">" : string.Empty;
            writer.Line("public static " + returnType + " " + receiver.ThunkName + typeParameters + "(in " + signalType + " signal, " + KnownNames.ServiceProvider + "? services, " + KnownNames.CancellationToken + " cancellationToken)" + receiver.OpenConstraint);
            writer.Line("    => " + body + ";");
            writer.Line();
        }

        writer.Summary("Registers the classes of this project's instance receivers (transient, unless already registered).");
        writer.Open("public static void AddServices(" + KnownNames.ServiceCollection + " services)");
        var registered = new System.Collections.Generic.HashSet<string>();
        foreach (var receiver in receivers)
        {
            if (!receiver.IsStatic && registered.Add(receiver.ContainingType))
            {
                writer.Line("global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddTransient<" + receiver.ContainingType + ">(services);");
            }
        }

        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    private static string Target(BoundReceiverModel receiver) => receiver.IsStatic
        ? receiver.ContainingType
        : KnownNames.SignalDispatch + ".Resolve<" + receiver.ContainingType + ">(services, " + SourceWriter.Literal(receiver.Receiver) + ")";
}
