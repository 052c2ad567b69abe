// Over 400 lines on purpose: one single-use recursive-descent parser whose methods share its position,
// depth and first-error state; split across files it would only be harder to follow. Fuzzed by SchemaFuzzTests.
using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.Text;

namespace SignalGen.Schema.Json;

/// <summary>
/// A strict RFC 8259 JSON reader that builds a <see cref="JsonNode"/> tree with source spans.
/// </summary>
/// <remarks>
/// It runs inside the compiler on text the user is still typing, so it never throws for bad input
/// (only <see cref="OperationCanceledException"/> on cancellation), bounds both nesting depth and
/// input size, and stops at the first error so the reported diagnostic is the one that matters.
/// </remarks>
internal static class JsonReader
{
    /// <summary>The maximum number of nested objects and arrays.</summary>
    public const int MaxDepth = 64;

    /// <summary>The maximum input length in UTF-16 code units.</summary>
    public const int MaxLength = 4 * 1024 * 1024;

    private const string DepthExceededMessage = "Nesting is deeper than 64 levels.";
    private const string TooLongMessage = "The JSON text is longer than the limit of 4194304 characters.";

    /// <summary>Reads exactly one JSON value, optionally preceded by a BOM and surrounded by whitespace.</summary>
    public static JsonReadResult Read(string text, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();

        if (text is null)
        {
            return JsonReadResult.Failure(new JsonReadError("No JSON text was provided.", default));
        }

        if (text.Length > MaxLength)
        {
            // Point at the first character past the limit; the span still lies inside the text.
            return JsonReadResult.Failure(new JsonReadError(TooLongMessage, new TextSpan(MaxLength, 0)));
        }

        return new Parser(text, cancellationToken).ReadDocument();
    }

    /// <summary>Single-use recursive-descent parser; recursion is bounded by <see cref="MaxDepth"/>.</summary>
    private sealed class Parser
    {
        // Checking the token for every value would be wasteful; every few hundred keeps latency low.
        private const int CancellationCheckInterval = 256;

        // Longest word quoted back in messages such as "found 'Infinity'".
        private const int MaxQuotedWordLength = 32;

        private readonly string _text;
        private readonly CancellationToken _cancellationToken;

        // Only one container per nesting level is open at any time, so one builder per level can be reused.
        private readonly ImmutableArray<JsonNode>.Builder?[] _itemBuilders = new ImmutableArray<JsonNode>.Builder?[MaxDepth];
        private readonly ImmutableArray<JsonProperty>.Builder?[] _propertyBuilders = new ImmutableArray<JsonProperty>.Builder?[MaxDepth];

        private StringBuilder? _unescapeBuffer;
        private int _position;
        private int _depth;
        private int _valuesSinceCancellationCheck;
        private JsonReadError? _error;

        public Parser(string text, CancellationToken cancellationToken)
        {
            _text = text;
            _cancellationToken = cancellationToken;
        }

        public JsonReadResult ReadDocument()
        {
            if (_text.Length > 0 && _text[0] == '\uFEFF')
            {
                _position = 1;
            }

            SkipWhitespace();
            JsonNode? root = ReadValue();
            if (root is not null)
            {
                SkipWhitespace();
                if (_position >= _text.Length)
                {
                    return JsonReadResult.Success(root);
                }

                FailExpected("end of input after the top-level value", _position);
            }

            // Defensive: every failing path records an error, but a missing one must not become an exception.
            return JsonReadResult.Failure(_error ?? new JsonReadError("The JSON text could not be read.", new TextSpan(_position, 0)));
        }

        /// <summary>Reads a value starting at the current position, which must not be whitespace.</summary>
        private JsonNode? ReadValue()
        {
            if (++_valuesSinceCancellationCheck >= CancellationCheckInterval)
            {
                _valuesSinceCancellationCheck = 0;
                _cancellationToken.ThrowIfCancellationRequested();
            }

            if (_position >= _text.Length)
            {
                FailExpected("a value", _position);
                return null;
            }

            switch (_text[_position])
            {
                case '{':
                    return ReadObject();
                case '[':
                    return ReadArray();
                case '"':
                    int start = _position;
                    string? value = ReadString();
                    return value is null ? null : new JsonString(value, TextSpan.FromBounds(start, _position));
                case 't':
                    return ReadLiteral("true", JsonKind.True);
                case 'f':
                    return ReadLiteral("false", JsonKind.False);
                case 'n':
                    return ReadLiteral("null", JsonKind.Null);
                case '-':
                case '0':
                case '1':
                case '2':
                case '3':
                case '4':
                case '5':
                case '6':
                case '7':
                case '8':
                case '9':
                    return ReadNumber();
                default:
                    FailExpectedValue();
                    return null;
            }
        }

