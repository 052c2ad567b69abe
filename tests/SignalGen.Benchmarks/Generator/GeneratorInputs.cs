using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace SignalGen.Benchmarks.Generator;

/// <summary>
/// What both generator benchmarks share: the same references for both projects, and the two
/// generators as the compiler would load them.
/// </summary>
internal static class GeneratorInputs
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(CreateReferences);

    /// <summary>
    /// The SDK's net10.0 reference pack, the SignalGen runtime, Mediator.Abstractions and the
    /// Microsoft.Extensions abstractions the generated code of either calls. Created once: a
    /// compiler reads its references once per build, and the IDE keeps them.
    /// </summary>
    public static ImmutableArray<MetadataReference> References => s_references.Value;

    /// <summary>SignalGen's generator, from the assembly reference to generator/SignalGen.Generator.</summary>
    public static ImmutableArray<ISourceGenerator> SignalGen() => [new global::SignalGen.Generator.SignalsGenerator().AsSourceGenerator()];

    /// <summary>The floor: <see cref="NamesOnlyGenerator"/>, which finds SignalGen's receivers and only reads their names.</summary>
    public static ImmutableArray<ISourceGenerator> NamesOnly() => [new NamesOnlyGenerator().AsSourceGenerator()];

    /// <summary>The floor with the receivers' types read too: <see cref="NamesOnlyGenerator"/> with <c>withTypes</c>.</summary>
    public static ImmutableArray<ISourceGenerator> NamesAndTypes() => [new NamesOnlyGenerator(withTypes: true).AsSourceGenerator()];

    /// <summary>
    /// Every C# incremental generator in Mediator.SourceGenerator.dll from its NuGet package (the path is
    /// recorded at build time), loaded into this process so it binds to the Roslyn the benchmarks reference.
    /// </summary>
    public static ImmutableArray<ISourceGenerator> Mediator()
    {
        var path = Metadata("MediatorSourceGeneratorPath");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("Mediator's generator is not where the build recorded it.", path);
        }

        var assembly = Assembly.LoadFrom(path);
        var generators = assembly.GetTypes()
            .Where(type => type is { IsAbstract: false, IsClass: true } && typeof(IIncrementalGenerator).IsAssignableFrom(type))
            .Where(type => type.GetCustomAttribute<GeneratorAttribute>() is { } attribute && attribute.Languages.Contains(LanguageNames.CSharp))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator())
            .ToImmutableArray();
        if (generators.IsEmpty)
        {
            throw new InvalidOperationException("No C# incremental generator in " + path + ".");
        }

        return generators;
    }

    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        var framework = Directory.EnumerateFiles(Metadata("FrameworkReferenceDirectory"), "*.dll").Order(StringComparer.Ordinal);
        var libraries = new[]
        {
            typeof(ReceiverAttribute).Assembly,
            typeof(global::Mediator.INotification).Assembly,
            typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly,
            typeof(Microsoft.Extensions.Logging.ILogger).Assembly,
        }.Select(assembly => assembly.Location);
        return framework.Concat(libraries).Select(file => (MetadataReference)MetadataReference.CreateFromFile(file)).ToImmutableArray();
    }

    private static string Metadata(string key) =>
        typeof(GeneratorInputs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value!;
}
