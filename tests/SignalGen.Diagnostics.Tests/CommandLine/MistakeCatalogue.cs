using System.Collections.Generic;

namespace SignalGen.Diagnostics.Tests.CommandLine;

/// <summary>
/// The mistakes new users make, one per project, each with the first error <c>dotnet build</c> must
/// print. Issue 19's list (a trailing comma, a missing brace, a <c>//</c> comment, a duplicate argument,
/// an invalid namespace, a misspelt field, a misspelt argument type, a misspelt signal, a parameter of
/// the wrong type, a value type for <c>TUser : class</c>, and the library/app cases) and their neighbours.
/// </summary>
internal static class MistakeCatalogue
{
    private const string Schema = "auth.signals.json";
    private const string Receivers = "Receivers.cs";
    private const string SchemaSyntax = "schema syntax";
    private const string SchemaSemantics = "schema semantics";
    private const string ArgumentType = "argument type";
    private const string Receiver = "receiver";
    private const string CrossProject = "cross-project";

    public static IReadOnlyList<Mistake> All { get; } =
    [
        // ------------------------------------------------------------ schema syntax: SGEN0001, at the character
        new("trailing-comma", SchemaSyntax, false, Schema, "\"string?\" }", "\"string?\", }", "SGEN0001", Schema, "\"string?\", }", 9),
        new("missing-brace", SchemaSyntax, false, Schema, "\"DateTimeOffset\" }\n    },", "\"DateTimeOffset\" }\n    ", "SGEN0001", Schema, "\"UserSignedUp\""),
        new("line-comment", SchemaSyntax, false, Schema, "  \"signals\": {", "  // the signals of the app\n  \"signals\": {", "SGEN0001", Schema, "// the"),
        new("single-quotes", SchemaSyntax, false, Schema, "\"App.Auth\"", "'App.Auth'", "SGEN0001", Schema, "'App.Auth'"),
        new("missing-comma", SchemaSyntax, false, Schema, "\"App.Data\"],", "\"App.Data\"]", "SGEN0001", Schema, "\"signals\""),

        // ------------------------------------------------------------ schema semantics: at the name or value
        new("misspelt-field", SchemaSemantics, false, Schema, "\"args\": { \"user\": \"User\", \"when\"", "\"arg\": { \"user\": \"User\", \"when\"", "SGEN0002", Schema, "\"arg\""),
        new("missing-namespace", SchemaSemantics, false, Schema, "  \"namespace\": \"App.Auth\",\n", string.Empty, "SGEN0003", Schema, "{"),
        new("internal-as-string", SchemaSemantics, false, Schema, "\"doc\": \"Sent when a user logged in.\"", "\"internal\": \"yes\"", "SGEN0004", Schema, "\"yes\""),
        new("field-twice", SchemaSemantics, false, Schema, "\"doc\": \"Sent when a user logged in.\"", "\"doc\": \"a\", \"doc\": \"b\"", "SGEN0005", Schema, "\"doc\": \"b\""),
        new("signal-twice", SchemaSemantics, false, Schema, "\"UserSignedUp\": {", "\"UserLoggedIn\": {", "SGEN0006", Schema, "\"UserLoggedIn\": {\n      \"args\": { \"user\": \"User\", \"referrer\""),
        new("argument-twice", SchemaSemantics, false, Schema, "\"referrer\": \"string?\"", "\"User\": \"string?\"", "SGEN0007", Schema, "\"User\": \"string?\""),
        new("invalid-namespace", SchemaSemantics, false, Schema, "\"namespace\": \"App.Auth\"", "\"namespace\": \"App-Auth\"", "SGEN0008", Schema, "\"App-Auth\""),
        new("invalid-signal-name", SchemaSemantics, false, Schema, "\"UserSignedUp\": {", "\"user-signed-up\": {", "SGEN0008", Schema, "\"user-signed-up\""),
        new("type-not-csharp", SchemaSemantics, false, Schema, "\"string?\"", "\"List<\"", "SGEN0009", Schema, "\"List<\""),
        new("unknown-mode", SchemaSemantics, false, Schema, "\"doc\": \"Sent when a user logged in.\"", "\"mode\": \"sometimes\"", "SGEN0011", Schema, "\"sometimes\""),
        new("namespace-in-two-files", SchemaSemantics, false, "zz.signals.json", string.Empty,
            "{\n  \"namespace\": \"App.Auth\",\n  \"signals\": {}\n}\n", "SGEN0012", "zz.signals.json", "\"App.Auth\""),

        // ------------------------------------------------------------ argument types: SGEN0010 at the type, never CS0246 in a .g.cs file
        new("misspelt-type", ArgumentType, false, Schema, "\"DateTimeOffset\"", "\"DateTimeOfset\"", "SGEN0010", Schema, "\"DateTimeOfset\""),
        new("type-not-imported", ArgumentType, false, Schema, "\"usings\": [\"App.Data\"],", "\"usings\": [],", "SGEN0010", Schema, "\"User\""),
        new("misspelt-type-argument", ArgumentType, false, Schema, "\"string?\"", "\"List<Usr>\"", "SGEN0010", Schema, "\"List<Usr>\""),
        new("ref-struct-type", ArgumentType, false, Schema, "\"string?\"", "\"Span<byte>\"", "SGEN0010", Schema, "\"Span<byte>\""),
        new("internal-type", ArgumentType, false, "Model.cs", "public sealed record User", "internal sealed record User", "SGEN0010", Schema, "\"User\""),

        // ------------------------------------------------------------ receivers: at the attribute argument, parameter, return type or name
        new("misspelt-signal", Receiver, false, Receivers, "Signal.UserLoggedIn", "Signal.UserLogedIn", "SGEN0101", Receivers, "UserLogedIn"),
        new("unmatched-parameter", Receiver, false, Receivers, "DateTimeOffset when) => Console.WriteLine(user.Name + \" at \" + when);",
            "DateTimeOffset at) => Console.WriteLine(user.Name + \" at \" + at);", "SGEN0102", Receivers, "at)"),
        new("wrong-parameter-type", Receiver, false, Receivers, "DateTimeOffset when)", "int when)", "SGEN0103", Receivers, "int when"),
        new("maybe-null-argument", Receiver, false, Receivers, "string? referrer", "string referrer", "SGEN0103", Receivers, "string referrer"),
        new("unsupported-return-type", Receiver, false, Receivers, "void OnLogin(User user, DateTimeOffset when) => Console.WriteLine(user.Name + \" at \" + when);",
            "int OnLogin(User user, DateTimeOffset when) => user.Name.Length;", "SGEN0104", Receivers, "int OnLogin"),
        new("async-void", Receiver, false, Receivers, "public static void OnLogin(User user, DateTimeOffset when) => Console.WriteLine(user.Name + \" at \" + when);",
            "public static async void OnLogin(User user, DateTimeOffset when) => await Task.Yield();", "SGEN0105", Receivers, "void OnLogin"),
        new("private-receiver", Receiver, false, Receivers, "public static void OnLogin", "private static void OnLogin", "SGEN0106", Receivers, "OnLogin"),
        new("generic-receiver", Receiver, false, Receivers, "void OnLogin(User user", "void OnLogin<T>(User user", "SGEN0106", Receivers, "OnLogin"),
        new("durable-binds-object", Receiver, false, Receivers, "[Receiver(Signal.UserSignedUp)]\n    public static Task OnSignupAsync(User user",
            "[Receiver(Signal.UserSignedUp, Durable = true)]\n    public static Task OnSignupAsync(object user", "SGEN0109", Receivers, "object user"),
        new("delivery-not-durable", Receiver, false, Receivers, "string? referrer, CancellationToken", "string? referrer, SignalGen.Durable.DurableDelivery delivery, CancellationToken",
            "SGEN0110", Receivers, "delivery, Cancel"),

        // ------------------------------------------------------------ across projects: the library's schema, the app's receivers, built from the app
        new("library-signal-misspelt", CrossProject, true, "App/Receivers.cs", "Signal.OrderPlaced", "Signal.OrderPlace", "SGEN0101", "App/Receivers.cs", "OrderPlace)"),
        new("library-schema-syntax", CrossProject, true, "Lib/orders.signals.json", "\"string\" }", "\"string\", }", "SGEN0001", "Lib/orders.signals.json", "\"string\", }", 8),
        new("library-type-misspelt", CrossProject, true, "Lib/orders.signals.json", "\"Order\"", "\"Oder\"", "SGEN0010", "Lib/orders.signals.json", "\"Oder\""),
        new("app-schema-library-internal-type", CrossProject, true, "App/app.signals.json", string.Empty,
            "{\n  \"namespace\": \"ShopApp.Pricing\",\n  \"signals\": { \"Discounted\": { \"args\": { \"discount\": \"Shop.Model.Discount\" } } }\n}\n",
            "SGEN0010", "App/app.signals.json", "\"Shop.Model.Discount\""),
        new("library-signal-wrong-parameter-type", CrossProject, true, "App/Receivers.cs", "string customer)", "int customer)", "SGEN0103", "App/Receivers.cs", "int customer"),
        new("library-signal-unmatched-parameter", CrossProject, true, "App/Receivers.cs", "string customer) => Console.WriteLine(order.Id + \" for \" + customer);",
            "string buyer) => Console.WriteLine(order.Id + \" for \" + buyer);", "SGEN0102", "App/Receivers.cs", "buyer)"),
    ];
}
