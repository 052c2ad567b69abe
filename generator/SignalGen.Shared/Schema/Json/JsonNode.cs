using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace SignalGen.Schema.Json;

/// <summary>The kind of value a <see cref="JsonNode"/> represents.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// A value in a JSON document tree. Every node remembers the span of source text it was read from
/// so that diagnostics reported by higher layers can point at the exact location. Nodes are records:
/// immutable, and equal when they hold the same values at the same place.
/// </summary>
/// <param name="Span">The source span of the value; for containers and strings it includes the delimiters.</param>
internal abstract record JsonNode(TextSpan Span)
{
    public abstract JsonKind Kind { get; }
}

/// <summary>A JSON object. Properties are kept in source order, including duplicate names.</summary>
internal sealed record JsonObject : JsonNode
{
    public JsonObject(ImmutableArray<JsonProperty> properties, TextSpan span)
        : base(span)
    {
        Properties = properties.IsDefault ? ImmutableArray<JsonProperty>.Empty : properties;
    }

    public ImmutableArray<JsonProperty> Properties { get; }

    public override JsonKind Kind => JsonKind.Object;
}

/// <summary>One name/value pair of a <see cref="JsonObject"/>.</summary>
/// <param name="Name">The unescaped property name.</param>
/// <param name="NameSpan">The span of the name token, including its quotes.</param>
/// <param name="Value">The value.</param>
internal sealed record JsonProperty(string Name, TextSpan NameSpan, JsonNode Value)
{
    public string Name { get; } = Name ?? throw new ArgumentNullException(nameof(Name));

    public JsonNode Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    /// <summary>The span from the start of the name to the end of the value.</summary>
    public TextSpan Span => TextSpan.FromBounds(NameSpan.Start, Value.Span.End);
}

/// <summary>A JSON array.</summary>
internal sealed record JsonArray : JsonNode
{
    public JsonArray(ImmutableArray<JsonNode> items, TextSpan span)
        : base(span)
    {
        Items = items.IsDefault ? ImmutableArray<JsonNode>.Empty : items;
    }

    public ImmutableArray<JsonNode> Items { get; }

    public override JsonKind Kind => JsonKind.Array;
}

/// <summary>A JSON string; <see cref="JsonNode.Span"/> includes the quotes.</summary>
/// <param name="Value">The string contents with all escape sequences resolved.</param>
/// <param name="Span">The source span, quotes included.</param>
internal sealed record JsonString(string Value, TextSpan Span) : JsonNode(Span)
{
    public string Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    public override JsonKind Kind => JsonKind.String;
}

/// <summary>
/// A JSON number. Only the raw token is kept: the schema layer decides which numeric type
/// (and therefore which range and precision) applies, so converting here would lose information.
/// </summary>
/// <param name="Text">The number exactly as written in the source.</param>
/// <param name="Span">The source span.</param>
internal sealed record JsonNumber(string Text, TextSpan Span) : JsonNode(Span)
{
    public string Text { get; } = Text ?? throw new ArgumentNullException(nameof(Text));

    public override JsonKind Kind => JsonKind.Number;
}

/// <summary>One of the literals <c>true</c>, <c>false</c> or <c>null</c>; <see cref="Kind"/> says which.</summary>
internal sealed record JsonLiteral : JsonNode
{
    public JsonLiteral(JsonKind kind, TextSpan span)
        : base(span)
    {
        if (kind != JsonKind.True && kind != JsonKind.False && kind != JsonKind.Null)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A literal must be True, False or Null.");
        }

        Kind = kind;
    }

    public override JsonKind Kind { get; }
}

/// <summary>The first error found while reading a JSON document.</summary>
/// <param name="Message">A plain-English description naming what was expected and what was found.</param>
/// <param name="Span">The offending location; at end of input it is an empty span at the text length.</param>
internal sealed record JsonReadError(string Message, TextSpan Span)
{
    public string Message { get; } = Message ?? throw new ArgumentNullException(nameof(Message));

    public override string ToString() => Span.ToString() + ": " + Message;
}

/// <summary>
/// The outcome of <see cref="JsonReader.Read"/>: exactly one of <see cref="Root"/> and <see cref="Error"/>
/// is non-null (except for <c>default(JsonReadResult)</c>, which the reader never returns).
/// </summary>
internal readonly struct JsonReadResult
{
    private JsonReadResult(JsonNode? root, JsonReadError? error)
    {
        Root = root;
        Error = error;
    }

    public JsonNode? Root { get; }

    public JsonReadError? Error { get; }

    public bool IsSuccess => Root is not null;

    public static JsonReadResult Success(JsonNode root) =>
        new(root ?? throw new ArgumentNullException(nameof(root)), null);

    public static JsonReadResult Failure(JsonReadError error) =>
        new(null, error ?? throw new ArgumentNullException(nameof(error)));
}
