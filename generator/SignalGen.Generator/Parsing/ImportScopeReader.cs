using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SignalGen.Generator.Model;
using SignalGen.Incremental;

namespace SignalGen.Generator.Parsing;

/// <summary>
/// Reads the namespaces and using directives around a declaration, in C# lookup order. The generator
/// needs them because a schema's <c>Signal</c> enum is generated, so the compilation it sees cannot
/// resolve <c>[Receiver(Signal.X)]</c> and the binder repeats the language's lookup over names.
/// </summary>
internal static class ImportScopeReader
{
    private const string GlobalPrefix = "global::";

    /// <summary>The scopes around <paramref name="node"/>, innermost first; the file's own scope is last.</summary>
    public static EquatableArray<ImportScopeModel> Read(SyntaxNode node)
    {
        var declarations = new List<BaseNamespaceDeclarationSyntax>();
        CompilationUnitSyntax? unit = null;
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is BaseNamespaceDeclarationSyntax declaration)
            {
                declarations.Add(declaration);
            }
            else if (current is CompilationUnitSyntax compilationUnit)
            {
                unit = compilationUnit;
            }
        }

        // Full names outermost first: namespace A { namespace B.C { } } declares A, then A.B.C.
        var fullNames = new string[declarations.Count];
        var outer = string.Empty;
        for (var i = declarations.Count - 1; i >= 0; i--)
        {
            outer = Join(outer, NameText(declarations[i].Name));
            fullNames[i] = outer;
        }

        var scopes = new List<ImportScopeModel>();
        for (var i = 0; i < declarations.Count; i++)
        {
            scopes.Add(new ImportScopeModel(fullNames[i], Read(declarations[i].Usings)));

            // namespace A.B.C is namespace A { namespace B { namespace C } }: A.B is searched too, with no usings of its own.
            var enclosing = i + 1 < declarations.Count ? fullNames[i + 1] : string.Empty;
            for (var name = Parent(fullNames[i]); name.Length > enclosing.Length; name = Parent(name))
            {
                scopes.Add(new ImportScopeModel(name, EquatableArray<UsingModel>.Empty));
            }
        }

        scopes.Add(new ImportScopeModel(string.Empty, unit is null ? EquatableArray<UsingModel>.Empty : Read(unit.Usings)));
        return scopes.ToEquatableArray();
    }

    /// <summary>Reads a <c>global using</c> directive, which applies in every file of the project.</summary>
    public static UsingModel? ReadGlobal(UsingDirectiveSyntax directive) =>
        directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) ? ReadDirective(directive) : null;

    /// <summary>The qualifier as written, without spaces; <c>global::</c> is kept so lookup knows the name is absolute.</summary>
    public static string NameText(SyntaxNode name)
    {
        // ToString leaves out the outer trivia already; WithoutTrivia() would rebuild the node to drop it,
        // which cost 15% of a one-file edit on 1,000 receivers (every receiver's usings are read again).
        var text = name.ToString();
        return text.IndexOf(' ') < 0 ? text : text.Replace(" ", string.Empty);
    }

    private static EquatableArray<UsingModel> Read(SyntaxList<UsingDirectiveSyntax> directives)
    {
        var usings = new List<UsingModel>(directives.Count);
        foreach (var directive in directives)
        {
            // Global usings are read once for the whole project; reading them here too would make every import look ambiguous.
            if (!directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) && ReadDirective(directive) is { } model)
            {
                usings.Add(model);
            }
        }

        return usings.ToEquatableArray();
    }

    private static UsingModel? ReadDirective(UsingDirectiveSyntax directive)
    {
        if (directive.NamespaceOrType is not NameSyntax target)
        {
            // using X = (int, int); and the like cannot name a Signal enum.
            return null;
        }

        var text = NameText(target);
        if (text.StartsWith(GlobalPrefix, StringComparison.Ordinal))
        {
            text = text.Substring(GlobalPrefix.Length);
        }

        return new UsingModel(directive.Alias?.Name.Identifier.ValueText, text, directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword));
    }

    private static string Join(string left, string right) => left.Length == 0 ? right : left + "." + right;

    private static string Parent(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? string.Empty : name.Substring(0, dot);
    }
}
