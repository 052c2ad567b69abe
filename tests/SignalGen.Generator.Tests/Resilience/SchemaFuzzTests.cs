using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SignalGen.Generator.Tests.Infrastructure;
using SignalGen.Schema;
using SignalGen.Schema.Json;
using SignalGen.Schema.Model;
using Xunit;
using Xunit.Sdk;

namespace SignalGen.Generator.Tests.Resilience;

/// <summary>
/// Fuzzes the schema reader with inputs mutated from valid schemas (<see cref="SchemaMutator"/>). For every
/// input, <see cref="SchemaParser.Parse"/> returns: it never throws and never hangs (a per-input timeout
/// cancels it, which fails the test). Every error has a message and a span, line and column inside the
/// text; errors come in file order; invalid JSON is the only error and leaves no schema. A schema, when
/// there is one, holds only valid, distinct names and valid types, and what it holds is what
/// System.Text.Json reads from the same text (all of it when there was no error). The outcome mix is
/// checked, so a mutator that drifts to one outcome fails. Some inputs also go through the generator, which
/// must neither throw nor report a diagnostic. A long run: docs/schema.md, "Fuzzing the schema reader".
/// </summary>
public sealed class SchemaFuzzTests
{
    private const string IterationsVariable = "SIGNALGEN_FUZZ_ITERATIONS";
    private const string SeedVariable = "SIGNALGEN_FUZZ_SEED";
    private const int DefaultIterations = 5_000;
    private const int DefaultSeed = 20_260_815;

    // Enough to reach every generator path a schema feeds, few enough to keep the run near a second.
    private const int GeneratorInputs = 200;

    // Generous: the slowest input (a 5 million character string) parses in well under a second.
    private static readonly TimeSpan s_timeoutPerInput = TimeSpan.FromSeconds(30);

    // Duplicated from the parser on purpose: the checks below are an independent statement of the rules.
    private static readonly HashSet<string> s_reservedSignalNames = new(StringComparer.Ordinal)
    {
        "Signal", "Signals", "ISignalDispatchTable", "EmptySignalDispatchTable", "ISignalDispatchTableFactory", "SignalDispatchTables",
        "Async", "Robust", "RobustAsync", "RobustCore", "RobustCoreAsync",
    };

    private static readonly HashSet<string> s_reservedPropertyNames = new(StringComparer.Ordinal)
    {
        "Equals", "GetHashCode", "ToString", "GetType", "Deconstruct", "PrintMembers",
    };

    private enum Outcome
    {
        Valid,
        InvalidJson,
        ErrorsKeepingASchema,
        ErrorsWithoutASchema,
    }

    // ---------------------------------------------------------------- the seeds

    [Fact]
    public void Seeds_AreValid_AndTogetherUseEveryField()
    {
        var signals = new List<SignalModel>();
        var schemas = new List<SchemaModel>();
        for (var index = 0; index < SchemaMutator.Seeds.Length; index++)
        {
            var schema = ParseSeed(index);
            schemas.Add(schema);
            signals.AddRange(schema.Signals);
        }

        Assert.Contains(schemas, schema => !schema.Usings.IsEmpty);
        Assert.Contains(schemas, schema => schema.TypeParameter is not null);
        Assert.Contains(schemas, schema => schema.Signals.IsEmpty);
        Assert.Contains(signals, signal => signal.Doc is not null);
        Assert.Contains(signals, signal => signal.Group is not null);
        Assert.Contains(signals, signal => signal.IsInternal);
        Assert.Contains(signals, signal => signal.IsGeneric);
        Assert.Contains(signals, signal => signal.Arguments.IsEmpty);
        Assert.Equal([SignalMode.Veto, SignalMode.Robust, SignalMode.AllThenThrow], signals.Select(signal => signal.Mode).Distinct().Order());

        var types = signals.SelectMany(signal => signal.Arguments).Select(argument => argument.TypeName).ToArray();
        Assert.Contains("List<string>?", types);
        Assert.Contains("int[]", types);
        Assert.Contains("Dictionary<string, int?>", types);
        Assert.Contains(types, type => type.StartsWith('('));
        Assert.Contains(types, type => type.StartsWith("global::", StringComparison.Ordinal));
    }

    // ---------------------------------------------------------------- the fuzz run

