using System;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using SignalGen.Schema;
using SignalGen.Schema.Model;
using Xunit;

namespace SignalGen.Generator.Tests.Schema;

/// <summary>
/// <see cref="SchemaParser"/>: every error kind at its exact one-based line and column, what survives an
/// error, and what the format accepts. Schemas are written one string per line so the expected columns
/// can be counted by eye; each test counts them in a comment.
/// </summary>
public sealed class SchemaParserTests
{
    // ---------------------------------------------------------------- a valid schema

    [Fact]
    public void ValidSchema_IsReadWhole_InDeclarationOrder()
    {
        var result = Parse(
            "{",
            "  \"$schema\": \"../signals.schema.json\",",
            "  \"namespace\": \"Contoso.Auth\",",
            "  \"usings\": [\"System.Collections.Generic\", \"Contoso.Data\"],",
            "  \"signals\": {",
            "    \"Zeta\": { \"args\": { \"z\": \"int\", \"a\": \"string\", \"m\": \"bool\" } },",
            "    \"Alpha\": { \"group\": \"account\", \"doc\": \"Sent first.\", \"internal\": true, \"mode\": \"robust\", \"args\": {} },",
            "    \"Mid\": { \"args\": { \"user\": \"AppUser?\" } }",
            "  }",
            "}");

        Assert.Empty(result.Errors);
        var schema = Assert.IsType<SchemaModel>(result.Schema);
        Assert.Equal("Contoso.Auth", schema.Namespace);
        Assert.False(schema.IsReferenced);
        Assert.Equal(["System.Collections.Generic", "Contoso.Data"], schema.Usings);

        // Declaration order, not alphabetical: the enum and the table follow it.
        Assert.Equal(["Zeta", "Alpha", "Mid"], schema.Signals.Select(s => s.Name));
        Assert.Equal(["z", "a", "m"], schema.Signals[0].Arguments.Select(a => a.Name));
        Assert.Equal(["int", "string", "bool"], schema.Signals[0].Arguments.Select(a => a.TypeName));
        Assert.Equal(["Z", "A", "M"], schema.Signals[0].Arguments.Select(a => a.PropertyName));

        var alpha = schema.Signals[1];
        Assert.Equal("Sent first.", alpha.Doc);
        Assert.Equal("account", alpha.Group);
        Assert.True(alpha.IsInternal);
        Assert.Equal(SignalMode.Robust, alpha.Mode);
        Assert.Empty(alpha.Arguments);

        var mid = schema.Signals[2];
        Assert.Null(mid.Doc);
        Assert.Null(mid.Group);
        Assert.False(mid.IsInternal);
        Assert.Equal(SignalMode.Veto, mid.Mode);
        Assert.Equal("AppUser?", Assert.Single(mid.Arguments).TypeName);
    }

    [Fact]
    public void EmptySignalsObject_IsAValidSchemaWithNoSignals()
    {
        var result = Parse("{ \"namespace\": \"A\", \"signals\": {} }");

        Assert.Empty(result.Errors);
        Assert.Empty(Assert.IsType<SchemaModel>(result.Schema).Signals);
    }

    [Fact]
    public void Path_IsKept()
    {
        var result = SchemaParser.Parse("/src/auth.signals.json", SourceText.From("{ \"namespace\": \"A\", \"signals\": {} }"), TestContext.Current.CancellationToken);

        Assert.Equal("/src/auth.signals.json", result.Path);
    }

    [Theory]
    [InlineData("auth.signals.json", true)]
    [InlineData("/repo/src/Auth.Signals.JSON", true)]
    [InlineData("C:\\repo\\auth.signals.json", true)]
    [InlineData("signals.json", false)]
    [InlineData("auth.signals.json.bak", false)]
    [InlineData("auth.json", false)]
    [InlineData("auth.signals.jsonc", false)]
    public void IsSchemaFile_MatchesTheSuffixOnly(string path, bool expected)
    {
        Assert.Equal(expected, SchemaParser.IsSchemaFile(path));
    }

    [Fact]
    public void CrLfLineEnds_GiveTheSameLinesAndColumns()
    {
        string[] lines =
        [
            "{",
            "  \"namespace\": \"A\",",
            "  \"signals\": {",
            "    \"X\": { \"mode\": \"strict\" }",
            "  }",
            "}",
        ];

        var lf = Parse(string.Join("\n", lines));
        var crlf = Parse(string.Join("\r\n", lines));

        // Line 4: 4 spaces, "X" at 5-7, ':' 8, ' ' 9, '{' 10, ' ' 11, "mode" 12-17, ':' 18, ' ' 19, "strict" at 20.
        AssertError(lf, "InvalidMode", 4, 20);
        AssertError(crlf, "InvalidMode", 4, 20);
    }

    // ---------------------------------------------------------------- every error kind, with its position

