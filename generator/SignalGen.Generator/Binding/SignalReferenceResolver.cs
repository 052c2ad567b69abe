using System;
using System.Collections.Generic;
using SignalGen.Contract;
using SignalGen.Generator.Model;
using SignalGen.Incremental;
using SignalGen.Schema.Model;

namespace SignalGen.Generator.Binding;

/// <summary>
/// Finds the schema a <c>[Receiver(...)]</c> attribute names, following C#'s lookup for the parts the
/// compiler could not bind (a local schema's enum is generated, so the compilation the generator sees
/// lacks it): enclosing namespaces innermost first; at each, its members, then its aliases, then its
/// imports. An ambiguous or unknown name resolves to nothing; the compiler and the analyzers report it.
/// </summary>
internal static class SignalReferenceResolver
{
    private const string EnumName = GeneratedNames.SignalEnum;
    private const string GlobalPrefix = "global::";

    public static SchemaModel? Resolve(
        SignalReferenceModel reference,
        EquatableArray<ImportScopeModel> scopes,
        EquatableArray<UsingModel> globalUsings,
        SchemaSet schemas)
    {
        if (reference.ResolvedNamespace is { } resolved)
        {
            return schemas.Find(resolved);
        }

        return reference.Qualifier is { } qualifier
            ? ResolveEnum(qualifier, scopes, globalUsings, schemas)
            : ResolveStaticImport(reference.SignalName, scopes, globalUsings, schemas);
    }

    /// <summary>The schema whose enum <paramref name="name"/> (<c>Signal</c>, <c>Auth.Signal</c>, an alias...) denotes.</summary>
    private static SchemaModel? ResolveEnum(string name, EquatableArray<ImportScopeModel> scopes, EquatableArray<UsingModel> globalUsings, SchemaSet schemas)
    {
        if (name.StartsWith(GlobalPrefix, StringComparison.Ordinal))
        {
            return EnumSchema(name.Substring(GlobalPrefix.Length), schemas);
        }

        // Auth::Signal: the part before :: can only be an alias, found like any other, innermost scope first.
        var qualified = name.IndexOf("::", StringComparison.Ordinal);
        if (qualified > 0)
        {
            var alias = name.Substring(0, qualified);
            for (var i = 0; i < scopes.Count; i++)
            {
                foreach (var directive in UsingsOf(scopes, i, globalUsings))
                {
                    if (directive.Alias == alias)
                    {
                        return EnumSchema(directive.Target + "." + name.Substring(qualified + 2), schemas);
                    }
                }
            }

            return null;
        }

        var dot = name.IndexOf('.');
        var head = dot < 0 ? name : name.Substring(0, dot);
        var tail = dot < 0 ? string.Empty : name.Substring(dot);

        for (var i = 0; i < scopes.Count; i++)
        {
            var scope = scopes[i];
            if (EnumSchema(Join(scope.Namespace, name), schemas) is { } member)
            {
                return member;
            }

            SchemaModel? imported = null;
            var ambiguous = false;
            foreach (var directive in UsingsOf(scopes, i, globalUsings))
            {
                if (directive.Alias == head)
                {
                    // The alias wins at its level; if it does not lead to an enum, C# does not look further either.
                    return EnumSchema(directive.Target + tail, schemas);
                }

                if (dot < 0 && directive.Alias is null && !directive.IsStatic && EnumSchema(Join(directive.Target, name), schemas) is { } schema)
                {
                    ambiguous |= imported is not null && !ReferenceEquals(imported, schema);
                    imported = schema;
                }
            }

            if (imported is not null)
            {
                return ambiguous ? null : imported;
            }
        }

        return null;
    }

    /// <summary>A bare member name, <c>[Receiver(UserSignedUp)]</c>, which only <c>using static</c> brings into scope.</summary>
    private static SchemaModel? ResolveStaticImport(string signal, EquatableArray<ImportScopeModel> scopes, EquatableArray<UsingModel> globalUsings, SchemaSet schemas)
    {
        for (var i = 0; i < scopes.Count; i++)
        {
            SchemaModel? match = null;
            foreach (var directive in UsingsOf(scopes, i, globalUsings))
            {
                if (directive.IsStatic && EnumSchema(directive.Target, schemas) is { } schema && schema.FindSignal(signal) is not null)
                {
                    if (match is not null && !ReferenceEquals(match, schema))
                    {
                        return null;
                    }

                    match = schema;
                }
            }

            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>The usings that apply at scope <paramref name="index"/>; global usings belong to the file's own scope, the last.</summary>
    private static IEnumerable<UsingModel> UsingsOf(EquatableArray<ImportScopeModel> scopes, int index, EquatableArray<UsingModel> globalUsings)
    {
        foreach (var directive in scopes[index].Usings)
        {
            yield return directive;
        }

        if (index == scopes.Count - 1)
        {
            foreach (var directive in globalUsings)
            {
                yield return directive;
            }
        }
    }

    /// <summary>The schema whose enum has the full name <paramref name="fullName"/>, e.g. <c>Contoso.Auth.Signal</c>.</summary>
    private static SchemaModel? EnumSchema(string fullName, SchemaSet schemas)
    {
        var suffix = "." + EnumName;
        return fullName.EndsWith(suffix, StringComparison.Ordinal)
            ? schemas.Find(fullName.Substring(0, fullName.Length - suffix.Length))
            : null;
    }

    private static string Join(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;
}
