using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using SignalGen.Schema.Json;
using Xunit;

namespace SignalGen.Generator.Tests.Schema;

public sealed class JsonReaderTests
{
    // ---------------------------------------------------------------- literals

    [Theory]
    [InlineData("true", "True")]
    [InlineData("false", "False")]
    [InlineData("null", "Null")]
    public void Literal_IsReadWithKindAndSpan(string json, string kindName)
    {
        // The test class is public but JsonKind is internal, so the kind travels as its name.
        JsonKind kind = (JsonKind)Enum.Parse(typeof(JsonKind), kindName);
        JsonNode root = ReadOk(" \t" + json + "\r\n ");

        JsonLiteral literal = Assert.IsType<JsonLiteral>(root);
        Assert.Equal(kind, literal.Kind);
        Assert.Equal(new TextSpan(2, json.Length), literal.Span);
    }

    [Theory]
    [InlineData("tru", 0, 3)]
    [InlineData("truex", 0, 5)]
    [InlineData("True", 0, 4)]
    [InlineData("NULL", 0, 4)]
    [InlineData("nul", 0, 3)]
    [InlineData("fals", 0, 4)]
    [InlineData("NaN", 0, 3)]
    [InlineData("Infinity", 0, 8)]
    [InlineData("undefined", 0, 9)]
    [InlineData("[tru]", 1, 3)]
    [InlineData("[1, nulll]", 4, 5)]
    public void MisspeltOrNonJsonKeyword_IsQuotedWhole(string json, int start, int length)
    {
        JsonReadError error = ReadError(json);

        Assert.Equal(new TextSpan(start, length), error.Span);
        Assert.Equal("Expected a value but found '" + json.Substring(start, length) + "'.", error.Message);
    }