        private JsonNode? ReadObject()
        {
            int start = _position;
            if (_depth >= MaxDepth)
            {
                Fail(DepthExceededMessage, new TextSpan(start, 1));
                return null;
            }

            ImmutableArray<JsonProperty>.Builder properties = _propertyBuilders[_depth] ??= ImmutableArray.CreateBuilder<JsonProperty>();
            _depth++;
            _position++;
            SkipWhitespace();

            if (_position < _text.Length && _text[_position] == '}')
            {
                _position++;
                _depth--;
                return new JsonObject(ImmutableArray<JsonProperty>.Empty, TextSpan.FromBounds(start, _position));
            }

            int lastComma = -1;
            while (true)
            {
                if (_position >= _text.Length || _text[_position] != '"')
                {
                    if (lastComma < 0)
                    {
                        FailExpected("a property name or '}'", _position);
                    }
                    else if (_position < _text.Length && _text[_position] == '}')
                    {
                        Fail("Trailing comma is not allowed in an object; expected a property name after ','.", new TextSpan(lastComma, 1));
                    }
                    else
                    {
                        FailExpected("a property name after ','", _position);
                    }

                    return null;
                }

                int nameStart = _position;
                string? name = ReadString();
                if (name is null)
                {
                    return null;
                }

                TextSpan nameSpan = TextSpan.FromBounds(nameStart, _position);
                SkipWhitespace();
                if (_position >= _text.Length || _text[_position] != ':')
                {
                    FailExpected("':' after the property name", _position);
                    return null;
                }

                _position++;
                SkipWhitespace();
                JsonNode? value = ReadValue();
                if (value is null)
                {
                    return null;
                }

                properties.Add(new JsonProperty(name, nameSpan, value));
                SkipWhitespace();

                if (_position < _text.Length)
                {
                    char c = _text[_position];
                    if (c == ',')
                    {
                        lastComma = _position;
                        _position++;
                        SkipWhitespace();
                        continue;
                    }

                    if (c == '}')
                    {
                        _position++;
                        break;
                    }
                }

                FailExpected("',' or '}' after an object property", _position);
                return null;
            }

            _depth--;
            ImmutableArray<JsonProperty> result = properties.ToImmutable();
            properties.Clear();
            return new JsonObject(result, TextSpan.FromBounds(start, _position));
        }

        private JsonNode? ReadArray()
        {
            int start = _position;
            if (_depth >= MaxDepth)
            {
                Fail(DepthExceededMessage, new TextSpan(start, 1));
                return null;
            }

            ImmutableArray<JsonNode>.Builder items = _itemBuilders[_depth] ??= ImmutableArray.CreateBuilder<JsonNode>();
            _depth++;
            _position++;
            SkipWhitespace();

            if (_position < _text.Length && _text[_position] == ']')
            {
                _position++;
                _depth--;
                return new JsonArray(ImmutableArray<JsonNode>.Empty, TextSpan.FromBounds(start, _position));
            }

            while (true)
            {
                JsonNode? item = ReadValue();
                if (item is null)
                {
                    return null;
                }

                items.Add(item);
                SkipWhitespace();

                if (_position < _text.Length)
                {
                    char c = _text[_position];
                    if (c == ',')
                    {
                        int comma = _position;
                        _position++;
                        SkipWhitespace();
                        if (_position < _text.Length && _text[_position] == ']')
                        {
                            Fail("Trailing comma is not allowed in an array; expected a value after ','.", new TextSpan(comma, 1));
                            return null;
                        }

                        continue;
                    }

                    if (c == ']')
                    {
                        _position++;
                        break;
                    }
                }

                FailExpected("',' or ']' after an array item", _position);
                return null;
            }

            _depth--;
            ImmutableArray<JsonNode> result = items.ToImmutable();
            items.Clear();
            return new JsonArray(result, TextSpan.FromBounds(start, _position));
        }

        private JsonNode? ReadLiteral(string word, JsonKind kind)
        {
            int start = _position;
            int end = WordEnd(start);
            if (end - start == word.Length && string.CompareOrdinal(_text, start, word, 0, word.Length) == 0)
            {
                _position = end;
                return new JsonLiteral(kind, TextSpan.FromBounds(start, end));
            }

            FailExpectedValue();
            return null;
        }

