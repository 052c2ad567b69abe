using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SignalGen.Analyzers.Tests.Infrastructure;
using SignalGen.Diagnostics;
using Xunit;

namespace SignalGen.Analyzers.Tests.Schema;

/// <summary>
/// Schema diagnostics are reported by the generator inside the <c>*.signals.json</c> file at their
/// 1-based line and column (no analyzer takes part: <see cref="EmptyDiagnosticAnalyzer"/>). Schemas are
/// written one signal per line; each test counts its columns in a comment.
/// </summary>
public sealed class SchemaDiagnosticsTests
{
    private const string Path = TestCompilation.SchemaPath;

    [Fact]
    public Task ValidSchema_IsSilent() => Verify(TestCompilation.Schema);

    [Fact]
    public Task InvalidJson_IsReportedAtTheTrailingComma() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"signals\": { \"A\": {}, }",
            "}"),
        // Line 3: ' ' 1-2, "signals" 3-11, ':' 12, ' ' 13, '{' 14, ' ' 15, "A" 16-18, ':' 19, ' ' 20, '{}' 21-22, ',' 23.
        At(SignalGenDiagnostics.InvalidJson, 3, 23, 3, 24));

    [Fact]
    public Task UnknownField_IsReportedAtItsName() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"version\": 2,",
            "  \"signals\": {}",
            "}"),
        At(SignalGenDiagnostics.UnknownField, 3, 3, 3, 12));

    [Fact]
    public Task MissingField_IsReportedAtTheOpeningBrace() => Verify(
        Lines(
            "{",
            "  \"signals\": {}",
            "}"),
        At(SignalGenDiagnostics.MissingField, 1, 1, 1, 2));

    [Fact]
    public Task WrongValueType_IsReportedAtTheValue() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"signals\": {",
            "    \"A\": { \"internal\": \"yes\" }",
            "  }",
            "}"),
        // Line 4: "A" 5-7, ':' 8, ' ' 9, '{' 10, ' ' 11, "internal" 12-21, ':' 22, ' ' 23, "yes" 24-28.
        At(SignalGenDiagnostics.WrongValueType, 4, 24, 4, 29));

    [Fact]
    public Task DuplicateField_IsReportedAtTheSecondName() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"signals\": {",
            "    \"A\": { \"doc\": \"x\", \"doc\": \"y\" }",
            "  }",
            "}"),
        // Line 4: "A" 5-7, ':' 8, ' ' 9, '{' 10, ' ' 11, "doc" 12-16, ':' 17, ' ' 18, "x" 19-21, ',' 22, ' ' 23, "doc" 24-28.
        At(SignalGenDiagnostics.DuplicateField, 4, 24, 4, 29));

    [Fact]
    public Task DuplicateField_RepeatedUsing_IsReportedAtTheSecondEntry() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"usings\": [\"System\", \"System\"],",
            "  \"signals\": {}",
            "}"),
        // Line 3: "usings" 3-10, ':' 11, ' ' 12, '[' 13, "System" 14-21, ',' 22, ' ' 23, "System" 24-31.
        At(SignalGenDiagnostics.DuplicateField, 3, 24, 3, 32));

    [Fact]
    public Task DuplicateSignal_IsReportedAtTheSecondDeclaration() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"signals\": {",
            "    \"UserLoggedIn\": {},",
            "    \"UserLoggedIn\": {}",
            "  }",
            "}"),
        At(SignalGenDiagnostics.DuplicateSignal, 5, 5, 5, 19));

    [Fact]
    public Task DuplicateArgument_IsReportedAtTheSecondName() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"signals\": {",
            "    \"A\": { \"args\": { \"user\": \"string\", \"User\": \"string\" } }",
            "  }",
            "}"),
        // Line 4: "A" 5-7, ':' 8, ' ' 9, '{' 10, ' ' 11, "args" 12-17, ':' 18, ' ' 19, '{' 20, ' ' 21, "user" 22-27, ':' 28, ' ' 29,
        // "string" 30-37, ',' 38, ' ' 39, "User" 40-45.
        At(SignalGenDiagnostics.DuplicateArgument, 4, 40, 4, 46));

    [Fact]
    public Task InvalidName_IsReportedAtTheName() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"signals\": {",
            "    \"user-signed-up\": {}",
            "  }",
            "}"),
        At(SignalGenDiagnostics.InvalidName, 4, 5, 4, 21));

    [Fact]
    public Task InvalidName_FormattingCharacterInAName_IsReportedAtTheName() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"signals\": {",
            "    \"UserLoggedIn\": {},",
            "    \"User\\u200BLoggedIn\": {},",
            "    \"UserLoggedOut\": { \"args\": { \"us\\u200Ber\": \"string\" } }",
            "  }",
            "}"),
        // Line 5: the name with its 6-character escape, quotes included, is 5-24.
        At(SignalGenDiagnostics.InvalidName, 5, 5, 5, 25),
        // Line 6: "UserLoggedOut" 5-19, ':' 20, ' ' 21, '{' 22, ' ' 23, "args" 24-29, ':' 30, ' ' 31, '{' 32, ' ' 33, name 34-45.
        At(SignalGenDiagnostics.InvalidName, 6, 34, 6, 46));

    [Fact]
    public Task InvalidName_LowerCaseTypeParameter_IsReportedAtItsName() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"typeParameters\": { \"tuser\": \"class\" },",
            "  \"signals\": {}",
            "}"),
        // Line 3: "typeParameters" 3-18, ':' 19, ' ' 20, '{' 21, ' ' 22, "tuser" 23-29.
        At(SignalGenDiagnostics.InvalidName, 3, 23, 3, 30));

    [Fact]
    public Task InvalidName_ArgumentWhosePropertyIsTheTypeParameter_IsReportedAtItsName() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"typeParameters\": { \"TUser\": \"class\" },",
            "  \"signals\": {",
            "    \"A\": { \"args\": { \"tUser\": \"TUser\" } }",
            "  }",
            "}"),
        // Line 5: "A" 5-7, ':' 8, ' ' 9, '{' 10, ' ' 11, "args" 12-17, ':' 18, ' ' 19, '{' 20, ' ' 21, "tUser" 22-28.
        At(SignalGenDiagnostics.InvalidName, 5, 22, 5, 29));

    [Fact]
    public Task InvalidTypeSyntax_IsReportedAtTheTypeString() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"signals\": {",
            "    \"A\": { \"args\": { \"user\": \"List<\" } }",
            "  }",
            "}"),
        // Line 4: ... "user" 22-27, ':' 28, ' ' 29, "List<" 30-36.
        At(SignalGenDiagnostics.InvalidTypeSyntax, 4, 30, 4, 37));

    [Fact]
    public Task UnresolvedArgumentType_IsReportedAtTheTypeString() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"signals\": {",
            "    \"Ok\": { \"args\": { \"user\": \"Contoso.Data.AppUser\" } },",
            "    \"A\": { \"args\": { \"user\": \"AppUsr\", \"roles\": \"List<Role>\" } }",
            "  }",
            "}"),
        CompilerDiagnostics.None,
        // Line 5: ... "user" 22-27, ':' 28, ' ' 29, "AppUsr" 30-37, ',' 38, ' ' 39, "roles" 40-46, ':' 47, ' ' 48, "List<Role>" 49-60.
        At(SignalGenDiagnostics.UnresolvedArgumentType, 5, 30, 5, 38).WithArguments(
            "AppUsr", "user", "A", "does not resolve in namespace Contoso.Auth; add its namespace to \"usings\" or write it fully qualified"),
        At(SignalGenDiagnostics.UnresolvedArgumentType, 5, 49, 5, 61).WithArguments(
            "List<Role>", "roles", "A", "does not resolve in namespace Contoso.Auth; add its namespace to \"usings\" or write it fully qualified"));

    [Fact]
    public Task UnresolvedArgumentType_UsedByManyArguments_IsReportedAtEachOne_InSchemaOrder() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"signals\": {",
            "    \"A\": { \"args\": { \"user\": \"AppUsr\" } },",
            "    \"B\": { \"args\": { \"by\": \"AppUsr\", \"user\": \"AppUsr\" } }",
            "  }",
            "}"),
        CompilerDiagnostics.None,
        // Line 4: ... "user" 22-27, ':' 28, ' ' 29, "AppUsr" 30-37.
        // Line 5: ... "by" 22-25, ':' 26, ' ' 27, "AppUsr" 28-35, ',' 36, ' ' 37, "user" 38-43, ':' 44, ' ' 45, "AppUsr" 46-53.
        At(SignalGenDiagnostics.UnresolvedArgumentType, 4, 30, 4, 38).WithArguments(
            "AppUsr", "user", "A", "does not resolve in namespace Contoso.Auth; add its namespace to \"usings\" or write it fully qualified"),
        At(SignalGenDiagnostics.UnresolvedArgumentType, 5, 28, 5, 36).WithArguments(
            "AppUsr", "by", "B", "does not resolve in namespace Contoso.Auth; add its namespace to \"usings\" or write it fully qualified"),
        At(SignalGenDiagnostics.UnresolvedArgumentType, 5, 46, 5, 54).WithArguments(
            "AppUsr", "user", "B", "does not resolve in namespace Contoso.Auth; add its namespace to \"usings\" or write it fully qualified"));

    [Fact]
    public Task UnresolvedArgumentType_Misspelt_SuggestsTheClosestTypeInScope() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"usings\": [\"System\"],",
            "  \"signals\": {",
            "    \"A\": { \"args\": { \"when\": \"DateTimeOfset\", \"at\": \"System.DateTimeOfset\" } }",
            "  }",
            "}"),
        CompilerDiagnostics.None,
        // Line 5: ... "when" 22-27, ':' 28, ' ' 29, "DateTimeOfset" 30-44, ',' 45, ' ' 46, "at" 47-50, ':' 51, ' ' 52, "System.DateTimeOfset" 53-74.
        At(SignalGenDiagnostics.UnresolvedArgumentType, 5, 30, 5, 45).WithArguments(
            "DateTimeOfset", "when", "A", "does not resolve in namespace Contoso.Auth; did you mean 'DateTimeOffset'?"),
        At(SignalGenDiagnostics.UnresolvedArgumentType, 5, 53, 5, 75).WithArguments(
            "System.DateTimeOfset", "at", "A", "does not resolve in namespace Contoso.Auth; did you mean 'DateTimeOffset'?"));

    [Fact]
    public Task UnresolvedArgumentType_InANamespaceNotImported_NamesItWhole() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"signals\": {",
            "    \"A\": { \"args\": { \"user\": \"AppUser\" } }",
            "  }",
            "}"),
        CompilerDiagnostics.None,
        // Line 4: ... "user" 22-27, ':' 28, ' ' 29, "AppUser" 30-38.
        At(SignalGenDiagnostics.UnresolvedArgumentType, 4, 30, 4, 39).WithArguments(
            "AppUser", "user", "A", "does not resolve in namespace Contoso.Auth; did you mean 'Contoso.Data.AppUser'? Add its namespace to \"usings\" or write it fully qualified"));

    [Fact]
    public Task ArgumentOfAnInternalType_WouldMakeThePublicSignalInconsistent_IsReported() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"usings\": [\"Contoso.Data\"],",
            "  \"signals\": {",
            "    \"A\": { \"args\": { \"key\": \"Secret\" } }",
            "  }",
            "}"),
        CompilerDiagnostics.None,
        // Line 5: ... "key" 22-26, ':' 27, ' ' 28, "Secret" 29-36.
        At(SignalGenDiagnostics.UnresolvedArgumentType, 5, 29, 5, 37).WithArguments(
            "Secret", "key", "A", "is not public (Contoso.Data.Secret is internal), but the generated signal type is public; make it public"));

    [Fact]
    public async Task ArgumentTypeInternalToAReferencedAssembly_IsReportedAsInaccessible()
    {
        var library = TestCompilation.BuildLibrary("Contoso.Library", Lines("{", "  \"namespace\": \"Contoso.Library.Auth\",", "  \"signals\": {}", "}"), "namespace Contoso.Library { internal sealed class Token { } }");
        var test = new SignalGenAnalyzerTest<EmptyDiagnosticAnalyzer>
        {
            TestState =
            {
                Sources = { "public static class App { }" },
                AdditionalFiles =
                {
                    (Path, Lines(
                        "{",
                        "  \"namespace\": \"Contoso.Auth\",",
                        "  \"signals\": {",
                        "    \"A\": { \"args\": { \"token\": \"Contoso.Library.Token\" } }",
                        "  }",
                        "}")),
                },
            },
            ExpectedDiagnostics =
            {
                // Line 4: ... "token" 22-28, ':' 29, ' ' 30, "Contoso.Library.Token" 31-53.
                new DiagnosticResult(SignalGenDiagnostics.UnresolvedArgumentType).WithSpan(Path, 4, 31, 4, 54).WithArguments(
                    "Contoso.Library.Token", "token", "A", "is not accessible here: Contoso.Library.Token is internal in Contoso.Library"),
            },
        };
        test.TestState.AdditionalReferences.Add(library);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task SignalWithAnUnresolvedArgumentType_IsNotGenerated_AndItsReceiversGetOnlyTheCompilersError()
    {
        // No SGEN0101 at the receiver: the signal exists in the schema; SGEN0010 is the mistake to fix.
        var test = new SignalGenAnalyzerTest<EmptyDiagnosticAnalyzer>
        {
            TestState =
            {
                Sources =
                {
                    TestCompilation.AppTypes,
                    """
                    using Contoso.Auth;
                    using SignalGen;

                    public static class R
                    {
                        [Receiver(Signal.{|#0:A|})]
                        public static void M(string user) { }
                    }
                    """,
                },
                AdditionalFiles = { (Path, Lines("{", "  \"namespace\": \"Contoso.Auth\",", "  \"signals\": {", "    \"A\": { \"args\": { \"user\": \"AppUsr\" } }", "  }", "}")) },
            },
            ExpectedDiagnostics =
            {
                new DiagnosticResult(SignalGenDiagnostics.UnresolvedArgumentType).WithSpan(Path, 4, 30, 4, 38).WithMessage(null),
                DiagnosticResult.CompilerError("CS0117").WithLocation(0).WithArguments("Contoso.Auth.Signal", "A"),
            },
        };
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task ArgumentOfARefStructType_IsReported() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"usings\": [\"System\"],",
            "  \"signals\": {",
            "    \"A\": { \"args\": { \"data\": \"Span<byte>\" } }",
            "  }",
            "}"),
        CompilerDiagnostics.None,
        // Line 5: ... "data" 22-27, ':' 28, ' ' 29, "Span<byte>" 30-41.
        At(SignalGenDiagnostics.UnresolvedArgumentType, 5, 30, 5, 42).WithArguments("Span<byte>", "data", "A", "is a ref struct, which a signal cannot store"));

    [Fact]
    public Task InvalidMode_IsReportedAtTheValue() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"signals\": {",
            "    \"A\": { \"mode\": \"quiet\" }",
            "  }",
            "}"),
        // Line 4: "A" 5-7, ':' 8, ' ' 9, '{' 10, ' ' 11, "mode" 12-17, ':' 18, ' ' 19, "quiet" 20-26.
        At(SignalGenDiagnostics.InvalidMode, 4, 20, 4, 27));

    [Fact]
    public async Task DuplicateNamespace_IsReportedInTheFileWhosePathSortsLater()
    {
        var test = new SignalGenAnalyzerTest<EmptyDiagnosticAnalyzer>
        {
            TestState =
            {
                Sources = { TestCompilation.AppTypes },
                AdditionalFiles =
                {
                    (Path, TestCompilation.Schema),
                    ("more.signals.json", Lines("{", "  \"namespace\": \"Contoso.Auth\",", "  \"signals\": {}", "}")),
                    ("zzz.signals.json", Lines("{", "  \"namespace\": \"Contoso.Auth\",", "  \"signals\": {}", "}")),
                },
            },
            ExpectedDiagnostics =
            {
                // The generator keeps auth.signals.json, first in ordinal path order, whatever order the host lists files in.
                new DiagnosticResult(SignalGenDiagnostics.DuplicateNamespace).WithSpan("more.signals.json", 2, 16, 2, 30).WithArguments("Contoso.Auth", "the schema " + Path),
                new DiagnosticResult(SignalGenDiagnostics.DuplicateNamespace).WithSpan("zzz.signals.json", 2, 16, 2, 30).WithArguments("Contoso.Auth", "the schema " + Path),
            },
        };
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task NamespaceOfAReferencedSchema_IsReported()
    {
        var library = TestCompilation.BuildLibrary("Contoso.Auth.Library", TestCompilation.Schema, TestCompilation.AppTypes);
        var test = new SignalGenAnalyzerTest<EmptyDiagnosticAnalyzer>
        {
            TestState =
            {
                Sources = { "public static class App { }" },
                AdditionalFiles = { (Path, Lines("{", "  \"namespace\": \"Contoso.Auth\",", "  \"signals\": {}", "}")) },
            },
            CompilerDiagnostics = CompilerDiagnostics.None,
            ExpectedDiagnostics =
            {
                new DiagnosticResult(SignalGenDiagnostics.DuplicateNamespace).WithSpan(Path, 2, 16, 2, 30).WithArguments("Contoso.Auth", "the referenced assembly Contoso.Auth.Library"),
            },
        };
        test.TestState.AdditionalReferences.Add(library);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task EveryErrorOfAFile_IsReported_NotJustTheFirst() => Verify(
        Lines(
            "{",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"signals\": {",
            "    \"a-b\": {},",
            "    \"C\": { \"mode\": \"loud\" }",
            "  }",
            "}"),
        At(SignalGenDiagnostics.InvalidName, 4, 5, 4, 10),
        // Line 5: "C" 5-7, ':' 8, ' ' 9, '{' 10, ' ' 11, "mode" 12-17, ':' 18, ' ' 19, "loud" 20-25.
        At(SignalGenDiagnostics.InvalidMode, 5, 20, 5, 26));

    private static string Lines(params string[] lines) => string.Join("\n", lines);

    // Schema reader messages are checked in the generator's schema tests; here the ID, file, line and column matter.
    private static DiagnosticResult At(DiagnosticDescriptor descriptor, int startLine, int startColumn, int endLine, int endColumn) =>
        new DiagnosticResult(descriptor).WithSpan(Path, startLine, startColumn, endLine, endColumn).WithMessage(null);

    private static Task Verify(string schema, params DiagnosticResult[] expected) => Verify(schema, CompilerDiagnostics.Errors, expected);

    private static async Task Verify(string schema, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        var test = new SignalGenAnalyzerTest<EmptyDiagnosticAnalyzer>
        {
            TestState =
            {
                Sources = { TestCompilation.AppTypes },
                AdditionalFiles = { (Path, schema) },
            },
            CompilerDiagnostics = compilerDiagnostics,
        };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }
}