    [Fact]
    public void LiteralFollowedByGarbage_ReportsGarbageAfterValue()
    {
        JsonReadError error = ReadError("true-");

        Assert.Equal(4, error.Span.Start);
        Assert.Contains("Expected end of input after the top-level value but found '-'", error.Message, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- numbers

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("7")]
    [InlineData("-7")]
    [InlineData("1234567890")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("0.5")]
    [InlineData("-0.000")]
    [InlineData("3.14159")]
    [InlineData("0e0")]
    [InlineData("1e5")]
    [InlineData("1E5")]
    [InlineData("1e+5")]
    [InlineData("1e-5")]
    [InlineData("-1.25E-10")]
    [InlineData("10.0e+007")]
    public void Number_KeepsRawTextAndSpan(string json)
    {
        JsonNode root = ReadOk("  " + json + " ");

        JsonNumber number = Assert.IsType<JsonNumber>(root);
        Assert.Equal(JsonKind.Number, number.Kind);
        Assert.Equal(json, number.Text);
        Assert.Equal(new TextSpan(2, json.Length), number.Span);
    }

    [Theory]
    [InlineData("01", 0, "Leading zeros are not allowed")]
    [InlineData("00", 0, "Leading zeros are not allowed")]
    [InlineData("-01", 1, "Leading zeros are not allowed")]
    [InlineData("[1, 007]", 4, "Leading zeros are not allowed")]
    [InlineData("-", 1, "Unexpected end of input; expected a digit after '-'.")]
    [InlineData("-a", 1, "Expected a digit after '-' but found 'a'.")]
    [InlineData("- 1", 1, "Expected a digit after '-' but found ' '.")]
    [InlineData("-Infinity", 1, "Expected a digit after '-' but found 'I'.")]
    [InlineData("1.", 2, "Unexpected end of input; expected a digit after the decimal point.")]
    [InlineData("1.e5", 2, "Expected a digit after the decimal point but found 'e'.")]
    [InlineData("[1.]", 3, "Expected a digit after the decimal point but found ']'.")]
    [InlineData("1e", 2, "Unexpected end of input; expected a digit in the exponent.")]
    [InlineData("1e+", 3, "Unexpected end of input; expected a digit in the exponent.")]
    [InlineData("1E-x", 3, "Expected a digit in the exponent but found 'x'.")]
    [InlineData(".5", 0, "Expected a value but found '.'.")]
    [InlineData("+1", 0, "Expected a value but found '+'.")]
    [InlineData("0x1F", 1, "Expected end of input after the top-level value but found 'x'.")]
    [InlineData("1.5.2", 3, "Expected end of input after the top-level value but found '.'.")]
    public void InvalidNumber_IsRejected(string json, int start, string phrase)
    {
        JsonReadError error = ReadError(json);

        Assert.Equal(start, error.Span.Start);
        Assert.Contains(phrase, error.Message, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- strings

    [Theory]
    [InlineData("\"\"", "")]
    [InlineData("\"abc\"", "abc")]
    [InlineData("\"with space and 'single' quotes\"", "with space and 'single' quotes")]
    [InlineData("\"\\\"\"", "\"")]
    [InlineData("\"\\\\\"", "\\")]
    [InlineData("\"\\/\"", "/")]
    [InlineData("\"/\"", "/")]
    [InlineData("\"\\b\"", "\b")]
    [InlineData("\"\\f\"", "\f")]
    [InlineData("\"\\n\"", "\n")]
    [InlineData("\"\\r\"", "\r")]
    [InlineData("\"\\t\"", "\t")]
    [InlineData("\"\\u0041\"", "A")]
    [InlineData("\"\\u00e9\\u00E9\"", "\u00E9\u00E9")]
    [InlineData("\"\\u20ac\"", "\u20AC")]
    [InlineData("\"\\uFFFF\"", "\uFFFF")]
    [InlineData("\"\\u0000\"", "\0")]
    [InlineData("\"\\u001F\"", "\u001F")]
    [InlineData("\"\\uD83D\\uDE00\"", "\U0001F600")]
    [InlineData("\"\\udbff\\udfff\"", "\U0010FFFF")]
    [InlineData("\"x\\uD800\\uDC00y\"", "x\U00010000y")]
    [InlineData("\"a\\nb\\tc\\\\d\\\"e\"", "a\nb\tc\\d\"e")]
    [InlineData("\"caf\u00E9 \u20AC \U0001F600\"", "caf\u00E9 \u20AC \U0001F600")]
    [InlineData("\"\u007F\u0080\u00A0\"", "\u007F\u0080\u00A0")]
    [InlineData("\"trailing escape\\n\"", "trailing escape\n")]
    [InlineData("\"\\\\u0041\"", "\\u0041")]
    public void String_IsUnescapedAndSpanIncludesQuotes(string json, string expected)
    {
        JsonNode root = ReadOk(" " + json);

        JsonString str = Assert.IsType<JsonString>(root);
        Assert.Equal(JsonKind.String, str.Kind);
        Assert.Equal(expected, str.Value);
        Assert.Equal(new TextSpan(1, json.Length), str.Span);
    }

    [Fact]
    public void String_WithEveryEscapeTogether_IsUnescaped()
    {
        JsonString str = Assert.IsType<JsonString>(ReadOk("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0020\\uD834\\uDD1E\""));

        Assert.Equal("\"\\/\b\f\n\r\t \U0001D11E", str.Value);
    }

    [Fact]
    public void LongStrings_WithAndWithoutEscapes_AreRead()
    {
        string plain = new string('a', 100_000);
        Assert.Equal(plain, Assert.IsType<JsonString>(ReadOk("\"" + plain + "\"")).Value);

        var json = new StringBuilder("\"");
        var expected = new StringBuilder();
        for (int i = 0; i < 20_000; i++)
        {
            json.Append("ab\\n\\u00e9");
            expected.Append("ab\n\u00E9");
        }

        json.Append('"');
        Assert.Equal(expected.ToString(), Assert.IsType<JsonString>(ReadOk(json.ToString())).Value);
    }

    [Theory]
    [InlineData("\"abc", 0)]
    [InlineData("\"", 0)]
    [InlineData("\"abc\\", 0)]
    [InlineData("\"abc\\\"", 0)]
    [InlineData("[\"a\", \"b", 6)]
    [InlineData("{\"a\": \"b\\n", 6)]
    [InlineData("{\"key", 1)]
    public void UnterminatedString_PointsAtOpeningQuote(string json, int start)
    {
        JsonReadError error = ReadError(json);

        Assert.Equal(new TextSpan(start, 1), error.Span);
        Assert.StartsWith("Unterminated string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnterminatedUnicodeEscape_AtEndOfInput_IsReportedAtEnd()
    {
        JsonReadError error = ReadError("\"\\u12");

        Assert.Equal(new TextSpan(5, 0), error.Span);
        Assert.Contains("Unexpected end of input; expected 4 hexadecimal digits", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('\0')]
    [InlineData('\u0001')]
    [InlineData('\t')]
    [InlineData('\n')]
    [InlineData('\r')]
    [InlineData('\u001F')]
    public void UnescapedControlCharacter_InString_IsRejected(char control)
    {
        string hex = ((int)control).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);

        JsonReadError plain = ReadError("\"ab" + control + "c\"");
        Assert.Equal(new TextSpan(3, 1), plain.Span);
        Assert.Contains("Unescaped control character U+" + hex, plain.Message, StringComparison.Ordinal);

        // The escape-processing path must reject it too.
        JsonReadError afterEscape = ReadError("\"a\\n" + control + "c\"");
        Assert.Equal(new TextSpan(4, 1), afterEscape.Span);
        Assert.Contains("Unescaped control character U+" + hex, afterEscape.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"\\q\"", 1, "Invalid escape sequence '\\q'")]
    [InlineData("\"\\x41\"", 1, "Invalid escape sequence '\\x'")]
    [InlineData("\"\\U0041\"", 1, "Invalid escape sequence '\\U'")]
    [InlineData("\"\\'\"", 1, "Invalid escape sequence '\\''")]
    [InlineData("\"\\a\"", 1, "Invalid escape sequence '\\a'")]
    [InlineData("\"\\0\"", 1, "Invalid escape sequence '\\0'")]
    [InlineData("\"\\ \"", 1, "Invalid escape sequence '\\ '")]
    [InlineData("\"ok\\n then \\e\"", 11, "Invalid escape sequence '\\e'")]
    public void InvalidEscape_IsRejectedAtBackslash(string json, int start, string phrase)
    {
        JsonReadError error = ReadError(json);

        Assert.Equal(new TextSpan(start, 2), error.Span);
        Assert.Contains(phrase, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EscapedControlCharacter_AfterBackslash_IsShownAsCodePoint()
    {
        JsonReadError error = ReadError("\"\\\n\"");

        Assert.Equal(new TextSpan(1, 2), error.Span);
        Assert.Contains("Invalid escape sequence '\\' followed by U+000A", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"\\u12G4\"", 5, "Expected 4 hexadecimal digits after '\\u' but found 'G'.")]
    [InlineData("\"\\u\"", 3, "Expected 4 hexadecimal digits after '\\u' but found '\"'.")]
    [InlineData("\"\\u12\"", 5, "Expected 4 hexadecimal digits after '\\u' but found '\"'.")]
    [InlineData("\"\\u-123\"", 3, "Expected 4 hexadecimal digits after '\\u' but found '-'.")]
    [InlineData("\"\\uD800\\u12x4\"", 11, "Expected 4 hexadecimal digits after '\\u' but found 'x'.")]
    public void MalformedUnicodeEscape_IsRejectedAtBadDigit(string json, int start, string message)
    {
        JsonReadError error = ReadError(json);

        Assert.Equal(start, error.Span.Start);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("\"\\uD800\"", 1, "Unpaired high surrogate '\\uD800'")]
    [InlineData("\"\\udbff\"", 1, "Unpaired high surrogate '\\udbff'")]
    [InlineData("\"ab\\uD83Dcd\"", 3, "Unpaired high surrogate '\\uD83D'")]
    [InlineData("\"\\uD83D\\u0041\"", 1, "Unpaired high surrogate '\\uD83D'")]
    [InlineData("\"\\uD83D\\uD83D\\uDE00\"", 1, "Unpaired high surrogate '\\uD83D'")]
    [InlineData("\"\\uD83D\\n\"", 1, "Unpaired high surrogate '\\uD83D'")]
    [InlineData("\"\\uDC00\"", 1, "Unpaired low surrogate '\\uDC00'")]
    [InlineData("\"\\udfff\"", 1, "Unpaired low surrogate '\\udfff'")]
    [InlineData("\"\\uDE00\\uD83D\"", 1, "Unpaired low surrogate '\\uDE00'")]
    [InlineData("\"\\uD83D\\uDE00\\uDE00\"", 13, "Unpaired low surrogate '\\uDE00'")]
    [InlineData("{\"\\uD800\": 1}", 2, "Unpaired high surrogate '\\uD800'")]
    public void LoneSurrogateEscape_IsRejected(string json, int start, string phrase)
    {
        JsonReadError error = ReadError(json);

        Assert.Equal(new TextSpan(start, 6), error.Span);
        Assert.Contains(phrase, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HighSurrogateEscape_FollowedByRawLowSurrogate_IsRejected()
    {
        JsonReadError error = ReadError("\"\\uD83D\uDE00\"");

        Assert.Equal(new TextSpan(1, 6), error.Span);
        Assert.Contains("Unpaired high surrogate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleQuotedString_IsRejectedWithHint()
    {
        JsonReadError error = ReadError("'abc'");

        Assert.Equal(new TextSpan(0, 1), error.Span);
        Assert.Contains("Expected a value but found \"'\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("double quotes", error.Message, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- arrays

    [Fact]
    public void EmptyArray_HasSpanCoveringBrackets()
    {
        JsonArray array = Assert.IsType<JsonArray>(ReadOk("  [ \n ]  "));

        Assert.Equal(JsonKind.Array, array.Kind);
        Assert.Empty(array.Items);
        Assert.False(array.Items.IsDefault);
        Assert.Equal(new TextSpan(2, 5), array.Span);
    }

    [Fact]
    public void Array_ItemsHaveKindsAndSpansInOrder()
    {
        const string json = "[1, \"two\", true, false, null, [], {}, -3.5e2]";
        JsonArray array = Assert.IsType<JsonArray>(ReadOk(json));

        Assert.Equal(new TextSpan(0, json.Length), array.Span);
        Assert.Collection(
            array.Items,
            n => AssertNode(json, n, JsonKind.Number, "1"),
            n => AssertNode(json, n, JsonKind.String, "\"two\""),
            n => AssertNode(json, n, JsonKind.True, "true"),
            n => AssertNode(json, n, JsonKind.False, "false"),
            n => AssertNode(json, n, JsonKind.Null, "null"),
            n => AssertNode(json, n, JsonKind.Array, "[]"),
            n => AssertNode(json, n, JsonKind.Object, "{}"),
            n => AssertNode(json, n, JsonKind.Number, "-3.5e2"));
    }

    [Fact]
    public void NestedArrays_HaveNestedSpans()
    {
        const string json = "[[1,[2]],[[]]]";
        JsonArray outer = Assert.IsType<JsonArray>(ReadOk(json));

        Assert.Equal(2, outer.Items.Length);
        JsonArray first = Assert.IsType<JsonArray>(outer.Items[0]);
        Assert.Equal(new TextSpan(1, 7), first.Span);
        JsonArray inner = Assert.IsType<JsonArray>(first.Items[1]);
        Assert.Equal(new TextSpan(4, 3), inner.Span);
        Assert.Equal("2", Assert.IsType<JsonNumber>(Assert.Single(inner.Items)).Text);
        JsonArray second = Assert.IsType<JsonArray>(outer.Items[1]);
        Assert.Equal(new TextSpan(9, 4), second.Span);
        Assert.Empty(Assert.IsType<JsonArray>(Assert.Single(second.Items)).Items);
    }

    [Fact]
    public void LargeArray_IsRead()
    {
        var json = new StringBuilder("[");
        for (int i = 0; i < 50_000; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(i);
        }

        json.Append(']');
        JsonArray array = Assert.IsType<JsonArray>(ReadOk(json.ToString()));

        Assert.Equal(50_000, array.Items.Length);
        Assert.Equal("49999", Assert.IsType<JsonNumber>(array.Items[49_999]).Text);
    }

    [Theory]
    [InlineData("[", 1, "Unexpected end of input; expected a value.")]
    [InlineData("[1", 2, "Unexpected end of input; expected ',' or ']' after an array item.")]
    [InlineData("[1,", 3, "Unexpected end of input; expected a value.")]
    [InlineData("[1 2]", 3, "Expected ',' or ']' after an array item but found '2'.")]
    [InlineData("[1}", 2, "Expected ',' or ']' after an array item but found '}'.")]
    [InlineData("[1:2]", 2, "Expected ',' or ']' after an array item but found ':'.")]
    [InlineData("[,1]", 1, "Expected a value but found ','.")]
    [InlineData("[1,,2]", 3, "Expected a value but found ','.")]
    [InlineData("[}", 1, "Expected a value but found '}'.")]
    [InlineData("]", 0, "Expected a value but found ']'.")]
    public void MalformedArray_IsRejected(string json, int start, string message)
    {
        JsonReadError error = ReadError(json);

        Assert.Equal(start, error.Span.Start);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("[1,]", 2)]
    [InlineData("[1 , \n ]", 3)]
    [InlineData("[[],[],]", 6)]
    public void TrailingCommaInArray_IsRejectedAtComma(string json, int comma)
    {
        JsonReadError error = ReadError(json);

        Assert.Equal(new TextSpan(comma, 1), error.Span);
        Assert.Contains("Trailing comma is not allowed in an array", error.Message, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- objects

    [Fact]
    public void EmptyObject_HasSpanCoveringBraces()
    {
        JsonObject obj = Assert.IsType<JsonObject>(ReadOk("\n{\t}"));

        Assert.Equal(JsonKind.Object, obj.Kind);
        Assert.Empty(obj.Properties);
        Assert.False(obj.Properties.IsDefault);
        Assert.Equal(new TextSpan(1, 3), obj.Span);
    }

    [Fact]
    public void Object_PropertiesHaveNamesKeySpansAndValues()
    {
        const string json = "{ \"name\" : \"Counter\", \"size\":4,\n  \"tags\": [\"a\"], \"nested\": {\"x\": null} }";
        JsonObject obj = Assert.IsType<JsonObject>(ReadOk(json));

        Assert.Equal(new TextSpan(0, json.Length), obj.Span);
        Assert.Equal(4, obj.Properties.Length);

        JsonProperty name = obj.Properties[0];
        Assert.Equal("name", name.Name);
        Assert.Equal(new TextSpan(2, 6), name.NameSpan);
        Assert.Equal("\"name\"", json.Substring(name.NameSpan.Start, name.NameSpan.Length));
        Assert.Equal("Counter", Assert.IsType<JsonString>(name.Value).Value);
        Assert.Equal(new TextSpan(11, 9), name.Value.Span);
        Assert.Equal(TextSpan.FromBounds(2, 20), name.Span);

        JsonProperty size = obj.Properties[1];
        Assert.Equal("size", size.Name);
        Assert.Equal("\"size\"", Slice(json, size.NameSpan));
        AssertNode(json, size.Value, JsonKind.Number, "4");

        JsonProperty tags = obj.Properties[2];
        Assert.Equal("tags", tags.Name);
        Assert.Equal("\"tags\"", Slice(json, tags.NameSpan));
        AssertNode(json, tags.Value, JsonKind.Array, "[\"a\"]");

        JsonProperty nested = obj.Properties[3];
        Assert.Equal("nested", nested.Name);
        JsonObject inner = Assert.IsType<JsonObject>(nested.Value);
        Assert.Equal("{\"x\": null}", Slice(json, inner.Span));
        JsonProperty x = Assert.Single(inner.Properties);
        Assert.Equal("x", x.Name);
        Assert.Equal("\"x\"", Slice(json, x.NameSpan));
        AssertNode(json, x.Value, JsonKind.Null, "null");
    }

    [Fact]
    public void PropertyName_WithEscapes_IsUnescapedAndKeySpanCoversRawToken()
    {
        const string json = "{\"a\\u0062\\n\\\"\":1, \"\":2}";
        JsonObject obj = Assert.IsType<JsonObject>(ReadOk(json));

        Assert.Equal("ab\n\"", obj.Properties[0].Name);
        Assert.Equal(new TextSpan(1, 13), obj.Properties[0].NameSpan);
        Assert.Equal(string.Empty, obj.Properties[1].Name);
        Assert.Equal("\"\"", Slice(json, obj.Properties[1].NameSpan));
    }

    [Fact]
    public void DuplicateKeys_AreAllKeptInSourceOrder()
    {
        const string json = "{\"a\":1,\"b\":2,\"a\":3,\"a\":{\"a\":4,\"a\":5}}";
        JsonObject obj = Assert.IsType<JsonObject>(ReadOk(json));

        Assert.Equal(new[] { "a", "b", "a", "a" }, NamesOf(obj));
        Assert.Equal(new TextSpan(1, 3), obj.Properties[0].NameSpan);
        Assert.Equal(new TextSpan(13, 3), obj.Properties[2].NameSpan);
        Assert.Equal(new TextSpan(19, 3), obj.Properties[3].NameSpan);
        Assert.Equal("1", Assert.IsType<JsonNumber>(obj.Properties[0].Value).Text);
        Assert.Equal("3", Assert.IsType<JsonNumber>(obj.Properties[2].Value).Text);

        JsonObject inner = Assert.IsType<JsonObject>(obj.Properties[3].Value);
        Assert.Equal(new[] { "a", "a" }, NamesOf(inner));
        Assert.Equal("5", Assert.IsType<JsonNumber>(inner.Properties[1].Value).Text);
    }

    [Fact]
    public void SiblingObjectsAtSameDepth_DoNotShareProperties()
    {
        JsonArray array = Assert.IsType<JsonArray>(ReadOk("[{\"a\":1,\"b\":2},{\"c\":3},{}]"));

        Assert.Equal(new[] { "a", "b" }, NamesOf(Assert.IsType<JsonObject>(array.Items[0])));
        Assert.Equal(new[] { "c" }, NamesOf(Assert.IsType<JsonObject>(array.Items[1])));
        Assert.Empty(Assert.IsType<JsonObject>(array.Items[2]).Properties);
    }

    [Theory]
    [InlineData("{", 1, "Unexpected end of input; expected a property name or '}'.")]
    [InlineData("{a:1}", 1, "Expected a property name or '}' but found 'a'.")]
    [InlineData("{1:2}", 1, "Expected a property name or '}' but found '1'.")]
    [InlineData("{\"a\"", 4, "Unexpected end of input; expected ':' after the property name.")]
    [InlineData("{\"a\" 1}", 5, "Expected ':' after the property name but found '1'.")]
    [InlineData("{\"a\"=1}", 4, "Expected ':' after the property name but found '='.")]
    [InlineData("{\"a\":}", 5, "Expected a value but found '}'.")]
    [InlineData("{\"a\":", 5, "Unexpected end of input; expected a value.")]
    [InlineData("{\"a\":1", 6, "Unexpected end of input; expected ',' or '}' after an object property.")]
    [InlineData("{\"a\":1 \"b\":2}", 7, "Expected ',' or '}' after an object property but found '\"'.")]
    [InlineData("{\"a\":1]", 6, "Expected ',' or '}' after an object property but found ']'.")]
    [InlineData("{\"a\":1x}", 6, "Expected ',' or '}' after an object property but found 'x'.")]
    [InlineData("{\"a\":1,", 7, "Unexpected end of input; expected a property name after ','.")]
    [InlineData("{\"a\":1,,}", 7, "Expected a property name after ',' but found ','.")]
    [InlineData("{\"a\":1, b:2}", 8, "Expected a property name after ',' but found 'b'.")]
    [InlineData("{,}", 1, "Expected a property name or '}' but found ','.")]
    public void MalformedObject_IsRejected(string json, int start, string message)
    {
        JsonReadError error = ReadError(json);

        Assert.Equal(start, error.Span.Start);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("{\"a\":1,}", 6)]
    [InlineData("{\"a\":1 ,\r\n}", 7)]
    [InlineData("[{\"a\":{},}]", 8)]
    public void TrailingCommaInObject_IsRejectedAtComma(string json, int comma)
    {
        JsonReadError error = ReadError(json);

        Assert.Equal(new TextSpan(comma, 1), error.Span);
        Assert.Contains("Trailing comma is not allowed in an object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleQuotedPropertyName_IsRejectedWithHint()
    {
        JsonReadError error = ReadError("{'a': 1}");

        Assert.Equal(1, error.Span.Start);
        Assert.Contains("Expected a property name or '}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("double quotes", error.Message, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- comments, whitespace, document level

    [Theory]
    [InlineData("// comment\n1", 0)]
    [InlineData("/* c */ 1", 0)]
    [InlineData("[1 /* c */]", 3)]
    [InlineData("{\"a\": // c\n 1}", 6)]
    [InlineData("1 // trailing", 2)]
    [InlineData("# hash", 0)]
    public void Comments_AreRejected(string json, int start)
    {
        JsonReadError error = ReadError(json);

        Assert.Equal(start, error.Span.Start);
        if (json[start] == '/')
        {
            Assert.Contains("Comments are not allowed", error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("found '#'", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EmptyInput_IsUnexpectedEndOfInput()
    {
        JsonReadError error = ReadError(string.Empty);

        Assert.Equal(new TextSpan(0, 0), error.Span);
        Assert.Equal("Unexpected end of input; expected a value.", error.Message);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData(" \t\r\n ")]
    [InlineData("\n\n\n")]
    public void WhitespaceOnlyInput_IsUnexpectedEndOfInputAtEnd(string json)
    {
        JsonReadError error = ReadError(json);

        Assert.Equal(new TextSpan(json.Length, 0), error.Span);
        Assert.Equal("Unexpected end of input; expected a value.", error.Message);
    }

    [Theory]
    [InlineData('\u000B', "U+000B")]
    [InlineData('\u000C', "U+000C")]
    [InlineData('\u00A0', "U+00A0")]
    [InlineData('\u2028', "U+2028")]
    [InlineData('\u3000', "U+3000")]
    public void NonJsonWhitespace_IsRejectedAndShownAsCodePoint(char whitespace, string shown)
    {
        JsonReadError error = ReadError("[1," + whitespace + "2]");

        Assert.Equal(new TextSpan(3, 1), error.Span);
        Assert.Equal("Expected a value but found " + shown + ".", error.Message);
    }

    [Fact]
    public void ControlCharacterOutsideString_IsShownAsCodePoint()
    {
        JsonReadError error = ReadError("\u0000");

        Assert.Equal(new TextSpan(0, 1), error.Span);
        Assert.Equal("Expected a value but found U+0000.", error.Message);
    }

    [Theory]
    [InlineData("1 2", 2)]
    [InlineData("{}{}", 2)]
    [InlineData("[] x", 3)]
    [InlineData("\"a\" \"b\"", 4)]
    [InlineData("null,", 4)]
    [InlineData("{}]", 2)]
    [InlineData("[]\n\n}", 4)]
    public void TrailingContentAfterTopLevelValue_IsRejected(string json, int start)
    {
        JsonReadError error = ReadError(json);

        Assert.Equal(new TextSpan(start, 1), error.Span);
        Assert.Contains("Expected end of input after the top-level value but found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LeadingByteOrderMark_IsSkipped()
    {
        JsonObject obj = Assert.IsType<JsonObject>(ReadOk("\uFEFF{\"a\":true}"));
        Assert.Equal(new TextSpan(1, 10), obj.Span);
        Assert.Equal(new TextSpan(2, 3), obj.Properties[0].NameSpan);

        JsonString str = Assert.IsType<JsonString>(ReadOk("\uFEFF \n\"x\" "));
        Assert.Equal(new TextSpan(3, 3), str.Span);
    }

    [Fact]
    public void ByteOrderMarkOnly_IsUnexpectedEndOfInput()
    {
        JsonReadError error = ReadError("\uFEFF");

        Assert.Equal(new TextSpan(1, 0), error.Span);
        Assert.Equal("Unexpected end of input; expected a value.", error.Message);
    }

    [Theory]
    [InlineData("\uFEFF\uFEFF1", 1)]
    [InlineData(" \uFEFF1", 1)]
    [InlineData("[\uFEFF1]", 1)]
    [InlineData("1\uFEFF", 1)]
    public void ByteOrderMarkAnywhereElse_IsRejected(string json, int start)
    {
        JsonReadError error = ReadError(json);

        Assert.Equal(new TextSpan(start, 1), error.Span);
        Assert.Contains("U+FEFF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ByteOrderMarkInsideString_IsPlainContent()
    {
        Assert.Equal("\uFEFF", Assert.IsType<JsonString>(ReadOk("\"\uFEFF\"")).Value);
    }

    [Fact]
    public void RawNonBmpCharacterOutsideString_IsQuotedWhole()
    {
        JsonReadError error = ReadError("[\U0001F600]");

        Assert.Equal(1, error.Span.Start);
        Assert.Equal("Expected a value but found '\U0001F600'.", error.Message);
    }

    [Fact]
    public void FirstErrorWins()
    {
        JsonReadError error = ReadError("[01, x, \"\\q\"");

        Assert.Equal(1, error.Span.Start);
        Assert.Contains("Leading zeros", error.Message, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- limits

    [Fact]
    public void ArraysNestedExactlyMaxDepth_AreAccepted()
    {
        Assert.Equal(64, JsonReader.MaxDepth);
        string json = new string('[', 64) + "1" + new string(']', 64);

        JsonNode node = ReadOk(json);
        for (int level = 0; level < 63; level++)
        {
            JsonArray array = Assert.IsType<JsonArray>(node);
            Assert.Equal(TextSpan.FromBounds(level, json.Length - level), array.Span);
            node = Assert.Single(array.Items);
        }

        Assert.Equal("1", Assert.IsType<JsonNumber>(Assert.Single(Assert.IsType<JsonArray>(node).Items)).Text);
    }

    [Fact]
    public void ArraysNestedOneBeyondMaxDepth_AreRejectedAtTheExtraBracket()
    {
        string json = new string('[', 65) + new string(']', 65);

        JsonReadError error = ReadError(json);

        Assert.Equal(new TextSpan(64, 1), error.Span);
        Assert.Equal("Nesting is deeper than 64 levels.", error.Message);
    }

    [Fact]
    public void ObjectsNestedExactlyMaxDepth_AreAcceptedAndOneMoreIsRejected()
    {
        string ok = Repeat("{\"a\":", 63) + "{}" + new string('}', 63);
        JsonNode node = ReadOk(ok);
        int depth = 1;
        while (node is JsonObject obj && obj.Properties.Length == 1)
        {
            node = obj.Properties[0].Value;
            depth++;
        }

        Assert.Equal(64, depth);

        string tooDeep = Repeat("{\"a\":", 64) + "{}" + new string('}', 64);
        JsonReadError error = ReadError(tooDeep);
        Assert.Equal(new TextSpan(64 * 5, 1), error.Span);
        Assert.Equal("Nesting is deeper than 64 levels.", error.Message);
    }

    [Fact]
    public void MixedNestingBeyondMaxDepth_IsRejected()
    {
        var json = new StringBuilder();
        for (int i = 0; i < 65; i++)
        {
            json.Append(i % 2 == 0 ? "[" : "{\"k\":");
        }

        JsonReadError error = ReadError(json.ToString());

        Assert.Equal(json.Length - 1, error.Span.Start);
        Assert.Contains("deeper than 64 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnclosedNestingWithinMaxDepth_IsUnexpectedEndOfInput()
    {
        JsonReadError error = ReadError(new string('[', 64));

        Assert.Equal(new TextSpan(64, 0), error.Span);
        Assert.Equal("Unexpected end of input; expected a value.", error.Message);
    }

    [Theory]
    [InlineData('[')]
    [InlineData('{')]
    public void VeryDeepNesting_IsRejectedWithoutOverflowingTheStack(char open)
    {
        string json = open == '['
            ? new string('[', 200_000)
            : Repeat("{\"a\":", 200_000);

        JsonReadError error = ReadError(json);

        Assert.Equal(open == '[' ? 64 : 64 * 5, error.Span.Start);
        Assert.Equal("Nesting is deeper than 64 levels.", error.Message);
    }

    [Fact]
    public void InputOfExactlyMaxLength_IsAccepted()
    {
        Assert.Equal(4 * 1024 * 1024, JsonReader.MaxLength);
        string json = "[1]" + new string(' ', JsonReader.MaxLength - 3);

        JsonArray array = Assert.IsType<JsonArray>(ReadOk(json));
        Assert.Equal(new TextSpan(0, 3), array.Span);
    }

    [Fact]
    public void InputLongerThanMaxLength_IsRejectedWithItsOwnMessage()
    {
        string json = "[1]" + new string(' ', JsonReader.MaxLength - 2);

        JsonReadError error = ReadError(json);

        Assert.Contains("longer than the limit of 4194304 characters", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Span.Start, 0, json.Length);
        Assert.InRange(error.Span.End, error.Span.Start, json.Length);
    }

    [Fact]
    public void NullText_IsAnErrorNotAnException()
    {
        JsonReadResult result = JsonReader.Read(null!, TestContext.Current.CancellationToken);

        Assert.Null(result.Root);
        Assert.NotNull(result.Error);
        Assert.Equal(new TextSpan(0, 0), result.Error!.Span);
    }

    [Fact]
    public void CancelledToken_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Throws<OperationCanceledException>(() => JsonReader.Read("[1,2,3]", cts.Token));
    }

    [Fact]
    public void UncancelledToken_AllowsLargeDocuments()
    {
        using var cts = new CancellationTokenSource();
        string json = "[" + Repeat("{\"a\":[1,2,3]},", 10_000) + "null]";

        JsonArray array = Assert.IsType<JsonArray>(JsonReader.Read(json, cts.Token).Root);
        Assert.Equal(10_001, array.Items.Length);
    }

    [Fact]
    public void Result_HasExactlyOneOfRootAndError()
    {
        JsonReadResult ok = JsonReader.Read("{}", TestContext.Current.CancellationToken);
        Assert.True(ok.IsSuccess);
        Assert.NotNull(ok.Root);
        Assert.Null(ok.Error);

        JsonReadResult failed = JsonReader.Read("{", TestContext.Current.CancellationToken);
        Assert.False(failed.IsSuccess);
        Assert.Null(failed.Root);
        Assert.NotNull(failed.Error);
    }

    [Fact]
    public void JsonLiteral_RejectsNonLiteralKinds()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsonLiteral(JsonKind.String, default));
        Assert.Equal(JsonKind.False, new JsonLiteral(JsonKind.False, new TextSpan(0, 5)).Kind);
    }

    // ---------------------------------------------------------------- fuzzing

    private static readonly string[] FuzzSeeds =
    {
        "{\"name\":\"Counter\",\"signals\":[{\"id\":1,\"kind\":\"int\",\"default\":-12.5e3},{\"id\":2,\"kind\":\"bool\",\"default\":true}],\"meta\":null}",
        "[1, -0, 0.25, 1E+2, 3e-4, \"\\u0041\\n\\t\\\"\\\\\\/\", \"\\uD83D\\uDE00\", false, null, {}, []]",
        "\uFEFF { \"a\" : { \"b\" : { \"c\" : [ [ [ \"deep\" ] ] ] } } , \"a\" : 2 }\r\n",
        "\"caf\u00E9 \u20AC \U0001F600 plain and \\b\\f\\r escaped\"",
        "[[[[[[[[[[{\"x\":[{\"y\":[0]}]}]]]]]]]]]]",
        "{\"\":\"\",\"k\\u00e9y\":[true,false,null],\"n\":123456789012345678901234567890}",
        "[0,-1,10.5,[1e3,2E-2,-0.0e+0],{\"a\":[true,null],\"b\":{}},\"s\",[]]",
    };

    private static readonly string[] FuzzSnippets =
    {
        "\"", "\\", "{", "}", "[", "]", ",", ":", " ", "\t", "\n", "\r", "\0", "\u0001", "\u001F", "\u007F",
        "\uD800", "\uDC00", "\uFEFF", "\u00A0", "'", "/", "*", "-", "+", ".", "0", "1", "e", "E", "x", "u",
        "\\u", "\\uD800", "\\uDC00", "\\uD83D\\uDE00", "\\u12", "\\q", "\\\"", "01", "1e", "-.", "true", "tru",
        "null", "NaN", "Infinity", "//", "/*", "*/", ",]", ",}", "\"a\":", "{\"", "[\"",
    };

    [Fact]
    public void Fuzz_MutatedDocuments_NeverThrowAndReportConsistentResults()
    {
        var random = new Random(20261122);
        int successes = 0;
        int failures = 0;
        int compared = 0;

        foreach (string seed in FuzzSeeds)
        {
            // The seeds themselves must be valid, otherwise the mutations below explore the wrong space.
            Assert.NotNull(JsonReader.Read(seed, TestContext.Current.CancellationToken).Root);
        }

        for (int iteration = 0; iteration < 6_000; iteration++)
        {
            string text = FuzzSeeds[random.Next(FuzzSeeds.Length)];
            int mutations = random.Next(1, 4);
            for (int m = 0; m < mutations; m++)
            {
                text = Mutate(text, random);
            }

            JsonReadResult result = JsonReader.Read(text, TestContext.Current.CancellationToken);

            Assert.True((result.Root is null) != (result.Error is null), "Exactly one of Root and Error must be set for: " + Escape(text));
            if (result.Error is { } error)
            {
                failures++;
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                Assert.InRange(error.Span.Start, 0, text.Length);
                Assert.InRange(error.Span.Length, 0, text.Length - error.Span.Start);
            }
            else
            {
                successes++;
                AssertTreeIsConsistent(text, result.Root!, depth: 1);
            }

            if (TryParseWithSystemTextJson(text, out bool systemTextJsonAccepts))
            {
                compared++;
                Assert.True(
                    systemTextJsonAccepts == result.IsSuccess,
                    "Acceptance differs from System.Text.Json (" + systemTextJsonAccepts + ") for: " + Escape(text) + " error: " + result.Error?.ToString());
            }
        }

        // Guard against a generator that only ever produces one outcome.
        Assert.InRange(successes, 300, 5_700);
        Assert.InRange(failures, 300, 5_700);
        Assert.True(compared > 2_000, "Too few inputs compared with System.Text.Json: " + compared);
    }

    private static string Mutate(string text, Random random)
    {
        int position = PickPosition(text, random);
        switch (random.Next(9))
        {
            case 0:
                return text.Substring(0, position);
            case 1:
                return text.Insert(position, FuzzSnippets[random.Next(FuzzSnippets.Length)]);
            case 2:
                return position < text.Length ? text.Remove(position, 1) : text;
            case 3:
                return position < text.Length
                    ? text.Remove(position, 1).Insert(position, FuzzSnippets[random.Next(FuzzSnippets.Length)])
                    : text;
            case 4:
                return text.Insert(position, ((char)random.Next(0, 0x80)).ToString());
            case 5:
            {
                int sliceStart = random.Next(text.Length + 1);
                int sliceLength = random.Next(text.Length - sliceStart + 1);
                return text.Insert(position, text.Substring(sliceStart, sliceLength));
            }

            case 6:
            {
                int sliceStart = random.Next(text.Length + 1);
                int sliceLength = random.Next(Math.Min(8, text.Length - sliceStart) + 1);
                return text.Remove(sliceStart, sliceLength);
            }

            case 7:
            {
                // Nesting around the limit, balanced or not, and far beyond it.
                int[] depths = { 1, 30, 62, 63, 64, 65, 10_000 };
                int depth = depths[random.Next(depths.Length)];
                bool close = random.Next(2) == 0;
                return random.Next(2) == 0
                    ? new string('[', depth) + text + (close ? new string(']', depth) : string.Empty)
                    : Repeat("{\"k\":", depth) + text + (close ? new string('}', depth) : string.Empty);
            }

            default:
                return text.Insert(position, ((char)random.Next(0x80, 0x10000)).ToString());
        }
    }

    /// <summary>
    /// Half the time a uniform position; otherwise one next to a token boundary, where mutations are most
    /// likely to produce near-valid input (trailing commas, leading zeros, broken escapes).
    /// </summary>
    private static int PickPosition(string text, Random random)
    {
        if (random.Next(2) == 0)
        {
            for (int attempt = 0; attempt < 8; attempt++)
            {
                int index = random.Next(text.Length + 1);
                if (index < text.Length && "0123456789,:[]{}\\\"".IndexOf(text[index]) >= 0)
                {
                    return index + random.Next(2);
                }
            }
        }

        return random.Next(text.Length + 1);
    }

    private static void AssertTreeIsConsistent(string text, JsonNode node, int depth)
    {
        // Depth counts nodes, so a scalar may sit one level below the deepest allowed container.
        Assert.InRange(depth, 1, node is JsonObject || node is JsonArray ? JsonReader.MaxDepth : JsonReader.MaxDepth + 1);
        Assert.InRange(node.Span.Start, 0, text.Length);
        Assert.InRange(node.Span.End, node.Span.Start + 1, text.Length);
        string raw = Slice(text, node.Span);

        switch (node)
        {
            case JsonObject obj:
                Assert.Equal(JsonKind.Object, obj.Kind);
                Assert.StartsWith("{", raw, StringComparison.Ordinal);
                Assert.EndsWith("}", raw, StringComparison.Ordinal);
                int previousEnd = obj.Span.Start;
                foreach (JsonProperty property in obj.Properties)
                {
                    Assert.True(property.NameSpan.Start > previousEnd);
                    string rawName = Slice(text, property.NameSpan);
                    Assert.StartsWith("\"", rawName, StringComparison.Ordinal);
                    Assert.EndsWith("\"", rawName, StringComparison.Ordinal);
                    Assert.Equal(property.Name, Assert.IsType<JsonString>(JsonReader.Read(rawName, TestContext.Current.CancellationToken).Root).Value);
                    Assert.True(property.Value.Span.Start > property.NameSpan.End);
                    AssertTreeIsConsistent(text, property.Value, depth + 1);
                    previousEnd = property.Value.Span.End;
                }

                Assert.True(previousEnd < obj.Span.End);
                break;

            case JsonArray array:
                Assert.Equal(JsonKind.Array, array.Kind);
                Assert.StartsWith("[", raw, StringComparison.Ordinal);
                Assert.EndsWith("]", raw, StringComparison.Ordinal);
                int previousItemEnd = array.Span.Start;
                foreach (JsonNode item in array.Items)
                {
                    Assert.True(item.Span.Start > previousItemEnd);
                    AssertTreeIsConsistent(text, item, depth + 1);
                    previousItemEnd = item.Span.End;
                }

                Assert.True(previousItemEnd < array.Span.End);
                break;

            case JsonString str:
                Assert.True(raw.Length >= 2 && raw[0] == '"' && raw[raw.Length - 1] == '"');
                Assert.True(str.Value.Length <= raw.Length - 2);
                break;

            case JsonNumber number:
                Assert.Equal(raw, number.Text);
                break;

            case JsonLiteral literal:
                string expected = literal.Kind switch
                {
                    JsonKind.True => "true",
                    JsonKind.False => "false",
                    _ => "null",
                };
                Assert.Equal(expected, raw);
                break;

            default:
                Assert.Fail("Unexpected node type " + node.GetType().Name);
                break;
        }
    }

    /// <summary>
    /// Uses System.Text.Json as an independent oracle for acceptance, skipping inputs where the two
    /// legitimately differ: escaped surrogates (System.Text.Json defers pairing checks) and raw surrogates
    /// or byte order marks (which do not survive transcoding to UTF-8 unchanged).
    /// </summary>
    private static bool TryParseWithSystemTextJson(string text, out bool accepted)
    {
        accepted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsSurrogate(c) || c == '\uFEFF')
            {
                return false;
            }

            if (c == '\\' && i + 2 < text.Length && text[i + 1] == 'u' && (text[i + 2] == 'd' || text[i + 2] == 'D'))
            {
                return false;
            }
        }

        if (text.Length > 100_000)
        {
            return false;
        }

        try
        {
            using (System.Text.Json.JsonDocument.Parse(text))
            {
            }

            accepted = true;
        }
        catch (System.Text.Json.JsonException)
        {
            accepted = false;
        }

        return true;
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode ReadOk(string json)
    {
        JsonReadResult result = JsonReader.Read(json, TestContext.Current.CancellationToken);
        Assert.True(result.Error is null, "Unexpected error: " + result.Error?.ToString());
        Assert.NotNull(result.Root);
        return result.Root!;
    }

    private static JsonReadError ReadError(string json)
    {
        JsonReadResult result = JsonReader.Read(json, TestContext.Current.CancellationToken);
        Assert.Null(result.Root);
        Assert.NotNull(result.Error);
        JsonReadError error = result.Error!;
        Assert.InRange(error.Span.Start, 0, json.Length);
        Assert.InRange(error.Span.End, error.Span.Start, json.Length);
        return error;
    }

    private static void AssertNode(string json, JsonNode node, JsonKind kind, string raw)
    {
        Assert.Equal(kind, node.Kind);
        Assert.Equal(raw, Slice(json, node.Span));
    }

    private static string[] NamesOf(JsonObject obj)
    {
        var names = new List<string>(obj.Properties.Length);
        foreach (JsonProperty property in obj.Properties)
        {
            names.Add(property.Name);
        }

        return names.ToArray();
    }

    private static string Slice(string text, TextSpan span) => text.Substring(span.Start, span.Length);

    private static string Repeat(string value, int count)
    {
        var builder = new StringBuilder(value.Length * count);
        for (int i = 0; i < count; i++)
        {
            builder.Append(value);
        }

        return builder.ToString();
    }

    private static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (char c in text.Length > 300 ? text.Substring(0, 300) + "..." : text)
        {
            if (c < ' ' || c > '~')
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
