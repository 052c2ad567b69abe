using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SignalGen.Analyzers.Receivers;
using SignalGen.Analyzers.Tests.Infrastructure;
using SignalGen.Diagnostics;
using Xunit;

namespace SignalGen.Analyzers.Tests.Receivers;

/// <summary>
/// Each receiver rule on its faulty case, at its exact span, and on the valid neighbour that must stay
/// silent. Markup <c>{|#0:...|}</c> marks where the diagnostic must be.
/// </summary>
public sealed class ReceiverAnalyzerTests
{
    private const string Usings = """
        using System.Threading;
        using System.Threading.Tasks;
        using Contoso.Auth;
        using Contoso.Data;
        using SignalGen;

        """;

    // ---------------------------------------------------------------- valid receivers stay silent

    [Fact]
    public Task ValidReceivers_InEveryShape_AreSilent() => Verify("""
        public static class StaticReceivers
        {
            [Receiver(Signal.UserSignedUp)]
            public static void NoParameters() { }

            [Receiver(Signal.UserSignedUp, Order = 2)]
            public static void SubsetInAnyOrder(AppUser user, string request) { }

            [Receiver(Signal.UserSignedUp)]
            public static void WholeSignal(UserSignedUp signal) { }

            [Receiver(Signal.UserSignedUp)]
            public static void WholeSignalByIn(in UserSignedUp signal, CancellationToken cancellationToken) { }

            [Receiver(Signal.UserLoggedIn)]
            public static Task AsTask(AppUser user, bool remember, CancellationToken token) => Task.CompletedTask;

            [Receiver(Signal.UserLoggedIn), Receiver(Signal.UserSignedUp)]
            public static ValueTask AsValueTask(AppUser user) => default;

            [Receiver(Signal.PasswordChanged)]
            public static void TakesNullable(AppUser? user) { }

            [Receiver(Signal.UserSignedUp)]
            public static void WidensToObject(object user) { }

            [Receiver(Signal.AddEmail)]
            public static void InternalInItsOwnAssembly(string email) { }

            [Receiver(Signal.UserLoggedIn)]
            internal static async Task AsyncTask(AppUser user) => await Task.Yield();
        }

        public sealed class InstanceReceivers
        {
            [Receiver(Signal.UserLoggedIn)]
            public void Instance(AppUser user) { }
        }

        public static class NotReceivers
        {
            // No [Receiver]: nothing to check, even though it would break every rule.
            private static int Whatever<T>(ref int value) => value;
        }
        """);

    // ---------------------------------------------------------------- SGEN0101 unknown signal

    [Fact]
    public Task UnknownSignal_SuggestsTheClosestName() => Verify(
        """
        public static class R
        {
            [Receiver(Signal.{|#0:UserSignedUpp|})]
            public static void M() { }
        }
        """,
        Diagnostic(SignalGenDiagnostics.UnknownSignal, 0).WithArguments("UserSignedUpp", "Contoso.Auth", "; did you mean 'UserSignedUp'?"),
        DiagnosticResult.CompilerError("CS0117").WithLocation(0).WithArguments("Contoso.Auth.Signal", "UserSignedUpp"));

    [Fact]
    public Task UnknownSignal_DifferingOnlyInCase_SuggestsThatName() => Verify(
        """
        public static class R
        {
            [Receiver(Signal.{|#0:userloggedin|})]
            public static void M() { }
        }
        """,
        Diagnostic(SignalGenDiagnostics.UnknownSignal, 0).WithArguments("userloggedin", "Contoso.Auth", "; did you mean 'UserLoggedIn'?"),
        DiagnosticResult.CompilerError("CS0117").WithLocation(0).WithArguments("Contoso.Auth.Signal", "userloggedin"));

    [Fact]
    public Task UnknownSignal_FarFromEveryName_SuggestsNothing() => Verify(
        """
        public static class R
        {
            [Receiver(Signal.{|#0:Shipped|})]
            public static void M() { }
        }
        """,
        Diagnostic(SignalGenDiagnostics.UnknownSignal, 0).WithArguments("Shipped", "Contoso.Auth", string.Empty),
        DiagnosticResult.CompilerError("CS0117").WithLocation(0).WithArguments("Contoso.Auth.Signal", "Shipped"));

