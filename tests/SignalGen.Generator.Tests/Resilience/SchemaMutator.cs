using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis.Text;

namespace SignalGen.Generator.Tests.Resilience;

/// <summary>One fuzz input: the text as the generator would receive it, and the steps that made it.</summary>
/// <param name="Text">The decoded schema text.</param>
/// <param name="Steps">Each step as "family detail"; the family is the first word.</param>
internal sealed record SchemaFuzzInput(SourceText Text, IReadOnlyList<string> Steps)
{
    public string Recipe => string.Join(", ", Steps);
}

/// <summary>
/// Makes schema fuzz inputs from valid seed schemas in up to three stages. Tree edits keep the JSON
/// well-formed but change what it says (wrong value types, duplicates, renamed keys, deep nesting, huge
/// strings); character edits mostly break the JSON (truncation, slices, edge-case snippets); byte edits
/// corrupt the encoded file (invalid UTF-8, byte order marks, UTF-16), which is then decoded the way the
/// compiler decodes an additional file. Each input depends only on the run seed and its iteration number,
/// so any failing input can be made again.
/// </summary>
internal static class SchemaMutator
{
    // Step families, counted by the fuzz test so a stage that silently stops running fails it.
    public const string Verbatim = "verbatim";
    public const string Rewrite = "rewrite";
    public const string ReplaceString = "replace-string";
    public const string WrongKind = "wrong-kind";
    public const string RenameKey = "rename-key";
    public const string DuplicateMember = "duplicate-member";
    public const string RemoveMember = "remove-member";
    public const string AddMember = "add-member";
    public const string MoveSubtree = "move-subtree";
    public const string Nest = "nest";
    public const string HugeString = "huge-string";
    public const string Truncate = "truncate";
    public const string DeleteSlice = "delete-slice";
    public const string DuplicateSlice = "duplicate-slice";
    public const string InsertSnippet = "insert-snippet";
    public const string ReplaceWithSnippet = "replace-with-snippet";
    public const string ReplaceChar = "replace-char";
    public const string NestText = "nest-text";
    public const string Encode = "encode";
    public const string InsertInvalidUtf8 = "insert-invalid-utf8";
    public const string OverwriteInvalidUtf8 = "overwrite-invalid-utf8";
    public const string FlipByte = "flip-byte";
    public const string TruncateBytes = "truncate-bytes";
    public const string PrependByteOrderMark = "prepend-bom";
    public const string Decode = "decode";

    /// <summary>Every step family, for the test's check that each one ran.</summary>
    public static readonly string[] Families =
    [
        Verbatim, Rewrite, ReplaceString, WrongKind, RenameKey, DuplicateMember, RemoveMember, AddMember, MoveSubtree, Nest, HugeString,
        Truncate, DeleteSlice, DuplicateSlice, InsertSnippet, ReplaceWithSnippet, ReplaceChar, NestText,
        Encode, InsertInvalidUtf8, OverwriteInvalidUtf8, FlipByte, TruncateBytes, PrependByteOrderMark, Decode,
    ];

