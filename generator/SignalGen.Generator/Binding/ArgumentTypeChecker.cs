using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SignalGen.Contract;
using SignalGen.Diagnostics;
using SignalGen.Generator.Model;
using SignalGen.Incremental;
using SignalGen.Schema.Model;

namespace SignalGen.Generator.Binding;

/// <summary>
/// Resolves the argument types of this project's schemas where the generated signal types will be
/// written (the schema's namespace, its usings, the project's global usings) and says which cannot be
/// used there. A signal with such an argument is not generated, like a signal with any other error, so
/// the generated code never holds an error the user would have to read in a <c>.g.cs</c> file; the
/// generator reports SGEN0010 at the type in the JSON instead (analyzers do not run on the command line
/// once the compilation has declaration errors, which a missing signal leaves behind).
/// </summary>
internal static class ArgumentTypeChecker
{
    private const string HolderPrefix = "SignalGenArgumentTypes";

    private static readonly SymbolDisplayFormat s_nameFormat = SymbolDisplayFormat.CSharpErrorMessageFormat;

    /// <summary>
    /// Binds every argument type of <paramref name="schemas"/>' local schemas in a syntax tree added to
    /// <paramref name="compilation"/> for the purpose: one namespace block per schema with its usings and
    /// one field per argument, so C#'s own lookup decides. Runs on every compilation the generator sees;
    /// its output is small and equal across edits that leave the types alone, so nothing after it reruns.
    /// </summary>
    public static EquatableArray<ArgumentTypeProblemModel> Check(SchemaSet schemas, Compilation compilation, CancellationToken cancellationToken)
    {
        if (schemas.Local.IsEmpty)
        {
            return EquatableArray<ArgumentTypeProblemModel>.Empty;
        }

        // One field per type as written in a schema, which binds the same way wherever the schema uses it;
        // schemas repeat a few types over many arguments (in the benchmark, 500 arguments of 8 types).
        var arguments = new List<(SchemaModel Schema, SignalModel Signal, ArgumentModel Argument, int Field)>();
        var fieldCount = 0;
        var text = new StringBuilder("#nullable enable\n");
        for (var i = 0; i < schemas.Local.Count; i++)
        {
            var schema = schemas.Local[i];
            text.Append("namespace ").Append(schema.Namespace).Append("\n{\n");
            foreach (var import in schema.Usings)
            {
                text.Append("using ").Append(import).Append(";\n");
            }

            text.Append("file static class ").Append(HolderPrefix).Append(i).Append(schema.TypeParameterList).Append(schema.ConstraintClause).Append("\n{\n");
            var fieldOfType = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var signal in schema.Signals)
            {
                foreach (var argument in signal.Arguments)
                {
                    if (schema.IsTypeParameterArgument(argument))
                    {
                        continue;
                    }

                    if (!fieldOfType.TryGetValue(argument.TypeName, out var field))
                    {
                        field = fieldCount++;
                        fieldOfType.Add(argument.TypeName, field);
                        text.Append("static ").Append(argument.TypeName).Append(" f").Append(field).Append(";\n");
                    }

                    arguments.Add((schema, signal, argument, field));
                }
            }

            text.Append("}\n}\n");
        }

        if (fieldCount == 0)
        {
            return EquatableArray<ArgumentTypeProblemModel>.Empty;
        }

        var options = compilation.SyntaxTrees.FirstOrDefault()?.Options as CSharpParseOptions ?? CSharpParseOptions.Default;
        var tree = CSharpSyntaxTree.ParseText(text.ToString(), options, cancellationToken: cancellationToken);
        var checking = compilation.AddSyntaxTrees(tree);
        var model = checking.GetSemanticModel(tree);
        var declarations = tree.GetRoot(cancellationToken).DescendantNodes().OfType<FieldDeclarationSyntax>().ToList();

        var fieldProblems = new string?[fieldCount];
        for (var i = 0; i < fieldCount && i < declarations.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            fieldProblems[i] = Describe(model, checking, declarations[i].Declaration.Type, schemas, cancellationToken);
        }

        var problems = new List<ArgumentTypeProblemModel>();
        foreach (var (schema, signal, argument, field) in arguments)
        {
            if (fieldProblems[field] is { } problem)
            {
                problems.Add(new ArgumentTypeProblemModel(schema.Path ?? string.Empty, schema.Namespace, signal.Name, argument.Name, argument.TypeName, problem));
            }
        }