    [Fact]
    public Task NotASignal_AnotherEnumOrAString_IsReported() => Verify(
        """
        public static class R
        {
            [Receiver({|#0:System.DayOfWeek.Monday|})]
            public static void Enum() { }

            [Receiver({|#1:"UserSignedUp"|})]
            public static void Text() { }
        }
        """,
        Diagnostic(SignalGenDiagnostics.UnknownSignal, 0).WithArguments("System.DayOfWeek.Monday", "any SignalGen schema", "; pass a member of a generated Signal enum"),
        Diagnostic(SignalGenDiagnostics.UnknownSignal, 1).WithArguments("\"UserSignedUp\"", "any SignalGen schema", "; pass a member of a generated Signal enum"));

    // ---------------------------------------------------------------- SGEN0102 parameter matches no argument

    [Fact]
    public Task UnmatchedParameter_IsReportedAtItsName() => Verify(
        """
        public static class R
        {
            [Receiver(Signal.UserSignedUp)]
            public static void M(AppUser user, string {|#0:ipAddress|}) { }
        }
        """,
        Diagnostic(SignalGenDiagnostics.UnmatchedParameter, 0).WithArguments("ipAddress", "UserSignedUp", "request, user"));

    [Fact]
    public Task UnmatchedParameter_IsReportedForEachSignalItDoesNotMatch() => Verify(
        """
        public static class R
        {
            [Receiver(Signal.UserSignedUp), Receiver(Signal.UserLoggedIn)]
            public static void M(AppUser user, bool {|#0:remember|}) { }
        }
        """,
        Diagnostic(SignalGenDiagnostics.UnmatchedParameter, 0).WithArguments("remember", "UserSignedUp", "request, user"));

    // ---------------------------------------------------------------- SGEN0103 parameter type does not fit

    [Fact]
    public Task ParameterTypeMismatch_IsReportedAtTheType() => Verify(
        """
        public static class R
        {
            [Receiver(Signal.UserSignedUp)]
            public static void M({|#0:int|} request) { }
        }
        """,
        // Only SGEN0103: the generator resolves both types, sees the call would not compile, and writes no thunk for it.
        Diagnostic(SignalGenDiagnostics.ParameterTypeMismatch, 0).WithArguments("request", "int", "UserSignedUp", "string", ", which does not convert to it"));

    [Fact]
    public Task ParameterTypeMismatch_ANarrowerType_IsReported() => Verify(
        """
        public static class R
        {
            [Receiver(Signal.UserLoggedIn)]
            public static void M({|#0:Admin|} user) { }
        }
        """,
        Diagnostic(SignalGenDiagnostics.ParameterTypeMismatch, 0).WithArguments("user", "Admin", "UserLoggedIn", "AppUser", ", which does not convert to it"));

    [Fact]
    public Task ParameterTypeMismatch_NullableArgumentIntoNonNullableParameter_IsReported() => Verify(
        """
        public static class R
        {
            [Receiver(Signal.PasswordChanged)]
            public static void M({|#0:AppUser|} user) { }
        }
        """,
        Diagnostic(SignalGenDiagnostics.ParameterTypeMismatch, 0).WithArguments("user", "AppUser", "PasswordChanged", "AppUser?", ", which may be null"));

    // ---------------------------------------------------------------- SGEN0104 / SGEN0105 return types

    [Fact]
    public Task UnsupportedReturnType_IsReportedAtTheReturnType() => Verify(
        """
        public static class R
        {
            [Receiver(Signal.UserSignedUp)]
            public static {|#0:int|} Count() => 1;

            [Receiver(Signal.UserSignedUp)]
            public static {|#1:Task<bool>|} Check() => Task.FromResult(true);
        }
        """,
        Diagnostic(SignalGenDiagnostics.UnsupportedReturnType, 0).WithArguments("Count", "int"),
        Diagnostic(SignalGenDiagnostics.UnsupportedReturnType, 1).WithArguments("Check", "Task<bool>"));

    [Fact]
    public Task AsyncVoid_IsReportedAtVoid() => Verify(
        """
        public static class R
        {
            [Receiver(Signal.UserSignedUp)]
            public static async {|#0:void|} M() => await Task.Yield();
        }
        """,
        Diagnostic(SignalGenDiagnostics.AsyncVoidReceiver, 0).WithArguments("M"));

    // ---------------------------------------------------------------- SGEN0106 cannot be called

