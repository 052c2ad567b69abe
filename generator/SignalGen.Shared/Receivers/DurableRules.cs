using Microsoft.CodeAnalysis;

namespace SignalGen.Receivers;

/// <summary>
/// What a durable receiver may bind: values the send stores in a message and a worker reads back later,
/// in another scope, maybe another process. One copy, compiled into the generator (which writes no message
/// for a value that cannot be stored) and the analyzers (which report SGEN0109 with the reason).
/// </summary>
internal static class DurableRules
{
    /// <summary>The alternative every SGEN0109 message ends with.</summary>
    public const string Alternative =
        "bind the values the worker needs (an id, an address, the request's IP and user agent as signal arguments), or keep this receiver in-process and stage your own durable work from it";

    /// <summary>Types that live only in a request or a process, by metadata name, with what they are.</summary>
    private static readonly (string Name, string What)[] s_live =
    [
        ("Microsoft.AspNetCore.Http.HttpContext", "the request's context, which ends with the request"),
        ("Microsoft.AspNetCore.Http.HttpRequest", "the request, which ends with it"),
        ("Microsoft.AspNetCore.Http.HttpResponse", "the response, which ends with the request"),
        ("Microsoft.AspNetCore.Http.ConnectionInfo", "the request's connection, which ends with it"),
        ("Microsoft.AspNetCore.Http.ISession", "the request's session handle"),
        ("System.Security.Claims.ClaimsPrincipal", "the request's signed-in principal, rebuilt from a cookie or token on each request"),
        ("System.Security.Claims.ClaimsIdentity", "a principal's identity, rebuilt on each request"),
        ("System.IServiceProvider", "a service provider, which belongs to one process and scope"),
        ("Microsoft.EntityFrameworkCore.DbContext", "a database context, which belongs to one scope"),
        ("System.IO.Stream", "a stream, an open handle in this process"),
        ("System.Threading.CancellationTokenSource", "a cancellation source of this process"),
        ("System.Net.Http.HttpClient", "an HTTP client of this process"),
    ];

    /// <summary>
    /// Why a value of <paramref name="type"/> cannot be stored in a durable receiver's message, or null when
    /// it can. A type the compilation cannot resolve is left to the compiler's own error.
    /// </summary>
    public static string? WhyNotStorable(ITypeSymbol type) => WhyNotStorable(type, depth: 0);

    private static string? WhyNotStorable(ITypeSymbol type, int depth)
    {
        switch (type)
        {
            case IErrorTypeSymbol:
                return null;
            case ITypeParameterSymbol parameter:
                return "its type is the type parameter " + parameter.Name + ", which a stored message cannot name; bind a closed type";
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return "it is a pointer, which means nothing outside this process";
            case IDynamicTypeSymbol:
                return "it is dynamic, so the stored message would not know what to build back";
            case IArrayTypeSymbol array:
                return depth > 4 ? null : WhyNotStorable(array.ElementType, depth + 1);
        }

        if (type.SpecialType == SpecialType.System_Object)
        {
            return "it is object, so the stored message would not know what to build back";
        }

        if (type.IsRefLikeType)
        {
            return "it is a ref struct, which lives only on the stack";
        }

        if (type.TypeKind == TypeKind.Delegate)
        {
            return "it is a delegate: code of this process, not data";
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Live(current) is { } what)
            {
                return "it is " + what;
            }
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (Live(implemented) is { } what)
            {
                return "it is " + what;
            }
        }

        if (type is INamedTypeSymbol named)
        {
            if (named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks" && named.Name is "Task" or "ValueTask")
            {
                return "it is a task, which runs in this process";
            }

            if ((named.TypeKind == TypeKind.Interface || named.IsAbstract) && !IsCollectionInterface(named) && !IsPolymorphic(named))
            {
                return "it is " + (named.TypeKind == TypeKind.Interface ? "the interface " : "the abstract class ") + named.Name
                    + ", so the stored message would not know which type to build back (declare its derived types with [JsonDerivedType])";
            }

            if (depth <= 4)
            {
                foreach (var argument in named.TypeArguments)
                {
                    if (WhyNotStorable(argument, depth + 1) is { } reason)
                    {
                        return "its type argument " + argument.Name + ": " + reason;
                    }
                }
            }
        }

        return null;
    }

    private static string? Live(ITypeSymbol type)
    {
        var name = type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;
        foreach (var (liveName, what) in s_live)
        {
            if (name == liveName)
            {
                return what;
            }
        }

        return null;
    }

    // System.Text.Json builds List<T>, Dictionary<K,V> and arrays back for these.
    private static bool IsCollectionInterface(INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Interface && type.ContainingNamespace?.ToDisplayString() is "System.Collections.Generic";

    private static bool IsPolymorphic(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "JsonPolymorphicAttribute" or "JsonDerivedTypeAttribute" } attributeClass
                && attributeClass.ContainingNamespace?.ToDisplayString() == "System.Text.Json.Serialization")
            {
                return true;
            }
        }

        return false;
    }
}