    /// <summary>
    /// Valid schemas that together use every field: usings, a type parameter, doc, group, internal, the
    /// three modes, and nullable, array, generic, tuple, qualified and keyword-named arguments.
    /// </summary>
    public static readonly string[] Seeds =
    [
        """
        {
          "$schema": "../../src/SignalGen/schema/signals.schema.json",
          "namespace": "Contoso.Auth",
          "usings": ["System.Collections.Generic", "Contoso.Auth.Model"],
          "signals": {
            "UserSignedUp": {
              "group": "account",
              "doc": "Sent when a user completed signup, before they are logged in.",
              "args": { "request": "RequestInfo", "user": "User", "roles": "List<string>?" }
            },
            "UserLoggedIn": {
              "group": "account",
              "doc": "Sent when a user has logged in, after every login stage passed.",
              "mode": "veto",
              "args": { "user": "User", "attempts": "int[]", "claims": "Dictionary<string, int?>" }
            },
            "PasswordChanged": {
              "mode": "robust",
              "args": { "user": "User", "changedAt": "System.DateTimeOffset", "source": "global::System.Uri" }
            },
            "AddEmail": {
              "doc": "Sent while validating an address a user wants to add. A receiver vetoes it by throwing.",
              "internal": true,
              "mode": "all-then-throw",
              "args": { "email": "string", "user": "User?" }
            },
            "SessionExpired": {}
          }
        }
        """,
        """
        {
          "namespace": "Contoso.Identity",
          "typeParameters": { "TUser": "class" },
          "usings": ["System", "System.Collections.Generic"],
          "signals": {
            "UserSignedUp": { "group": "account", "args": { "request": "HttpContext", "user": "TUser" } },
            "UserLoggedOut": { "mode": "robust", "args": { "user": "TUser?", "reason": "string?" } },
            "EmailConfirmed": { "internal": false, "args": { "email": "string", "tokens": "IReadOnlyList<(int Id, string Name)>" } },
            "PasswordReset": {
              "mode": "all-then-throw",
              "doc": "Sent after a password reset.\nThe second line of its summary.",
              "group": "security",
              "args": { "user": "TUser", "at": "DateTime", "codes": "(int, string)?" }
            }
          }
        }
        """,
        """
        {
          "namespace": "Billing.Events",
          "signals": {
            "InvoicePaid": {
              "doc": "Paid \u2013 \"in full\", with a \\ backslash, caf\u00e9 and \uD83D\uDE00.",
              "group": "billing",
              "args": { "invoiceId": "long", "amounts": "decimal[]", "grid": "int[,]", "lines": "string[][]", "class": "string" }
            },
            "Überweisung": { "args": { "größe": "double?", "_id": "System.Guid", "ids": "int?[]" } },
            "RefundIssued": {
              "mode": "robust",
              "internal": true,
              "args": { "byCurrency": "IReadOnlyDictionary<string, List<decimal>>", "callback": "Func<int, Task<string?>>" }
            }
          }
        }
        """,
        """{"namespace":"A","signals":{}}""",
        "{\r\n\t\"namespace\": \"Shop.Orders.V2\",\r\n\t\"typeParameters\": { \"TOrder\": \"notnull\" },\r\n\t\"usings\": [ \"System.Collections.Generic\", \"System.Threading.Tasks\" ],\r\n"
            + "\t\"signals\": {\r\n"
            + "\t\t\"OrderPlaced\": { \"args\": { \"order\": \"TOrder\", \"items\": \"List<KeyValuePair<string, int>>\", \"total\": \"decimal\" }, \"mode\": \"veto\" },\r\n"
            + "\t\t\"OrderShipped\": { \"args\": { \"order\": \"TOrder?\", \"tracking\": \"ValueTuple<int, string>\", \"payload\": \"byte[]\" }, \"group\": \"\", \"doc\": \"\" },\r\n"
            + "\t\t\"OrderCancelled\": { \"internal\": true, \"mode\": \"robust\", \"args\": {} }\r\n"
            + "\t}\r\n}\r\n",
    ];

    // Value pools by what the value is. Each pool pairs values the format accepts with values it rejects.
    private static readonly ValuePool s_namespaces = new(
        ["Contoso.Auth", "A", "Shop.Orders.V2", "System", "Ünïcode.Naming", "_Private.Space", "record.init", "A.B.C.D.E.F.G.H"],
        ["", " ", "A..B", ".A", "A.", "A.class", "Contoso.Auth ", "global::A", "A-B", "1A", "A\0B", "A\uD800", "A.B;", "using"]);

    private static readonly ValuePool s_types = new(
        [
            "string", "int", "bool?", "object", "List<string>?", "int[]", "Dictionary<string, int?>", "global::System.Uri", "(int Id, string Name)",
            "(int, string)?", "string[][]", "int[,]", "IReadOnlyList<KeyValuePair<string, List<int>>>", "  long  ", "dynamic", "nint", "decimal?[]",
            "TUser", "TUser?", "TOrder", "Func<int, Task<string?>>", "ReadOnlyMemory<byte>", "A.B<C>.D", "System.Collections.Generic.HashSet<System.Guid>",
            string.Concat(Enumerable.Repeat("List<", 32)) + "int" + new string('>', 32),
        ],
        [
            "", "   ", "void", "int*", "delegate*<void>", "ref int", "List<>", "List<", "List<int", "int>", "var", "int /* id */", "int // id",
            "#if X\nint\n#endif", "int\n", "1abc", "a b", "List<TUser>", "Dictionary<,>", "int[", "out string", "params int[]", "Task<void>",
            "int\u00A0", "string\0", "\uD83D\uDE00", string.Concat(Enumerable.Repeat("List<", 33)) + "int" + new string('>', 33), new string('A', 1_100),
        ]);

    private static readonly ValuePool s_modes = new(
        ["veto", "robust", "all-then-throw"],
        ["", "Veto", "ROBUST", "all_then_throw", "all-then-throw ", "loud", "null"]);

    private static readonly ValuePool s_constraints = new(
        ["", "class", "class?", "notnull", "struct", "unmanaged", "System.IDisposable", "IComparable<int>", " class "],
        ["new()", "TUser", "TOrder", "int)", "class, new()", "void", "int*", "List<"]);