    [Fact]
    public Task UncallableReceivers_SayWhy_AtTheMethodName() => Verify(
        """
        public class R
        {
            [Receiver(Signal.UserSignedUp)]
            private static void {|#0:Hidden|}() { }

            [Receiver(Signal.UserSignedUp)]
            public static void {|#1:Generic|}<T>() { }

            [Receiver(Signal.UserSignedUp)]
            public static void {|#2:ByRef|}(ref string request) { }

            private sealed class Nested
            {
                [Receiver(Signal.UserSignedUp)]
                public static void {|#3:InPrivateType|}() { }
            }
        }

        public abstract class Base
        {
            [Receiver(Signal.UserSignedUp)]
            public void {|#4:OnAbstract|}() { }
        }

        public struct Value
        {
            [Receiver(Signal.UserSignedUp)]
            public void {|#5:OnStruct|}() { }
        }

        public static class Box<T>
        {
            [Receiver(Signal.UserSignedUp)]
            public static void {|#6:InGeneric|}() { }
        }
        """,
        Diagnostic(SignalGenDiagnostics.UncallableReceiver, 0).WithArguments("Hidden", "it is private; make it internal or public"),
        Diagnostic(SignalGenDiagnostics.UncallableReceiver, 1).WithArguments("Generic", "it is generic, and generated code cannot choose its type arguments"),
        Diagnostic(SignalGenDiagnostics.UncallableReceiver, 2).WithArguments("ByRef", "its parameter request is ref, and signal arguments are passed by value"),
        Diagnostic(SignalGenDiagnostics.UncallableReceiver, 3).WithArguments("InPrivateType", "its containing type Nested is private"),
        Diagnostic(SignalGenDiagnostics.UncallableReceiver, 4).WithArguments("OnAbstract", "it is an instance method of the abstract class Base, which dependency injection cannot create; make it static or move it to a concrete class"),
        Diagnostic(SignalGenDiagnostics.UncallableReceiver, 5).WithArguments("OnStruct", "it is an instance method of a struct, which dependency injection cannot create; make it static"),
        Diagnostic(SignalGenDiagnostics.UncallableReceiver, 6).WithArguments("InGeneric", "its containing type Box is generic, and generated code cannot choose its type arguments"));

    // ---------------------------------------------------------------- SGEN0107 same signal twice

    [Fact]
    public Task SameSignalTwice_IsReportedAtTheSecondAttribute() => Verify(
        """
        public static class R
        {
            [Receiver(Signal.UserSignedUp), {|#0:Receiver(Signal.UserSignedUp, Order = 5)|}]
            public static void M() { }
        }
        """,
        Diagnostic(SignalGenDiagnostics.DuplicateReceiverSignal, 0).WithArguments("M", "UserSignedUp"));

    // ---------------------------------------------------------------- SGEN0108 internal signal elsewhere

    [Fact]
    public async Task InternalSignal_ReceivedOutsideItsAssembly_IsAWarning()
    {
        var library = TestCompilation.BuildLibrary("Contoso.Auth.Library", TestCompilation.Schema, TestCompilation.AppTypes);
        var test = new SignalGenAnalyzerTest<ReceiverAnalyzer>
        {
            TestCode = Usings + """
                public static class R
                {
                    [Receiver({|#0:Signal.AddEmail|})]
                    public static void OnAddEmail(string email) { }

                    [Receiver(Signal.UserSignedUp)]
                    public static void NotInternal(string request) { }
                }
                """,
            ExpectedDiagnostics = { Diagnostic(SignalGenDiagnostics.InternalSignalOutsideAssembly, 0).WithArguments("AddEmail", "Contoso.Auth.Library") },
        };
        test.TestState.AdditionalReferences.Add(library);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ReferencedSchema_RulesApplyThere_Too()
    {
        var library = TestCompilation.BuildLibrary("Contoso.Auth.Library", TestCompilation.Schema, TestCompilation.AppTypes);
        var test = new SignalGenAnalyzerTest<ReceiverAnalyzer>
        {
            TestCode = Usings + """
                public static class R
                {
                    [Receiver(Signal.UserLoggedIn)]
                    public static void M(AppUser user, int {|#0:count|}) { }
                }
                """,
            ExpectedDiagnostics = { Diagnostic(SignalGenDiagnostics.UnmatchedParameter, 0).WithArguments("count", "UserLoggedIn", "user, remember") },
        };
        test.TestState.AdditionalReferences.Add(library);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    private static DiagnosticResult Diagnostic(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, int location) =>
        new DiagnosticResult(descriptor).WithLocation(location);

    private static async Task Verify(string receivers, params DiagnosticResult[] expected)
    {
        var test = new SignalGenAnalyzerTest<ReceiverAnalyzer>
        {
            TestState =
            {
                Sources = { Usings + receivers, TestCompilation.AppTypes },
                AdditionalFiles = { (TestCompilation.SchemaPath, TestCompilation.Schema) },
            },
        };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }
}