        /// <summary>
        /// Reads <c>-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?</c>; the raw text is kept unconverted.
        /// </summary>
        private JsonNode? ReadNumber()
        {
            string text = _text;
            int length = text.Length;
            int start = _position;
            int p = start;

            if (text[p] == '-')
            {
                p++;
                if (p >= length || !IsDigit(text[p]))
                {
                    FailExpected("a digit after '-'", p);
                    return null;
                }
            }

            if (text[p] == '0')
            {
                p++;
                if (p < length && IsDigit(text[p]))
                {
                    Fail("Leading zeros are not allowed in numbers; found a digit after the leading '0'.", new TextSpan(p - 1, 1));
                    return null;
                }
            }
            else
            {
                p = SkipDigits(p);
            }

            if (p < length && text[p] == '.')
            {
                p++;
                if (p >= length || !IsDigit(text[p]))
                {
                    FailExpected("a digit after the decimal point", p);
                    return null;
                }

                p = SkipDigits(p);
            }

            if (p < length && (text[p] == 'e' || text[p] == 'E'))
            {
                p++;
                if (p < length && (text[p] == '+' || text[p] == '-'))
                {
                    p++;
                }

                if (p >= length || !IsDigit(text[p]))
                {
                    FailExpected("a digit in the exponent", p);
                    return null;
                }

                p = SkipDigits(p);
            }

            _position = p;
            return new JsonNumber(text.Substring(start, p - start), TextSpan.FromBounds(start, p));
        }

        /// <summary>
        /// Reads a string token at the current position (an opening quote) and returns its unescaped value,
        /// or null after recording an error. On success the position is just past the closing quote.
        /// </summary>
        private string? ReadString()
        {
            string text = _text;
            int length = text.Length;
            int start = _position;

            // Fast path: most strings have no escapes and can be cut straight out of the source.
            for (int p = start + 1; p < length; p++)
            {
                char c = text[p];
                if (c == '"')
                {
                    _position = p + 1;
                    return text.Substring(start + 1, p - start - 1);
                }

                if (c == '\\')
                {
                    return ReadEscapedString(start, p);
                }

                if (c < ' ')
                {
                    FailControlCharacter(p);
                    return null;
                }
            }

            FailUnterminatedString(start);
            return null;
        }

        private string? ReadEscapedString(int start, int firstBackslash)
        {
            string text = _text;
            int length = text.Length;
            StringBuilder buffer = _unescapeBuffer ??= new StringBuilder();
            buffer.Clear();

            int runStart = start + 1;
            int p = firstBackslash;
            while (p < length)
            {
                char c = text[p];
                if (c == '"')
                {
                    buffer.Append(text, runStart, p - runStart);
                    _position = p + 1;
                    return buffer.ToString();
                }

                if (c < ' ')
                {
                    FailControlCharacter(p);
                    return null;
                }

                if (c != '\\')
                {
                    p++;
                    continue;
                }

                buffer.Append(text, runStart, p - runStart);
                int escapeStart = p;
                p++;
                if (p >= length)
                {
                    FailUnterminatedString(start);
                    return null;
                }

                char escape = text[p];
                p++;
                switch (escape)
                {
                    case '"':
                        buffer.Append('"');
                        break;
                    case '\\':
                        buffer.Append('\\');
                        break;
                    case '/':
                        buffer.Append('/');
                        break;
                    case 'b':
                        buffer.Append('\b');
                        break;
                    case 'f':
                        buffer.Append('\f');
                        break;
                    case 'n':
                        buffer.Append('\n');
                        break;
                    case 'r':
                        buffer.Append('\r');
                        break;
                    case 't':
                        buffer.Append('\t');
                        break;
                    case 'u':
                        if (!TryReadHex4(p, out char unit))
                        {
                            return null;
                        }

                        p += 4;
                        if (char.IsHighSurrogate(unit))
                        {
                            // The pair must be spelled as two adjacent escapes; anything else leaves the high half unpaired.
                            if (p + 1 < length && text[p] == '\\' && text[p + 1] == 'u')
                            {
                                if (!TryReadHex4(p + 2, out char low))
                                {
                                    return null;
                                }

                                if (char.IsLowSurrogate(low))
                                {
                                    buffer.Append(unit).Append(low);
                                    p += 6;
                                    break;
                                }
                            }

                            Fail(
                                "Unpaired high surrogate '" + text.Substring(escapeStart, 6) + "' in string; expected a '\\uDC00'-'\\uDFFF' escape to follow.",
                                new TextSpan(escapeStart, 6));
                            return null;
                        }

                        if (char.IsLowSurrogate(unit))
                        {
                            Fail(
                                "Unpaired low surrogate '" + text.Substring(escapeStart, 6) + "' in string; it must follow a '\\uD800'-'\\uDBFF' escape.",
                                new TextSpan(escapeStart, 6));
                            return null;
                        }

                        buffer.Append(unit);
                        break;
                    default:
                        string shown = IsPrintable(escape)
                            ? "'\\" + escape + "'"
                            : "'\\' followed by " + FormatCodePoint(escape);
                        Fail(
                            "Invalid escape sequence " + shown + "; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX.",
                            new TextSpan(escapeStart, 2));
                        return null;
                }

                runStart = p;
            }

            FailUnterminatedString(start);
            return null;
        }

