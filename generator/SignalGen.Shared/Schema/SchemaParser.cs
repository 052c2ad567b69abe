using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using SignalGen.Contract;
using SignalGen.Incremental;
using SignalGen.Schema.Json;
using SignalGen.Schema.Model;

namespace SignalGen.Schema;

/// <summary>The outcome of reading one schema file.</summary>
/// <param name="Path">The schema file's path.</param>
/// <param name="Schema">
/// The usable part of the schema, or null when nothing usable remains (invalid JSON, no valid namespace).
/// Signals with errors are left out; the others are kept so one typo does not break every receiver.
/// </param>
/// <param name="Errors">Every error found, in file order.</param>
internal sealed record SchemaParseResult(string Path, SchemaModel? Schema, EquatableArray<SchemaError> Errors);

/// <summary>
/// Reads a <c>*.signals.json</c> file into a <see cref="SchemaModel"/>. Strict: unknown fields, wrong
/// value types and duplicates are errors. Never throws: every problem becomes a <see cref="SchemaError"/>
/// with its line and column.
/// </summary>
internal sealed partial class SchemaParser
{
    /// <summary>The file name suffix that marks a schema file.</summary>
    public const string FileSuffix = ".signals.json";

    // Names the generated code declares in the schema's namespace, and the names that would make a signal's
    // convenience send (Send + its name) collide with one of the sender's own send methods.
    private static readonly HashSet<string> s_reservedSignalNames = ReservedSignalNames();
    private static readonly HashSet<string> s_reservedPropertyNames = ["Equals", "GetHashCode", "ToString", "GetType", "Deconstruct", "PrintMembers"];

    // The generated Send{Name}Async(args..., CancellationToken cancellationToken) already has this parameter.
    private const string ReservedArgumentName = "cancellationToken";

    private readonly string _path;
    private readonly SourceText _text;
    private readonly List<SchemaError> _errors = [];

    private SchemaParser(string path, SourceText text)
    {
        _path = path;
        _text = text;
    }

    private static HashSet<string> ReservedSignalNames()
    {
        var names = new HashSet<string>(GeneratedNames.SchemaNamespaceTypes, StringComparer.Ordinal);
        foreach (var method in GeneratedNames.SenderSendMethods)
        {
            if (method.Length > GeneratedNames.Send.Length)
            {
                names.Add(method.Substring(GeneratedNames.Send.Length));
            }
        }

        return names;
    }

    /// <summary>True when <paramref name="path"/> names a schema file.</summary>
    public static bool IsSchemaFile(string path) => path.EndsWith(FileSuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads <paramref name="text"/>, the content of the schema file at <paramref name="path"/>.</summary>
    public static SchemaParseResult Parse(string path, SourceText text, CancellationToken cancellationToken = default)
    {
        var parser = new SchemaParser(path, text);
        var schema = parser.ReadDocument(cancellationToken);
        return new SchemaParseResult(path, schema, parser._errors.ToEquatableArray());
    }

    private SchemaModel? ReadDocument(CancellationToken cancellationToken)
    {
        var read = JsonReader.Read(_text.ToString(), cancellationToken);
        if (read.Error is { } error)
        {
            Report(SchemaErrorKind.InvalidJson, error.Message, error.Span);
            return null;
        }

        if (read.Root is not JsonObject root)
        {
            Report(SchemaErrorKind.WrongValueType, "A schema must be a JSON object with \"namespace\" and \"signals\".", read.Root!.Span);
            return null;
        }

        string? ns = null;
        TypeParameterModel? typeParameter = null;
        var usings = new List<string>();
        var signals = new List<SignalModel>();
        var omitted = new List<string>();
        JsonObject? signalsObject = null;

        foreach (var property in Distinct(root))
        {
            switch (property.Name)
            {
                case "$schema":
                    ExpectString(property);
                    break;
                case "namespace":
                    if (ExpectString(property) is { } nsValue)
                    {
                        if (Identifiers.IsQualifiedName(nsValue.Value))
                        {
                            ns = nsValue.Value;
                        }
                        else
                        {
                            Report(SchemaErrorKind.InvalidName, NotAName(string.Empty, nsValue.Value, "a C# namespace name"), nsValue.Span);
                        }
                    }

                    break;
                case "usings":
                    ReadUsings(property, usings);
                    break;
                case "typeParameters":
                    typeParameter = ReadTypeParameters(property);
                    break;
                case "signals":
                    signalsObject = ExpectObject(property);
                    break;
                default:
                    Report(SchemaErrorKind.UnknownField, $"Unknown field \"{property.Name}\"; a schema has \"$schema\", \"namespace\", \"usings\", \"typeParameters\" and \"signals\".", property.NameSpan);
                    break;
            }
        }

        if (!Has(root, "namespace"))
        {
            Report(SchemaErrorKind.MissingField, "The schema has no \"namespace\": add the C# namespace its types are generated in.", OpeningBrace(root));
        }

        if (!Has(root, "signals"))
        {
            Report(SchemaErrorKind.MissingField, "The schema has no \"signals\" object.", OpeningBrace(root));
        }

        if (signalsObject is not null)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in signalsObject.Properties)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!seen.Add(property.Name))
                {
                    Report(SchemaErrorKind.DuplicateSignal, $"Signal \"{property.Name}\" is declared twice.", property.NameSpan);
                    continue;
                }

