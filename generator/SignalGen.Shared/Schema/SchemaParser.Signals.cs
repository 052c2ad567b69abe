using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;
using SignalGen.Incremental;
using SignalGen.Schema.Json;
using SignalGen.Schema.Model;

namespace SignalGen.Schema;

/// <content>Reading one signal: its name, fields, mode and arguments.</content>
internal sealed partial class SchemaParser
{
    private SignalModel? ReadSignal(JsonProperty declaration, TypeParameterModel? typeParameter)
    {
        var errorsBefore = _errors.Count;
        var name = declaration.Name;
        if (!Identifiers.IsIdentifier(name) || Identifiers.IsReservedKeyword(name))
        {
            Report(SchemaErrorKind.InvalidName, NotAName("Signal name ", name, "a C# identifier"), declaration.NameSpan);
        }
        else if (Identifiers.IsLowerCaseAsciiOnly(name))
        {
            // C# warns (CS8981) on such type names because future keywords look like them.
            Report(SchemaErrorKind.InvalidName, $"Signal name \"{name}\" has only lower-case ASCII letters, which C# reserves for future keywords; start it with a capital letter.", declaration.NameSpan);
        }
        else if (s_reservedSignalNames.Contains(name))
        {
            Report(SchemaErrorKind.InvalidName, $"Signal name \"{name}\" is taken by a generated type; choose another name.", declaration.NameSpan);
        }

        if (declaration.Value is not JsonObject body)
        {
            ReportWrongType(declaration, "an object with optional \"args\", \"doc\", \"group\", \"internal\" and \"mode\"");
            return null;
        }

        string? doc = null;
        string? group = null;
        var isInternal = false;
        var mode = SignalMode.Veto;
        var arguments = new List<ArgumentModel>();

        foreach (var property in Distinct(body))
        {
            switch (property.Name)
            {
                case "doc":
                    doc = ExpectString(property)?.Value;
                    break;
                case "group":
                    group = ExpectString(property)?.Value;
                    break;
                case "internal":
                    if (property.Value.Kind is JsonKind.True or JsonKind.False)
                    {
                        isInternal = property.Value.Kind == JsonKind.True;
                    }
                    else
                    {
                        ReportWrongType(property, "true or false");
                    }

                    break;
                case "mode":
                    if (ExpectString(property) is { } modeValue)
                    {
                        switch (modeValue.Value)
                        {
                            case "veto":
                                mode = SignalMode.Veto;
                                break;
                            case "robust":
                                mode = SignalMode.Robust;
                                break;
                            case "all-then-throw":
                                mode = SignalMode.AllThenThrow;
                                break;
                            default:
                                Report(SchemaErrorKind.InvalidMode, $"Mode \"{modeValue.Value}\" is not one of \"veto\", \"robust\", \"all-then-throw\".", modeValue.Span);
                                break;
                        }
                    }

                    break;
                case "args":
                    ReadArguments(name, property, arguments, typeParameter);
                    break;
                default:
                    Report(SchemaErrorKind.UnknownField, $"Unknown field \"{property.Name}\" in signal \"{name}\"; a signal has \"args\", \"doc\", \"group\", \"internal\" and \"mode\".", property.NameSpan);
                    break;
            }
        }

        var isGeneric = false;
        foreach (var argument in arguments)
        {
            isGeneric |= typeParameter?.IsWholeType(argument.TypeName) == true;
        }

        return _errors.Count == errorsBefore
            ? new SignalModel(name, doc, group, isInternal, mode, arguments.ToEquatableArray(), isGeneric)
            : null;
    }

    private void ReadArguments(string signal, JsonProperty property, List<ArgumentModel> arguments, TypeParameterModel? typeParameter)
    {
        if (property.Value is not JsonObject args)
        {
            ReportWrongType(property, "an object mapping argument names to C# types");
            return;
        }

        var propertyNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var argument in args.Properties)
        {
            var name = argument.Name;
            if (!Identifiers.IsIdentifier(name))
            {
                Report(SchemaErrorKind.InvalidName, NotAName("Argument name ", name, "a C# identifier"), argument.NameSpan);
                continue;
            }

            if (name == ReservedArgumentName)
            {
                Report(SchemaErrorKind.InvalidName, $"Argument name \"{name}\" is taken by the generated async send's own parameter; receivers get the token by declaring a CancellationToken parameter.", argument.NameSpan);
                continue;
            }

            var propertyName = Identifiers.ToPropertyName(name);
            if (!propertyNames.Add(propertyName))
            {
                Report(SchemaErrorKind.DuplicateArgument, $"Argument \"{name}\" of signal \"{signal}\" is declared twice (or differs only in its first letter's case, which gives the same property).", argument.NameSpan);
                continue;
            }

            if (propertyName == signal || s_reservedPropertyNames.Contains(propertyName))
            {
                Report(SchemaErrorKind.InvalidName, $"Argument \"{name}\" would generate a property named \"{propertyName}\", which C# does not allow in signal \"{signal}\".", argument.NameSpan);
                continue;
            }

            // A generic signal's property cannot share its type parameter's name (CS0102); checked for every
            // signal of the schema, as signal names are, so the rule does not depend on the argument types.
            if (propertyName == typeParameter?.Name)
            {
                Report(SchemaErrorKind.InvalidName, $"Argument \"{name}\" would generate a property named \"{propertyName}\", the name of the schema's type parameter; rename the argument.", argument.NameSpan);
                continue;
            }

            if (argument.Value is not JsonString type)
            {
                ReportWrongType(argument, "a C# type name in a string, e.g. \"string\" or \"AppUser?\"");
                continue;
            }

            if (ArgumentTypeSyntax.Problem(type.Value) is { } problem)
            {
                Report(SchemaErrorKind.InvalidType, $"\"{type.Value}\" is not a usable argument type: {problem}.", type.Span);
                continue;
            }

            var typeName = type.Value.Trim();
            if (typeParameter is not null
                && !typeParameter.IsWholeType(typeName)
                && ArgumentTypeSyntax.Mentions(SyntaxFactory.ParseTypeName(typeName), typeParameter.Name))
            {
                // Receivers name the application's type on a parameter; only a whole argument type lets the generator read it off.
                Report(SchemaErrorKind.InvalidType, $"\"{type.Value}\" uses the type parameter {typeParameter.Name} inside another type; an argument's type can be {typeParameter.Name} or {typeParameter.Name}? only.", type.Span);
                continue;
            }

            arguments.Add(new ArgumentModel(name, typeName));
        }
    }
}