    [Fact]
    public void MutatedSchemas_NeverThrowOrHang_AndEveryResultIsConsistent()
    {
        var iterations = ReadSetting(IterationsVariable, DefaultIterations);
        var seed = ReadSetting(SeedVariable, DefaultSeed);
        Report($"Schema fuzz: {iterations:N0} inputs, seed {seed}. Replay: {SeedVariable}={seed} {IterationsVariable}={iterations}.");

        // Mutations of an invalid seed would explore the wrong space.
        for (var index = 0; index < SchemaMutator.Seeds.Length; index++)
        {
            ParseSeed(index);
        }

        var outcomes = new int[Enum.GetValues<Outcome>().Length];
        var families = SchemaMutator.Families.ToDictionary(family => family, _ => 0, StringComparer.Ordinal);
        var depthLimitErrors = 0;
        var lengthLimitErrors = 0;
        var slowest = TimeSpan.Zero;
        var slowestIteration = -1;
        var characters = 0L;
        var run = Stopwatch.StartNew();

        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var input = SchemaMutator.Create(seed, iteration, allowHugeStrings: true);
            foreach (var step in input.Steps)
            {
                families[step.Split(' ')[0]]++;
            }

            var started = Stopwatch.GetTimestamp();
            var result = ParseWithTimeout(input, seed, iteration);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed > slowest)
            {
                (slowest, slowestIteration) = (elapsed, iteration);
            }

            characters += input.Text.Length;
            var problem = FindProblem(input.Text, result, out var outcome);
            if (problem is not null)
            {
                throw Failure(seed, iteration, input, problem);
            }