                if (typeParameter is not null && property.Name == typeParameter.Name)
                {
                    Report(SchemaErrorKind.InvalidName, $"Signal \"{property.Name}\" has the name of the schema's type parameter; rename one of them.", property.NameSpan);
                    omitted.Add(property.Name);
                    continue;
                }

                if (ReadSignal(property, typeParameter) is { } signal)
                {
                    signals.Add(signal);
                }
                else
                {
                    omitted.Add(property.Name);
                }
            }
        }

        _errors.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return ns is null
            ? null
            : new SchemaModel(ns, usings.ToEquatableArray(), signals.ToEquatableArray(), IsReferenced: false, typeParameter) { OmittedSignals = omitted.ToEquatableArray(), Path = _path };
    }

    private void ReadUsings(JsonProperty property, List<string> usings)
    {
        if (property.Value is not JsonArray array)
        {
            ReportWrongType(property, "an array of namespace names");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in array.Items)
        {
            if (item is not JsonString name)
            {
                Report(SchemaErrorKind.WrongValueType, "Each entry of \"usings\" is a namespace name in a string.", item.Span);
            }
            else if (!Identifiers.IsQualifiedName(name.Value))
            {
                Report(SchemaErrorKind.InvalidName, NotAName(string.Empty, name.Value, "a C# namespace name"), name.Span);
            }
            else if (!seen.Add(name.Value))
            {
                // A repeated using directive is a C# warning (CS0105) in every generated file that has it.
                Report(SchemaErrorKind.DuplicateField, $"Namespace \"{name.Value}\" is in \"usings\" twice.", name.Span);
            }
            else
            {
                usings.Add(name.Value);
            }
        }
    }

    /// <summary>
    /// Reads <c>"typeParameters": { "TUser": "class" }</c>: one type parameter and its constraint. One is
    /// what an application-chosen type (its user type) needs; the object form leaves room for more.
    /// </summary>
    private TypeParameterModel? ReadTypeParameters(JsonProperty property)
    {
        if (property.Value is not JsonObject parameters)
        {
            ReportWrongType(property, "an object mapping one type parameter name to its constraint, e.g. { \"TUser\": \"class\" }");
            return null;
        }

        TypeParameterModel? result = null;
        foreach (var parameter in Distinct(parameters))
        {
            var name = parameter.Name;
            if (result is not null)
            {
                Report(SchemaErrorKind.InvalidType, $"Type parameter \"{name}\" is one too many: a schema has at most one type parameter.", parameter.NameSpan);
                continue;
            }

            if (!Identifiers.IsIdentifier(name) || Identifiers.IsReservedKeyword(name) || name == "var")
            {
                Report(SchemaErrorKind.InvalidName, NotAName("Type parameter name ", name, "a C# identifier"), parameter.NameSpan);
                continue;
            }

            if (Identifiers.IsLowerCaseAsciiOnly(name))
            {
                // CS8981 covers type parameters too, as it does signal names.
                Report(SchemaErrorKind.InvalidName, $"Type parameter name \"{name}\" has only lower-case ASCII letters, which C# reserves for future keywords; start it with a capital letter (conventionally T followed by a word, e.g. TUser).", parameter.NameSpan);
                continue;
            }

            if (s_reservedSignalNames.Contains(name))
            {
                Report(SchemaErrorKind.InvalidName, $"Type parameter name \"{name}\" is taken by a generated type; choose another name (conventionally T followed by a word, e.g. TUser).", parameter.NameSpan);
                continue;
            }

            if (parameter.Value is not JsonString constraint)
            {
                ReportWrongType(parameter, "its constraint in a string: \"class\", \"notnull\", \"struct\", a type name, or \"\" for none");
                continue;
            }

            if (ArgumentTypeSyntax.ConstraintProblem(constraint.Value.Trim(), name) is { } problem)
            {
                Report(SchemaErrorKind.InvalidType, $"\"{constraint.Value}\" is not a usable constraint for {name}: {problem}.", constraint.Span);
                continue;
            }

            result = new TypeParameterModel(name, constraint.Value.Trim());
        }

        return result;
    }

    /// <summary>The message for a <paramref name="name"/> that is not <paramref name="expected"/>, naming the invisible character when that is why.</summary>
    private static string NotAName(string what, string name, string expected) =>
        Identifiers.FormattingCharacter(name) is { } c
            ? $"{what}\"{name}\" contains the invisible formatting character U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)}, which C# leaves out when it compares names; remove it."
            : $"{what}\"{name}\" is not {expected}.";

    /// <summary>Yields each property once, reporting repeats of a field name.</summary>
    private IEnumerable<JsonProperty> Distinct(JsonObject obj)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in obj.Properties)
        {
            if (seen.Add(property.Name))
            {
                yield return property;
            }
            else
            {
                Report(SchemaErrorKind.DuplicateField, $"Field \"{property.Name}\" appears twice in the same object.", property.NameSpan);
            }
        }
    }

    private static bool Has(JsonObject obj, string name)
    {
        foreach (var property in obj.Properties)
        {
            if (property.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private static TextSpan OpeningBrace(JsonObject obj) => new(obj.Span.Start, 1);

    private JsonString? ExpectString(JsonProperty property)
    {
        if (property.Value is JsonString value)
        {
            return value;
        }

        ReportWrongType(property, "a string");
        return null;
    }

    private JsonObject? ExpectObject(JsonProperty property)
    {
        if (property.Value is JsonObject value)
        {
            return value;
        }

        ReportWrongType(property, "an object");
        return null;
    }

    private void ReportWrongType(JsonProperty property, string expected) =>
        Report(SchemaErrorKind.WrongValueType, $"\"{property.Name}\" must be {expected}, not {Describe(property.Value.Kind)}.", property.Value.Span);

    private static string Describe(JsonKind kind) => kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.True or JsonKind.False => "a boolean",
        _ => "null",
    };

    private void Report(SchemaErrorKind kind, string message, TextSpan span)
    {
        // Clamp so a span at end of input still maps to a line and column.
        var start = Math.Min(Math.Max(span.Start, 0), _text.Length);
        var clamped = new TextSpan(start, Math.Min(Math.Max(span.Length, 0), _text.Length - start));
        _errors.Add(new SchemaError(kind, message, clamped, _text.Lines.GetLinePositionSpan(clamped)));
    }
}
