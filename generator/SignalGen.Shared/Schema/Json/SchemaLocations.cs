using Microsoft.CodeAnalysis.Text;

namespace SignalGen.Schema.Json;

/// <summary>
/// Finds where things are written in a schema file that the reader's model does not keep positions
/// for (it stays position-free so the generator caches it across edits that only move text).
/// </summary>
internal sealed class SchemaLocations
{
    private readonly JsonObject? _root;

    private SchemaLocations(JsonObject? root)
    {
        _root = root;
    }

    public static SchemaLocations Read(SourceText text, System.Threading.CancellationToken cancellationToken) =>
        new(JsonReader.Read(text.ToString(), cancellationToken).Root as JsonObject);

    /// <summary>The span of the <c>namespace</c> value.</summary>
    public TextSpan? Namespace => Find(_root, "namespace")?.Value.Span;

    /// <summary>The span of the type string of <paramref name="argument"/> in <paramref name="signal"/>.</summary>
    public TextSpan? ArgumentType(string signal, string argument)
    {
        var declaration = Find(Find(_root, "signals")?.Value as JsonObject, signal);
        var arguments = Find(declaration?.Value as JsonObject, "args")?.Value as JsonObject;
        return Find(arguments, argument)?.Value.Span;
    }

    // The first occurrence wins, as in the reader: later duplicates are errors of their own.
    private static JsonProperty? Find(JsonObject? obj, string name)
    {
        if (obj is null)
        {
            return null;
        }

        foreach (var property in obj.Properties)
        {
            if (property.Name == name)
            {
                return property;
            }
        }

        return null;
    }
}