        /// <summary>Parses the four hex digits of a <c>\u</c> escape starting at <paramref name="p"/>.</summary>
        private bool TryReadHex4(int p, out char value)
        {
            int result = 0;
            for (int i = 0; i < 4; i++)
            {
                int digitPosition = p + i;
                int digit = digitPosition < _text.Length ? HexValue(_text[digitPosition]) : -1;
                if (digit < 0)
                {
                    if (digitPosition >= _text.Length)
                    {
                        // Running out of text inside an escape means the string was never closed.
                        FailExpected("4 hexadecimal digits after '\\u' in an unterminated string", digitPosition);
                    }
                    else
                    {
                        FailExpected("4 hexadecimal digits after '\\u'", digitPosition);
                    }

                    value = '\0';
                    return false;
                }

                result = (result << 4) | digit;
            }

            value = (char)result;
            return true;
        }

        private void SkipWhitespace()
        {
            string text = _text;
            int p = _position;
            while (p < text.Length)
            {
                char c = text[p];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                {
                    break;
                }

                p++;
            }

            _position = p;
        }

        private int SkipDigits(int p)
        {
            while (p < _text.Length && IsDigit(_text[p]))
            {
                p++;
            }

            return p;
        }

        /// <summary>End of the run of ASCII letters and digits at <paramref name="start"/>, capped for messages.</summary>
        private int WordEnd(int start)
        {
            int limit = Math.Min(_text.Length, start + MaxQuotedWordLength);
            int p = start;
            while (p < limit && IsWordChar(_text[p]))
            {
                p++;
            }

            return p;
        }

        /// <summary>
        /// Reports a bad value; a misspelt keyword such as <c>tru</c> or <c>NaN</c> is quoted whole because a
        /// single letter would be a confusing thing to report.
        /// </summary>
        private void FailExpectedValue()
        {
            int start = _position;
            int end = start < _text.Length ? WordEnd(start) : start;
            if (end - start > 1)
            {
                Fail("Expected a value but found '" + _text.Substring(start, end - start) + "'.", TextSpan.FromBounds(start, end));
                return;
            }

            FailExpected("a value", start);
        }

        private void FailExpected(string expected, int position)
        {
            if (position >= _text.Length)
            {
                Fail("Unexpected end of input; expected " + expected + ".", new TextSpan(_text.Length, 0));
                return;
            }

            char c = _text[position];
            string hint = c switch
            {
                '\'' => " JSON strings must use double quotes.",
                '/' => " Comments are not allowed in JSON.",
                _ => string.Empty,
            };

            Fail("Expected " + expected + " but found " + Describe(position) + "." + hint, new TextSpan(position, 1));
        }

        private void FailControlCharacter(int position)
        {
            Fail(
                "Unescaped control character " + FormatCodePoint(_text[position]) + " in string; control characters must be written as escape sequences.",
                new TextSpan(position, 1));
        }

        private void FailUnterminatedString(int openingQuote)
        {
            // Point at the opening quote: the end of the text says nothing about which string was left open.
            Fail("Unterminated string; expected a closing '\"' before the end of input.", new TextSpan(openingQuote, 1));
        }

        private void Fail(string message, TextSpan span)
        {
            _error ??= new JsonReadError(message, span);
        }

        private string Describe(int position)
        {
            char c = _text[position];
            if (char.IsHighSurrogate(c) && position + 1 < _text.Length && char.IsLowSurrogate(_text[position + 1]))
            {
                return "'" + _text.Substring(position, 2) + "'";
            }

            if (c == '\'')
            {
                return "\"'\"";
            }

            return IsPrintable(c) ? "'" + c + "'" : FormatCodePoint(c);
        }

        /// <summary>
        /// Whether a character can be quoted in a message as itself; invisible or ambiguous ones
        /// (controls, lone surrogates, non-ASCII whitespace, BOM) are shown as code points instead.
        /// </summary>
        private static bool IsPrintable(char c) =>
            c == ' '
            || (c > ' ' && c < '\u007F')
            || (c > '\u009F' && !char.IsSurrogate(c) && !char.IsWhiteSpace(c) && c != '\uFEFF' && char.GetUnicodeCategory(c) != UnicodeCategory.Format);

        private static string FormatCodePoint(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static bool IsWordChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_';

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }
    }
}
