using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SignalGen.Generator.Tests.Infrastructure;
using Xunit;

namespace SignalGen.Generator.Tests.Snapshots;

/// <summary>
/// Golden files of what the generator writes for representative projects. Every case also compiles the
/// output and requires no error and no warning, and asserts the receiver order it documents explicitly,
/// so a wrong golden file cannot be accepted by accident.
/// </summary>
public sealed class GeneratedCodeSnapshotTests
{
    // ---------------------------------------------------------------- (a) static receivers in an executable

    private const string ShopSchema = """
        {
          "$schema": "../signals.schema.json",
          "namespace": "Shop.Orders",
          "usings": ["Shop"],
          "signals": {
            "OrderPlaced": {
              "group": "checkout",
              "doc": "Sent when a customer placed an order, before payment.",
              "args": { "order": "Order", "customer": "Customer", "total": "decimal" }
            },
            "OrderShipped": {
              "args": { "order": "Order", "trackingCode": "string?" }
            },
            "OrderCancelled": {
              "args": { "order": "Order" }
            }
          }
        }
        """;

    private const string ShopReceivers = """
        using System.Threading;
        using Shop.Orders;
        using SignalGen;

        namespace Shop;

        public sealed record Order(int Id);

        public sealed record Customer(string Email);

        // Declared before Alerts but sorts after it: equal Order is broken by the receiver's name, never by source order.
        public static class Billing
        {
            [Receiver(Signal.OrderPlaced)]
            public static void Charge(Customer customer, decimal total) { }
        }

        public static class Alerts
        {
            // A subset of the arguments, in another order than the schema's.
            [Receiver(Signal.OrderPlaced)]
            public static void Notify(decimal total, Order order) { }
        }

        public static class Zeta
        {
            // Order = -5 runs it first although its name sorts last; it takes the whole signal.
            [Receiver(Signal.OrderPlaced, Order = -5)]
            public static void AuditFirst(OrderPlaced signal) { }

            // Order = 1 runs after every Order = 0 receiver; it gets the sender's token.
            [Receiver(Signal.OrderShipped, Order = 1)]
            public static void Track(string? trackingCode, CancellationToken cancellationToken) { }
        }

        public static class Logging
        {
            // One method, two signals, named two ways; it takes no argument at all.
            [Receiver(Signal.OrderPlaced), Receiver(global::Shop.Orders.Signal.OrderShipped)]
            public static void Log() { }

            // Namespace-qualified and passed by parameter name; an argument and the whole signal together.
            [Receiver(signal: Shop.Orders.Signal.OrderShipped)]
            internal static void LogShipment(Order order, OrderShipped signal) { }
        }
        """;

    private const string ShopProgram = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Shop;
        using Shop.Orders;

        var signals = new Signals();
        signals.SendOrderPlaced(new Order(1), new Customer("ann@example.com"), 12.5m);
        await signals.SendOrderShippedAsync(new Order(1), trackingCode: null);
        await signals.SendAsync(new OrderCancelled(new Order(1)));
        _ = Signals.HasReceivers(Signal.OrderCancelled);

