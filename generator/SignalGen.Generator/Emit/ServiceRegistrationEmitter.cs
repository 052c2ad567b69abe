using SignalGen.Contract;
using SignalGen.Generator.Model;

namespace SignalGen.Generator.Emit;

/// <summary>Emits the application's <c>AddSignals()</c>: every schema's sender and every receiver class.</summary>
internal static class ServiceRegistrationEmitter
{
    public static string Emit(ServiceRegistrationModel model)
    {
        var writer = SourceWriter.StartFile();
        var collectionType = KnownNames.ServiceCollection;
        writer.Open("namespace Microsoft.Extensions.DependencyInjection");

        // Suffixed with the assembly so that a test project seeing this one's internals gets no type clash.
        writer.Block($$"""
            /// <summary>Registers SignalGen's senders and receivers in {{SourceWriter.EscapeXml(model.AssemblyName)}}.</summary>
            {{KnownNames.GeneratedCode}}
            internal static class {{GeneratedNames.ServiceRegistrationClassPrefix}}{{SourceWriter.ToIdentifier(model.AssemblyName)}}
            """);
        writer.Open();
        writer.Block($$"""
            /// <summary>
            /// Registers each schema's sender (<c>Signals</c>, scoped, resolving instance receivers from the scope) and
            /// the class of every instance receiver this application and its references declare (transient, unless
            /// already registered: register a class yourself first to choose another lifetime).
            /// </summary>
            /// <param name="services">The service collection.</param>
            /// <returns>The same service collection.</returns>
            public static {{collectionType}} AddSignals(this {{collectionType}} services)
            """);
        writer.Open();
        foreach (var sender in model.Senders)
        {
            writer.Line($$"""global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddScoped<{{sender}}>(services, static provider => new {{sender}}(provider));""");
        }

        foreach (var sender in model.OpenGenericSenders)
        {
            writer.Line($$"""global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAdd(services, global::Microsoft.Extensions.DependencyInjection.ServiceDescriptor.Scoped(typeof({{sender}}), typeof({{sender}})));""");
        }

        foreach (var thunks in model.ThunkClasses)
        {
            writer.Line($$"""{{thunks}}.AddServices(services);""");
        }

        writer.Line("return services;");
        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
