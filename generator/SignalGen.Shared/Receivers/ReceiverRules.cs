using Microsoft.CodeAnalysis;

namespace SignalGen.Receivers;

/// <summary>
/// What makes a method usable as a receiver. One copy, compiled into the generator (which skips a
/// method that breaks a rule) and the analyzers (which report why), so the two never disagree.
/// </summary>
internal static class ReceiverRules
{
    /// <summary>Why generated code cannot call <paramref name="method"/>, or null when it can.</summary>
    public static string? WhyNotCallable(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary)
        {
            return "it is not an ordinary method";
        }

        if (method.IsGenericMethod)
        {
            return "it is generic, and generated code cannot choose its type arguments";
        }

        if (method.IsAbstract)
        {
            return "it is abstract";
        }

        // C# reaches a static virtual interface member only through a type parameter (CS8926), never as I.M().
        if (method.IsStatic && method.IsVirtual && method.ContainingType.TypeKind == TypeKind.Interface)
        {
            return "it is a static virtual interface member, which C# calls only through a type parameter";
        }

        if (!IsVisibleInAssembly(method.DeclaredAccessibility))
        {
            return "it is " + Describe(method.DeclaredAccessibility) + "; make it internal or public";
        }

        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            // Arity, not IsGenericType: a type nested in a generic one is "generic" too, but the message names the one with type parameters.
            if (type.Arity > 0)
            {
                return Container(type) + " is generic, and generated code cannot choose its type arguments";
            }

            if (type.IsFileLocal)
            {
                return Container(type) + " is file-local";
            }

            if (!IsVisibleInAssembly(type.DeclaredAccessibility))
            {
                return Container(type) + " is " + Describe(type.DeclaredAccessibility);
            }
        }

        if (!method.IsStatic)
        {
            var type = method.ContainingType;
            if (IsExtensionBlock(type))
            {
                return "it is an instance extension member, which needs a value to be called on that no signal gives; make it static";
            }

            if (type.TypeKind != TypeKind.Class)
            {
                return "it is an instance method of " + (type.IsRefLikeType ? "a ref struct" : WithArticle(type.TypeKind.ToString().ToLowerInvariant()))
                    + ", which dependency injection cannot create; make it static";
            }

            if (type.IsAbstract)
            {
                return "it is an instance method of the abstract class " + type.Name + ", which dependency injection cannot create; make it static or move it to a concrete class";
            }
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind is not (RefKind.None or RefKind.In))
            {
                return "its parameter " + parameter.Name + " is " + Describe(parameter.RefKind) + ", and signal arguments are passed by value";
            }
        }

        return null;
    }

    /// <summary>
    /// The type generated code calls the method through: its own, or for a static member of a C# 14
    /// extension block, the static class around the block (the block itself has no name to write).
    /// </summary>
    public static INamedTypeSymbol CallTarget(IMethodSymbol method) =>
        IsExtensionBlock(method.ContainingType) && method.ContainingType.ContainingType is { } enclosing ? enclosing : method.ContainingType;

    // TypeKind.Extension is newer than the Roslyn the generator is built against, so it is compared by name.
    private static bool IsExtensionBlock(INamedTypeSymbol type) => type.TypeKind.ToString() == "Extension";

    /// <summary>The receiver's return kind, or null when it returns something a sender cannot await or ignore safely.</summary>
    public static ReceiverReturnKind? GetReturnKind(IMethodSymbol method)
    {
        if (method.ReturnsVoid)
        {
            // async void: exceptions would crash the process instead of reaching the sender.
            return method.IsAsync ? null : ReceiverReturnKind.Void;
        }

        if (method.ReturnType is INamedTypeSymbol { IsGenericType: false } type && IsInTasksNamespace(type))
        {
            return type.Name switch
            {
                "Task" => ReceiverReturnKind.Task,
                "ValueTask" => ReceiverReturnKind.ValueTask,
                _ => null,
            };
        }

        return null;
    }

    /// <summary>True for <c>async void</c>, which has its own rule and fix.</summary>
    public static bool IsAsyncVoid(IMethodSymbol method) => method.ReturnsVoid && method.IsAsync;

    /// <summary>True for <see cref="System.Threading.CancellationToken"/>.</summary>
    public static bool IsCancellationToken(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "CancellationToken", ContainingNamespace: { } ns } && ns.ToDisplayString() == "System.Threading";

    /// <summary>True for <c>SignalGen.Durable.DurableDelivery</c>, which a durable receiver binds to learn its delivery's id and attempt.</summary>
    public static bool IsDurableDelivery(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "DurableDelivery", ContainingNamespace: { } ns } && ns.ToDisplayString() == "SignalGen.Durable";

    private static bool IsInTasksNamespace(INamedTypeSymbol type) =>
        type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

    private static bool IsVisibleInAssembly(Accessibility accessibility) =>
        accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    // An extension block has no name of its own.
    private static string Container(INamedTypeSymbol type) => IsExtensionBlock(type) ? "its extension block" : "its containing type " + type.Name;

    private static string WithArticle(string noun) => ("aeiou".IndexOf(noun[0]) >= 0 ? "an " : "a ") + noun;

    // As written in C#; the enum's own names (RefReadOnlyParameter) are not.
    private static string Describe(RefKind refKind) => refKind switch
    {
        RefKind.Ref => "ref",
        RefKind.Out => "out",
        _ => "ref readonly",
    };

    private static string Describe(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => accessibility.ToString().ToLowerInvariant(),
    };
}