    // Free text is always a valid value: doc, group and $schema accept any string.
    private static readonly ValuePool s_texts = new(
        [
            "", "Sent when something happened.", "quotes \" and a \\ backslash", "line one\nline two\r\nline three", "</summary><b>bold</b> & <script>",
            "]]> --> <!--", "a \u2028 line and \u2029 paragraph separator", "tab\tand\0nul", "\uD83D\uDE00 emoji and caf\u00E9", "\uFEFF BOM inside",
            "/// */ /*", "{0} {{ }}", "#region x", "\\u0041 is not an escape here", "\uFFFD replacement \uFFFE noncharacter",
        ],
        []);

    private static readonly ValuePool s_identifiers = new(
        ["UserLoggedIn", "Überweisung", "_x", "X1", "TUser", "Order_Placed", "A\u200BB", "\u0531rmenian", "\u01C5", "Login2", "x"],
        ["", " ", "a-b", "A.B", "1st", "A\0", "A\uD800", "@A", "A B", "class", "record", "login", "Async", "Signals", "Signal", "cancellationToken", "equals", "toString", "deconstruct", "\uD835\uDC9C"]);

    private static readonly ValuePool s_fieldNames = new(
        ["namespace", "signals", "usings", "typeParameters", "$schema", "args", "doc", "group", "internal", "mode"],
        ["Namespace", "SIGNALS", "", "extra", "namespace ", "arg", "Mode", "\0"]);

    // Values of every JSON kind, written verbatim: the number edge cases, literals and empty containers.
    private static readonly string[] s_tokens =
    [
        "-0", "0", "-0.0", "1e999", "-1E-999", "1.5e+10", "123456789012345678901234567890", "0.000000000000000000001",
        "true", "false", "null", "[]", "{}", "[\"System\"]", "{\"a\":\"int\"}", "[[]]", "\"\"", "[null]",
    ];

    // Text that breaks JSON, or nearly does: every kind of token, the non-JSON extensions people try, bad escapes, odd characters.
    private static readonly string[] s_snippets =
    [
        ",", ",,", ":", "{", "}", "[", "]", "\"", "\\", "//c\n", "/*c*/", "'a'", "'", "-0", "1e999", "01", "-", ".5", "1.", "1e", "+1", "0x10",
        "NaN", "Infinity", "undefined", "tru", "nul", "True", "\\u", "\\uD83D\\uDE00", "\\uD800", "\\uDC00", "\\uD800\\u0041", "\\uZZZZ", "\\x41",
        "\\u00", "\\", "\\\"", "\uD800", "\uDC00", "\uDBFF\uDFFF", "\0", "\u0001", "\u001F", "\u007F", "\uFEFF", "\u00A0", "\u2028", "\u2029",
        "\r", "\n", "\t", "\v", "\f", "\r\n", "\"\"", "\"\":\"\"", "\"namespace\":\"X\",", "\"signals\":{},", ",\"A\":{}", "\uFFFD", "\uFFFE",
        "\"args\":{\"a\":\"int\"}", "{\"k\":", "[[", "]]", "}}",
    ];

    // Byte sequences that are not UTF-8: stray bytes, lone continuations, overlong forms, encoded surrogates,
    // code points past U+10FFFF, 5- and 6-byte forms, and sequences cut short.
    private static readonly byte[][] s_invalidUtf8 =
    [
        [0xC3, 0x28], [0xFF], [0xFE], [0x80], [0xBF], [0x80, 0x80], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF],
        [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
        [0xFC, 0x84, 0x80, 0x80, 0x80, 0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3], [0xE2], [0xF0], [0x00], [0x00, 0x00],
    ];

