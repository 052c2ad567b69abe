using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SignalGen.Generator.Model;
using SignalGen.Generator.Parsing;
using SignalGen.Incremental;
using SignalGen.Schema.Model;

namespace SignalGen.Generator.Binding;

/// <summary>
/// Finds the bound receivers whose thunk would not compile: a parameter whose type does not take its
/// argument's (CS1503), a maybe-null argument for a non-nullable parameter (CS8604), or a type argument
/// that breaks the schema's constraint (CS0452). Those get no thunk, so no error or warning is ever in a
/// generated file for them; the receiver analyzer reports SGEN0103 at the parameter, and with no
/// compiler error left behind it runs on the command line too.
/// </summary>
internal static class ReceiverFitChecker
{
    /// <summary>
    /// Resolves every distinct argument, parameter and type argument type once, in a syntax tree added to
    /// <paramref name="compilation"/> (argument types of a local schema in its namespace with its usings,
    /// everything else fully qualified), then compares them as C# converts. Returns the thunk names to leave out.
    /// </summary>
    public static EquatableArray<string> Check(EquatableArray<BoundReceiverModel> receivers, SchemaSet schemas, Compilation compilation, CancellationToken cancellationToken)
    {
        if (receivers.IsEmpty)
        {
            return EquatableArray<string>.Empty;
        }

        // Field names by (schema namespace or "" for fully qualified, type text).
        var fields = new Dictionary<(string Scope, string Type), string>();
        var scoped = new Dictionary<string, List<string>>();
        var global = new List<string>();

        string Field(string scope, string type)
        {
            if (!fields.TryGetValue((scope, type), out var name))
            {
                name = "f" + fields.Count;
                fields.Add((scope, type), name);
                if (scope.Length == 0)
                {
                    global.Add(type);
                }
                else
                {
                    if (!scoped.TryGetValue(scope, out var list))
                    {
                        scoped.Add(scope, list = []);
                    }

                    list.Add(type);
                }
            }

            return name;
        }

        foreach (var receiver in receivers)
        {
            var local = LocalSchema(schemas, receiver.SchemaNamespace);
            foreach (var fit in receiver.Fits)
            {
                Field(local is null ? string.Empty : local.Namespace, fit.ArgumentType);
                Field(string.Empty, fit.ParameterType);
            }

            if (receiver.TypeArgument is { } typeArgument && schemas.Find(receiver.SchemaNamespace)?.TypeParameter is { } parameter)
            {
                Field(string.Empty, typeArgument);
                if (TypeConstraint(parameter) is { } constraint)
                {
                    Field(local is null ? string.Empty : local.Namespace, constraint);
                }
            }
        }

        if (fields.Count == 0)
        {
            return EquatableArray<string>.Empty;
        }

        var text = new StringBuilder("#nullable enable\n");
        var blocks = 0;
        Block(text, blocks++, null, global, fields, string.Empty);
        foreach (var pair in scoped)
        {
            Block(text, blocks++, LocalSchema(schemas, pair.Key), pair.Value, fields, pair.Key);
        }

        var options = compilation.SyntaxTrees.FirstOrDefault()?.Options as CSharpParseOptions ?? CSharpParseOptions.Default;
        var tree = CSharpSyntaxTree.ParseText(text.ToString(), options, cancellationToken: cancellationToken);
        var checking = compilation.AddSyntaxTrees(tree);
        var model = checking.GetSemanticModel(tree);
        var types = new Dictionary<string, ITypeSymbol>();
        foreach (var declaration in tree.GetRoot(cancellationToken).DescendantNodes().OfType<FieldDeclarationSyntax>())
        {
            // The field's type, not the type syntax's: only the declared symbol carries the nullable annotation.
            var variable = declaration.Declaration.Variables[0];
            if (model.GetDeclaredSymbol(variable, cancellationToken) is IFieldSymbol { Type: var type } && !ReceiverParser.ContainsErrorType(type))
            {
                types[variable.Identifier.ValueText] = type;
            }
        }

        var misfits = new List<string>();
        foreach (var receiver in receivers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Fits(receiver, schemas, checking, fields, types))
            {
                misfits.Add(receiver.ThunkName);
            }
        }

        return misfits.ToEquatableArray();
    }

    private static bool Fits(BoundReceiverModel receiver, SchemaSet schemas, Compilation compilation, Dictionary<(string, string), string> fields, Dictionary<string, ITypeSymbol> types)
    {
        var scope = LocalSchema(schemas, receiver.SchemaNamespace)?.Namespace ?? string.Empty;
        foreach (var fit in receiver.Fits)
        {
            // A type that does not resolve here is the user's own error in their code, or SGEN0010's; nothing to add.
            if (!types.TryGetValue(fields[(scope, fit.ArgumentType)], out var argument) || !types.TryGetValue(fields[(string.Empty, fit.ParameterType)], out var parameter))
            {
                continue;
            }

            if (!compilation.ClassifyConversion(argument, parameter).IsImplicit
                || (fit.ParameterRejectsNull && argument.IsReferenceType && argument.NullableAnnotation == NullableAnnotation.Annotated))
            {
                return false;
            }
        }

        if (receiver.TypeArgument is { } typeArgument
            && schemas.Find(receiver.SchemaNamespace)?.TypeParameter is { } typeParameter
            && types.TryGetValue(fields[(string.Empty, typeArgument)], out var bound))
        {
            var constraint = typeParameter.Constraint;
            if ((constraint is "class" or "class?" && !bound.IsReferenceType)
                || (constraint == "struct" && (!bound.IsValueType || bound.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T))
                || (constraint == "unmanaged" && !bound.IsUnmanagedType))
            {
                return false;
            }

            if (TypeConstraint(typeParameter) is { } constraintType
                && types.TryGetValue(fields[(scope, constraintType)], out var required)
                && !compilation.ClassifyConversion(bound, required).IsImplicit)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The constraint when it names a type rather than a kind (class, struct, notnull, unmanaged), else null.</summary>
    private static string? TypeConstraint(TypeParameterModel parameter) =>
        parameter.Constraint is "" or "class" or "class?" or "struct" or "notnull" or "unmanaged" ? null : parameter.Constraint;

    private static SchemaModel? LocalSchema(SchemaSet schemas, string ns)
    {
        foreach (var schema in schemas.Local)
        {
            if (schema.Namespace == ns)
            {
                return schema;
            }
        }

        return null;
    }

    /// <summary>One holder class of fields, in the schema's namespace with its usings, or in the global namespace.</summary>
    private static void Block(StringBuilder text, int index, SchemaModel? schema, List<string> typeNames, Dictionary<(string, string), string> fields, string scope)
    {
        if (typeNames.Count == 0)
        {
            return;
        }

        if (schema is not null)
        {
            text.Append("namespace ").Append(schema.Namespace).Append("\n{\n");
            foreach (var import in schema.Usings)
            {
                text.Append("using ").Append(import).Append(";\n");
            }
        }

        text.Append("file static class SignalGenReceiverFits").Append(index).Append("\n{\n");
        foreach (var typeName in typeNames)
        {
            text.Append("static ").Append(typeName).Append(' ').Append(fields[(scope, typeName)]).Append(";\n");
        }

        text.Append("}\n");
        if (schema is not null)
        {
            text.Append("}\n");
        }
    }
}
