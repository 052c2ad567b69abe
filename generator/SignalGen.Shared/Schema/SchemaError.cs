using Microsoft.CodeAnalysis.Text;

namespace SignalGen.Schema;

/// <summary>What is wrong with a schema. The analyzers map each kind to one diagnostic ID.</summary>
internal enum SchemaErrorKind
{
    /// <summary>The text is not valid JSON (or exceeds the reader's size or nesting limits).</summary>
    InvalidJson,

    /// <summary>An object has a field the schema format does not define.</summary>
    UnknownField,

    /// <summary>A required field is absent.</summary>
    MissingField,

    /// <summary>A field has the wrong JSON type (e.g. a number where a string belongs).</summary>
    WrongValueType,

    /// <summary>The same field appears twice in one object, or the same namespace twice in <c>usings</c>.</summary>
    DuplicateField,

    /// <summary>Two signals have the same name.</summary>
    DuplicateSignal,

    /// <summary>Two arguments of one signal have the same name or would produce the same property.</summary>
    DuplicateArgument,

    /// <summary>A namespace, signal name or argument name is not a usable C# identifier.</summary>
    InvalidName,

    /// <summary>An argument type is not a C# type name.</summary>
    InvalidType,

    /// <summary>A <c>mode</c> value is not one of <c>veto</c>, <c>robust</c>, <c>all-then-throw</c>.</summary>
    InvalidMode,
}

/// <summary>A schema error with its exact place in the file. Errors are data: the reader never throws.</summary>
/// <param name="Kind">What kind of error.</param>
/// <param name="Message">A sentence saying what is wrong and what is expected.</param>
/// <param name="Span">Where in the file, as character offsets.</param>
/// <param name="LineSpan">Where in the file, as zero-based line and column.</param>
internal sealed record SchemaError(SchemaErrorKind Kind, string Message, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary>One-based line, as editors show it.</summary>
    public int Line => LineSpan.Start.Line + 1;

    /// <summary>One-based column, as editors show it.</summary>
    public int Column => LineSpan.Start.Character + 1;

    /// <inheritdoc />
    public override string ToString() => $"({Line},{Column}): {Kind}: {Message}";
}
