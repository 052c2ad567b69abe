using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace SignalGen.Schema.Model;

/// <summary>C# identifier rules as the schema and the generated code apply them.</summary>
internal static class Identifiers
{
    /// <summary>
    /// True for a C# identifier, keywords included (they are escaped with <c>@</c> when emitted), that
    /// has no formatting character. C# allows those in identifiers but leaves them out when it compares
    /// names, so <c>A\u200BB</c> is <c>AB</c> to the compiler; names here are compared ordinally, by
    /// the parser, the binder and metadata lookups alike, so they are rejected outright rather than
    /// compared the compiler's way in each of those places.
    /// </summary>
    public static bool IsIdentifier(string name) => SyntaxFacts.IsValidIdentifier(name) && FormattingCharacter(name) is null;

    /// <summary>The first formatting character (Unicode category Cf, e.g. U+200B) in <paramref name="name"/>, or null.</summary>
    public static char? FormattingCharacter(string name)
    {
        foreach (var c in name)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>True for a keyword that cannot be a bare identifier.</summary>
    public static bool IsReservedKeyword(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None;

    /// <summary>True for a name made only of <c>a</c>-<c>z</c>, which C# warns about as a type name (CS8981).</summary>
    public static bool IsLowerCaseAsciiOnly(string name)
    {
        foreach (var c in name)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return name.Length > 0;
    }

    /// <summary>The name as it must be written in C#: keywords get an <c>@</c>.</summary>
    public static string Escape(string name) => IsReservedKeyword(name) ? "@" + name : name;

    /// <summary>The property name generated for an argument: first letter upper-cased.</summary>
    public static string ToPropertyName(string argumentName) =>
        argumentName.Length == 0 ? argumentName : char.ToUpperInvariant(argumentName[0]) + argumentName.Substring(1);

    /// <summary>True for a dotted name whose parts are identifiers that are not keywords.</summary>
    public static bool IsQualifiedName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var part in name.Split('.'))
        {
            if (!IsIdentifier(part) || IsReservedKeyword(part))
            {
                return false;
            }
        }

        return true;
    }
}