    private static readonly byte[][] s_byteOrderMarks =
    [
        [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xFF, 0xFE, 0x00, 0x00], [0x00, 0x00, 0xFE, 0xFF], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF], [0xEF, 0xBB],
    ];

    // Around the reader's limit of 64 (the value may already sit 1-4 levels deep), and far beyond it.
    private static readonly int[] s_nestingDepths = [1, 2, 30, 58, 59, 60, 61, 62, 63, 64, 65, 66, 100, 1_000, 20_000];

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Makes input number <paramref name="iteration"/> of the run seeded with <paramref name="runSeed"/>.</summary>
    /// <param name="runSeed">The run's seed.</param>
    /// <param name="iteration">The input's number in the run.</param>
    /// <param name="allowHugeStrings">Whether a rare input may hold a 1-5 million character string.</param>
    public static SchemaFuzzInput Create(int runSeed, int iteration, bool allowHugeStrings)
    {
        var random = new Random(MixSeed(runSeed, iteration));
        var steps = new List<string>();
        var seedIndex = random.Next(Seeds.Length);

        string text;
        var treeEdits = random.Next(100) switch { < 25 => 0, < 65 => 1, < 90 => 2, _ => 3 };
        if (treeEdits == 0 && random.Next(2) == 0)
        {
            steps.Add(Verbatim + " seed " + seedIndex);
            text = Seeds[seedIndex];
        }
        else
        {
            steps.Add(Rewrite + " seed " + seedIndex);
            var root = Parse(Seeds[seedIndex]);
            for (var i = 0; i < treeEdits; i++)
            {
                EditTree(root, random, steps, allowHugeStrings);
            }

            text = Write(root, random, steps);
        }

        if (random.Next(100) < 40)
        {
            var textEdits = random.Next(1, 4);
            for (var i = 0; i < textEdits; i++)
            {
                text = EditText(text, random, steps);
            }
        }

        return random.Next(100) < 20
            ? new SchemaFuzzInput(EncodeEditAndDecode(text, random, steps), steps)
            : new SchemaFuzzInput(SourceText.From(text), steps);
    }

    /// <summary>Decodes a schema file's bytes as the compiler does for an additional file.</summary>
    /// <remarks>
    /// The compiler (its internal EncodedStringText) honours a byte order mark, else tries strict UTF-8, else
    /// falls back to <c>Encoding.GetEncoding(0)</c>. On .NET on Linux that is UTF-8 with U+FFFD for each invalid
    /// sequence, which gives the same text as <c>SourceText.From(stream)</c> (checked with Roslyn 4.8 and 5.9);
    /// on Windows it is the ANSI code page. With <paramref name="ansiFallback"/>, Latin-1 stands in for the
    /// code page: like it, it turns every byte into one character.
    /// </remarks>
    public static SourceText DecodeAsCompiler(byte[] bytes, bool ansiFallback)
    {
        if (ansiFallback && !HasByteOrderMark(bytes) && !IsStrictUtf8(bytes))
        {
            var text = SourceText.From(new MemoryStream(bytes, writable: false), Encoding.Latin1);

            // The compiler refuses a fallback-decoded file that looks binary (two NULs in a row) and gives
            // the generator no text at all; such a file has nothing to parse, so decode it the other way.
            if (!text.ToString().Contains("\0\0", StringComparison.Ordinal))
            {
                return text;
            }
        }

        return SourceText.From(new MemoryStream(bytes, writable: false));
    }

    private static bool HasByteOrderMark(byte[] bytes) =>
        (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        || (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)));

    private static bool IsStrictUtf8(byte[] bytes)
    {
        try
        {
            s_strictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    // Spreads neighbouring (seed, iteration) pairs apart so consecutive inputs do not share random streams.
    private static int MixSeed(int runSeed, int iteration)
    {
        unchecked
        {
            var mixed = ((ulong)(uint)runSeed << 32) | (uint)iteration;
            mixed = (mixed ^ (mixed >> 30)) * 0xBF58476D1CE4E5B9UL;
            mixed = (mixed ^ (mixed >> 27)) * 0x94D049BB133111EBUL;
            return (int)(mixed ^ (mixed >> 31));
        }
    }

    // ---------------------------------------------------------------- tree edits

    private static void EditTree(FuzzContainer root, Random random, List<string> steps, bool allowHugeStrings)
    {
        var slots = new List<Slot>();
        CollectSlots(root, Context.Root, slots);
        if (slots.Count == 0)
        {
            // An emptied root: give it something to edit next time.
            root.Members.Add(new FuzzMember(s_fieldNames.Pick(random), new FuzzString(s_namespaces.Pick(random))));
            steps.Add(AddMember + " to the empty root");
            return;
        }

        var slot = slots[random.Next(slots.Count)];
        var member = slot.Container.Members[slot.Index];

        // Huge strings are slow to write and read, so they are rare; the tests' own fixed cases cover the limits.
        if (allowHugeStrings && random.Next(800) == 0)
        {
            var huge = MakeHugeString(random);
            if (slot.Container.IsObject && random.Next(3) == 0)
            {
                member.Key = huge;
                steps.Add(HugeString + " key of " + huge.Length + " chars");
            }
            else
            {
                member.Value = new FuzzString(huge);
                steps.Add(HugeString + " value of " + huge.Length + " chars for " + Describe(member));
            }

            return;
        }

        switch (random.Next(8))
        {
            case 0:
                var replacement = PoolFor(slot.ValueRole).Pick(random);
                steps.Add(ReplaceString + " " + Describe(member) + " = " + Quote(replacement));
                member.Value = new FuzzString(replacement);
                break;
            case 1:
                var token = member.Value is FuzzString && random.Next(4) != 0 ? s_tokens[random.Next(s_tokens.Length)] : "\"x\"";
                steps.Add(WrongKind + " " + Describe(member) + " = " + token);
                member.Value = new FuzzToken(token);
                break;
            case 2:
                if (slot.Container.IsObject)
                {
                    var key = PoolFor(slot.KeyRole).Pick(random);
                    steps.Add(RenameKey + " " + Describe(member) + " to " + Quote(key));
                    member.Key = key;
                }

                break;
            case 3:
                var copy = new FuzzMember(member.Key, random.Next(2) == 0 ? member.Value.Clone() : new FuzzString(PoolFor(slot.ValueRole).Pick(random)));
                var at = random.Next(slot.Container.Members.Count + 1);
                steps.Add(DuplicateMember + " " + Describe(member) + " at " + at);
                slot.Container.Members.Insert(at, copy);
                break;
            case 4:
                steps.Add(RemoveMember + " " + Describe(member));
                slot.Container.Members.RemoveAt(slot.Index);
                break;
            case 5:
                var target = member.Value as FuzzContainer ?? slot.Container;
                var role = ReferenceEquals(target, slot.Container) ? slot.ValueRole : Role.Any;
                var added = new FuzzMember(
                    target.IsObject ? PoolFor(ReferenceEquals(target, slot.Container) ? slot.KeyRole : Role.Any).Pick(random) : null,
                    random.Next(3) == 0 ? slots[random.Next(slots.Count)].Container.Clone() : new FuzzString(PoolFor(role).Pick(random)));
                steps.Add(AddMember + " " + Describe(added));
                target.Members.Insert(random.Next(target.Members.Count + 1), added);
                break;
            case 6:
                var donor = slots[random.Next(slots.Count)];
                steps.Add(MoveSubtree + " " + Describe(donor.Container.Members[donor.Index]) + " into " + Describe(member));
                member.Value = donor.Container.Members[donor.Index].Value.Clone();
                break;
            default:
                var depth = s_nestingDepths[random.Next(s_nestingDepths.Length)];
                var inObjects = random.Next(2) == 0;
                steps.Add(Nest + " " + Describe(member) + " in " + depth + (inObjects ? " objects" : " arrays"));
                member.Value = new FuzzNesting(depth, inObjects, member.Value);
                break;
        }
    }

    private static string MakeHugeString(Random random)
    {
        var length = random.Next(1_000_000, 5_000_001);
        var pieces = new[] { "abcdefgh", "Xyz_09", " ", "caf\u00E9 ", "\uD83D\uDE00", "\"q\"", "\\", "\n", "List<int>" };
        var builder = new StringBuilder(length + 16);
        var piece = pieces[random.Next(pieces.Length)];
        while (builder.Length < length)
        {
            builder.Append(piece);
        }

        return builder.ToString();
    }

    private static ValuePool PoolFor(Role role) => role switch
    {
        Role.Namespace => s_namespaces,
        Role.Type => s_types,
        Role.Mode => s_modes,
        Role.Constraint => s_constraints,
        Role.Text => s_texts,
        Role.Identifier => s_identifiers,
        Role.FieldName => s_fieldNames,
        _ => s_any,
    };

    private static readonly ValuePool s_any = new(
        [.. s_fieldNames.Valid, .. s_identifiers.Valid, .. s_types.Valid.Take(5), .. s_modes.Valid],
        [.. s_fieldNames.Invalid, .. s_identifiers.Invalid.Take(6), .. s_texts.Valid.Take(4)]);

    private static void CollectSlots(FuzzContainer container, Context context, List<Slot> slots)
    {
        for (var i = 0; i < container.Members.Count; i++)
        {
            var member = container.Members[i];
            slots.Add(new Slot(container, i, KeyRoleIn(context), ValueRoleOf(context, member.Key)));
            var value = member.Value is FuzzNesting nesting ? nesting.Inner : member.Value;
            if (value is FuzzContainer child)
            {
                CollectSlots(child, ChildContext(context, member.Key), slots);
            }
        }
    }

    private static Context ChildContext(Context parent, string? key) => (parent, key) switch
    {
        (Context.Root, "usings") => Context.Usings,
        (Context.Root, "typeParameters") => Context.TypeParameters,
        (Context.Root, "signals") => Context.Signals,
        (Context.Signals, _) => Context.SignalBody,
        (Context.SignalBody, "args") => Context.Args,
        _ => Context.Other,
    };

    private static Role KeyRoleIn(Context context) => context switch
    {
        Context.Root or Context.SignalBody => Role.FieldName,
        Context.Signals or Context.Args or Context.TypeParameters => Role.Identifier,
        _ => Role.Any,
    };

    private static Role ValueRoleOf(Context context, string? key) => (context, key) switch
    {
        (Context.Root, "namespace") or (Context.Usings, _) => Role.Namespace,
        (Context.Root, "$schema") or (Context.SignalBody, "doc" or "group") => Role.Text,
        (Context.TypeParameters, _) => Role.Constraint,
        (Context.Args, _) => Role.Type,
        (Context.SignalBody, "mode") => Role.Mode,
        _ => Role.Any,
    };

    private static string Describe(FuzzMember member) => member.Key is null ? "an array item" : Quote(member.Key);

    private static string Quote(string value) =>
        value.Length > 40 ? "\"" + Escape(value.Substring(0, 40)) + "...\" (" + value.Length + " chars)" : "\"" + Escape(value) + "\"";

    /// <summary>Shows control, format, surrogate and non-ASCII characters as escapes, so a failure message can be read and pasted.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= ' ' and < '\u007F' and not '\\')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(c switch
                {
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture),
                });
            }
        }

        return builder.ToString();
    }

    // ---------------------------------------------------------------- character edits

    private static string EditText(string text, Random random, List<string> steps)
    {
        var position = PickPosition(text, random);
        switch (random.Next(7))
        {
            case 0:
                steps.Add(Truncate + " at " + position);
                return text.Substring(0, position);
            case 1:
            {
                var length = random.Next(8) == 0 ? random.Next(text.Length - position + 1) : random.Next(Math.Min(16, text.Length - position) + 1);
                steps.Add(DeleteSlice + " of " + length + " at " + position);
                return text.Remove(position, length);
            }

            case 2:
            {
                var sliceStart = random.Next(text.Length + 1);
                var sliceLength = random.Next(Math.Min(random.Next(4) == 0 ? text.Length : 64, text.Length - sliceStart) + 1);
                steps.Add(DuplicateSlice + " of " + sliceLength + " from " + sliceStart + " at " + position);
                return text.Insert(position, text.Substring(sliceStart, sliceLength));
            }

            case 3:
            {
                var snippet = s_snippets[random.Next(s_snippets.Length)];
                steps.Add(InsertSnippet + " " + Quote(snippet) + " at " + position);
                return text.Insert(position, snippet);
            }

            case 4:
            {
                if (position == text.Length)
                {
                    return text;
                }

                var snippet = s_snippets[random.Next(s_snippets.Length)];
                steps.Add(ReplaceWithSnippet + " " + Quote(snippet) + " at " + position);
                return text.Remove(position, 1).Insert(position, snippet);
            }

            case 5:
            {
                if (position == text.Length)
                {
                    return text;
                }

                // Any UTF-16 code unit, lone surrogates and controls included.
                var c = (char)random.Next(0, 0x10000);
                steps.Add(ReplaceChar + " at " + position + " with U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                return text.Remove(position, 1).Insert(position, c.ToString());
            }

            default:
            {
                // Openers at one place and maybe closers at a later one: balanced, unbalanced, or closed in the wrong place.
                var depth = s_nestingDepths[random.Next(s_nestingDepths.Length)];
                var inObjects = random.Next(2) == 0;
                var opener = inObjects ? Repeat("{\"k\":", depth) : new string('[', depth);
                var closeAt = random.Next(3) == 0 ? -1 : position + random.Next(text.Length - position + 1);
                steps.Add(NestText + " " + depth + (inObjects ? " objects" : " arrays") + " at " + position + (closeAt < 0 ? ", unclosed" : ", closed at " + closeAt));
                var result = closeAt < 0 ? text : text.Insert(closeAt, new string(inObjects ? '}' : ']', depth));
                return result.Insert(position, opener);
            }
        }
    }

    /// <summary>Half the time a uniform position; otherwise one beside a token boundary, where edits make near-valid JSON.</summary>
    private static int PickPosition(string text, Random random)
    {
        if (random.Next(2) == 0)
        {
            for (var attempt = 0; attempt < 8; attempt++)
            {
                var index = random.Next(text.Length + 1);
                if (index < text.Length && "{}[],:\"\\0123456789".IndexOf(text[index]) >= 0)
                {
                    return index + random.Next(2);
                }
            }
        }

        return random.Next(text.Length + 1);
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    // ---------------------------------------------------------------- byte edits

    private static SourceText EncodeEditAndDecode(string text, Random random, List<string> steps)
    {
        byte[] bytes;
        switch (random.Next(10))
        {
            case 0:
                steps.Add(Encode + " UTF-16LE with BOM");
                bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)];
                break;
            case 1:
                steps.Add(Encode + " UTF-16BE with BOM");
                bytes = [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)];
                break;
            case 2:
                steps.Add(Encode + " UTF-8 with BOM");
                bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];
                break;
            default:
                steps.Add(Encode + " UTF-8");
                bytes = Encoding.UTF8.GetBytes(text);
                break;
        }

        var edits = random.Next(4);
        for (var i = 0; i < edits; i++)
        {
            var position = random.Next(bytes.Length + 1);
            switch (random.Next(8))
            {
                case 0 or 1 or 2:
                {
                    var sequence = s_invalidUtf8[random.Next(s_invalidUtf8.Length)];
                    steps.Add(InsertInvalidUtf8 + " " + Convert.ToHexString(sequence) + " at " + position);
                    bytes = [.. bytes.AsSpan(0, position), .. sequence, .. bytes.AsSpan(position)];
                    break;
                }

                case 3:
                {
                    var sequence = s_invalidUtf8[random.Next(s_invalidUtf8.Length)];
                    var start = Math.Min(position, Math.Max(0, bytes.Length - sequence.Length));
                    var length = Math.Min(sequence.Length, bytes.Length - start);
                    steps.Add(OverwriteInvalidUtf8 + " " + Convert.ToHexString(sequence, 0, length) + " at " + start);
                    sequence.AsSpan(0, length).CopyTo(bytes.AsSpan(start));
                    break;
                }

                case 4:
                    if (position < bytes.Length)
                    {
                        var value = (byte)random.Next(256);
                        steps.Add(FlipByte + " at " + position + " to " + value.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                        bytes[position] = value;
                    }

                    break;
                case 5:
                    steps.Add(TruncateBytes + " at " + position);
                    bytes = bytes.AsSpan(0, position).ToArray();
                    break;
                default:
                {
                    var mark = s_byteOrderMarks[random.Next(s_byteOrderMarks.Length)];
                    steps.Add(PrependByteOrderMark + " " + Convert.ToHexString(mark));
                    bytes = [.. mark, .. bytes];
                    break;
                }
            }
        }

        var ansiFallback = random.Next(4) == 0;
        steps.Add(Decode + (ansiFallback ? " with the Windows fallback" : " as UTF-8 with replacement"));
        return DecodeAsCompiler(bytes, ansiFallback);
    }

    // ---------------------------------------------------------------- the JSON tree

    /// <summary>Reads a seed into a tree that can hold what the edits make: duplicate keys, raw tokens, deep nesting.</summary>
    private static FuzzContainer Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return (FuzzContainer)ToTree(document.RootElement);

        static FuzzJson ToTree(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => new FuzzContainer(true, [.. element.EnumerateObject().Select(p => new FuzzMember(p.Name, ToTree(p.Value)))]),
            JsonValueKind.Array => new FuzzContainer(false, [.. element.EnumerateArray().Select(e => new FuzzMember(null, ToTree(e)))]),
            JsonValueKind.String => new FuzzString(element.GetString()!),
            _ => new FuzzToken(element.GetRawText()),
        };
    }

    /// <summary>Writes the tree in a random but valid layout: minified or indented, LF or CRLF, characters escaped or not, BOM or not.</summary>
    private static string Write(FuzzContainer root, Random random, List<string> steps)
    {
        var style = random.Next(4) switch
        {
            0 => new JsonStyle(string.Empty, string.Empty, string.Empty),
            1 => new JsonStyle("  ", "\n", " "),
            2 => new JsonStyle("\t", "\r\n", " "),
            _ => new JsonStyle(" ", " ", "  "),
        };
        style.EscapePercent = random.Next(10) switch { < 7 => 0, 7 => 5, 8 => 30, _ => 100 };
        style.EscapeSolidus = random.Next(4) == 0;
        style.UpperHex = random.Next(2) == 0;
        var byteOrderMark = random.Next(20) == 0;
        steps[^1] += " (escape " + style.EscapePercent + "%" + (byteOrderMark ? ", BOM char" : string.Empty) + ")";

        var builder = new StringBuilder();
        if (byteOrderMark)
        {
            builder.Append('\uFEFF');
        }

        WriteValue(root, style, random, builder, 0);
        builder.Append(style.NewLine);
        return builder.ToString();
    }

    private static void WriteValue(FuzzJson value, JsonStyle style, Random random, StringBuilder builder, int depth)
    {
        switch (value)
        {
            case FuzzString text:
                WriteString(text.Value, style, random, builder);
                break;
            case FuzzToken token:
                builder.Append(token.Text);
                break;
            case FuzzNesting nesting:
                // Written flat: indenting 20,000 levels would only make the text quadratic.
                builder.Insert(builder.Length, nesting.InObjects ? "{\"k\":" : "[", nesting.Depth);
                WriteValue(nesting.Inner, style, random, builder, depth);
                builder.Append(nesting.InObjects ? '}' : ']', nesting.Depth);
                break;
            case FuzzContainer container:
                builder.Append(container.IsObject ? '{' : '[');
                for (var i = 0; i < container.Members.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    builder.Append(style.NewLine).Insert(builder.Length, style.Indent, depth + 1);
                    var member = container.Members[i];
                    if (container.IsObject)
                    {
                        WriteString(member.Key ?? string.Empty, style, random, builder);
                        builder.Append(':').Append(style.AfterColon);
                    }

                    WriteValue(member.Value, style, random, builder, depth + 1);
                }

                if (container.Members.Count > 0)
                {
                    builder.Append(style.NewLine).Insert(builder.Length, style.Indent, depth);
                }

                builder.Append(container.IsObject ? '}' : ']');
                break;
        }
    }

    private static void WriteString(string value, JsonStyle style, Random random, StringBuilder builder)
    {
        // Optional escapes would make a huge string several times longer; a huge one gets only the required ones.
        var escapePercent = value.Length > 65_536 ? 0 : style.EscapePercent;
        var hex = style.UpperHex ? "X4" : "x4";
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    continue;
                case '\\':
                    builder.Append("\\\\");
                    continue;
                case '/' when style.EscapeSolidus:
                    builder.Append("\\/");
                    continue;
                case '\n':
                    builder.Append("\\n");
                    continue;
                case '\r':
                    builder.Append("\\r");
                    continue;
                case '\t':
                    builder.Append("\\t");
                    continue;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString(hex, System.Globalization.CultureInfo.InvariantCulture));
                    continue;
            }

            // A surrogate pair is escaped whole or not at all; a lone surrogate is written raw, which the reader accepts.
            var pair = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            var escape = escapePercent > 0 && random.Next(100) < escapePercent && (pair || !char.IsSurrogate(c));
            var count = pair ? 2 : 1;
            for (var j = 0; j < count; j++)
            {
                if (escape)
                {
                    builder.Append("\\u").Append(((int)value[i + j]).ToString(hex, System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(value[i + j]);
                }
            }

            i += count - 1;
        }

        builder.Append('"');
    }

    private enum Context
    {
        Root,
        Usings,
        TypeParameters,
        Signals,
        SignalBody,
        Args,
        Other,
    }

    private enum Role
    {
        Any,
        Namespace,
        Type,
        Mode,
        Constraint,
        Text,
        Identifier,
        FieldName,
    }

    /// <summary>A member of a container, with what its key and value mean there (which pool their replacements come from).</summary>
    private sealed record Slot(FuzzContainer Container, int Index, Role KeyRole, Role ValueRole);

    /// <summary>Values the format accepts and values it rejects; a pick favours valid ones so that edits often still make a schema.</summary>
    private sealed class ValuePool(string[] valid, string[] invalid)
    {
        public string[] Valid { get; } = valid;

        public string[] Invalid { get; } = invalid;

        public string Pick(Random random) =>
            Invalid.Length == 0 || random.Next(100) < 60 ? Valid[random.Next(Valid.Length)] : Invalid[random.Next(Invalid.Length)];
    }

    private sealed class JsonStyle(string indent, string newLine, string afterColon)
    {
        public string Indent { get; } = indent;

        public string NewLine { get; } = newLine;

        public string AfterColon { get; } = afterColon;

        public int EscapePercent { get; set; }

        public bool EscapeSolidus { get; set; }

        public bool UpperHex { get; set; }
    }

    private abstract class FuzzJson
    {
        public abstract FuzzJson Clone();
    }

    private sealed class FuzzContainer(bool isObject, List<FuzzMember> members) : FuzzJson
    {
        public bool IsObject { get; } = isObject;

        public List<FuzzMember> Members { get; } = members;

        public override FuzzJson Clone() => new FuzzContainer(IsObject, [.. Members.Select(m => new FuzzMember(m.Key, m.Value.Clone()))]);
    }

    /// <summary>An object property (with a key) or an array item (without).</summary>
    private sealed class FuzzMember(string? key, FuzzJson value)
    {
        public string? Key { get; set; } = key;

        public FuzzJson Value { get; set; } = value;
    }

    private sealed class FuzzString(string value) : FuzzJson
    {
        public string Value { get; } = value;

        public override FuzzJson Clone() => this;
    }

    /// <summary>JSON text written as is: a number, a literal, or a small container.</summary>
    private sealed class FuzzToken(string text) : FuzzJson
    {
        public string Text { get; } = text;

        public override FuzzJson Clone() => this;
    }

    /// <summary>A value wrapped in <see cref="Depth"/> arrays or single-key objects.</summary>
    private sealed class FuzzNesting(int depth, bool inObjects, FuzzJson inner) : FuzzJson
    {
        public int Depth { get; } = depth;

        public bool InObjects { get; } = inObjects;

        public FuzzJson Inner { get; } = inner;

        public override FuzzJson Clone() => new FuzzNesting(Depth, InObjects, Inner.Clone());
    }
}
