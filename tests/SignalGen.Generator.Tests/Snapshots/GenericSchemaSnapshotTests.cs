using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SignalGen.Generator.Tests.Infrastructure;
using Xunit;

namespace SignalGen.Generator.Tests.Snapshots;

/// <summary>
/// A schema with a type parameter (the application's user type) across three projects: the library that
/// declares and sends it, a receiver library, and the application. Receivers that name the type are
/// compiled into a table for it; receivers that do not are generic thunks that work for any type.
/// </summary>
public sealed class GenericSchemaSnapshotTests
{
    private const string IdentitySchema = """
        {
          "namespace": "Contoso.Identity",
          "typeParameters": { "TUser": "class" },
          "signals": {
            "UserSignedUp": { "doc": "A user signed up.", "args": { "request": "string", "user": "TUser" } },
            "UserLoggedOut": { "args": { "request": "string", "user": "TUser?" } },
            "EmailConfirmed": { "args": { "request": "string", "address": "string" } }
          }
        }
        """;

    // The library that owns the schema has receivers of its own; it cannot know the application's user type.
    private const string IdentityLibrary = """
        using Contoso.Identity;
        using SignalGen;

        namespace Contoso.Identity.Internal;

        public static class Audit
        {
            [Receiver(Signal.UserSignedUp), Receiver(Signal.UserLoggedOut), Receiver(Signal.EmailConfirmed)]
            public static void Record(string request) { }
        }
        """;

    private const string ReceiverLibrary = """
        using System.Threading;
        using System.Threading.Tasks;
        using Contoso.Identity;
        using SignalGen;

        namespace Contoso.Receivers;

        public sealed class AppUser { public string Name { get; set; } = ""; }

        public static class Welcome
        {
            [Receiver(Signal.UserSignedUp)]
            public static ValueTask SendMailAsync(AppUser user, CancellationToken cancellationToken) => default;

            // Named by the signal type's own type argument rather than by an argument.
            [Receiver(Signal.UserSignedUp, Order = 5)]
            public static void Count(UserSignedUp<AppUser> signal) { }

            [Receiver(Signal.UserLoggedOut)]
            public static void Bye(AppUser? user) { }
        }
        """;

    private const string Application = """
        using Contoso.Identity;
        using Contoso.Receivers;
        using SignalGen;

        namespace Contoso.App;

        public static class Profile
        {
            [Receiver(Signal.UserSignedUp, Order = -1)]
            public static void Create(string request, AppUser user) { }

            // No user parameter: called whatever the user type is.
            [Receiver(Signal.UserSignedUp)]
            public static void Log(string request) { }

            [Receiver(Signal.EmailConfirmed)]
            public static void Confirmed(string address) { }
        }

        public static class Program
        {
            public static void Main() { }
        }
        """;

    // The library declares how durable receivers store its type parameter: by a stand-in, never the entity.
    private const string StoredFormLibrary = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Contoso.Identity;
        using SignalGen.Durable;

        [assembly: DurableStoredForm(typeof(Signals<>), typeof(Contoso.Identity.StoredUser))]

        namespace Contoso.Identity;

        public sealed record StoredUser(string Name) : IStoredForm<StoredUser>
        {
            public static ValueTask<StoredUser> StoreAsync<TValue>(TValue value, IServiceProvider services, CancellationToken cancellationToken)
                where TValue : class => new(new StoredUser(value.ToString()!));

            public static ValueTask<TValue?> LoadAsync<TValue>(StoredUser stored, IServiceProvider services, CancellationToken cancellationToken)
                where TValue : class => default;
        }
        """;

    private const string DurableApplication = """
        using System.Threading;
        using System.Threading.Tasks;
        using Contoso.Identity;
        using SignalGen;
        using SignalGen.Durable;

        namespace Contoso.App;

        public sealed class Member { }

        public static class Mail
        {
            // The user is stored in its stored form; the request string as it is.
            [Receiver(Signal.UserSignedUp, Durable = true)]
            public static Task WelcomeAsync(Member user, string request, DurableDelivery delivery, CancellationToken cancellationToken) => Task.CompletedTask;

            // A maybe-null user stays null through the store, and is loaded only when it was not.
            [Receiver(Signal.UserLoggedOut, Durable = true)]
            public static void Goodbye(Member? user) { }
        }