        static IServiceCollection Register(IServiceCollection services) => services.AddSignals();
        _ = (System.Func<IServiceCollection, IServiceCollection>)Register;
        """;

    [Fact]
    public void StaticReceivers_InAnExecutable()
    {
        var compilation = GeneratorHarness.CreateCompilation("Shop", OutputKind.ConsoleApplication, [ShopReceivers, ShopProgram]);
        var run = GeneratorHarness.Run(compilation, [GeneratorHarness.Schema("orders.signals.json", ShopSchema)]);

        GeneratorHarness.AssertCompilesCleanly(run);
        Assert.Equal(
            [
                "Shop.Orders.DispatchTable.g.cs",
                "Shop.Orders.SignalTypes.g.cs",
                "Shop.Orders.Signals.g.cs",
                "SignalGen.ReceiverThunks.g.cs",
                "SignalGen.ServiceRegistration.g.cs",
            ],
            run.HintNames);

        var table = run.Source("Shop.Orders.DispatchTable.g.cs");
        Assert.Contains("isRoot: true", table, StringComparison.Ordinal);

        // Order first (-5 before 0), then the receiver's full name, ordinal: Alerts < Billing < Logging.
        AssertCallOrder(table, "global::Shop.Orders.OrderPlaced", "AuditFirst_OrderPlaced", "Notify_OrderPlaced", "Charge_OrderPlaced", "Log_OrderPlaced");

        // "Log()" sorts before "LogShipment(": '(' is below 'S'. Track has Order = 1.
        AssertCallOrder(table, "global::Shop.Orders.OrderShipped", "Log_OrderShipped", "LogShipment_OrderShipped", "Track_OrderShipped");
        AssertCallOrder(table, "global::Shop.Orders.OrderCancelled");

        var thunks = run.Source("SignalGen.ReceiverThunks.g.cs");
        Assert.Contains("=> global::Shop.Alerts.Notify(signal.Total, signal.Order);", thunks, StringComparison.Ordinal);
        Assert.Contains("=> global::Shop.Billing.Charge(signal.Customer, signal.Total);", thunks, StringComparison.Ordinal);
        Assert.Contains("=> global::Shop.Zeta.AuditFirst(signal);", thunks, StringComparison.Ordinal);
        Assert.Contains("=> global::Shop.Zeta.Track(signal.TrackingCode, cancellationToken);", thunks, StringComparison.Ordinal);
        Assert.Contains("=> global::Shop.Logging.LogShipment(signal.Order, signal);", thunks, StringComparison.Ordinal);

        GoldenFiles.AssertMatches(nameof(GeneratedCodeSnapshotTests), Files(run));
    }

    // ---------------------------------------------------------------- (b) instance and asynchronous receivers

    private const string MailSchema = """
        {
          "namespace": "Mail.Notifications",
          "signals": {
            "PasswordChanged": { "args": { "user": "string" } },
            "AccountLocked": { "args": { "user": "string", "reason": "string" } },
            "ProfileUpdated": { "args": { "user": "string" } }
          }
        }
        """;

    private const string MailReceivers = """
        using System.Threading;
        using System.Threading.Tasks;
        using Mail.Notifications;
        using SignalGen;

        namespace Mail;

