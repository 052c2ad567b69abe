using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SignalGen.Analyzers.Receivers;
using SignalGen.Analyzers.Tests.Infrastructure;
using SignalGen.Diagnostics;
using SignalGen.Receivers;
using Xunit;

namespace SignalGen.Analyzers.Tests.Receivers;

/// <summary>
/// Receivers marked <c>Durable = true</c>: what they bind is stored until a worker runs them, so each value
/// must be one a stored message can hold (SGEN0109, at the parameter's type); a <c>DurableDelivery</c> is
/// for them only (SGEN0110, at the parameter's name).
/// </summary>
public sealed class DurableReceiverAnalyzerTests
{
    private const string Schema = """
        {
          "namespace": "Contoso.Auth",
          "usings": ["Contoso.Data"],
          "signals": {
            "UserSignedUp": {
              "args": {
                "user": "AppUser",
                "email": "string",
                "when": "System.DateTimeOffset",
                "tags": "System.Collections.Generic.IReadOnlyList<string>",
                "principal": "System.Security.Claims.ClaimsPrincipal",
                "body": "System.IO.Stream",
                "callback": "System.Action",
                "handle": "System.IDisposable",
                "bodies": "System.Collections.Generic.List<System.IO.Stream>",
                "shape": "Shape"
              }
            },
            "EmailConfirmed": { "args": { "user": "AppUser", "email": "string" } }
          }
        }
        """;

    private const string Types = """
        namespace Contoso.Data
        {
            public class AppUser { }

            [System.Text.Json.Serialization.JsonDerivedType(typeof(Circle), "circle")]
            public abstract record Shape;

            public sealed record Circle(double Radius) : Shape;
        }
        """;

    private const string Usings = """
        using System.Threading;
        using System.Threading.Tasks;
        using Contoso.Auth;
        using Contoso.Data;
        using SignalGen;
        using SignalGen.Durable;

        """;

    [Fact]
    public Task StorableValues_TheDelivery_AndTheToken_AreSilent() => Verify("""
        public static class R
        {
            [Receiver(Signal.UserSignedUp, Durable = true)]
            public static Task M(AppUser user, string email, System.DateTimeOffset when, System.Collections.Generic.IReadOnlyList<string> tags, Shape shape, DurableDelivery delivery, CancellationToken cancellationToken) => Task.CompletedTask;

            [Receiver(Signal.EmailConfirmed, Durable = true, DurableName = "confirmed")]
            public static void Whole(EmailConfirmed signal) { }

            // Not durable: binds anything, as before.
            [Receiver(Signal.UserSignedUp)]
            public static void InProcess(System.IO.Stream body, System.Action callback) { }
        }
        """);

    [Fact]
    public Task ValuesThatLiveInTheProcess_AreReportedAtTheirType_WithTheReason() => Verify(
        """
        public static class R
        {
            [Receiver(Signal.UserSignedUp, Durable = true)]
            public static void M({|#0:System.Security.Claims.ClaimsPrincipal|} principal, {|#1:System.IO.Stream|} body, {|#2:System.Action|} callback, {|#3:System.IDisposable|} handle, {|#4:System.Collections.Generic.List<System.IO.Stream>|} bodies, {|#5:object|} user) { }
        }
        """,
        Unstorable(0, "principal", "it is the request's signed-in principal, rebuilt from a cookie or token on each request"),
        Unstorable(1, "body", "it is a stream, an open handle in this process"),
        Unstorable(2, "callback", "it is a delegate: code of this process, not data"),
        Unstorable(3, "handle", "it is the interface IDisposable, so the stored message would not know which type to build back (declare its derived types with [JsonDerivedType])"),
        Unstorable(4, "bodies", "its type argument Stream: it is a stream, an open handle in this process"),
        Unstorable(5, "user", "it is object, so the stored message would not know what to build back"));

    [Fact]
    public Task TheWholeSignal_IsReportedWhenOneOfItsArgumentsCannotBeStored() => Verify(
        """
        public static class R
        {
            [Receiver(Signal.UserSignedUp, Durable = true)]
            public static void M({|#0:UserSignedUp|} signal) { }
        }
        """,
        Unstorable(0, "signal", "it takes the whole signal, whose argument 'principal' cannot be stored (it is the request's signed-in principal, rebuilt from a cookie or token on each request)"));

    [Fact]
    public Task DurableFalse_OrOnlyAnotherAttributeDurable_ChecksNothingForThatSignal() => Verify("""
        public static class R
        {
            [Receiver(Signal.UserSignedUp, Durable = false)]
            [Receiver(Signal.EmailConfirmed, Durable = true)]
            public static void M(string email) { }

            [Receiver(Signal.UserSignedUp, Durable = false)]
            public static void N(System.IO.Stream body) { }
        }
        """);

    [Fact]
    public Task TheDelivery_InAReceiverThatIsNotDurable_IsReportedAtItsName() => Verify(
        """
        public static class R
        {
            [Receiver(Signal.EmailConfirmed)]
            public static void M(string email, DurableDelivery {|#0:delivery|}) { }
        }
        """,
        new DiagnosticResult(SignalGenDiagnostics.DeliveryInNonDurableReceiver).WithLocation(0).WithArguments("delivery", "M", "EmailConfirmed"));

    [Fact]
    public Task AParameterThatDoesNotTakeItsArgument_IsSgen0103Only() => Verify(
        """
        public static class R
        {
            [Receiver(Signal.EmailConfirmed, Durable = true)]
            public static void M({|#0:System.IO.Stream|} email) { }
        }
        """,
        new DiagnosticResult(SignalGenDiagnostics.ParameterTypeMismatch).WithLocation(0).WithArguments("email", "Stream", "EmailConfirmed", "string", ", which does not convert to it"));

    private static DiagnosticResult Unstorable(int location, string parameter, string reason) =>
        new DiagnosticResult(SignalGenDiagnostics.UnstorableDurableParameter).WithLocation(location)
            .WithArguments("M", "UserSignedUp", parameter, reason, DurableRules.Alternative);

    private static async Task Verify(string receivers, params DiagnosticResult[] expected)
    {
        var test = new SignalGenAnalyzerTest<ReceiverAnalyzer>
        {
            TestState =
            {
                Sources = { Usings + receivers, Types },
                AdditionalFiles = { (TestCompilation.SchemaPath, Schema) },
            },
        };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }
}
