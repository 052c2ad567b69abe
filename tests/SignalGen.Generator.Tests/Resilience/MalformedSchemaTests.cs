using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SignalGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace SignalGen.Generator.Tests.Resilience;

/// <summary>
/// What is broken produces nothing, and never takes the rest down: the generator reports the schema's
/// mistakes in the schema file (the command line runs no analyzer once a schema is broken), never throws
/// (no CS8785), and whatever valid remains still generates and compiles.
/// </summary>
public sealed class MalformedSchemaTests
{
    private const string ValidSchema = """
        {
          "namespace": "Good.Auth",
          "signals": {
            "UserLoggedIn": { "args": { "user": "string", "ip": "string" } },
            "UserLoggedOut": { "args": { "user": "string" } }
          }
        }
        """;

    private const string ValidReceivers = """
        using Good.Auth;
        using SignalGen;

        namespace Good;

        public static class Receivers
        {
            [Receiver(Signal.UserLoggedIn)]
            public static void OnLogin(string user, string ip) { }

            [Receiver(Signal.UserLoggedOut)]
            public static void OnLogout(string user) { }
        }
        """;

    // ---------------------------------------------------------------- a malformed schema beside a valid one

    public static TheoryData<string, string, string?> MalformedSchemas() => new()
    {
        // name, text, and what must still be generated from it: null when nothing is usable (no valid namespace),
        // else the comma-separated signals left once the broken ones are dropped ("" for an empty schema)
        { "truncated", "{ \"namespace\": \"Bad.Schema\", \"signals\": { \"A\": { \"args\": { \"x\": \"int\"", null },
        { "empty file", "", null },
        { "not JSON", "namespace: Bad.Schema", null },
        { "array root", "[ { \"namespace\": \"Bad.Schema\" } ]", null },
        { "namespace is a number", "{ \"namespace\": 42, \"signals\": { \"A\": { \"args\": {} } } }", null },
        { "invalid namespace", "{ \"namespace\": \"Bad-Schema\", \"signals\": { \"A\": { \"args\": {} } } }", null },
        { "no namespace", "{ \"signals\": { \"A\": { \"args\": {} } } }", null },
        { "signals is an array", "{ \"namespace\": \"Bad.Schema\", \"signals\": [ \"A\" ] }", "" },
        { "args is an array", "{ \"namespace\": \"Bad.Schema\", \"signals\": { \"A\": { \"args\": [\"int\"] }, \"B\": { \"args\": { \"x\": \"int\" } } } }", "B" },
        { "type is a number", "{ \"namespace\": \"Bad.Schema\", \"signals\": { \"A\": { \"args\": { \"x\": 1 } }, \"B\": { \"args\": {} } } }", "B" },
        { "invalid type", "{ \"namespace\": \"Bad.Schema\", \"signals\": { \"A\": { \"args\": { \"x\": \"List<\" } }, \"B\": { \"args\": {} } } }", "B" },
        { "void type", "{ \"namespace\": \"Bad.Schema\", \"signals\": { \"A\": { \"args\": { \"x\": \"void\" } }, \"B\": { \"args\": {} } } }", "B" },
        { "internal is a string", "{ \"namespace\": \"Bad.Schema\", \"signals\": { \"A\": { \"internal\": \"yes\" }, \"B\": { \"args\": {} } } }", "B" },
        { "unknown mode", "{ \"namespace\": \"Bad.Schema\", \"signals\": { \"A\": { \"mode\": \"loud\" }, \"B\": { \"args\": {} } } }", "B" },
        { "one bad among three", "{ \"namespace\": \"Bad.Schema\", \"signals\": { \"C\": { \"args\": {} }, \"B\": { \"mode\": 1 }, \"A\": { \"args\": { \"x\": \"int\" } } } }", "C,A" },
        { "duplicate signal", "{ \"namespace\": \"Bad.Schema\", \"signals\": { \"A\": { \"args\": {} }, \"A\": { \"args\": { \"x\": \"int\" } } } }", "A" },
        { "duplicate argument", "{ \"namespace\": \"Bad.Schema\", \"signals\": { \"A\": { \"args\": { \"user\": \"int\", \"User\": \"int\" } }, \"B\": { \"args\": {} } } }", "B" },
        { "reserved signal name", "{ \"namespace\": \"Bad.Schema\", \"signals\": { \"Signals\": { \"args\": {} }, \"B\": { \"args\": {} } } }", "B" },
        { "keyword signal name", "{ \"namespace\": \"Bad.Schema\", \"signals\": { \"class\": { \"args\": {} }, \"B\": { \"args\": {} } } }", "B" },
        { "argument named after the signal", "{ \"namespace\": \"Bad.Schema\", \"signals\": { \"Login\": { \"args\": { \"login\": \"int\" } }, \"B\": { \"args\": {} } } }", "B" },
        // Accepted by the schema reader once, and then the generated code did not compile (found by fuzzing).
        { "repeated using", "{ \"namespace\": \"Bad.Schema\", \"usings\": [\"System\", \"System\"], \"signals\": { \"A\": { \"args\": { \"x\": \"Uri\" } } } }", "A" },
        { "lower-case type parameter", "{ \"namespace\": \"Bad.Schema\", \"typeParameters\": { \"tuser\": \"class\" }, \"signals\": { \"A\": { \"args\": { \"x\": \"int\" } } } }", "A" },
        { "signal names that differ by a formatting character", "{ \"namespace\": \"Bad.Schema\", \"signals\": { \"AB\": { \"args\": {} }, \"A\u200BB\": { \"args\": {} } } }", "AB" },
        { "argument names that differ by a formatting character", "{ \"namespace\": \"Bad.Schema\", \"signals\": { \"A\": { \"args\": { \"ab\": \"int\", \"a\u200Bb\": \"int\" } }, \"B\": { \"args\": {} } } }", "B" },
        { "argument named after the type parameter", "{ \"namespace\": \"Bad.Schema\", \"typeParameters\": { \"TUser\": \"class\" }, \"signals\": { \"A\": { \"args\": { \"tUser\": \"TUser\" } }, \"B\": { \"args\": {} } } }", "B" },
        { "too deep", "{ \"namespace\": \"Bad.Schema\", \"signals\": " + new string('[', 200) + new string(']', 200) + " }", null },
    };

