using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SignalGen.Analyzers.Receivers;
using SignalGen.Analyzers.Tests.Infrastructure;
using SignalGen.Diagnostics;
using Xunit;

namespace SignalGen.Analyzers.Tests.Receivers;

/// <summary>
/// Receivers of a schema with a type parameter (declared in a referenced library, as SignalGen.Identity
/// declares TUser): the parameter's own type is the type argument, so it must meet the constraint and
/// agree across the receiver's parameters.
/// </summary>
public sealed class GenericSignalReceiverTests
{
    private const string UsersSchema = """
        {
          "namespace": "Contoso.Users",
          "typeParameters": { "TUser": "class" },
          "signals": {
            "UserSignedUp": { "args": { "request": "string", "user": "TUser" } },
            "UserLoggedOut": { "args": { "user": "TUser?" } }
          }
        }
        """;

    private const string Usings = """
        using Contoso.Data;
        using Contoso.Users;
        using SignalGen;

        """;

    [Fact]
    public Task ReceiversNamingTheUserType_OrNone_AreSilent() => Verify("""
        public static class R
        {
            [Receiver(Signal.UserSignedUp)]
            public static void ByArgument(AppUser user) { }

            [Receiver(Signal.UserSignedUp)]
            public static void BySignalType(UserSignedUp<AppUser> signal) { }

            [Receiver(Signal.UserSignedUp)]
            public static void Both(AppUser user, UserSignedUp<AppUser> signal) { }

            [Receiver(Signal.UserSignedUp)]
            public static void AnyUser(string request) { }

            [Receiver(Signal.UserLoggedOut)]
            public static void MaybeNoUser(AppUser? user) { }
        }
        """);

    [Fact]
    public Task TypeArgument_ThatBreaksTheConstraint_IsReported() => Verify(
        """
        public static class R
        {
            [Receiver(Signal.UserSignedUp)]
            public static void M({|#0:int|} user) { }
        }
        """,
        // Only SGEN0103: the generator writes no thunk for UserSignedUp<int>, which would break the constraint (CS0452).
        Diagnostic(SignalGenDiagnostics.ParameterTypeMismatch, 0).WithArguments("user", "int", "UserSignedUp", "TUser", ", which does not meet TUser's constraint 'class'"));

    [Fact]
    public Task TwoParameters_NamingDifferentTypes_AreReported() => Verify(
        """
        public static class R
        {
            [Receiver(Signal.UserSignedUp)]
            public static void M(AppUser user, {|#0:UserSignedUp<Admin>|} signal) { }
        }
        """,
        Diagnostic(SignalGenDiagnostics.ParameterTypeMismatch, 0).WithArguments("signal", "UserSignedUp<Admin>", "UserSignedUp", "TUser", ", but another parameter of the receiver names TUser as 'AppUser'"));

    [Fact]
    public Task NullableUser_IntoANonNullableParameter_IsReported() => Verify(
        """
        public static class R
        {
            [Receiver(Signal.UserLoggedOut)]
            public static void M({|#0:AppUser|} user) { }
        }
        """,
        Diagnostic(SignalGenDiagnostics.ParameterTypeMismatch, 0).WithArguments("user", "AppUser", "UserLoggedOut", "TUser?", ", which may be null"));

    private static DiagnosticResult Diagnostic(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, int location) =>
        new DiagnosticResult(descriptor).WithLocation(location);

    private static async Task Verify(string receivers, params DiagnosticResult[] expected)
    {
        var library = TestCompilation.BuildLibrary("Contoso.Users", UsersSchema);
        var test = new SignalGenAnalyzerTest<ReceiverAnalyzer>
        {
            TestState =
            {
                Sources = { Usings + receivers, TestCompilation.AppTypes },
            },
        };
        test.TestState.AdditionalReferences.Add(library);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }
}