        // Instance receivers: resolved from DI, their classes registered by AddSignals.
        public sealed class Mailer
        {
            [Receiver(Signal.PasswordChanged)]
            public Task SendMailAsync(string user, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        internal sealed class Sessions
        {
            [Receiver(Signal.PasswordChanged, Order = -1)]
            public void Revoke(string user) { }

            [Receiver(Signal.AccountLocked)]
            public void Lock(string reason, string user) { }

            [Receiver(Signal.ProfileUpdated)]
            public void Refresh(string user) { }
        }

        public static class Audit
        {
            [Receiver(Signal.PasswordChanged, Order = 1)]
            public static ValueTask RecordAsync(PasswordChanged signal, CancellationToken cancellationToken) => default;

            [Receiver(Signal.PasswordChanged, Order = 2)]
            public static void Done() { }

            [Receiver(Signal.AccountLocked)]
            public static async Task AlertAsync(string reason)
            {
                await Task.Yield();
            }
        }
        """;

    private const string MailProgram = """
        using Mail.Notifications;

        await new Signals().SendPasswordChangedAsync("bob");
        """;

    [Fact]
    public void InstanceAndAsyncReceivers_WithContinuations()
    {
        var compilation = GeneratorHarness.CreateCompilation("Mail", OutputKind.ConsoleApplication, [MailReceivers, MailProgram]);
        var run = GeneratorHarness.Run(compilation, [GeneratorHarness.Schema("mail.signals.json", MailSchema)]);

        GeneratorHarness.AssertCompilesCleanly(run);

        // Revoke (-1, sync), SendMailAsync (0, Task), RecordAsync (1, ValueTask), Done (2, sync).
        var table = run.Source("Mail.Notifications.DispatchTable.g.cs");
        AssertCallOrder(table, "global::Mail.Notifications.PasswordChanged", "Revoke_PasswordChanged", "SendMailAsync_PasswordChanged", "RecordAsync_PasswordChanged", "Done_PasswordChanged");

        // Equal Order: "Mail.Audit.AlertAsync(string)" < "Mail.Sessions.Lock(string, string)".
        AssertCallOrder(table, "global::Mail.Notifications.AccountLocked", "AlertAsync_AccountLocked", "Lock_AccountLocked");

        // A signal with async receivers gets a continuation; one with only synchronous receivers does not.
        Assert.Contains("ContinuePasswordChangedAsync", table, StringComparison.Ordinal);
        Assert.Contains("ContinueAccountLockedAsync", table, StringComparison.Ordinal);
        Assert.DoesNotContain("ContinueProfileUpdatedAsync", table, StringComparison.Ordinal);
        Assert.DoesNotContain("ContinueRobustProfileUpdatedAsync", table, StringComparison.Ordinal);

        var thunks = run.Source("SignalGen.ReceiverThunks.g.cs");
        Assert.Contains("new global::System.Threading.Tasks.ValueTask(global::SignalGen.Dispatch.SignalDispatch.Resolve<global::Mail.Mailer>(services, \"Mail.Mailer.SendMailAsync(string, CancellationToken)\").SendMailAsync(signal.User, cancellationToken))", thunks, StringComparison.Ordinal);
        Assert.Contains("TryAddTransient<global::Mail.Mailer>(services);", thunks, StringComparison.Ordinal);
        Assert.Contains("TryAddTransient<global::Mail.Sessions>(services);", thunks, StringComparison.Ordinal);
        Assert.DoesNotContain("TryAddTransient<global::Mail.Audit>", thunks, StringComparison.Ordinal);

        GoldenFiles.AssertMatches(nameof(GeneratedCodeSnapshotTests), Files(run));
    }

    // ---------------------------------------------------------------- (c) modes and convenience sends

    private const string AccountsSchema = """
        {
          "namespace": "Accounts.Events",
          "signals": {
            "EmailAdded": {
              "doc": "Sent while validating an <address> a user wants to add & \"may\" veto it.",
              "internal": true,
              "mode": "veto",
              "args": { "email": "string" }
            },
            "EmailRemoved": { "args": { "email": "string" } },
            "PasswordReset": { "mode": "robust", "args": { "email": "string", "token": "string" } },
            "AccountDeleted": { "mode": "all-then-throw", "args": { "userId": "int" } },
            "Heartbeat": { "mode": "robust", "args": {} }
          }
        }
        """;

    private const string AccountsReceivers = """
        using Accounts.Events;
        using SignalGen;

        namespace Accounts;

        public static class Receivers
        {
            [Receiver(Signal.PasswordReset)]
            public static void OnReset(string token) { }
        }
        """;

    private const string AccountsProgram = """
        using System;
        using Accounts.Events;
        using SignalGen;

        var signals = new Signals();

        // The return type of each convenience send follows the signal's mode.
        signals.SendEmailAdded("ann@example.com");
        signals.SendEmailRemoved("ann@example.com");
        SendResult reset = signals.SendPasswordReset("ann@example.com", "t0k3n");
        signals.SendAccountDeleted(7);
        SendResult beat = await signals.SendHeartbeatAsync();
        SendResult resetAsync = await signals.SendPasswordResetAsync("ann@example.com", "t0k3n");
        await signals.SendAccountDeletedAsync(7);
        await signals.SendEmailAddedAsync("ann@example.com");
        Console.WriteLine(reset.ReceiverCount + beat.ReceiverCount + resetAsync.ReceiverCount);
        """;

    [Fact]
    public void Modes_VetoRobustAndAllThenThrow()
    {
        var compilation = GeneratorHarness.CreateCompilation("Accounts", OutputKind.ConsoleApplication, [AccountsReceivers, AccountsProgram]);
        var run = GeneratorHarness.Run(compilation, [GeneratorHarness.Schema("accounts.signals.json", AccountsSchema)]);

        GeneratorHarness.AssertCompilesCleanly(run);

        var sender = run.Source("Accounts.Events.Signals.g.cs");
        Assert.Contains("public void SendEmailAdded(string email) => Send(new global::Accounts.Events.EmailAdded(email));", sender, StringComparison.Ordinal);
        Assert.Contains("public void SendEmailRemoved(string email) => Send(new global::Accounts.Events.EmailRemoved(email));", sender, StringComparison.Ordinal);
        Assert.Contains("public global::SignalGen.SendResult SendPasswordReset(string email, string token) => SendRobust(new global::Accounts.Events.PasswordReset(email, token));", sender, StringComparison.Ordinal);
        Assert.Contains("public void SendAccountDeleted(int userId) => SendRobustCore(new global::Accounts.Events.AccountDeleted(userId), log: false).ThrowIfFailed();", sender, StringComparison.Ordinal);
        Assert.Contains("public global::SignalGen.SendResult SendHeartbeat() => SendRobust(new global::Accounts.Events.Heartbeat());", sender, StringComparison.Ordinal);

        var types = run.Source("Accounts.Events.SignalTypes.g.cs");
        Assert.Contains("/// <summary>Sent while validating an &lt;address&gt; a user wants to add &amp; \"may\" veto it.</summary>", types, StringComparison.Ordinal);
        Assert.Contains("/// <remarks>Internal signal:", types, StringComparison.Ordinal);

        GoldenFiles.AssertMatches(nameof(GeneratedCodeSnapshotTests), Files(run));
    }

    // ---------------------------------------------------------------- (d) a library with schema and receivers

    private const string BillingSchema = """
        {
          "namespace": "Contoso.Billing.Events",
          "usings": ["Contoso.Billing"],
          "signals": {
            "InvoicePaid": { "doc": "Sent when an invoice was paid in full.", "args": { "invoice": "Invoice", "amount": "decimal" } },
            "InvoiceVoided": { "args": { "invoice": "Invoice" } }
          }
        }
        """;

    private const string BillingSources = """
        using System.Threading.Tasks;
        using Contoso.Billing.Events;
        using SignalGen;

        namespace Contoso.Billing;

        public sealed record Invoice(string Number);

        public static class Ledger
        {
            [Receiver(Signal.InvoicePaid)]
            public static void Book(Invoice invoice, decimal amount) { }
        }

        public sealed class Receipts
        {
            [Receiver(Signal.InvoicePaid, Order = 1)]
            public ValueTask MailAsync(Invoice invoice) => default;
        }

        public static class Sender
        {
            // A library sends its own signals; its receivers run through its own (non-root) table.
            public static void Pay(Signals signals, Invoice invoice) => signals.SendInvoicePaid(invoice, 10m);
        }
        """;

    [Fact]
    public void Library_WithSchemaAndReceivers()
    {
        var compilation = GeneratorHarness.CreateCompilation("Contoso.Billing", OutputKind.DynamicallyLinkedLibrary, [BillingSources]);
        var run = GeneratorHarness.Run(compilation, [GeneratorHarness.Schema("billing.signals.json", BillingSchema)]);

        GeneratorHarness.AssertCompilesCleanly(run);

        // No AddSignals in a library: the application's registers everything.
        Assert.Equal(
            [
                "Contoso.Billing.Events.DispatchTable.g.cs",
                "Contoso.Billing.Events.SignalTypes.g.cs",
                "Contoso.Billing.Events.Signals.g.cs",
                "SignalGen.ReceiverThunks.g.cs",
            ],
            run.HintNames);
        var table = run.Source("Contoso.Billing.Events.DispatchTable.g.cs");
        Assert.Contains("InstallDispatchTable(new DispatchTable_Contoso_Billing_Events(), isRoot: false);", table, StringComparison.Ordinal);
        AssertCallOrder(table, "global::Contoso.Billing.Events.InvoicePaid", "Book_InvoicePaid", "MailAsync_InvoicePaid");
        Assert.Contains("public static class ReceiverThunks_Contoso_Billing", run.Source("SignalGen.ReceiverThunks.g.cs"), StringComparison.Ordinal);

        GoldenFiles.AssertMatches(nameof(GeneratedCodeSnapshotTests), Files(run));
    }

    [Fact]
    public void Library_MadeDispatchRoot_GetsARootTableAndAddSignals()
    {
        var compilation = GeneratorHarness.CreateCompilation("Contoso.Billing", OutputKind.DynamicallyLinkedLibrary, [BillingSources]);
        var run = GeneratorHarness.Run(compilation, [GeneratorHarness.Schema("billing.signals.json", BillingSchema)], dispatchRoot: true);

        GeneratorHarness.AssertCompilesCleanly(run);
        Assert.Contains("isRoot: true", run.Source("Contoso.Billing.Events.DispatchTable.g.cs"), StringComparison.Ordinal);
        var services = run.Source("SignalGen.ServiceRegistration.g.cs");
        Assert.Contains("internal static class SignalGenServiceCollectionExtensions_Contoso_Billing", services, StringComparison.Ordinal);
        Assert.Contains("TryAddScoped<global::Contoso.Billing.Events.Signals>", services, StringComparison.Ordinal);
    }

    [Fact]
    public void Executable_OptedOutOfDispatchRoot_IsALibraryTable()
    {
        var compilation = GeneratorHarness.CreateCompilation("Shop", OutputKind.ConsoleApplication, [ShopReceivers, "System.Console.WriteLine();"]);
        var run = GeneratorHarness.Run(compilation, [GeneratorHarness.Schema("orders.signals.json", ShopSchema)], dispatchRoot: false);

        GeneratorHarness.AssertCompilesCleanly(run);
        Assert.Contains("isRoot: false", run.Source("Shop.Orders.DispatchTable.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain("SignalGen.ServiceRegistration.g.cs", run.HintNames);
    }

    [Fact]
    public void NoSchemaAndNoReceivers_GeneratesNothing_ButAnExecutableStillGetsAnEmptyAddSignals()
    {
        var library = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("Plain", OutputKind.DynamicallyLinkedLibrary, ["namespace Plain; public static class C { public static void M() { } }"]),
            []);
        GeneratorHarness.AssertCompilesCleanly(library);
        Assert.Empty(library.Sources);

        var app = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("PlainApp", OutputKind.ConsoleApplication, ["System.Console.WriteLine();"]),
            []);
        GeneratorHarness.AssertCompilesCleanly(app);
        Assert.Equal(["SignalGen.ServiceRegistration.g.cs"], app.HintNames);
    }

    // ---------------------------------------------------------------- (e) schema library -> receiver library -> application

    private const string AuthSchema = """
        {
          "namespace": "Contoso.Auth",
          "signals": {
            "UserLoggedIn": { "doc": "Sent when a user logged in.", "args": { "user": "AppUser", "ip": "string" } },
            "UserLoggedOut": { "args": { "user": "AppUser" } }
          }
        }
        """;

    private const string AuthLibrary = """
        using SignalGen;

        namespace Contoso.Auth;

        public sealed record AppUser(int Id);

        // The schema library's own receiver: internal, called through its public thunk.
        internal static class SessionStore
        {
            [Receiver(Signal.UserLoggedIn)]
            public static void Touch(AppUser user) { }
        }
        """;

    private const string ReceiverLibrary = """
        using System.Threading;
        using System.Threading.Tasks;
        using Contoso.Auth;
        using SignalGen;

        namespace Contoso.Receivers
        {
            public sealed class WelcomeMailer
            {
                [Receiver(Signal.UserLoggedIn, Order = 10)]
                public ValueTask SendAsync(AppUser user, CancellationToken cancellationToken) => default;
            }

            public static class Analytics
            {
                [Receiver(Signal.UserLoggedIn), Receiver(Signal.UserLoggedOut)]
                public static void Track(AppUser user) { }
            }
        }

        namespace Shared
        {
            // Same full name as a receiver in the application: the assembly name breaks the tie.
            internal static class Hooks
            {
                [Receiver(Signal.UserLoggedIn)]
                public static void OnLogin(AppUser user) { }
            }
        }
        """;

    private const string Application = """
        using Contoso.Auth;
        using SignalGen;

        namespace Contoso.App
        {
            public static class AppReceivers
            {
                [Receiver(Signal.UserLoggedIn, Order = -1)]
                public static void First(UserLoggedIn signal) { }

                [Receiver(Signal.UserLoggedOut)]
                public static void Bye(AppUser user) { }
            }

            public static class Program
            {
                public static void Main() => new Signals().SendUserLoggedIn(new AppUser(1), "203.0.113.7");
            }
        }

        namespace Shared
        {
            internal static class Hooks
            {
                [Receiver(Signal.UserLoggedIn)]
                public static void OnLogin(AppUser user) { }
            }
        }
        """;

    [Fact]
    public void CrossProject_ApplicationTableCallsReferencedThunks()
    {
        var auth = GeneratorHarness.BuildProject(
            "Contoso.Auth", OutputKind.DynamicallyLinkedLibrary, [AuthLibrary], [GeneratorHarness.Schema("auth.signals.json", AuthSchema)]);
        var receivers = GeneratorHarness.BuildProject(
            "Contoso.Receivers", OutputKind.DynamicallyLinkedLibrary, [ReceiverLibrary], [], [auth.Reference]);
        var app = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("Contoso.App", OutputKind.ConsoleApplication, [Application], [auth.Reference, receivers.Reference]),
            []);

        GeneratorHarness.AssertCompilesCleanly(app);

        // A receiver library without a schema emits only its thunks: no table, no AddSignals.
        Assert.Equal(["SignalGen.ReceiverThunks.g.cs"], receivers.Run.HintNames);

        // The application regenerates no type of the referenced schema (that would be CS0436), only the root table.
        Assert.Equal(["Contoso.Auth.DispatchTable.g.cs", "SignalGen.ReceiverThunks.g.cs", "SignalGen.ServiceRegistration.g.cs"], app.HintNames);

        var table = app.Source("Contoso.Auth.DispatchTable.g.cs");
        Assert.Contains("global::Contoso.Auth.Signals.InstallDispatchTable(new DispatchTable_Contoso_Auth(), isRoot: true);", table, StringComparison.Ordinal);

        // Order -1 first; then at Order 0 by name: Contoso.Auth... < Contoso.Receivers... < Shared.Hooks... and for the
        // two Shared.Hooks.OnLogin(AppUser) by assembly: Contoso.App < Contoso.Receivers; Order 10 last.
        AssertCallOrder(
            table,
            "global::Contoso.Auth.UserLoggedIn",
            "ReceiverThunks_Contoso_App.First_UserLoggedIn",
            "ReceiverThunks_Contoso_Auth.Touch_UserLoggedIn",
            "ReceiverThunks_Contoso_Receivers.Track_UserLoggedIn",
            "ReceiverThunks_Contoso_App.OnLogin_UserLoggedIn",
            "ReceiverThunks_Contoso_Receivers.OnLogin_UserLoggedIn",
            "ReceiverThunks_Contoso_Receivers.SendAsync_UserLoggedIn");
        AssertCallOrder(
            table,
            "global::Contoso.Auth.UserLoggedOut",
            "ReceiverThunks_Contoso_App.Bye_UserLoggedOut",
            "ReceiverThunks_Contoso_Receivers.Track_UserLoggedOut");

        var services = app.Source("SignalGen.ServiceRegistration.g.cs");
        AssertInOrder(
            services,
            "TryAddScoped<global::Contoso.Auth.Signals>",
            "global::SignalGen.Generated.ReceiverThunks_Contoso_App.AddServices(services);",
            "global::SignalGen.Generated.ReceiverThunks_Contoso_Auth.AddServices(services);",
            "global::SignalGen.Generated.ReceiverThunks_Contoso_Receivers.AddServices(services);");

        var files = new List<(string Name, string Text)>();
        files.AddRange(Files(app, "Contoso.App/"));
        files.AddRange(Files(receivers.Run, "Contoso.Receivers/"));
        files.AddRange(Files(auth.Run, "Contoso.Auth/").Where(f => f.Name.Contains("DispatchTable", StringComparison.Ordinal) || f.Name.Contains("ReceiverThunks", StringComparison.Ordinal)));
        GoldenFiles.AssertMatches(nameof(GeneratedCodeSnapshotTests), files);
    }

    // ---------------------------------------------------------------- (f) durable receivers

    private const string SignupSchema = """
        {
          "namespace": "Shop.Accounts",
          "usings": ["Shop"],
          "signals": {
            "UserSignedUp": { "args": { "user": "Customer", "email": "string", "referrer": "string?" } }
          }
        }
        """;

    private const string SignupReceivers = """
        using System.Threading;
        using System.Threading.Tasks;
        using Shop.Accounts;
        using SignalGen;
        using SignalGen.Durable;

        namespace Shop;

        public sealed record Customer(int Id, string Email);

        public static class Profiles
        {
            // In-process: runs in the send, between the durable receivers' stagings.
            [Receiver(Signal.UserSignedUp)]
            public static void Create(Customer user) { }
        }

        public sealed class Welcome
        {
            // Durable, resolved from the worker's scope; binds the delivery and the worker's token.
            [Receiver(Signal.UserSignedUp, Durable = true, Order = 1)]
            public Task SendAsync(string email, string? referrer, DurableDelivery delivery, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        public static class Audit
        {
            // Durable and synchronous, the whole signal stored, under a name that outlives renames.
            [Receiver(Signal.UserSignedUp, Durable = true, DurableName = "audit-signup", Order = -1)]
            public static void Record(UserSignedUp signal) { }
        }
        """;

    [Fact]
    public void DurableReceivers_StageAMessageAndRunFromIt()
    {
        var compilation = GeneratorHarness.CreateCompilation("Shop", OutputKind.ConsoleApplication, [SignupReceivers, "await new Shop.Accounts.Signals().SendUserSignedUpAsync(new Shop.Customer(1, \"a@b.c\"), \"a@b.c\", null);"]);
        var run = GeneratorHarness.Run(compilation, [GeneratorHarness.Schema("accounts.signals.json", SignupSchema)]);

        GeneratorHarness.AssertCompilesCleanly(run);
        Assert.Contains("SignalGen.DurableReceivers.g.cs", run.HintNames);

        // Durable receivers keep their place in the order: their thunks stage where they would have run.
        var table = run.Source("Shop.Accounts.DispatchTable.g.cs");
        AssertCallOrder(table, "global::Shop.Accounts.UserSignedUp", "Record_UserSignedUp", "Create_UserSignedUp", "SendAsync_UserSignedUp");

        var thunks = run.Source("SignalGen.ReceiverThunks.g.cs");
        Assert.Contains(
            "=> global::SignalGen.Durable.DurableStaging.StageAsync(services, new global::SignalGen.Generated.DurableReceivers_Shop.SendAsync_UserSignedUp.Message(global::SignalGen.Durable.DurableStamp.New(), signal.Email, signal.Referrer), global::SignalGen.Generated.DurableReceivers_Shop.SendAsync_UserSignedUp.Instance, cancellationToken);",
            thunks,
            StringComparison.Ordinal);
        Assert.Contains("TryAddEnumerable(services, new global::Microsoft.Extensions.DependencyInjection.ServiceDescriptor(typeof(global::SignalGen.Durable.DurableReceiver), global::SignalGen.Generated.DurableReceivers_Shop.Record_UserSignedUp.Instance));", thunks, StringComparison.Ordinal);

        var durable = run.Source("SignalGen.DurableReceivers.g.cs");
        Assert.Contains("public sealed record Message(global::SignalGen.Durable.DurableStamp Stamp, string Email, string? Referrer) : global::SignalGen.Durable.IDurableMessage;", durable, StringComparison.Ordinal);
        Assert.Contains("public sealed record Message(global::SignalGen.Durable.DurableStamp Stamp, global::Shop.Accounts.UserSignedUp Signal) : global::SignalGen.Durable.IDurableMessage;", durable, StringComparison.Ordinal);
        Assert.Contains(": base(\"audit-signup\",", durable, StringComparison.Ordinal);
        Assert.Contains(": base(\"signalgen:Shop.Accounts.UserSignedUp/Shop.Welcome.SendAsync(string, string?, DurableDelivery, CancellationToken)\",", durable, StringComparison.Ordinal);
        Assert.Contains(".SendAsync(message.Email, message.Referrer, delivery, cancellationToken))", durable, StringComparison.Ordinal);

        GoldenFiles.AssertMatches(nameof(GeneratedCodeSnapshotTests), Files(run));
    }

    // ---------------------------------------------------------------- helpers

    // Hint names are listed sorted ordinally, as GeneratorRun.Sources is.
    private static List<(string Name, string Text)> Files(GeneratorRun run, string prefix = "") =>
        run.Sources.Select(source => (prefix + source.HintName, source.Text)).ToList();

    /// <summary>
    /// Asserts that the table's synchronous <c>Send</c> for <paramref name="signalType"/> calls exactly the
    /// given thunks (each a unique tail of the called method's name), in this order.
    /// </summary>
    private static void AssertCallOrder(string table, string signalType, params string[] thunks)
    {
        var header = "public void Send(in " + signalType + " signal, global::System.IServiceProvider? services)";
        var start = table.IndexOf(header, StringComparison.Ordinal);
        Assert.True(start >= 0, "No Send method for " + signalType + " in the table.");
        var open = table.IndexOf("{", start, StringComparison.Ordinal);
        var close = table.IndexOf("\n        }", open, StringComparison.Ordinal);
        var calls = table.Substring(open + 1, close - open - 1)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToArray();

        Assert.True(
            calls.Length == thunks.Length && calls.Zip(thunks).All(pair => pair.First.Contains("." + pair.Second + "(in signal", StringComparison.Ordinal)),
            "Expected calls to:" + Environment.NewLine + string.Join(Environment.NewLine, thunks.Select(t => "  " + t))
            + Environment.NewLine + "Actual body of Send(" + signalType + "):" + Environment.NewLine + string.Join(Environment.NewLine, calls.Select(c => "  " + c)));
    }

    private static void AssertInOrder(string text, params string[] parts)
    {
        var position = -1;
        foreach (var part in parts)
        {
            var next = text.IndexOf(part, position + 1, StringComparison.Ordinal);
            Assert.True(next > position, $"'{part}' is missing or out of order in:{Environment.NewLine}{text}");
            position = next;
        }
    }
}