    [Theory]
    [MemberData(nameof(MalformedSchemas))]
    public void MalformedSchema_BesideAValidOne_TheValidOneStillGeneratesAndCompiles(string name, string text, string? surviving)
    {
        var compilation = GeneratorHarness.CreateCompilation("App", OutputKind.ConsoleApplication, [ValidReceivers, "System.Console.WriteLine();"]);
        var run = GeneratorHarness.Run(
            compilation,
            [GeneratorHarness.Schema("bad.signals.json", text), GeneratorHarness.Schema("good.signals.json", ValidSchema)]);

        GeneratorHarness.AssertReportedSchemaErrorsIn(run, "/project/bad.signals.json");
        GeneratorHarness.AssertOutputCompilesCleanly(run);

        Assert.Contains("Good.Auth.SignalTypes.g.cs", run.HintNames);
        Assert.Contains("Good.Auth.DispatchTable.g.cs", run.HintNames);
        var thunks = run.Source("SignalGen.ReceiverThunks.g.cs");
        Assert.Contains("OnLogin_UserLoggedIn", thunks, StringComparison.Ordinal);
        Assert.Contains("OnLogout_UserLoggedOut", thunks, StringComparison.Ordinal);

        if (surviving is null)
        {
            Assert.DoesNotContain(run.HintNames, hint => hint.StartsWith("Bad.", StringComparison.Ordinal));
        }
        else
        {
            // The broken signals are left out; the valid ones are generated, in order.
            var declared = run.OutputCompilation.GetTypeByMetadataName("Bad.Schema.Signal")!.GetMembers().OfType<IFieldSymbol>().Select(f => f.Name);
            Assert.Equal(surviving.Split(',', StringSplitOptions.RemoveEmptyEntries), declared);
        }

        _ = name; // only names the case
    }