        public static class Program
        {
            public static void Main() { }
        }
        """;

    [Fact]
    public void DurableReceivers_StoreTheTypeParameterInTheFormItsLibraryDeclares()
    {
        var identity = GeneratorHarness.BuildProject(
            "Contoso.Identity", OutputKind.DynamicallyLinkedLibrary, [IdentityLibrary, StoredFormLibrary], [GeneratorHarness.Schema("identity.signals.json", IdentitySchema)]);
        var app = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("Contoso.App", OutputKind.ConsoleApplication, [DurableApplication], [identity.Reference]),
            []);

        GeneratorHarness.AssertCompilesCleanly(app);
        var durable = app.Source("SignalGen.DurableReceivers.g.cs");
        Assert.Contains("public sealed record Message(global::SignalGen.Durable.DurableStamp Stamp, global::Contoso.Identity.StoredUser User, string Request) : global::SignalGen.Durable.IDurableMessage;", durable, StringComparison.Ordinal);
        Assert.Contains("public sealed record Message(global::SignalGen.Durable.DurableStamp Stamp, global::Contoso.Identity.StoredUser? User) : global::SignalGen.Durable.IDurableMessage;", durable, StringComparison.Ordinal);
        Assert.Contains("await global::Contoso.Identity.StoredUser.StoreAsync<global::Contoso.App.Member>(value0, provider, cancellationToken)", durable, StringComparison.Ordinal);
        Assert.Contains("var loaded0 = message.User is null ? null : await global::Contoso.Identity.StoredUser.LoadAsync<global::Contoso.App.Member>(message.User, services, cancellationToken).ConfigureAwait(false);", durable, StringComparison.Ordinal);
        Assert.Contains(".WelcomeAsync(loaded0, message.Request, delivery, cancellationToken)", durable, StringComparison.Ordinal);

        var thunks = app.Source("SignalGen.ReceiverThunks.g.cs");
        Assert.Contains("=> global::SignalGen.Generated.DurableReceivers_Contoso_App.WelcomeAsync_UserSignedUp.StageAsync(services, signal.User, signal.Request, cancellationToken);", thunks, StringComparison.Ordinal);

        GoldenFiles.AssertMatches(nameof(GenericSchemaSnapshotTests), app.Sources.Where(source => source.HintName.StartsWith("SignalGen.Durable", StringComparison.Ordinal)).Select(source => ("StoredForm#" + source.HintName, source.Text)).ToList());
    }

    [Fact]
    public void GenericSchema_TablesPerBoundTypeAndForAnyOther()
    {
        var identity = GeneratorHarness.BuildProject(
            "Contoso.Identity", OutputKind.DynamicallyLinkedLibrary, [IdentityLibrary], [GeneratorHarness.Schema("identity.signals.json", IdentitySchema)]);
        var receivers = GeneratorHarness.BuildProject(
            "Contoso.Receivers", OutputKind.DynamicallyLinkedLibrary, [ReceiverLibrary], [], [identity.Reference]);
        var app = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("Contoso.App", OutputKind.ConsoleApplication, [Application], [identity.Reference, receivers.Reference]),
            []);

        GeneratorHarness.AssertCompilesCleanly(app);

        var signalTypes = identity.Run.Source("Contoso.Identity.SignalTypes.g.cs");
        Assert.Contains("public readonly partial record struct UserSignedUp<TUser> : global::Contoso.Identity.ISignal where TUser : class", signalTypes, StringComparison.Ordinal);
        Assert.Contains("public readonly partial record struct EmailConfirmed : global::Contoso.Identity.ISignal", signalTypes, StringComparison.Ordinal);
        Assert.DoesNotContain("EmailConfirmed<", signalTypes, StringComparison.Ordinal);

        var sender = identity.Run.Source("Contoso.Identity.Signals.g.cs");
        Assert.Contains("[assembly: global::SignalGen.Dispatch.SignalSchema(typeof(global::Contoso.Identity.Signals<>))]", sender, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class Signals<TUser> where TUser : class", sender, StringComparison.Ordinal);

        // Receivers that name AppUser get closed thunks; the rest are generic methods.
        var thunks = receivers.Run.Source("SignalGen.ReceiverThunks.g.cs");
        Assert.Contains("SendMailAsync_UserSignedUp(in global::Contoso.Identity.UserSignedUp<global::Contoso.Receivers.AppUser> signal", thunks, StringComparison.Ordinal);
        var libraryThunks = identity.Run.Source("SignalGen.ReceiverThunks.g.cs");
        Assert.Contains("Record_UserSignedUp<TUser>(in global::Contoso.Identity.UserSignedUp<TUser> signal, global::System.IServiceProvider? services, global::System.Threading.CancellationToken cancellationToken) where TUser : class", libraryThunks, StringComparison.Ordinal);

        var table = app.Source("Contoso.Identity.DispatchTable.g.cs");
        Assert.Contains("global::Contoso.Identity.SignalDispatchTables.InstallFactory(new DispatchTable_Contoso_IdentityFactory(), isRoot: true);", table, StringComparison.Ordinal);
        Assert.Contains("if (typeof(TUser) == typeof(global::Contoso.Receivers.AppUser))", table, StringComparison.Ordinal);

        // The AppUser table: every receiver, bound or not, in the documented order (Order, then name: Contoso.App < Contoso.Identity < Contoso.Receivers).
        var closed = Between(table, "file sealed class DispatchTable_Contoso_Identity_0", "file sealed class DispatchTable_Contoso_Identity_Any");
        AssertCalls(
            closed,
            "UserSignedUp<global::Contoso.Receivers.AppUser>",
            "ReceiverThunks_Contoso_App.Create_UserSignedUp(",
            "ReceiverThunks_Contoso_App.Log_UserSignedUp<global::Contoso.Receivers.AppUser>(",
            "ReceiverThunks_Contoso_Identity.Record_UserSignedUp<global::Contoso.Receivers.AppUser>(",
            "ReceiverThunks_Contoso_Receivers.SendMailAsync_UserSignedUp(",
            "ReceiverThunks_Contoso_Receivers.Count_UserSignedUp(");

        // Any other user type: only the receivers that do not name one.
        var open = table.Substring(table.IndexOf("file sealed class DispatchTable_Contoso_Identity_Any", StringComparison.Ordinal));
        AssertCalls(
            open,
            "UserSignedUp<TUser>",
            "ReceiverThunks_Contoso_App.Log_UserSignedUp<TUser>(",
            "ReceiverThunks_Contoso_Identity.Record_UserSignedUp<TUser>(");
        AssertCalls(open, "EmailConfirmed", "ReceiverThunks_Contoso_App.Confirmed_EmailConfirmed(", "ReceiverThunks_Contoso_Identity.Record_EmailConfirmed(");

        var services = app.Source("SignalGen.ServiceRegistration.g.cs");
        Assert.Contains("TryAddScoped<global::Contoso.Identity.Signals<global::Contoso.Receivers.AppUser>>", services, StringComparison.Ordinal);
        Assert.Contains("typeof(global::Contoso.Identity.Signals<>)", services, StringComparison.Ordinal);

        var files = new List<(string Name, string Text)>();
        files.AddRange(app.Sources.Select(s => ("Contoso.App/" + s.HintName, s.Text)));
        files.AddRange(receivers.Run.Sources.Select(s => ("Contoso.Receivers/" + s.HintName, s.Text)));
        files.AddRange(identity.Run.Sources.Select(s => ("Contoso.Identity/" + s.HintName, s.Text)));
        GoldenFiles.AssertMatches(nameof(GenericSchemaSnapshotTests), files);
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, "Cannot find " + start + " before " + end);
        return text.Substring(from, to - from);
    }

    /// <summary>Asserts the synchronous Send for the signal type calls exactly these thunks, in order.</summary>
    private static void AssertCalls(string table, string signalType, params string[] calls)
    {
        var header = "public void Send(in global::Contoso.Identity." + signalType + " signal, global::System.IServiceProvider? services)";
        var start = table.IndexOf(header, StringComparison.Ordinal);
        Assert.True(start >= 0, "No Send for " + signalType);
        var open = table.IndexOf("{", start, StringComparison.Ordinal);
        var close = table.IndexOf("\n        }", open, StringComparison.Ordinal);
        var lines = table.Substring(open + 1, close - open - 1)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(
            lines.Length == calls.Length && lines.Zip(calls).All(pair => pair.First.Contains(pair.Second, StringComparison.Ordinal)),
            "Expected:\n  " + string.Join("\n  ", calls) + "\nActual:\n  " + string.Join("\n  ", lines));
    }
}
