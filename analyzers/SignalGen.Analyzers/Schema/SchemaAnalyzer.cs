using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SignalGen.Schema;
using SignalGen.Schema.Model;

namespace SignalGen.Analyzers.Schema;

/// <summary>
/// Reports problems in <c>*.signals.json</c> files inside the file, at their line and column: what the
/// schema reader finds, argument types that do not resolve in the compilation, and two schemas
/// declaring one namespace. The generator skips all of these silently; this is where they surface.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SchemaAnalyzer : DiagnosticAnalyzer
{
    private const string SignalSchemaAttributeName = "SignalGen.Dispatch.SignalSchemaAttribute";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        SignalGenDiagnostics.InvalidJson,
        SignalGenDiagnostics.UnknownField,
        SignalGenDiagnostics.MissingField,
        SignalGenDiagnostics.WrongValueType,
        SignalGenDiagnostics.DuplicateField,
        SignalGenDiagnostics.DuplicateSignal,
        SignalGenDiagnostics.DuplicateArgument,
        SignalGenDiagnostics.InvalidName,
        SignalGenDiagnostics.InvalidTypeSyntax,
        SignalGenDiagnostics.UnresolvedArgumentType,
        SignalGenDiagnostics.InvalidMode,
        SignalGenDiagnostics.DuplicateNamespace);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            // Namespace clashes need every schema of the project, so all are read once per compilation.
            var schemas = ReadAll(start.Options.AdditionalFiles, start.CancellationToken);
            if (schemas.Count == 0)
            {
                return;
            }

            var referenced = ReferencedSchemaNamespaces(start.Compilation);
            start.RegisterAdditionalFileAction(file =>
            {
                if (schemas.TryGetValue(file.AdditionalFile.Path, out var schema))
                {
                    Analyze(file, schema, schemas, referenced);
                }
            });
        });
    }

    private static Dictionary<string, ReadSchema> ReadAll(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
    {
        var schemas = new Dictionary<string, ReadSchema>();
        foreach (var file in files)
        {
            if (SchemaParser.IsSchemaFile(file.Path) && !schemas.ContainsKey(file.Path) && file.GetText(cancellationToken) is { } text)
            {
                schemas.Add(file.Path, new ReadSchema(text, SchemaParser.Parse(file.Path, text, cancellationToken)));
            }
        }

        return schemas;
    }

    private static Dictionary<string, string> ReferencedSchemaNamespaces(Compilation compilation)
    {
        var namespaces = new Dictionary<string, string>();
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            foreach (var attribute in assembly.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == SignalSchemaAttributeName
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is INamedTypeSymbol sender
                    && sender.ContainingNamespace is { IsGlobalNamespace: false } ns)
                {
                    namespaces[ns.ToDisplayString()] = assembly.Identity.Name;
                }
            }
        }

        return namespaces;
    }

    private static void Analyze(AdditionalFileAnalysisContext context, ReadSchema read, Dictionary<string, ReadSchema> all, Dictionary<string, string> referenced)
    {
        var path = context.AdditionalFile.Path;
        foreach (var error in read.Result.Errors)
        {
            context.ReportDiagnostic(Diagnostic.Create(SignalGenDiagnostics.For(error.Kind), Location.Create(path, error.Span, error.LineSpan), error.Message));
        }

        if (read.Result.Schema is not { } schema)
        {
            return;
        }

        var locations = SchemaLocations.Read(read.Text, context.CancellationToken);
        if (DeclaredElsewhere(schema.Namespace, read, all, referenced) is { } owner)
        {
            var span = locations.Namespace ?? new TextSpan(0, 0);
            context.ReportDiagnostic(Diagnostic.Create(SignalGenDiagnostics.DuplicateNamespace, At(path, read.Text, span), schema.Namespace, owner));
            return;
        }

        ReportUnresolvedTypes(context, schema, read.Text, locations);
    }

    /// <summary>Who else declares <paramref name="ns"/> and is kept by the generator instead: a reference, or a schema file whose path sorts first.</summary>
    private static string? DeclaredElsewhere(string ns, ReadSchema read, Dictionary<string, ReadSchema> all, Dictionary<string, string> referenced)
    {
        if (referenced.TryGetValue(ns, out var assembly))
        {
            return "the referenced assembly " + assembly;
        }

        // The generator keeps the file whose path sorts first, ordinally.
        string? winner = null;
        foreach (var pair in all)
        {
            if (pair.Value.Result.Schema?.Namespace == ns && (winner is null || string.CompareOrdinal(pair.Key, winner) < 0))
            {
                winner = pair.Key;
            }
        }

        return winner is null || winner == read.Result.Path ? null : "the schema " + winner;
    }

    /// <summary>
    /// Reads the generated signal types back: their constructor parameters have the argument types as
    /// the compiler bound them where the generated code is, so an unresolved type shows as an error type.
    /// </summary>
    private static void ReportUnresolvedTypes(AdditionalFileAnalysisContext context, SchemaModel schema, SourceText text, SchemaLocations locations)
    {
        var assembly = context.Compilation.Assembly;
        foreach (var signal in schema.Signals)
        {
            if (signal.Arguments.Count == 0
                || assembly.GetTypeByMetadataName(schema.Namespace + "." + signal.Name) is not { TypeKind: TypeKind.Struct } type
                || SignalConstructor(type, signal.Arguments.Count) is not { } constructor)
            {
                continue;
            }

            for (var i = 0; i < signal.Arguments.Count; i++)
            {
                var argument = signal.Arguments[i];
                var parameterType = constructor.Parameters[i].Type;
                var problem = ContainsErrorType(parameterType)
                    ? "does not resolve in namespace " + schema.Namespace + "; add its namespace to \"usings\" or write it fully qualified"
                    : parameterType.IsRefLikeType ? "is a ref struct, which a signal cannot store" : null;
                if (problem is not null && locations.ArgumentType(signal.Name, argument.Name) is { } span)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        SignalGenDiagnostics.UnresolvedArgumentType, At(context.AdditionalFile.Path, text, span), argument.TypeName, argument.Name, signal.Name, problem));
                }
            }
        }
    }

    private static IMethodSymbol? SignalConstructor(INamedTypeSymbol type, int arity)
    {
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.Length == arity)
            {
                return constructor;
            }
        }

        return null;
    }

    private static bool ContainsErrorType(ITypeSymbol type) => type switch
    {
        IErrorTypeSymbol => true,
        IArrayTypeSymbol array => ContainsErrorType(array.ElementType),
        INamedTypeSymbol named => AnyErrorType(named.TypeArguments),
        _ => false,
    };

    private static bool AnyErrorType(ImmutableArray<ITypeSymbol> types)
    {
        foreach (var type in types)
        {
            if (ContainsErrorType(type))
            {
                return true;
            }
        }

        return false;
    }

    private static Location At(string path, SourceText text, TextSpan span) =>
        Location.Create(path, span, text.Lines.GetLinePositionSpan(span));

    private sealed class ReadSchema(SourceText text, SchemaParseResult result)
    {
        public SourceText Text { get; } = text;

        public SchemaParseResult Result { get; } = result;
    }
}
