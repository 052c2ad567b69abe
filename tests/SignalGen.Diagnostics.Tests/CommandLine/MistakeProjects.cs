using System.Collections.Generic;

namespace SignalGen.Diagnostics.Tests.CommandLine;

/// <summary>
/// The projects every mistake starts from, as a new user writes them: a console app with a two-signal
/// schema and receivers (<see cref="App"/>), and a library that holds the schema and sends, with an
/// application that receives (<see cref="LibraryAndApp"/>). Both build without errors or warnings.
/// </summary>
internal static class MistakeProjects
{
    /// <summary>The schema of the single app; one signal per block, so a mistake's line is easy to read.</summary>
    public const string AppSchema = """
        {
          "namespace": "App.Auth",
          "usings": ["App.Data"],
          "signals": {
            "UserLoggedIn": {
              "doc": "Sent when a user logged in.",
              "args": { "user": "User", "when": "DateTimeOffset" }
            },
            "UserSignedUp": {
              "args": { "user": "User", "referrer": "string?" }
            }
          }
        }

        """;

    public const string AppModel = """
        namespace App.Data;

        public sealed record User(string Name);

        """;

    public const string AppReceivers = """
        using App.Auth;
        using App.Data;
        using SignalGen;

        namespace App;

        public static class Receivers
        {
            [Receiver(Signal.UserLoggedIn)]
            public static void OnLogin(User user, DateTimeOffset when) => Console.WriteLine(user.Name + " at " + when);

            [Receiver(Signal.UserSignedUp)]
            public static Task OnSignupAsync(User user, string? referrer, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        """;

    public const string AppProgram = """
        Console.WriteLine(App.Auth.Signals.HasReceivers(App.Auth.Signal.UserLoggedIn));

        """;

    /// <summary>The library's schema: it declares and sends; the application receives.</summary>
    public const string LibrarySchema = """
        {
          "namespace": "Shop.Orders",
          "usings": ["Shop.Model"],
          "signals": {
            "OrderPlaced": {
              "args": { "order": "Order", "customer": "string" }
            }
          }
        }

        """;

    public const string LibraryModel = """
        namespace Shop.Model;

        public sealed record Order(int Id);

        internal sealed record Discount(decimal Rate);

        """;

    public const string LibrarySender = """
        using Shop.Model;
        using Shop.Orders;

        namespace Shop;

        public sealed class Checkout(Signals signals)
        {
            public void Place(Order order) => signals.Send(new OrderPlaced(order, "alice"));
        }

        """;

    public const string ApplicationReceivers = """
        using Shop.Model;
        using Shop.Orders;
        using SignalGen;

        namespace ShopApp;

        public static class Receivers
        {
            [Receiver(Signal.OrderPlaced)]
            public static void Audit(Order order, string customer) => Console.WriteLine(order.Id + " for " + customer);
        }

        """;

    public const string ApplicationProgram = """
        Console.WriteLine(Shop.Orders.Signals.HasReceivers(Shop.Orders.Signal.OrderPlaced));

        """;

    /// <summary>The console app's files, for the package version <paramref name="version"/>.</summary>
    public static Dictionary<string, string> App(string version) => new()
    {
        ["App.csproj"] = Project("Exe", version, reference: null),
        ["auth.signals.json"] = AppSchema,
        ["Model.cs"] = AppModel,
        ["Receivers.cs"] = AppReceivers,
        ["Program.cs"] = AppProgram,
    };

    /// <summary>The library (Lib/) and the application that references it (App/), for the package version <paramref name="version"/>.</summary>
    public static Dictionary<string, string> LibraryAndApp(string version) => new()
    {
        ["Lib/Lib.csproj"] = Project("Library", version, reference: null),
        ["Lib/orders.signals.json"] = LibrarySchema,
        ["Lib/Model.cs"] = LibraryModel,
        ["Lib/Checkout.cs"] = LibrarySender,
        ["App/App.csproj"] = Project("Exe", version, reference: "../Lib/Lib.csproj"),
        ["App/Receivers.cs"] = ApplicationReceivers,
        ["App/Program.cs"] = ApplicationProgram,
    };

    private static string Project(string outputType, string version, string? reference) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>{outputType}</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="SignalGen" Version="{version}" />
          </ItemGroup>
          {(reference is null ? string.Empty : $"<ItemGroup><ProjectReference Include=\"{reference}\" /></ItemGroup>")}
        </Project>

        """;
}