        return problems.ToEquatableArray();
    }

    /// <summary>Why the type cannot be an argument type of a generated public signal, or null when it can.</summary>
    private static string? Describe(SemanticModel model, Compilation compilation, TypeSyntax syntax, SchemaSet schemas, CancellationToken cancellationToken)
    {
        // The first name that does not bind, left to right, is the one to fix (in List<Rol>, Rol).
        foreach (var name in syntax.DescendantNodesAndSelf().OfType<SimpleNameSyntax>())
        {
            var info = model.GetSymbolInfo(name, cancellationToken);
            if (info.Symbol is not null && info.Symbol is not IErrorTypeSymbol)
            {
                continue;
            }

            var written = name.Identifier.ValueText;
            if (IsGeneratedName(written, schemas))
            {
                // A type the generator itself writes (another signal, Signal): not in the compilation it sees, but there once generated.
                return null;
            }

            if (info.CandidateReason == CandidateReason.Inaccessible && info.CandidateSymbols.FirstOrDefault() is { } hidden)
            {
                return "is not accessible here: " + hidden.ToDisplayString(s_nameFormat) + " is " + Accessibility(hidden.DeclaredAccessibility)
                       + (SymbolEqualityComparer.Default.Equals(hidden.ContainingAssembly, compilation.Assembly) ? string.Empty : " in " + hidden.ContainingAssembly.Name);
            }

            if (info.CandidateReason == CandidateReason.Ambiguous && info.CandidateSymbols.Length > 1)
            {
                return "is ambiguous between '" + info.CandidateSymbols[0].ToDisplayString(s_nameFormat) + "' and '" + info.CandidateSymbols[1].ToDisplayString(s_nameFormat)
                       + "'; write it fully qualified";
            }

            if (info.Symbol is null && info.CandidateSymbols.FirstOrDefault() is INamedTypeSymbol candidate && info.CandidateReason == CandidateReason.WrongArity)
            {
                return "does not resolve: " + candidate.ToDisplayString(s_nameFormat) + " takes " + candidate.Arity + " type argument" + (candidate.Arity == 1 ? string.Empty : "s");
            }

            var ns = ((BaseNamespaceDeclarationSyntax)syntax.Ancestors().First(node => node is BaseNamespaceDeclarationSyntax)).Name.ToString();
            return "does not resolve in namespace " + ns + Suggestion(model, compilation, name, written);
        }

        if (model.GetTypeInfo(syntax, cancellationToken).Type is not { } type)
        {
            return null;
        }

        if (type.IsRefLikeType)
        {
            return "is a ref struct, which a signal cannot store";
        }

        if (type.IsStatic)
        {
            return "is a static class, which cannot be the type of a value";
        }

        if (LessThanPublic(type) is { } hidden2)
        {
            return "is not public (" + hidden2.ToDisplayString(s_nameFormat) + " is " + Accessibility(hidden2.DeclaredAccessibility)
                   + "), but the generated signal type is public; make it public";
        }

        return null;
    }

    /// <summary>"; did you mean 'X'?" naming the closest type in scope, else how to bring the type into scope.</summary>
    private static string Suggestion(SemanticModel model, Compilation compilation, SimpleNameSyntax name, string written)
    {
        var arity = name is GenericNameSyntax generic ? generic.Arity : 0;
        INamespaceOrTypeSymbol? container = null;
        if (name.Parent is QualifiedNameSyntax qualified && qualified.Right == name)
        {
            container = model.GetSymbolInfo(qualified.Left).Symbol as INamespaceOrTypeSymbol;
        }

        var candidates = new HashSet<string>();
        foreach (var symbol in model.LookupNamespacesAndTypes(name.SpanStart, container))
        {
            if (symbol is INamedTypeSymbol type && type.Arity == arity && model.IsAccessible(name.SpanStart, type))
            {
                candidates.Add(type.Name);
            }
        }

        if (ClosestName.Find(written, candidates) is { } closest)
        {
            return "; did you mean '" + closest + "'?";
        }

        // Spelled right, but in a namespace the schema does not import: name it whole.
        if (container is null)
        {
            foreach (var symbol in compilation.GetSymbolsWithName(written, SymbolFilter.Type))
            {
                if (symbol is INamedTypeSymbol type && type.Arity == arity && model.IsAccessible(name.SpanStart, type))
                {
                    return "; did you mean '" + type.ToDisplayString(s_nameFormat) + "'? Add its namespace to \"usings\" or write it fully qualified";
                }
            }
        }

        return "; add its namespace to \"usings\" or write it fully qualified";
    }

    private static bool IsGeneratedName(string name, SchemaSet schemas)
    {
        foreach (var schema in schemas.Local)
        {
            if (name is GeneratedNames.SignalEnum or GeneratedNames.SignalInterface or GeneratedNames.Sender || schema.Declares(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first type in <paramref name="type"/> (itself, a containing type, an element or type argument) that is not public.</summary>
    private static ISymbol? LessThanPublic(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return LessThanPublic(array.ElementType);
            case INamedTypeSymbol named:
                for (ISymbol? current = named; current is INamedTypeSymbol containing; current = current.ContainingType)
                {
                    if (containing.DeclaredAccessibility is not (Microsoft.CodeAnalysis.Accessibility.Public or Microsoft.CodeAnalysis.Accessibility.NotApplicable))
                    {
                        return containing;
                    }
                }

                foreach (var argument in named.TypeArguments)
                {
                    if (LessThanPublic(argument) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string Accessibility(Microsoft.CodeAnalysis.Accessibility accessibility) => accessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        _ => accessibility.ToString().ToLowerInvariant(),
    };
}