    [Fact]
    public void InvalidJson_TrailingComma_IsReportedAtTheComma_AndNothingIsKept()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"signals\": {",
            "    \"X\": { \"args\": { \"a\": \"int\", } }",
            "  }",
            "}");

        // Line 4: 4 spaces, "X" 5-7, ':' 8, ' ' 9, '{' 10, ' ' 11, "args" 12-17, ':' 18, ' ' 19, '{' 20,
        // ' ' 21, "a" 22-24, ':' 25, ' ' 26, "int" 27-31, ',' at 32.
        AssertOnlyError(result, "InvalidJson", 4, 32);
        Assert.Null(result.Schema);
    }

    [Fact]
    public void InvalidJson_Truncated_IsReportedAtTheEnd()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\"");

        // Line 2 is 18 characters long (2 spaces, "namespace" 11, ':', ' ', "A" 3): the end is column 19.
        AssertOnlyError(result, "InvalidJson", 2, 19);
        Assert.Null(result.Schema);
    }

    [Fact]
    public void InvalidJson_EmptyText_IsReportedAtTheStart()
    {
        var result = Parse(string.Empty);

        AssertOnlyError(result, "InvalidJson", 1, 1);
        Assert.Null(result.Schema);
    }

    [Fact]
    public void UnknownField_AtTopLevel_AndInASignal_DropsOnlyThatSignal()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"version\": 2,",
            "  \"signals\": {",
            "    \"Good\": { \"args\": { \"a\": \"int\" } },",
            "    \"Bad\": { \"argz\": { \"a\": \"int\" } }",
            "  }",
            "}");

        // "version" starts at column 3 of line 3; line 6: 4 spaces, "Bad" 5-9, ':' 10, ' ' 11, '{' 12, ' ' 13, "argz" at 14.
        AssertErrors(result, ("UnknownField", 3, 3), ("UnknownField", 6, 14));
        Assert.Contains("version", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("argz", result.Errors[1].Message, StringComparison.Ordinal);

        // An unknown top-level field costs nothing else; the signal with the typo is left out, its neighbour stays.
        Assert.Equal(["Good"], SignalNames(result));
    }

    [Fact]
    public void MissingField_Namespace_IsReportedAtTheOpeningBrace_AndNothingIsKept()
    {
        var result = Parse(
            "",
            "  {",
            "    \"signals\": { \"X\": { \"args\": {} } }",
            "  }");

        // The root object's '{' is on line 2, column 3.
        AssertOnlyError(result, "MissingField", 2, 3);
        Assert.Contains("namespace", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Null(result.Schema);
    }

    [Fact]
    public void MissingField_Signals_IsReportedAtTheOpeningBrace_AndTheSchemaIsEmpty()
    {
        var result = Parse(
            "",
            "",
            "    {  \"namespace\": \"A\" }");

        AssertOnlyError(result, "MissingField", 3, 5);
        Assert.Contains("signals", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Empty(Assert.IsType<SchemaModel>(result.Schema).Signals);
    }

    [Fact]
    public void MissingField_Both_AreTwoErrorsAtTheBrace()
    {
        var result = Parse("{ }");

        AssertErrors(result, ("MissingField", 1, 1), ("MissingField", 1, 1));
        Assert.Null(result.Schema);
    }

    [Fact]
    public void WrongValueType_IsReportedAtTheValue()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"signals\": {",
            "    \"Flag\": { \"internal\": \"yes\", \"args\": {} },",
            "    \"ArgsArray\": { \"args\": [] },",
            "    \"ArgNumber\": { \"args\": { \"a\": 5 } },",
            "    \"NullBody\": null,",
            "    \"DocNumber\": { \"doc\": 1 },",
            "    \"Good\": { \"args\": { \"a\": \"int\" } }",
            "  }",
            "}");

        AssertErrors(
            result,
            // Line 4: "Flag" 5-10, ':' 11, ' ' 12, '{' 13, ' ' 14, "internal" 15-24, ':' 25, ' ' 26, "yes" at 27.
            ("WrongValueType", 4, 27),
            // Line 5: "ArgsArray" 5-15, ':' 16, ' ' 17, '{' 18, ' ' 19, "args" 20-25, ':' 26, ' ' 27, '[' at 28.
            ("WrongValueType", 5, 28),
            // Line 6: "ArgNumber" 5-15, ':' 16, ' ' 17, '{' 18, ' ' 19, "args" 20-25, ':' 26, ' ' 27, '{' 28, ' ' 29, "a" 30-32, ':' 33, ' ' 34, 5 at 35.
            ("WrongValueType", 6, 35),
            // Line 7: "NullBody" 5-14, ':' 15, ' ' 16, null at 17.
            ("WrongValueType", 7, 17),
            // Line 8: "DocNumber" 5-15, ':' 16, ' ' 17, '{' 18, ' ' 19, "doc" 20-24, ':' 25, ' ' 26, 1 at 27.
            ("WrongValueType", 8, 27));
        Assert.Equal(["Good"], SignalNames(result));
    }

    [Fact]
    public void WrongValueType_Namespace_DropsTheSchema()
    {
        var result = Parse(
            "{",
            "  \"namespace\": 42,",
            "  \"signals\": {}",
            "}");

        // Line 2: 2 spaces, "namespace" 3-13, ':' 14, ' ' 15, 42 at 16.
        AssertOnlyError(result, "WrongValueType", 2, 16);
        Assert.Null(result.Schema);
    }

    [Fact]
    public void WrongValueType_RootIsNotAnObject()
    {
        var result = Parse(
            "",
            " [ { \"namespace\": \"A\" } ]");

        AssertOnlyError(result, "WrongValueType", 2, 2);
        Assert.Null(result.Schema);
    }

    [Fact]
    public void DuplicateField_IsReportedAtTheSecondName_AndDropsTheSignal()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"signals\": {",
            "    \"Good\": { \"args\": {} },",
            "    \"Twice\": {",
            "      \"doc\": \"one\",",
            "      \"doc\": \"two\",",
            "      \"args\": {}",
            "    }",
            "  }",
            "}");

        AssertOnlyError(result, "DuplicateField", 7, 7);
        Assert.Equal(["Good"], SignalNames(result));
    }

    [Fact]
    public void DuplicateField_AtTopLevel_KeepsTheFirstValue()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"First\",",
            "  \"signals\": {},",
            "  \"namespace\": \"Second\"",
            "}");

        AssertOnlyError(result, "DuplicateField", 4, 3);
        Assert.Equal("First", Assert.IsType<SchemaModel>(result.Schema).Namespace);
    }

    [Fact]
    public void DuplicateSignal_IsReportedAtTheSecondName_AndTheFirstIsKept()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"signals\": {",
            "    \"Login\": { \"args\": { \"first\": \"int\" } },",
            "    \"Logout\": { \"args\": {} },",
            "      \"Login\": { \"args\": { \"second\": \"int\" } }",
            "  }",
            "}");

        AssertOnlyError(result, "DuplicateSignal", 6, 7);
        var schema = Assert.IsType<SchemaModel>(result.Schema);
        Assert.Equal(["Login", "Logout"], schema.Signals.Select(s => s.Name));
        Assert.Equal("first", Assert.Single(schema.Signals[0].Arguments).Name);
    }

    [Fact]
    public void DuplicateArgument_SameName_IsReportedAtTheSecond()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"signals\": {",
            "    \"X\": { \"args\": { \"user\": \"int\", \"user\": \"string\" } },",
            "    \"Y\": { \"args\": { \"user\": \"int\" } }",
            "  }",
            "}");

        // Line 4: "X" 5-7, ':' 8, ' ' 9, '{' 10, ' ' 11, "args" 12-17, ':' 18, ' ' 19, '{' 20, ' ' 21,
        // "user" 22-27, ':' 28, ' ' 29, "int" 30-34, ',' 35, ' ' 36, second "user" at 37.
        AssertOnlyError(result, "DuplicateArgument", 4, 37);
        Assert.Equal(["Y"], SignalNames(result));
    }

    [Fact]
    public void DuplicateArgument_ByFirstLetterCase_IsRejected_BecauseBothMakeTheSameProperty()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"signals\": {",
            "    \"X\": { \"args\": { \"user\": \"int\", \"User\": \"string\" } },",
            "    \"Y\": { \"args\": { \"user\": \"int\", \"uSER\": \"string\" } }",
            "  }",
            "}");

        // "user" and "User" both give the property User: rejected at "User" (column 37, as above).
        // "user" and "uSER" give User and USER: two different properties, accepted.
        AssertOnlyError(result, "DuplicateArgument", 4, 37);
        var y = Assert.Single(Assert.IsType<SchemaModel>(result.Schema).Signals);
        Assert.Equal(["User", "USER"], y.Arguments.Select(a => a.PropertyName));
    }

    [Fact]
    public void InvalidName_Namespace_IsReportedAtTheValue_AndDropsTheSchema()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"My-App.Auth\",",
            "  \"signals\": { \"X\": { \"args\": {} } }",
            "}");

        AssertOnlyError(result, "InvalidName", 2, 16);
        Assert.Null(result.Schema);
    }

    [Theory]
    [InlineData("")]
    [InlineData("My.")]
    [InlineData(".My")]
    [InlineData("My..Auth")]
    [InlineData("My.class")]
    [InlineData("global::My")]
    [InlineData("My Auth")]
    [InlineData("1Auth")]
    public void InvalidName_NamespaceShapes_AreRejected(string ns)
    {
        var result = Parse("{ \"namespace\": \"" + ns + "\", \"signals\": {} }");

        AssertOnlyError(result, "InvalidName", 1, 16);
        Assert.Null(result.Schema);
    }

    [Fact]
    public void InvalidName_SignalAndArgumentNames_AreReportedAtTheName()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"signals\": {",
            "    \"9Lives\": { \"args\": {} },",
            "    \"class\": { \"args\": {} },",
            "    \"Ok\": { \"args\": { \"first-name\": \"string\" } },",
            "    \"Good\": { \"args\": {} }",
            "  }",
            "}");

        AssertErrors(
            result,
            ("InvalidName", 4, 5),
            // A keyword can be an argument (it is escaped) but not a type name.
            ("InvalidName", 5, 5),
            // Line 6: "Ok" 5-8, ':' 9, ' ' 10, '{' 11, ' ' 12, "args" 13-18, ':' 19, ' ' 20, '{' 21, ' ' 22, "first-name" at 23.
            ("InvalidName", 6, 23));
        Assert.Equal(["Good"], SignalNames(result));
    }

    [Theory]
    [InlineData("Signal")]
    [InlineData("Signals")]
    [InlineData("ISignalDispatchTable")]
    [InlineData("EmptySignalDispatchTable")]
    [InlineData("ISignalDispatchTableFactory")]
    [InlineData("SignalDispatchTables")]
    [InlineData("Async")]
    [InlineData("Robust")]
    [InlineData("RobustAsync")]
    [InlineData("RobustCore")]
    [InlineData("RobustCoreAsync")]
    public void InvalidName_ReservedSignalNames_AreRejected(string name)
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"signals\": {",
            "    \"" + name + "\": { \"args\": {} },",
            "    \"Good\": { \"args\": {} }",
            "  }",
            "}");

        AssertOnlyError(result, "InvalidName", 4, 5);
        Assert.Equal(["Good"], SignalNames(result));
    }

    [Theory]
    [InlineData("equals")]
    [InlineData("getHashCode")]
    [InlineData("toString")]
    [InlineData("getType")]
    [InlineData("deconstruct")]
    [InlineData("printMembers")]
    [InlineData("Equals")]
    [InlineData("login")]
    public void InvalidName_ArgumentsThatMakeAReservedProperty_AreRejected(string argument)
    {
        // "login" gives the property Login, the name of the signal type itself (CS0542).
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"signals\": {",
            "    \"Login\": { \"args\": { \"" + argument + "\": \"int\" } },",
            "    \"Good\": { \"args\": { \"" + argument + "2\": \"int\" } }",
            "  }",
            "}");

        // Line 4: "Login" 5-11, ':' 12, ' ' 13, '{' 14, ' ' 15, "args" 16-21, ':' 22, ' ' 23, '{' 24, ' ' 25, name at 26.
        AssertOnlyError(result, "InvalidName", 4, 26);
        Assert.Equal(["Good"], SignalNames(result));
    }

    [Fact]
    public void KeywordArgumentNames_AreAllowed()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"signals\": {",
            "    \"Audit\": { \"args\": { \"class\": \"string\", \"event\": \"int\", \"params\": \"object\" } }",
            "  }",
            "}");

        Assert.Empty(result.Errors);
        var audit = Assert.Single(Assert.IsType<SchemaModel>(result.Schema).Signals);
        Assert.Equal(["class", "event", "params"], audit.Arguments.Select(a => a.Name));
        Assert.Equal(["Class", "Event", "Params"], audit.Arguments.Select(a => a.PropertyName));
    }

    [Fact]
    public void InvalidType_IsReportedAtTheTypeString()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"signals\": {",
            "    \"X\": { \"args\": { \"a\": \"void\" } },",
            "    \"Good\": { \"args\": { \"a\": \"int\" } }",
            "  }",
            "}");

        // Line 4: "X" 5-7, ':' 8, ' ' 9, '{' 10, ' ' 11, "args" 12-17, ':' 18, ' ' 19, '{' 20, ' ' 21, "a" 22-24, ':' 25, ' ' 26, "void" at 27.
        AssertOnlyError(result, "InvalidType", 4, 27);
        Assert.Equal(["Good"], SignalNames(result));
    }

    [Theory]
    [InlineData("void")]
    [InlineData("List<void>")]
    [InlineData("int*")]
    [InlineData("void*")]
    [InlineData("delegate*<int, void>")]
    [InlineData("List<")]
    [InlineData("List<>")]
    [InlineData("Dictionary<,>")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("int x")]
    [InlineData("int;")]
    [InlineData("ref int")]
    [InlineData("int[")]
    [InlineData("(int, )")]
    [InlineData("1int")]
    [InlineData("int /* note */")]
    [InlineData("List</* item */string>")]
    [InlineData("var")]
    public void InvalidType_Shapes_AreRejected(string type)
    {
        var result = Parse("{ \"namespace\": \"A\", \"signals\": { \"X\": { \"args\": { \"a\": \"" + type + "\" } } } }");

        // 1-based column of the type string: { ' ' "namespace": "A", ' ' "signals": { "X": { "args": { "a": " ...
        AssertOnlyError(result, "InvalidType", 1, "{ \"namespace\": \"A\", \"signals\": { \"X\": { \"args\": { \"a\": ".Length + 1);
        Assert.Empty(Assert.IsType<SchemaModel>(result.Schema).Signals);
    }

    [Theory]
    [InlineData("string", "string")]
    [InlineData("string?", "string?")]
    [InlineData("int?", "int?")]
    [InlineData("List<string>", "List<string>")]
    [InlineData("Dictionary<string, int[]>", "Dictionary<string, int[]>")]
    [InlineData("global::System.Uri", "global::System.Uri")]
    [InlineData("int[][]", "int[][]")]
    [InlineData("string?[]", "string?[]")]
    [InlineData("(int Id, string Name)", "(int Id, string Name)")]
    [InlineData("  AppUser ", "AppUser")]
    public void ValidTypes_AreAccepted_AndTrimmed(string type, string expected)
    {
        var result = Parse("{ \"namespace\": \"A\", \"signals\": { \"X\": { \"args\": { \"a\": \"" + type + "\" } } } }");

        Assert.Empty(result.Errors);
        var argument = Assert.Single(Assert.Single(Assert.IsType<SchemaModel>(result.Schema).Signals).Arguments);
        Assert.Equal(expected, argument.TypeName);
    }

    [Theory]
    [InlineData(33, true)]
    [InlineData(32, false)]
    public void InvalidType_NestingIsBounded_BeforeTheTypeIsParsed(int depth, bool rejected)
    {
        // Deep nesting would recurse in the C# parser: past the bound the type is rejected without parsing.
        var type = string.Concat(Enumerable.Repeat("List<", depth)) + "int" + new string('>', depth);
        var result = Parse("{ \"namespace\": \"A\", \"signals\": { \"X\": { \"args\": { \"a\": \"" + type + "\" } } } }");

        Assert.Equal(rejected, result.Errors.Any(e => e.Kind == SchemaErrorKind.InvalidType && e.Message.Contains("nests more than 32", StringComparison.Ordinal)));
        Assert.Equal(rejected ? 0 : 1, Assert.IsType<SchemaModel>(result.Schema).Signals.Count);
    }

    [Fact]
    public void InvalidType_TooLong_IsRejected()
    {
        var type = "global::" + string.Join(".", Enumerable.Repeat("Namespace", 120)) + ".T";
        var result = Parse("{ \"namespace\": \"A\", \"signals\": { \"X\": { \"args\": { \"a\": \"" + type + "\" } } } }");

        var error = Assert.Single(result.Errors);
        Assert.Equal(SchemaErrorKind.InvalidType, error.Kind);
        Assert.Contains("longer than 1024", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("login")]
    [InlineData("record")]
    [InlineData("var")]
    [InlineData("usersignedup")]
    public void InvalidName_LowerCaseAsciiSignalNames_AreRejected(string name)
    {
        // C# warns on such type names (CS8981); with warnings as errors the generated code would not build.
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"signals\": {",
            "    \"" + name + "\": { \"args\": {} },",
            "    \"Good\": { \"args\": {} }",
            "  }",
            "}");

        AssertOnlyError(result, "InvalidName", 4, 5);
        Assert.Contains("lower-case", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(["Good"], SignalNames(result));
    }

    [Theory]
    [InlineData("login2")]
    [InlineData("_login")]
    [InlineData("logIn")]
    public void LowerCaseSignalNames_WithAnythingButAsciiLetters_AreAllowed(string name)
    {
        var result = Parse("{ \"namespace\": \"A\", \"signals\": { \"" + name + "\": {} } }");

        Assert.Empty(result.Errors);
        Assert.Equal([name], SignalNames(result));
    }

    [Fact]
    public void InvalidName_FormattingCharacterInASignalOrArgumentName_IsRejected()
    {
        // C# drops formatting characters (Unicode category Cf) from identifiers, so "A\u200BB" would be a
        // second AB. Written as JSON escapes so the columns can be counted.
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"signals\": {",
            "    \"AB\": { \"args\": { \"ab\": \"int\" } },",
            "    \"A\\u200BB\": { \"args\": {} },",
            "    \"C\": { \"args\": { \"ab\": \"int\", \"a\\u00ADb\": \"int\" } }",
            "  }",
            "}");

        // Line 6: "C" 5-7, ':' 8, ' ' 9, '{' 10, ' ' 11, "args" 12-17, ':' 18, ' ' 19, '{' 20, ' ' 21, "ab" 22-25,
        // ':' 26, ' ' 27, "int" 28-32, ',' 33, ' ' 34, the soft-hyphenated name at 35.
        AssertErrors(result, ("InvalidName", 5, 5), ("InvalidName", 6, 35));
        Assert.Contains("U+200B", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("U+00AD", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Equal(["AB"], SignalNames(result));
    }

    [Theory]
    [InlineData("{ \"namespace\": \"Contoso\\u2060Auth\", \"signals\": {} }", 16)]
    [InlineData("{ \"namespace\": \"A\", \"usings\": [\"Sys\\u200Ctem\"], \"signals\": {} }", 32)]
    [InlineData("{ \"namespace\": \"A\", \"typeParameters\": { \"T\\u200DUser\": \"\" }, \"signals\": {} }", 41)]
    [InlineData("{ \"namespace\": \"A\", \"typeParameters\": { \"TUser\\uFEFF\": \"\" }, \"signals\": {} }", 41)]
    public void InvalidName_FormattingCharacterInANamespaceUsingOrTypeParameter_IsRejected(string json, int column)
    {
        var result = Parse(json);

        AssertOnlyError(result, "InvalidName", 1, column);
        Assert.Contains("formatting character", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidName_CancellationTokenArgument_IsRejected_BecauseTheAsyncSendHasThatParameter()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"signals\": {",
            "    \"X\": { \"args\": { \"cancellationToken\": \"int\" } },",
            "    \"Good\": { \"args\": { \"CancellationToken\": \"int\" } }",
            "  }",
            "}");

        // Line 4: "X" 5-7, ':' 8, ' ' 9, '{' 10, ' ' 11, "args" 12-17, ':' 18, ' ' 19, '{' 20, ' ' 21, name at 22.
        AssertOnlyError(result, "InvalidName", 4, 22);
        Assert.Equal(["Good"], SignalNames(result));
    }

    [Fact]
    public void InvalidMode_IsReportedAtTheValue_AndDropsTheSignal()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"signals\": {",
            "    \"Good\": { \"mode\": \"all-then-throw\" },",
            "    \"Bad\": { \"mode\": \"Robust\" }",
            "  }",
            "}");

        // Line 5: "Bad" 5-9, ':' 10, ' ' 11, '{' 12, ' ' 13, "mode" 14-19, ':' 20, ' ' 21, "Robust" at 22 (modes are case-sensitive).
        AssertOnlyError(result, "InvalidMode", 5, 22);
        Assert.Equal(["Good"], SignalNames(result));
    }

    [Theory]
    [InlineData("\"mode\": \"veto\",", "Veto")]
    [InlineData("\"mode\": \"robust\",", "Robust")]
    [InlineData("\"mode\": \"all-then-throw\",", "AllThenThrow")]
    [InlineData("", "Veto")]
    public void Modes_AreRead(string field, string expected)
    {
        var result = Parse("{ \"namespace\": \"A\", \"signals\": { \"X\": { " + field + " \"args\": {} } } }");

        Assert.Empty(result.Errors);
        var signal = Assert.Single(Assert.IsType<SchemaModel>(result.Schema).Signals);
        Assert.Equal(expected, signal.Mode.ToString());
    }

    [Fact]
    public void Mode_NotAString_IsAWrongValueType()
    {
        var result = Parse("{ \"namespace\": \"A\", \"signals\": { \"X\": { \"mode\": 1 } } }");

        AssertOnlyError(result, "WrongValueType", 1, "{ \"namespace\": \"A\", \"signals\": { \"X\": { \"mode\": ".Length + 1);
    }

    // ---------------------------------------------------------------- usings

    [Fact]
    public void Usings_AreValidated_EachBadEntryAtItsPosition_TheGoodOnesKept()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"usings\": [",
            "    \"System.Text\",",
            "    \"static System.Math\",",
            "    42,",
            "    \"global::System\",",
            "    \"\",",
            "    \"Contoso.Data\"",
            "  ],",
            "  \"signals\": { \"X\": { \"args\": {} } }",
            "}");

        AssertErrors(
            result,
            ("InvalidName", 5, 5),
            ("WrongValueType", 6, 5),
            ("InvalidName", 7, 5),
            ("InvalidName", 8, 5));
        var schema = Assert.IsType<SchemaModel>(result.Schema);
        Assert.Equal(["System.Text", "Contoso.Data"], schema.Usings);

        // A bad using drops nothing else.
        Assert.Equal(["X"], schema.Signals.Select(s => s.Name));
    }

    [Fact]
    public void Usings_RepeatedEntry_IsADuplicateAtTheSecond_TheFirstKept()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"usings\": [\"System\", \"System.Text\", \"System\", \"system\"],",
            "  \"signals\": { \"X\": { \"args\": {} } }",
            "}");

        // Line 3: "usings" 3-10, ':' 11, ' ' 12, '[' 13, "System" 14-21, ',' 22, ' ' 23, "System.Text" 24-36,
        // ',' 37, ' ' 38, the second "System" at 39. Namespaces are case-sensitive: "system" is another one.
        AssertOnlyError(result, "DuplicateField", 3, 39);
        var schema = Assert.IsType<SchemaModel>(result.Schema);
        Assert.Equal(["System", "System.Text", "system"], schema.Usings);
        Assert.Equal(["X"], schema.Signals.Select(s => s.Name));
    }

    [Fact]
    public void Usings_NotAnArray_IsAWrongValueType()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"usings\": \"System\",",
            "  \"signals\": {}",
            "}");

        AssertOnlyError(result, "WrongValueType", 3, 13);
        Assert.Empty(Assert.IsType<SchemaModel>(result.Schema).Usings);
    }

    // ---------------------------------------------------------------- several errors

    [Fact]
    public void SeveralErrors_AreAllReported_InFileOrder()
    {
        // The top-level MissingField is found after the signals are read; it still comes first by position.
        var result = Parse(
            "{",
            "  \"signals\": {",
            "    \"A\": { \"mode\": \"x\" },",
            "    \"B\": { \"oops\": 1 }",
            "  }",
            "}");

        AssertErrors(result, ("MissingField", 1, 1), ("InvalidMode", 3, 20), ("UnknownField", 4, 12));
        Assert.Null(result.Schema);
    }

    [Fact]
    public void ErrorInOneArgument_DropsItsSignalOnly()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"signals\": {",
            "    \"First\": { \"args\": { \"a\": \"int\" } },",
            "    \"Broken\": { \"args\": { \"a\": \"int\", \"b\": \"List<\" } },",
            "    \"Last\": { \"args\": { \"a\": \"int\" } }",
            "  }",
            "}");

        Assert.Equal("InvalidType", Assert.Single(result.Errors).Kind.ToString());
        Assert.Equal(["First", "Last"], SignalNames(result));
    }

    // ---------------------------------------------------------------- hostile input

    public static TheoryData<string, string> HostileInputs() => new()
    {
        { "whitespace", "   \r\n\t " },
        { "null", "null" },
        { "string", "\"namespace\"" },
        { "number", "-0.5e10" },
        { "BOM only", "\uFEFF" },
        { "NUL", "\0" },
        { "lone surrogate", "{ \"namespace\": \"A\uD800\", \"signals\": {} }" },
        { "deep nesting", new string('[', 10_000) + new string(']', 10_000) },
        { "deep nesting in signals", "{ \"namespace\": \"A\", \"signals\": " + string.Concat(Enumerable.Repeat("{\"x\":", 500)) + "1" + new string('}', 500) + " }" },
        { "unterminated string", "{ \"namespace\": \"A" },
        { "comment", "{ // no\n \"namespace\": \"A\" }" },
        { "single quotes", "{ 'namespace': 'A' }" },
        { "args null", "{ \"namespace\": \"A\", \"signals\": { \"X\": { \"args\": null } } }" },
        { "args string", "{ \"namespace\": \"A\", \"signals\": { \"X\": { \"args\": \"int\" } } }" },
        { "signals array", "{ \"namespace\": \"A\", \"signals\": [ \"X\" ] }" },
        { "empty names", "{ \"\": \"\", \"namespace\": \"A\", \"signals\": { \"\": { \"args\": { \"\": \"\" } } } }" },
        { "control characters in names", "{ \"namespace\": \"A\", \"signals\": { \"X\\u0000\": { \"args\": { \"a\\u0007\": \"int\" } } } }" },
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void HostileInput_NeverThrows_AndIsNeverAcceptedSilently(string name, string text)
    {
        var result = SchemaParser.Parse("/x/" + name + ".signals.json", SourceText.From(text), TestContext.Current.CancellationToken);

        // Each of these inputs is wrong somewhere: an error must say so, and each error maps to a real place.
        Assert.NotEmpty(result.Errors);
        foreach (var error in result.Errors)
        {
            Assert.InRange(error.Span.End, 0, text.Length);
            Assert.True(error.Line >= 1 && error.Column >= 1, error.ToString());
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }
    }

    [Fact]
    public void NestedGenericArgumentType_OfModestDepth_IsAccepted()
    {
        var type = string.Concat(Enumerable.Repeat("List<", 20)) + "int" + new string('>', 20);

        var result = Parse("{ \"namespace\": \"A\", \"signals\": { \"X\": { \"args\": { \"a\": \"" + type + "\" } } } }");

        Assert.Empty(result.Errors);
        Assert.Equal(type, Assert.Single(Assert.Single(Assert.IsType<SchemaModel>(result.Schema).Signals).Arguments).TypeName);
    }

    [Fact]
    public void AbsurdlyNestedArgumentType_IsRejected_BeforeTheRecursiveCSharpParserSeesIt()
    {
        // "List<List<...int>>" 20,000 deep is a 100 KB string, well under the JSON reader's limits. The C#
        // type parser recurses once per level with no stack guard on this path: on a 1.5 MB thread (a
        // compiler or IDE thread) it overflows the stack near 8,000 levels and kills the whole process,
        // which no catch can prevent. The schema parser must bound the nesting itself and report the type
        // as invalid. Parsed here on a 256 MB thread, so the test fails instead of crashing the run.
        const int depth = 20_000;
        var type = string.Concat(Enumerable.Repeat("List<", depth)) + "int" + new string('>', depth);
        var text = "{ \"namespace\": \"A\", \"signals\": { \"X\": { \"args\": { \"a\": \"" + type + "\" } } } }";

        SchemaParseResult? result = null;
        var thread = new Thread(() => result = SchemaParser.Parse("/x/deep.signals.json", SourceText.From(text)), 256 * 1024 * 1024);
        thread.Start();
        thread.Join();

        Assert.NotNull(result);
        AssertOnlyError(result, "InvalidType", 1, "{ \"namespace\": \"A\", \"signals\": { \"X\": { \"args\": { \"a\": ".Length + 1);
    }

    [Fact]
    public void OverlongInput_IsAnErrorInsideTheText()
    {
        var text = "{ \"namespace\": \"A\", \"signals\": {}, \"doc\": \"" + new string('x', 4 * 1024 * 1024) + "\" }";

        var result = SchemaParser.Parse("/x/big.signals.json", SourceText.From(text), TestContext.Current.CancellationToken);

        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidJson", error.Kind.ToString());
        Assert.InRange(error.Span.End, 0, text.Length);
        Assert.Null(result.Schema);
    }

    // ---------------------------------------------------------------- type parameters

    [Fact]
    public void TypeParameter_MakesTheSignalsThatUseItGeneric()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"typeParameters\": { \"TUser\": \"class\" },",
            "  \"signals\": {",
            "    \"SignedUp\": { \"args\": { \"user\": \"TUser\" } },",
            "    \"LoggedOut\": { \"args\": { \"user\": \"TUser?\" } },",
            "    \"Confirmed\": { \"args\": { \"email\": \"string\" } }",
            "  }",
            "}");

        Assert.Empty(result.Errors);
        var schema = Assert.IsType<SchemaModel>(result.Schema);
        Assert.Equal(new TypeParameterModel("TUser", "class"), schema.TypeParameter);
        Assert.Equal([true, true, false], schema.Signals.Select(s => s.IsGeneric).ToArray());
        Assert.Equal("global::A.Signals<TUser>", schema.SenderName);
        Assert.Equal("global::A.SignedUp<global::App.User>", schema.SignalTypeFor(schema.Signals[0], "global::App.User"));
        Assert.Equal("global::A.Confirmed", schema.SignalTypeFor(schema.Signals[2], "global::App.User"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("class")]
    [InlineData("class?")]
    [InlineData("notnull")]
    [InlineData("struct")]
    [InlineData("System.IDisposable")]
    public void TypeParameter_Constraints_AreAccepted(string constraint)
    {
        var result = Parse("{ \"namespace\": \"A\", \"typeParameters\": { \"T\": \"" + constraint + "\" }, \"signals\": {} }");

        Assert.Empty(result.Errors);
        Assert.Equal(constraint, Assert.IsType<SchemaModel>(result.Schema).TypeParameter!.Constraint);
    }

    [Fact]
    public void TypeParameter_Problems_AreReportedWhereTheyAre()
    {
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"typeParameters\": { \"TUser\": \"class\", \"TRole\": \"class\" },",
            "  \"signals\": {",
            "    \"TUser\": { },",
            "    \"Listed\": { \"args\": { \"users\": \"List<TUser>\", \"ok\": \"int\" } },",
            "    \"Fine\": { \"args\": { \"user\": \"TUser\" } }",
            "  }",
            "}");

        // Line 3: the second type parameter's name at column 41. Line 5: a signal named like the type parameter.
        // Line 6: TUser inside another type, at the type's string (column 36).
        AssertErrors(result, ("InvalidType", 3, 41), ("InvalidName", 5, 5), ("InvalidType", 6, 36));
        Assert.Equal(["Fine"], SignalNames(result));
    }

    [Fact]
    public void InvalidName_ArgumentWhosePropertyIsNamedLikeTheTypeParameter_IsRejected()
    {
        // In UserSignedUp<TUser> a property TUser would clash with the type parameter (CS0102). The rule holds
        // for every signal of the schema, generic or not, like the rule for signal names.
        var result = Parse(
            "{",
            "  \"namespace\": \"A\",",
            "  \"typeParameters\": { \"TUser\": \"class\" },",
            "  \"signals\": {",
            "    \"Wrapped\": { \"args\": { \"tUser\": \"TUser\" } },",
            "    \"Plain\": { \"args\": { \"TUser\": \"int\" } },",
            "    \"Fine\": { \"args\": { \"user\": \"TUser\", \"tUsers\": \"int\" } }",
            "  }",
            "}");

        // Line 5: "Wrapped" 5-13, ':' 14, ' ' 15, '{' 16, ' ' 17, "args" 18-23, ':' 24, ' ' 25, '{' 26, ' ' 27, name at 28.
        // Line 6: "Plain" 5-11, ':' 12, ' ' 13, '{' 14, ' ' 15, "args" 16-21, ':' 22, ' ' 23, '{' 24, ' ' 25, name at 26.
        AssertErrors(result, ("InvalidName", 5, 28), ("InvalidName", 6, 26));
        Assert.Contains("type parameter", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(["Fine"], SignalNames(result));
    }

    [Theory]
    [InlineData("{ \"namespace\": \"A\", \"typeParameters\": { \"class\": \"\" }, \"signals\": {} }", "InvalidName", 41)]
    [InlineData("{ \"namespace\": \"A\", \"typeParameters\": { \"Signals\": \"\" }, \"signals\": {} }", "InvalidName", 41)]
    [InlineData("{ \"namespace\": \"A\", \"typeParameters\": { \"tuser\": \"class\" }, \"signals\": {} }", "InvalidName", 41)]
    [InlineData("{ \"namespace\": \"A\", \"typeParameters\": { \"t\": \"\" }, \"signals\": {} }", "InvalidName", 41)]
    [InlineData("{ \"namespace\": \"A\", \"typeParameters\": { \"T\": \"T\" }, \"signals\": {} }", "InvalidType", 46)]
    [InlineData("{ \"namespace\": \"A\", \"typeParameters\": { \"T\": \"int)\" }, \"signals\": {} }", "InvalidType", 46)]
    [InlineData("{ \"namespace\": \"A\", \"typeParameters\": { \"T\": 1 }, \"signals\": {} }", "WrongValueType", 46)]
    [InlineData("{ \"namespace\": \"A\", \"typeParameters\": [\"T\"], \"signals\": {} }", "WrongValueType", 39)]
    public void TypeParameter_Invalid_IsReported(string json, string kind, int column)
    {
        var result = Parse(json);

        AssertOnlyError(result, kind, 1, column);
        Assert.Null(Assert.IsType<SchemaModel>(result.Schema).TypeParameter);
    }

    // ---------------------------------------------------------------- helpers

    private static SchemaParseResult Parse(params string[] lines) =>
        SchemaParser.Parse("/project/test.signals.json", SourceText.From(string.Join("\n", lines), Encoding.UTF8), TestContext.Current.CancellationToken);

    private static string[] SignalNames(SchemaParseResult result) =>
        Assert.IsType<SchemaModel>(result.Schema).Signals.Select(s => s.Name).ToArray();

    private static void AssertOnlyError(SchemaParseResult result, string kind, int line, int column) =>
        AssertErrors(result, (kind, line, column));

    private static void AssertError(SchemaParseResult result, string kind, int line, int column)
    {
        Assert.Contains(result.Errors, e => e.Kind.ToString() == kind && e.Line == line && e.Column == column);
    }

    /// <summary>Compares kind, line and column of every error, in order, showing all of them on failure.</summary>
    private static void AssertErrors(SchemaParseResult result, params (string Kind, int Line, int Column)[] expected)
    {
        var actual = result.Errors.Select(e => (e.Kind.ToString(), e.Line, e.Column)).ToArray();
        Assert.True(
            expected.SequenceEqual(actual),
            "Expected errors:" + Environment.NewLine + string.Join(Environment.NewLine, expected.Select(e => $"  ({e.Line},{e.Column}) {e.Kind}"))
            + Environment.NewLine + "Actual errors:" + Environment.NewLine + string.Join(Environment.NewLine, result.Errors.Select(e => "  " + e)));
    }
}
