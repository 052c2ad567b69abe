using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SignalGen.Schema;

/// <summary>
/// Which C# type syntax a schema may use for an argument type or a type parameter's constraint: the text
/// is pasted into generated code, so anything that would change or break that code is refused here.
/// </summary>
internal static class ArgumentTypeSyntax
{
    // ParseTypeName recurses per nesting level; bound it well below any stack limit.
    private const int MaxTypeNesting = 32;
    private const int MaxTypeLength = 1024;

    /// <summary>Returns why <paramref name="constraint"/> cannot constrain <paramref name="typeParameter"/>, or null when it can.</summary>
    public static string? ConstraintProblem(string constraint, string typeParameter)
    {
        if (constraint is "" or "class" or "class?" or "notnull" or "struct" or "unmanaged")
        {
            return null;
        }

        if (Problem(constraint) is { } problem)
        {
            return problem;
        }

        return Mentions(SyntaxFactory.ParseTypeName(constraint), typeParameter) ? "it names the type parameter itself" : null;
    }

    /// <summary>True when <paramref name="type"/> names <paramref name="name"/> anywhere in it.</summary>
    public static bool Mentions(TypeSyntax type, string name)
    {
        foreach (var node in type.DescendantNodesAndSelf())
        {
            if (node is SimpleNameSyntax simple && simple.Identifier.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns why <paramref name="text"/> cannot be an argument type, or null when it can.</summary>
    public static string? Problem(string text)
    {
        if (text.Trim().Length == 0)
        {
            return "the type is empty";
        }

        if (text.Length > MaxTypeLength)
        {
            return $"it is longer than {MaxTypeLength} characters";
        }

        if (NestingDepth(text) > MaxTypeNesting)
        {
            return $"it nests more than {MaxTypeNesting} levels deep";
        }

        var type = SyntaxFactory.ParseTypeName(text);
        if (type.ContainsDiagnostics || type.FullSpan.Length != text.Length)
        {
            return "it is not C# type syntax";
        }

        // The type is pasted into generated code: a comment or directive inside it would change that code.
        foreach (var trivia in type.DescendantTrivia(descendIntoTrivia: true))
        {
            if (!trivia.IsKind(SyntaxKind.WhitespaceTrivia))
            {
                return "it contains a comment or something other than spaces between its parts";
            }
        }

        if (type is IdentifierNameSyntax { Identifier.ValueText: "var" })
        {
            return "var is not a type";
        }

        foreach (var node in type.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case PredefinedTypeSyntax predefined when predefined.Keyword.IsKind(SyntaxKind.VoidKeyword):
                    return "void cannot be passed";
                case PointerTypeSyntax or FunctionPointerTypeSyntax:
                    return "pointers cannot be stored in a signal";
                case RefTypeSyntax or ScopedTypeSyntax:
                    return "ref types cannot be stored in a signal";
                case OmittedTypeArgumentSyntax:
                    return "open generic types cannot be stored in a signal";
            }
        }

        return null;
    }

    private static int NestingDepth(string text)
    {
        int depth = 0, deepest = 0;
        foreach (var c in text)
        {
            switch (c)
            {
                case '<' or '[' or '(':
                    deepest = Math.Max(deepest, ++depth);
                    break;
                case '>' or ']' or ')':
                    depth--;
                    break;
            }
        }

        return deepest;
    }
}