    [Fact]
    public void OnlyAMalformedSchema_NoSourceForIt_AndNoThrow()
    {
        var compilation = GeneratorHarness.CreateCompilation("Lib", OutputKind.DynamicallyLinkedLibrary, ["namespace Lib; public static class C { }"]);

        var run = GeneratorHarness.Run(compilation, [GeneratorHarness.Schema("bad.signals.json", "{ \"namespace\": ")]);

        GeneratorHarness.AssertGeneratorReported(run, "SGEN0001");
        GeneratorHarness.AssertOutputCompilesCleanly(run);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void FilesNotNamedSignalsJson_AreIgnored()
    {
        var compilation = GeneratorHarness.CreateCompilation("Lib", OutputKind.DynamicallyLinkedLibrary, ["namespace Lib; public static class C { }"]);

        var run = GeneratorHarness.Run(
            compilation,
            [GeneratorHarness.Schema("appsettings.json", ValidSchema), GeneratorHarness.Schema("signals.json", ValidSchema), GeneratorHarness.Schema("good.signals.json.bak", ValidSchema)]);

        GeneratorHarness.AssertCompilesCleanly(run);
        Assert.Empty(run.Sources);
    }

    // ---------------------------------------------------------------- the same namespace twice

    [Fact]
    public void SameNamespaceInTwoSchemaFiles_OneWins_NoDuplicateTypes()
    {
        const string first = """
            { "namespace": "Dup.Auth", "signals": { "UserLoggedIn": { "args": { "user": "string" } }, "FromFirst": { "args": {} } } }
            """;
        const string second = """
            { "namespace": "Dup.Auth", "signals": { "UserLoggedIn": { "args": { "user": "string" } }, "FromSecond": { "args": {} } } }
            """;
        const string receivers = """
            using Dup.Auth;
            using SignalGen;

            namespace Dup;

            public static class Receivers
            {
                [Receiver(Signal.UserLoggedIn)]
                public static void OnLogin(string user) { }
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation("Dup", OutputKind.ConsoleApplication, [receivers, "System.Console.WriteLine();"]);

        var run = GeneratorHarness.Run(compilation, [GeneratorHarness.Schema("a.signals.json", first), GeneratorHarness.Schema("b.signals.json", second)]);

        // The file left out is reported, in that file.
        GeneratorHarness.AssertGeneratorReported(run, "SGEN0012");
        Assert.Equal("/project/b.signals.json", run.Result.Diagnostics.Single().Location.GetLineSpan().Path);
        Assert.Contains("the schema /project/a.signals.json", run.Result.Diagnostics.Single().GetMessage(), StringComparison.Ordinal);
        GeneratorHarness.AssertOutputCompilesCleanly(run);
        Assert.Single(run.HintNames, hint => hint == "Dup.Auth.SignalTypes.g.cs");
        Assert.Single(run.HintNames, hint => hint == "Dup.Auth.Signals.g.cs");
        Assert.Single(run.HintNames, hint => hint == "Dup.Auth.DispatchTable.g.cs");

        // Exactly one file's signals: the first one given.
        var members = run.OutputCompilation.GetTypeByMetadataName("Dup.Auth.Signal")!.GetMembers().OfType<IFieldSymbol>().Select(f => f.Name).ToArray();
        Assert.Equal(["UserLoggedIn", "FromFirst"], members);
        Assert.Contains("OnLogin_UserLoggedIn", run.Source("Dup.Auth.DispatchTable.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void LocalSchemaInANamespaceAReferenceDeclares_IsDropped_TheReferencedOneIsUsed()
    {
        var library = GeneratorHarness.BuildProject(
            "Good.Lib", OutputKind.DynamicallyLinkedLibrary, ["namespace Good.Lib; public static class C { }"], [GeneratorHarness.Schema("good.signals.json", ValidSchema)]);
        const string copy = """
            { "namespace": "Good.Auth", "signals": { "Other": { "args": {} } } }
            """;

        var run = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("App", OutputKind.ConsoleApplication, [ValidReceivers, "System.Console.WriteLine();"], [library.Reference]),
            [GeneratorHarness.Schema("copy.signals.json", copy)]);

        // Regenerating Good.Auth's types here would clash with the reference's (CS0436).
        GeneratorHarness.AssertGeneratorReported(run, "SGEN0012");
        Assert.Contains("the referenced assembly Good.Lib", run.Result.Diagnostics.Single().GetMessage(), StringComparison.Ordinal);
        GeneratorHarness.AssertOutputCompilesCleanly(run);
        Assert.DoesNotContain("Good.Auth.SignalTypes.g.cs", run.HintNames);
        Assert.Contains("OnLogin_UserLoggedIn", run.Source("Good.Auth.DispatchTable.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void SameSchemaNamespaceInTwoReferencedAssemblies_GeneratorDoesNotThrow()
    {
        // Two libraries that each declare Good.Auth: the types are ambiguous in the application (CS0433, the
        // analyzers' and the compiler's to report), but the generator must not crash on it: a crash
        // (CS8785) drops every other source it would have generated.
        var first = GeneratorHarness.BuildProject(
            "First", OutputKind.DynamicallyLinkedLibrary, [ValidReceivers.Replace("namespace Good;", "namespace First;", StringComparison.Ordinal)], [GeneratorHarness.Schema("good.signals.json", ValidSchema)]);
        var second = GeneratorHarness.BuildProject(
            "Second", OutputKind.DynamicallyLinkedLibrary, [ValidReceivers.Replace("namespace Good;", "namespace Second;", StringComparison.Ordinal)], [GeneratorHarness.Schema("good.signals.json", ValidSchema)]);

        var run = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("App", OutputKind.ConsoleApplication, ["System.Console.WriteLine();"], [first.Reference, second.Reference]),
            []);

        GeneratorHarness.AssertGeneratorClean(run);
    }

    // ---------------------------------------------------------------- receivers the generator must skip

    [Fact]
    public void UnknownSignalInReceiver_IsSkipped_TheRestGenerated()
    {
        const string receivers = """
            using Good.Auth;
            using SignalGen;

            namespace Good;

            public static class Extra
            {
                [Receiver(Signal.NoSuchSignal)]
                public static void Unknown(string user) { }

                [Receiver(Signal.UserLoggedIn), Receiver(Signal.AlsoMissing)]
                public static void HalfKnown(string user) { }
            }
            """;
        var run = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("App", OutputKind.ConsoleApplication, [ValidReceivers, receivers, "System.Console.WriteLine();"]),
            [GeneratorHarness.Schema("good.signals.json", ValidSchema)]);

        // The user's code names a member Signal does not have: the compiler says so (CS0117), and the
        // generator too (SGEN0101), since the command line runs no analyzer after CS0117.
        GeneratorHarness.AssertGeneratorReported(run, "SGEN0101", "SGEN0101");
        Assert.All(run.Result.Diagnostics, diagnostic => Assert.True(diagnostic.Location.IsInSource));
        Assert.Equal(
            ["Signal.NoSuchSignal", "Signal.AlsoMissing"],
            run.Result.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.Location.SourceTree!.GetText().ToString(TextSpan.FromBounds(d.Location.SourceSpan.Start - "Signal.".Length, d.Location.SourceSpan.End))));
        AssertErrorsOnlyInOwnCode(run, "CS0117", "CS0117");

        var thunks = run.Source("SignalGen.ReceiverThunks.g.cs");
        Assert.DoesNotContain("Unknown_", thunks, StringComparison.Ordinal);
        Assert.Contains("HalfKnown_UserLoggedIn", thunks, StringComparison.Ordinal);
        Assert.Contains("OnLogin_UserLoggedIn", thunks, StringComparison.Ordinal);
        Assert.Contains("OnLogout_UserLoggedOut", thunks, StringComparison.Ordinal);
    }

    [Fact]
    public void ReceiversTheGeneratedCodeCannotCall_AreSkipped_TheRestGeneratedAndCompiled()
    {
        const string receivers = """
            using System.Threading.Tasks;
            using Good.Auth;
            using SignalGen;

            namespace Good;

            public static class Skipped
            {
                // A parameter that matches no argument of UserLoggedIn.
                [Receiver(Signal.UserLoggedIn)]
                public static void Unmatched(string user, int attempts) { }

                // async void: its exceptions would bypass the sender.
                [Receiver(Signal.UserLoggedIn)]
                public static async void AsyncVoid(string user) => await Task.Yield();

                // Generic method: no type argument to call it with.
                [Receiver(Signal.UserLoggedIn)]
                public static void Generic<T>(string user) { }

                // Private: the thunk class cannot call it.
                [Receiver(Signal.UserLoggedIn)]
                private static void Hidden(string user) { }

                // A return type other than void, Task and ValueTask.
                [Receiver(Signal.UserLoggedIn)]
                public static Task<int> Returns(string user) => Task.FromResult(1);

                // ref parameters cannot take a signal's property.
                [Receiver(Signal.UserLoggedIn)]
                public static void ByRef(ref string user) { }

                // Called by the private one so no warning says it is unused.
                public static void UseHidden() => Hidden(string.Empty);
            }

            public abstract class AbstractReceiver
            {
                // An instance receiver DI cannot create.
                [Receiver(Signal.UserLoggedIn)]
                public void OnAbstract(string user) { }
            }

            public sealed class Outer
            {
                private sealed class Nested
                {
                    // A public method of a private class.
                    [Receiver(Signal.UserLoggedIn)]
                    public static void Invisible(string user) { }
                }
            }

            public static class Generic<T>
            {
                [Receiver(Signal.UserLoggedIn)]
                public static void InGenericType(string user) { }
            }
            """;
        var run = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("App", OutputKind.ConsoleApplication, [ValidReceivers, receivers, "System.Console.WriteLine();"]),
            [GeneratorHarness.Schema("good.signals.json", ValidSchema)]);

        GeneratorHarness.AssertCompilesCleanly(run);

        var thunks = run.Source("SignalGen.ReceiverThunks.g.cs");
        foreach (var skipped in new[] { "Unmatched", "AsyncVoid", "Generic", "Hidden", "Returns", "ByRef", "OnAbstract", "Invisible", "InGenericType" })
        {
            Assert.DoesNotContain("." + skipped + "(", thunks, StringComparison.Ordinal);
        }

        // The valid receivers are all there, and the table calls exactly them.
        var table = run.Source("Good.Auth.DispatchTable.g.cs");
        Assert.Contains("global::Good.Auth.Signal.UserLoggedIn => 1,", table, StringComparison.Ordinal);
        Assert.Contains("global::Good.Auth.Signal.UserLoggedOut => 1,", table, StringComparison.Ordinal);
        Assert.Contains("OnLogin_UserLoggedIn", table, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- valid input the generated code must handle

    [Fact]
    public void KeywordNamedReceiverMethod_IsCalledWithItsEscapedName()
    {
        // @event is a legal method name; the generated call must escape it as the source does.
        const string receivers = """
            using Good.Auth;
            using SignalGen;

            namespace Good;

            public static class Keywords
            {
                [Receiver(Signal.UserLoggedIn)]
                public static void @event(string user) { }
            }
            """;
        var run = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("App", OutputKind.ConsoleApplication, [receivers, "System.Console.WriteLine();"]),
            [GeneratorHarness.Schema("good.signals.json", ValidSchema)]);

        GeneratorHarness.AssertCompilesCleanly(run);
        Assert.Contains("global::Good.Keywords.@event(signal.User)", run.Source("SignalGen.ReceiverThunks.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void ReceiversWhoseCallWouldNotCompile_GetNoThunk_AndTheOutputCompiles()
    {
        // Each would put an error or warning in SignalGen.ReceiverThunks.g.cs: CS1503 (int for a string),
        // CS8604 (a maybe-null argument for a non-nullable parameter), CS0452 (a value type for TUser : class).
        // The receiver analyzer reports SGEN0103 for each; the generator leaves their thunks out.
        const string schema = """
            {
              "namespace": "Fit.Auth",
              "typeParameters": { "TUser": "class" },
              "signals": {
                "UserLoggedIn": { "args": { "user": "string", "note": "string?", "attempts": "int" } },
                "UserSignedUp": { "args": { "user": "TUser" } }
              }
            }
            """;
        const string receivers = """
            using Fit.Auth;
            using SignalGen;

            namespace Fit;

            public static class Receivers
            {
                [Receiver(Signal.UserLoggedIn)]
                public static void Fits(string user, string? note, long attempts) { }

                [Receiver(Signal.UserLoggedIn)]
                public static void WrongType(int user) { }

                [Receiver(Signal.UserLoggedIn)]
                public static void MaybeNull(string note) { }

                [Receiver(Signal.UserSignedUp)]
                public static void ValueTypeUser(int user) { }

                [Receiver(Signal.UserSignedUp)]
                public static void ClassUser(string user) { }
            }
            """;
        var run = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("Fit", OutputKind.ConsoleApplication, [receivers, "System.Console.WriteLine();"]),
            [GeneratorHarness.Schema("fit.signals.json", schema)]);

        GeneratorHarness.AssertCompilesCleanly(run);
        var thunks = run.Source("SignalGen.ReceiverThunks.g.cs");
        Assert.Contains("Fits_UserLoggedIn", thunks, StringComparison.Ordinal);
        Assert.Contains("ClassUser_UserSignedUp", thunks, StringComparison.Ordinal);
        Assert.DoesNotContain("WrongType_", thunks, StringComparison.Ordinal);
        Assert.DoesNotContain("MaybeNull_", thunks, StringComparison.Ordinal);
        Assert.DoesNotContain("ValueTypeUser_", thunks, StringComparison.Ordinal);
    }

    [Fact]
    public void ArgumentNamedCancellationToken_NeverGivesUncompilableCode()
    {
        // The schema parser accepts the argument name; then either it reports it, or the generated code
        // must compile. Today SendXAsync gets two parameters named cancellationToken (CS0100, CS0229).
        const string schema = """
            { "namespace": "Tokens", "signals": { "TokenIssued": { "args": { "cancellationToken": "string" } } } }
            """;
        var run = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("Lib", OutputKind.DynamicallyLinkedLibrary, ["namespace Lib; public static class C { }"]),
            [GeneratorHarness.Schema("tokens.signals.json", schema)]);

        // The schema reader rejects the name (SGEN0008), so the signal is not generated.
        GeneratorHarness.AssertGeneratorReported(run, "SGEN0008");
        GeneratorHarness.AssertOutputCompilesCleanly(run);
    }

    [Fact]
    public void LowerCaseSignalName_NeverGivesAWarningInGeneratedCode()
    {
        // "login" is a C# identifier, so the parser accepts it; the generated "record struct login" then
        // warns CS8981 (lower-case type name, warning wave 7, on in every .NET 8+ SDK project), which fails
        // builds that treat warnings as errors. Either the schema rejects such names or the code avoids them.
        const string schema = """
            { "namespace": "Lower", "signals": { "login": { "args": { "user": "string" } } } }
            """;
        var run = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("Lib", OutputKind.DynamicallyLinkedLibrary, ["namespace Lib; public static class C { }"]),
            [GeneratorHarness.Schema("lower.signals.json", schema)]);

        // The schema reader rejects the name (SGEN0008), so the signal is not generated.
        GeneratorHarness.AssertGeneratorReported(run, "SGEN0008");
        GeneratorHarness.AssertOutputCompilesCleanly(run);
    }

    [Theory]
    [InlineData("\\u2028", "line separator")]
    [InlineData("\\u2029", "paragraph separator")]
    [InlineData("\\u0085", "next line")]
    [InlineData("\\n", "line feed")]
    [InlineData("\\r", "carriage return")]
    [InlineData("\\r\\n", "CR LF")]
    public void DocWithALineBreak_StaysOnItsCommentLine_AsASpace(string escapedBreak, string name)
    {
        // C# ends a /// line at any of these; the rest of the doc would be read as code (CS1003 and worse).
        var run = RunWithDoc("\"First" + escapedBreak + "second.\"");

        GeneratorHarness.AssertCompilesCleanly(run);
        Assert.Equal("First second.", SummaryOfSent(run));
        _ = name; // only names the case
    }

    [Theory]
    [InlineData(0x0000)]
    [InlineData(0x0001)]
    [InlineData(0x0008)]
    [InlineData(0x000B)]
    [InlineData(0x000C)]
    [InlineData(0x000E)]
    [InlineData(0x001F)]
    [InlineData(0xFFFE)]
    [InlineData(0xFFFF)]
    [InlineData(0xD800)]
    [InlineData(0xDFFF)]
    [InlineData(0xDC00, 0xD800)]
    public void DocWithCharactersXmlCannotHold_ShowsAReplacementCharacterForEach(params int[] codeUnits)
    {
        // XML 1.0 cannot hold these, not even as character references (CS1570). JSON escapes of lone
        // surrogates are errors to the JSON reader, so surrogates are written as raw characters.
        var written = string.Concat(codeUnits.Select(unit => char.IsSurrogate((char)unit) ? ((char)unit).ToString() : $"\\u{unit:X4}"));
        var run = RunWithDoc("\"Before" + written + "after.\"");

        GeneratorHarness.AssertCompilesCleanly(run);
        Assert.Equal("Before" + new string('\uFFFD', codeUnits.Length) + "after.", SummaryOfSent(run));
    }

    [Fact]
    public void DocWithEveryCharacterXmlCanHold_IsKeptAsWritten()
    {
        // Every UTF-16 code unit XML 1.0 allows, except the line breaks above, and a surrogate pair.
        var doc = new StringBuilder("Tab\t");
        for (var c = ' '; c < '\uFFFE'; c++)
        {
            if (!char.IsSurrogate(c) && c is not ('\u0085' or '\u2028' or '\u2029'))
            {
                doc.Append(c);
            }
        }

        doc.Append("\U0001F600");
        var run = RunWithDoc(JsonSerializer.Serialize(doc.ToString()));

        GeneratorHarness.AssertCompilesCleanly(run);
        Assert.Equal(doc.ToString(), SummaryOfSent(run));
    }

    [Fact]
    public void SameSignalNameInTwoSchemas_UnqualifiedReceiver_BindsToTheSchemaItsUsingImports()
    {
        // Both schemas declare UserLoggedIn. The receiver's file imports only Good.Auth, so C# reads
        // Signal.UserLoggedIn as Good.Auth's, and so must the generator: the receiver compiles, so
        // leaving it out of the table would silently never call it.
        const string other = """
            { "namespace": "Other.Auth", "signals": { "UserLoggedIn": { "args": { "user": "string" } } } }
            """;
        var run = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("App", OutputKind.ConsoleApplication, [ValidReceivers, "System.Console.WriteLine();"]),
            [GeneratorHarness.Schema("good.signals.json", ValidSchema), GeneratorHarness.Schema("other.signals.json", other)]);

        GeneratorHarness.AssertCompilesCleanly(run);
        Assert.Contains("OnLogin_UserLoggedIn", run.Source("Good.Auth.DispatchTable.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain("OnLogin_UserLoggedIn", run.Sources.Where(s => s.HintName == "Other.Auth.DispatchTable.g.cs").Select(s => s.Text).SingleOrDefault() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void SignalNamedThroughAUsingAlias_IsBound()
    {
        // using AuthSignal = Good.Auth.Signal; is ordinary C#, and the receiver compiles.
        const string receivers = """
            using SignalGen;
            using AuthSignal = Good.Auth.Signal;

            namespace Good;

            public static class Aliased
            {
                [Receiver(AuthSignal.UserLoggedIn)]
                public static void ViaAlias(string user) { }
            }
            """;
        var run = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("App", OutputKind.ConsoleApplication, [receivers, "System.Console.WriteLine();"]),
            [GeneratorHarness.Schema("good.signals.json", ValidSchema)]);

        GeneratorHarness.AssertCompilesCleanly(run);
        Assert.Contains("ViaAlias_UserLoggedIn", run.Source("Good.Auth.DispatchTable.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void SignalNamedThroughUsingStatic_IsBound()
    {
        const string receivers = """
            using SignalGen;
            using static Good.Auth.Signal;

            namespace Good;

            public static class Imported
            {
                [Receiver(UserLoggedOut)]
                public static void ViaUsingStatic(string user) { }
            }
            """;
        var run = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("App", OutputKind.ConsoleApplication, [receivers, "System.Console.WriteLine();"]),
            [GeneratorHarness.Schema("good.signals.json", ValidSchema)]);

        GeneratorHarness.AssertCompilesCleanly(run);
        Assert.Contains("ViaUsingStatic_UserLoggedOut", run.Source("Good.Auth.DispatchTable.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void TwoReceiversWithTheSameMethodName_GetDistinctThunks()
    {
        const string receivers = """
            using Good.Auth;
            using SignalGen;

            namespace Good;

            public static class First { [Receiver(Signal.UserLoggedIn)] public static void On(string user) { } }

            public static class Second { [Receiver(Signal.UserLoggedIn)] public static void On(string ip) { } }

            public static class Third { [Receiver(Signal.UserLoggedIn)] public static void On() { } }
            """;
        var run = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("App", OutputKind.ConsoleApplication, [receivers, "System.Console.WriteLine();"]),
            [GeneratorHarness.Schema("good.signals.json", ValidSchema)]);

        GeneratorHarness.AssertCompilesCleanly(run);
        var thunks = run.Source("SignalGen.ReceiverThunks.g.cs");
        Assert.Contains("=> global::Good.First.On(signal.User);", thunks, StringComparison.Ordinal);
        Assert.Contains("=> global::Good.Second.On(signal.Ip);", thunks, StringComparison.Ordinal);
        Assert.Contains("=> global::Good.Third.On();", thunks, StringComparison.Ordinal);
        Assert.Contains("global::Good.Auth.Signal.UserLoggedIn => 3,", run.Source("Good.Auth.DispatchTable.g.cs"), StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Generates a schema whose one signal, Sent, has <paramref name="docJson"/> (a JSON string) as its doc.</summary>
    private static GeneratorRun RunWithDoc(string docJson) =>
        GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("Lib", OutputKind.DynamicallyLinkedLibrary, ["namespace Lib; public static class C { }"]),
            [GeneratorHarness.Schema("docs.signals.json", "{ \"namespace\": \"Docs\", \"signals\": { \"Sent\": { \"doc\": " + docJson + " } } }")]);

    /// <summary>The summary of the generated Sent type as C# reads its XML doc comment.</summary>
    private static string SummaryOfSent(GeneratorRun run)
    {
        var xml = run.OutputCompilation.GetTypeByMetadataName("Docs.Sent")!.GetDocumentationCommentXml(cancellationToken: TestContext.Current.CancellationToken);
        return XElement.Parse(xml!).Element("summary")!.Value;
    }

    /// <summary>
    /// Asserts that generated files have no error or warning, and that the test's own sources have exactly
    /// the expected errors (by ID, in any order), for inputs that cannot compile by design.
    /// </summary>
    private static void AssertErrorsOnlyInOwnCode(GeneratorRun run, params string[] expectedIds)
    {
        var ownTrees = run.InputCompilation.SyntaxTrees.ToHashSet();
        var problems = run.OutputCompilation.GetDiagnostics(TestContext.Current.CancellationToken)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591")
            .ToList();
        var inGenerated = problems.Where(d => d.Location.SourceTree is not { } tree || !ownTrees.Contains(tree)).ToList();
        if (inGenerated.Count > 0)
        {
            throw new XunitException("Generated code has errors or warnings:" + Environment.NewLine + GeneratorHarness.Describe(inGenerated));
        }

        var own = problems.Select(d => d.Id).Order(StringComparer.Ordinal).ToArray();
        Assert.True(
            own.SequenceEqual(expectedIds.Order(StringComparer.Ordinal)),
            "Expected in own code: " + string.Join(", ", expectedIds) + Environment.NewLine + GeneratorHarness.Describe(problems));
    }
}