            outcomes[(int)outcome]++;
            if (outcome == Outcome.InvalidJson)
            {
                var message = result.Errors[0].Message;
                depthLimitErrors += message.StartsWith("Nesting is deeper than", StringComparison.Ordinal) ? 1 : 0;
                lengthLimitErrors += message.StartsWith("The JSON text is longer than", StringComparison.Ordinal) ? 1 : 0;
            }
        }

        run.Stop();
        Report(
            $"Ran {iterations:N0} inputs ({characters:N0} characters) in {run.Elapsed.TotalSeconds:F1} s; slowest: input {slowestIteration}, {slowest.TotalMilliseconds:F0} ms."
            + Environment.NewLine + "Outcomes: " + string.Join(", ", Enum.GetValues<Outcome>().Select(o => o + " " + outcomes[(int)o].ToString("N0", CultureInfo.InvariantCulture)))
            + $"; nesting-limit errors {depthLimitErrors:N0}, length-limit errors {lengthLimitErrors:N0}."
            + Environment.NewLine + "Steps: " + string.Join(", ", families.Select(pair => pair.Key + " " + pair.Value.ToString("N0", CultureInfo.InvariantCulture))));

        // The mix guards the mutator: drifting to all-valid or all-broken inputs would test far less.
        if (iterations >= DefaultIterations)
        {
            foreach (var outcome in Enum.GetValues<Outcome>())
            {
                Assert.True(outcomes[(int)outcome] >= iterations / 50, $"Too few {outcome} outcomes: {outcomes[(int)outcome]} of {iterations}.");
            }

            Assert.True(outcomes[(int)Outcome.Valid] <= iterations / 2, $"Too many valid outcomes: {outcomes[(int)Outcome.Valid]} of {iterations}.");
            Assert.True(depthLimitErrors > 0, "No input went past the nesting limit.");
            foreach (var (family, count) in families)
            {
                Assert.True(count > 0, $"The mutator never used the step {family}.");
            }
        }
    }

    // ---------------------------------------------------------------- fixed cases the random run meets too rarely

    [Fact]
    public void HugeStrings_AroundTheLengthLimit_AreReadOrRejectedInsideTheText()
    {
        var template = "{ \"namespace\": \"Big.Schema\", \"signals\": { \"Huge\": { \"doc\": \"\", \"args\": { \"a\": \"int\" } } } }";
        var docAt = template.IndexOf("\"doc\": \"", StringComparison.Ordinal) + "\"doc\": \"".Length;
        string WithDoc(int length) => template.Insert(docAt, new string('d', length));

        // A 1 MB value and a text of exactly the limit are read whole.
        AssertReadWhole(WithDoc(1_000_000), "Huge");
        AssertReadWhole(WithDoc(JsonReader.MaxLength - template.Length), "Huge");

        // A 3 MB key is an odd but valid signal name.
        var longName = "H" + new string('u', 3_000_000);
        AssertReadWhole("{ \"namespace\": \"Big.Schema\", \"signals\": { \"" + longName + "\": {} } }", longName);

        // One character over the limit, 5 MB of value, and 5 MB of key are each one error inside the text, as
        // strings and decoded from UTF-8 bytes (a stream that long becomes a chunked SourceText).
        var overLimit = new[]
        {
            WithDoc(JsonReader.MaxLength - template.Length + 1),
            WithDoc(5_000_000),
            "{ \"namespace\": \"Big.Schema\", \"signals\": { \"" + new string('K', 5_000_000) + "\": {} } }",
        };
        foreach (var text in overLimit)
        {
            foreach (var source in new[] { SourceText.From(text), SchemaMutator.DecodeAsCompiler(Encoding.UTF8.GetBytes(text), ansiFallback: false) })
            {
                var result = SchemaParser.Parse("/x/big.signals.json", source, TestContext.Current.CancellationToken);
                Assert.Null(FindProblem(source, result, out var outcome));
                Assert.Equal(Outcome.InvalidJson, outcome);
                var error = Assert.Single(result.Errors);
                Assert.Equal(new TextSpan(JsonReader.MaxLength, 0), error.Span);
                Assert.Null(result.Schema);
            }
        }
    }

    [Fact]
    public void InvalidUtf8_DecodedAsTheCompilerDoes_IsReplacedAndReportedWhereItMatters()
    {
        // Decoding replaces each invalid sequence with U+FFFD: harmless in a doc string, an invalid name in a
        // signal name. Under the Windows fallback (a code page) the bytes become other characters instead.
        string[] sequences = ["C328", "FF", "80", "BF", "C0AF", "E080AF", "EDA080", "F4908080", "F888808080", "E282", "F09F98"];
        var prefix = "{ \"namespace\": \"A\", \"signals\": { \"Se";
        var middle = "nt\": { \"doc\": \"say ";
        var suffix = "\" } } }";
        foreach (var hex in sequences)
        {
            var sequence = Convert.FromHexString(hex);
            byte[] inDoc = [.. Encoding.UTF8.GetBytes(prefix + middle), .. sequence, .. Encoding.UTF8.GetBytes(suffix)];
            byte[] inName = [.. Encoding.UTF8.GetBytes(prefix), .. sequence, .. Encoding.UTF8.GetBytes(middle + suffix)];

            var docText = SchemaMutator.DecodeAsCompiler(inDoc, ansiFallback: false);
            var docResult = SchemaParser.Parse("/x/doc.signals.json", docText, TestContext.Current.CancellationToken);
            Assert.Null(FindProblem(docText, docResult, out _));
            Assert.True(docResult.Errors.IsEmpty, hex + ": " + string.Join("; ", docResult.Errors));
            Assert.Contains('\uFFFD', Assert.Single(docResult.Schema!.Signals).Doc!);

            var nameText = SchemaMutator.DecodeAsCompiler(inName, ansiFallback: false);
            var nameResult = SchemaParser.Parse("/x/name.signals.json", nameText, TestContext.Current.CancellationToken);
            Assert.Null(FindProblem(nameText, nameResult, out _));
            var error = Assert.Single(nameResult.Errors);
            Assert.Equal(SchemaErrorKind.InvalidName, error.Kind);
            Assert.Equal(prefix.IndexOf("\"Se", StringComparison.Ordinal), error.Span.Start);

            foreach (var bytes in new[] { inDoc, inName })
            {
                var fallbackText = SchemaMutator.DecodeAsCompiler(bytes, ansiFallback: true);
                Assert.DoesNotContain('\uFFFD', fallbackText.ToString());
                Assert.Null(FindProblem(fallbackText, SchemaParser.Parse("/x/ansi.signals.json", fallbackText, TestContext.Current.CancellationToken), out _));
            }
        }
    }

    // ---------------------------------------------------------------- through the generator

    [Fact]
    public void MutatedSchemas_ThroughTheGenerator_NeverThrowNorReportOutsideTheSchema()
    {
        // A different stream from the parser run's, still chosen by the seed setting.
        var seed = unchecked(ReadSetting(SeedVariable, DefaultSeed) + 1);
        const string receivers = """
            using Contoso.Auth;
            using Contoso.Auth.Model;
            using SignalGen;

            namespace Contoso.Auth.Model
            {
                public sealed class User { }
                public sealed class RequestInfo { }
            }

            namespace Fuzz
            {
                public static class Receivers
                {
                    [Receiver(Signal.UserLoggedIn)]
                    public static void OnLogin(User user, int[] attempts) { }

                    [Receiver(Signal.PasswordChanged)]
                    public static System.Threading.Tasks.Task OnPasswordChangedAsync(User user) => System.Threading.Tasks.Task.CompletedTask;

                    [Receiver(Contoso.Identity.Signal.UserSignedUp)]
                    public static void OnSignUp(User user) { }
                }
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation("Fuzz", OutputKind.ConsoleApplication, [receivers, "System.Console.WriteLine();"]);

        // Each run is checked again on a clone (GeneratorHarness.Run); one clone for all, so each check does not bind a new one.
        var clone = compilation.Clone();
        var current = GeneratorHarness.Schema("fuzz.signals.json", SchemaMutator.Seeds[0]);
        var driver = GeneratorHarness.CreateDriver([current]);
        var withSignalTypes = 0;
        var run = Stopwatch.StartNew();

        for (var iteration = 0; iteration < GeneratorInputs; iteration++)
        {
            // One compilation throughout; only the schema file changes, as when it is edited in an IDE.
            var input = SchemaMutator.Create(seed, iteration, allowHugeStrings: false);
            var next = GeneratorHarness.Schema("fuzz.signals.json", input.Text);
            driver = driver.ReplaceAdditionalText(current, next);
            current = next;

            var generated = RunWithTimeout(driver, compilation, clone, input, seed, iteration);
            driver = generated.Driver;
            if (generated.Result.Exception is { } exception)
            {
                throw Failure(seed, iteration, input, "the generator threw: " + exception);
            }

            // A broken schema is reported where it is, in the schema file, with a schema diagnostic; a receiver whose
            // signal the mutation took away gets SGEN0101 in its source. Anything else (CS8785 for a crash, a schema
            // diagnostic placed elsewhere) is a generator bug.
            var unexpected = generated.Result.Diagnostics.AddRange(generated.DriverDiagnostics)
                .Where(d => d.Id.StartsWith("SGEN00", StringComparison.Ordinal)
                    ? d.Location.GetLineSpan().Path != next.Path
                    : !(d.Id == "SGEN0101" && d.Location.IsInSource))
                .ToImmutableArray();
            if (!unexpected.IsEmpty)
            {
                throw Failure(seed, iteration, input, "the generator reported:" + Environment.NewLine + GeneratorHarness.Describe(unexpected));
            }

            withSignalTypes += generated.HintNames.Any(hint => hint.EndsWith(".SignalTypes.g.cs", StringComparison.Ordinal)) ? 1 : 0;
        }

        run.Stop();
        Report($"Generator fuzz: {GeneratorInputs} inputs from seed {seed} in {run.Elapsed.TotalSeconds:F1} s; {withSignalTypes} generated signal types.");

        // Both paths must be taken: schemas that generate code and schemas that generate none.
        Assert.InRange(withSignalTypes, GeneratorInputs / 10, GeneratorInputs * 9 / 10);
    }

    // ---------------------------------------------------------------- checks

    /// <summary>Returns what is wrong with <paramref name="result"/> for <paramref name="text"/>, or null when it is consistent.</summary>
    private static string? FindProblem(SourceText text, SchemaParseResult result, out Outcome outcome)
    {
        outcome = Outcome.ErrorsWithoutASchema;
        var previousStart = 0;
        foreach (var error in result.Errors)
        {
            if (string.IsNullOrWhiteSpace(error.Message))
            {
                return $"a {error.Kind} error has no message";
            }

            if (!Enum.IsDefined(error.Kind))
            {
                return $"an error has the undefined kind {(int)error.Kind}";
            }

            if (error.Span.Start < 0 || error.Span.End > text.Length)
            {
                return $"the span {error.Span} of \"{error}\" is outside the text of {text.Length} characters";
            }

            if (error.Span.Start < previousStart)
            {
                return $"\"{error}\" comes after an error further on: errors must be in file order";
            }

            previousStart = error.Span.Start;
            var lines = text.Lines.GetLinePositionSpan(error.Span);
            if (error.LineSpan != lines)
            {
                return $"\"{error}\" has the line span {error.LineSpan}, but its span {error.Span} is at {lines}";
            }

            var line = error.LineSpan.Start.Line;
            if (line >= text.Lines.Count || error.LineSpan.Start.Character > text.Lines[line].SpanIncludingLineBreak.Length)
            {
                return $"\"{error}\" is at a line and column outside the file's {text.Lines.Count} lines";
            }
        }

        if (result.Errors.Any(error => error.Kind == SchemaErrorKind.InvalidJson))
        {
            outcome = Outcome.InvalidJson;
            return result.Errors.Count == 1 && result.Schema is null
                ? null
                : "invalid JSON must be the only error and leave no schema: " + string.Join("; ", result.Errors);
        }

        if (result.Schema is not { } schema)
        {
            return result.Errors.IsEmpty ? "there is neither an error nor a schema" : null;
        }

        outcome = result.Errors.IsEmpty ? Outcome.Valid : Outcome.ErrorsKeepingASchema;
        return FindSchemaProblem(schema) ?? CompareWithSystemTextJson(text.ToString(), schema, result.Errors.IsEmpty);
    }

    /// <summary>The rules a schema the parser hands on must meet, stated independently of the parser.</summary>
    private static string? FindSchemaProblem(SchemaModel schema)
    {
        if (!IsNamespaceName(schema.Namespace))
        {
            return $"the namespace \"{schema.Namespace}\" is not a namespace name";
        }

        if (schema.IsReferenced)
        {
            return "a schema read from a file is marked as referenced";
        }

        if (schema.Usings.FirstOrDefault(name => !IsNamespaceName(name)) is { } badUsing)
        {
            return $"the using \"{badUsing}\" is not a namespace name";
        }

        if (schema.Usings.Distinct(StringComparer.Ordinal).Count() != schema.Usings.Count)
        {
            return $"the usings [{string.Join(", ", schema.Usings)}] repeat a namespace";
        }

        var typeParameter = schema.TypeParameter;
        if (typeParameter is not null && (!IsNonKeywordIdentifier(typeParameter.Name) || typeParameter.Name.All(c => c is >= 'a' and <= 'z') || typeParameter.Constraint != typeParameter.Constraint.Trim()))
        {
            return $"the type parameter {typeParameter} is not an identifier that C# takes as a type name, with a trimmed constraint";
        }

        var signalNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var signal in schema.Signals)
        {
            if (!signalNames.Add(signal.Name))
            {
                return $"the signal \"{signal.Name}\" is in the schema twice";
            }

            if (!IsNonKeywordIdentifier(signal.Name) || signal.Name.All(c => c is >= 'a' and <= 'z') || s_reservedSignalNames.Contains(signal.Name) || signal.Name == typeParameter?.Name)
            {
                return $"the signal name \"{signal.Name}\" cannot be a generated type's name";
            }

            if (!Enum.IsDefined(signal.Mode))
            {
                return $"the signal \"{signal.Name}\" has the undefined mode {(int)signal.Mode}";
            }

            var propertyNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var argument in signal.Arguments)
            {
                if (!SyntaxFacts.IsValidIdentifier(argument.Name) || HasFormattingCharacter(argument.Name) || argument.Name == "cancellationToken")
                {
                    return $"the argument name \"{argument.Name}\" of \"{signal.Name}\" cannot be a parameter name";
                }

                var property = char.ToUpperInvariant(argument.Name[0]) + argument.Name.Substring(1);
                if (!propertyNames.Add(property) || property == signal.Name || property == typeParameter?.Name || s_reservedPropertyNames.Contains(property))
                {
                    return $"the argument \"{argument.Name}\" of \"{signal.Name}\" cannot be a parameter and a property of its own";
                }

                var type = argument.TypeName;
                var parsed = SyntaxFactory.ParseTypeName(type);
                if (type.Length == 0 || type != type.Trim() || parsed.ContainsDiagnostics || parsed.FullSpan.Length != type.Length)
                {
                    return $"the type \"{type}\" of \"{signal.Name}.{argument.Name}\" is not one trimmed C# type";
                }
            }

            var usesTypeParameter = typeParameter is not null && signal.Arguments.Any(a => a.TypeName == typeParameter.Name || a.TypeName == typeParameter.Name + "?");
            if (signal.IsGeneric != usesTypeParameter)
            {
                return $"the signal \"{signal.Name}\" is {(signal.IsGeneric ? string.Empty : "not ")}generic, but {(usesTypeParameter ? "an" : "no")} argument is the type parameter";
            }
        }

        return null;
    }

    /// <summary>
    /// Reads the same text with System.Text.Json: what the schema holds must be declared there, in order and
    /// with the same values, and with no error it must be everything declared. Texts the two readers treat
    /// differently by design (lone surrogates, a leading BOM) or that are slow to compare are skipped.
    /// </summary>
    private static string? CompareWithSystemTextJson(string text, SchemaModel schema, bool errorFree)
    {
        if (text.Length > 1_000_000 || HasLoneSurrogate(text))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text);
        }
        catch (JsonException exception)
        {
            return "System.Text.Json rejects the JSON the schema parser read: " + exception.Message;
        }

        using (document)
        {
            var root = document.RootElement;
            if (StringOf(FirstProperty(root, "namespace")) != schema.Namespace)
            {
                return $"the namespace \"{schema.Namespace}\" is not the first \"namespace\" in the text";
            }

            var usings = FirstProperty(root, "usings") is { ValueKind: JsonValueKind.Array } array
                ? array.EnumerateArray().Select(item => StringOf(item)).OfType<string>().ToList()
                : [];
            if (errorFree ? !usings.SequenceEqual(schema.Usings) : !IsSubsequence(schema.Usings, usings))
            {
                return $"the usings [{string.Join(", ", schema.Usings)}] are not the text's [{string.Join(", ", usings)}]";
            }

            // With errors, the type parameter kept may follow rejected ones.
            var typeParameters = FirstProperty(root, "typeParameters") is { ValueKind: JsonValueKind.Object } parameters
                ? parameters.EnumerateObject().Select(property => (property.Name, Constraint: StringOf(property.Value)?.Trim())).ToList()
                : [];
            var kept = schema.TypeParameter is { } typeParameter ? [(typeParameter.Name, Constraint: (string?)typeParameter.Constraint)] : new List<(string Name, string? Constraint)>();
            if (errorFree ? !typeParameters.SequenceEqual(kept) : !kept.All(typeParameters.Contains))
            {
                return $"the type parameter {schema.TypeParameter?.ToString() ?? "(none)"} is not the text's first";
            }

            var declared = FirstProperty(root, "signals") is { ValueKind: JsonValueKind.Object } signals ? signals.EnumerateObject().ToList() : [];
            if (errorFree && !declared.Select(property => property.Name).SequenceEqual(schema.Signals.Select(signal => signal.Name)))
            {
                return "with no error, the signals are not the text's: [" + string.Join(", ", schema.Signals.Select(signal => signal.Name)) + "]";
            }

            var searchFrom = 0;
            foreach (var signal in schema.Signals)
            {
                // A repeated signal keeps its first declaration, and signals keep their order.
                var index = declared.FindIndex(property => property.Name == signal.Name);
                if (index < searchFrom)
                {
                    return $"the signal \"{signal.Name}\" is not declared in the text after the previous one";
                }

                searchFrom = index + 1;
                if (FindSignalMismatch(signal, declared[index].Value) is { } mismatch)
                {
                    return $"the signal \"{signal.Name}\" differs from the text: {mismatch}";
                }
            }
        }

        return null;
    }

    private static string? FindSignalMismatch(SignalModel signal, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return "its declaration is not an object";
        }

        var arguments = FirstProperty(body, "args") is { ValueKind: JsonValueKind.Object } args
            ? args.EnumerateObject().Select(property => (property.Name, Type: StringOf(property.Value)?.Trim())).ToList()
            : [];
        if (!arguments.SequenceEqual(signal.Arguments.Select(argument => (argument.Name, Type: (string?)argument.TypeName))))
        {
            return "arguments " + string.Join(", ", signal.Arguments);
        }

        SignalMode? mode = StringOf(FirstProperty(body, "mode")) switch
        {
            null => SignalMode.Veto,
            "veto" => SignalMode.Veto,
            "robust" => SignalMode.Robust,
            "all-then-throw" => SignalMode.AllThenThrow,
            _ => null,
        };
        if (mode != signal.Mode)
        {
            return "mode " + signal.Mode;
        }

        if (StringOf(FirstProperty(body, "doc")) != signal.Doc || StringOf(FirstProperty(body, "group")) != signal.Group)
        {
            return "doc or group";
        }

        return (FirstProperty(body, "internal")?.ValueKind == JsonValueKind.True) != signal.IsInternal ? "internal" : null;
    }

    private static JsonElement? FirstProperty(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == name)
                {
                    return property.Value;
                }
            }
        }

        return null;
    }

    private static string? StringOf(JsonElement? element) => element is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static bool IsSubsequence(IEnumerable<string> items, List<string> sequence)
    {
        var next = 0;
        foreach (var item in items)
        {
            next = sequence.IndexOf(item, next) + 1;
            if (next == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNamespaceName(string name) => name.Length > 0 && name.Split('.').All(IsNonKeywordIdentifier);

    private static bool IsNonKeywordIdentifier(string name) =>
        SyntaxFacts.IsValidIdentifier(name) && !HasFormattingCharacter(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;

    // C# leaves formatting characters out when it compares names, so a name with one is not the name it looks like.
    private static bool HasFormattingCharacter(string name) => name.Any(c => char.GetUnicodeCategory(c) == UnicodeCategory.Format);

    // ---------------------------------------------------------------- running

    private static SchemaModel ParseSeed(int index)
    {
        var result = SchemaParser.Parse("/seeds/" + index + ".signals.json", SourceText.From(SchemaMutator.Seeds[index]), TestContext.Current.CancellationToken);
        Assert.True(result.Errors.IsEmpty, $"Seed {index} has errors: {string.Join("; ", result.Errors)}");
        Assert.Null(FindProblem(SourceText.From(SchemaMutator.Seeds[index]), result, out _));
        return Assert.IsType<SchemaModel>(result.Schema);
    }

    /// <summary>Parses with a token that cancels after a generous timeout, so a hang fails the test instead of stalling the run.</summary>
    private static SchemaParseResult ParseWithTimeout(SchemaFuzzInput input, int seed, int iteration)
    {
        var testCancelled = TestContext.Current.CancellationToken;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(testCancelled);
        timeout.CancelAfter(s_timeoutPerInput);
        try
        {
            return SchemaParser.Parse("/fuzz/" + iteration + ".signals.json", input.Text, timeout.Token);
        }
        catch (OperationCanceledException) when (!testCancelled.IsCancellationRequested)
        {
            throw Failure(seed, iteration, input, $"parsing did not finish within {s_timeoutPerInput.TotalSeconds} s");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw Failure(seed, iteration, input, "the parser threw " + exception);
        }
    }

    private static GeneratorRun RunWithTimeout(GeneratorDriver driver, Compilation compilation, Compilation clone, SchemaFuzzInput input, int seed, int iteration)
    {
        var testCancelled = TestContext.Current.CancellationToken;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(testCancelled);
        timeout.CancelAfter(s_timeoutPerInput);
        try
        {
            return GeneratorHarness.Run(driver, compilation, cancellationToken: timeout.Token, clone: clone);
        }
        catch (OperationCanceledException) when (!testCancelled.IsCancellationRequested)
        {
            throw Failure(seed, iteration, input, $"the generator did not finish within {s_timeoutPerInput.TotalSeconds} s");
        }
        catch (XunitException caching)
        {
            // The harness's caching check (the run again on a clone of the compilation), told with the input that broke it.
            throw Failure(seed, iteration, input, caching.Message);
        }
    }

    private static XunitException Failure(int seed, int iteration, SchemaFuzzInput input, string problem)
    {
        var text = input.Text.ToString();
        var shown = text.Length > 4_000 ? text.Substring(0, 4_000) + "... (" + text.Length + " characters)" : text;
        return new XunitException(
            $"Input {iteration} of seed {seed}: {problem}." + Environment.NewLine
            + "Made by: " + input.Recipe + Environment.NewLine
            + "Text: " + SchemaMutator.Escape(shown));
    }

    private static int ReadSetting(string variable, int defaultValue)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return defaultValue;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : throw new InvalidOperationException($"{variable} must be a positive whole number, not \"{value}\".");
    }

    private static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    private static void AssertReadWhole(string text, string signal)
    {
        var source = SourceText.From(text);
        var result = SchemaParser.Parse("/x/big.signals.json", source, TestContext.Current.CancellationToken);
        Assert.Null(FindProblem(source, result, out var outcome));
        Assert.Equal(Outcome.Valid, outcome);
        Assert.Equal(signal, Assert.Single(result.Schema!.Signals).Name);
    }
}
