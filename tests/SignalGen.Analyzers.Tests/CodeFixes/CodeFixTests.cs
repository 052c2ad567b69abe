using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using SignalGen.Analyzers.Receivers;
using SignalGen.Analyzers.Tests.Infrastructure;
using SignalGen.CodeFixes;
using SignalGen.Diagnostics;
using Xunit;

namespace SignalGen.Analyzers.Tests.CodeFixes;

/// <summary>
/// Every code fix, before and after. The sources carry comments and odd spacing next to the edited
/// code: a fix must leave them exactly where they were.
/// </summary>
public sealed class CodeFixTests
{
    private const string Usings = """
        using System.Threading;
        using System.Threading.Tasks;
        using Contoso.Auth;
        using Contoso.Data;
        using SignalGen;

        """;

    [Fact]
    public Task UnknownSignal_IsRenamedToTheSuggestion() => Verify<RenameSignalCodeFixProvider>(
        """
        public static class R
        {
            [Receiver(Signal./* typo */ {|#0:UserSignedUpp|} /* kept */, Order = 2)]
            public static void M(AppUser user) { }
        }
        """,
        """
        public static class R
        {
            [Receiver(Signal./* typo */ UserSignedUp /* kept */, Order = 2)]
            public static void M(AppUser user) { }
        }
        """,
        new DiagnosticResult(SignalGenDiagnostics.UnknownSignal).WithLocation(0).WithArguments("UserSignedUpp", "Contoso.Auth", "; did you mean 'UserSignedUp'?"),
        DiagnosticResult.CompilerError("CS0117").WithLocation(0).WithArguments("Contoso.Auth.Signal", "UserSignedUpp"));

    [Fact]
    public Task AsyncVoid_BecomesAsyncTask() => Verify<AsyncVoidCodeFixProvider>(
        """
        public static class R
        {
            /// <summary>Kept.</summary>
            [Receiver(Signal.UserLoggedIn)]
            public static async /* why */ {|#0:void|}   OnLogin(AppUser user)
            {
                await Task.Yield();
            }
        }
        """,
        """
        public static class R
        {
            /// <summary>Kept.</summary>
            [Receiver(Signal.UserLoggedIn)]
            public static async /* why */ Task   OnLogin(AppUser user)
            {
                await Task.Yield();
            }
        }
        """,
        new DiagnosticResult(SignalGenDiagnostics.AsyncVoidReceiver).WithLocation(0).WithArguments("OnLogin"));

    [Fact]
    public Task AsyncVoid_WithoutTheTasksImport_IsQualified()
    {
        const string before = """
            using Contoso.Auth;
            using Contoso.Data;
            using SignalGen;

            public static class R
            {
                [Receiver(Signal.UserLoggedIn)]
                public static async {|#0:void|} OnLogin(AppUser user) => await System.Threading.Tasks.Task.Yield();
            }
            """;
        const string after = """
            using Contoso.Auth;
            using Contoso.Data;
            using SignalGen;

            public static class R
            {
                [Receiver(Signal.UserLoggedIn)]
                public static async System.Threading.Tasks.Task OnLogin(AppUser user) => await System.Threading.Tasks.Task.Yield();
            }
            """;
        return VerifyWhole<AsyncVoidCodeFixProvider>(before, after, new DiagnosticResult(SignalGenDiagnostics.AsyncVoidReceiver).WithLocation(0).WithArguments("OnLogin"));
    }

    [Fact]
    public Task UnmatchedParameter_TakesTheSignalsArguments_KeepingTheToken() => Verify<ReceiverParametersCodeFixProvider>(
        """
        public sealed class R
        {
            [Receiver(Signal.UserSignedUp)]
            public Task M(   AppUser user, int {|#0:attempt|}, CancellationToken ct   ) // trailing
                => Task.CompletedTask;
        }
        """,
        """
        public sealed class R
        {
            [Receiver(Signal.UserSignedUp)]
            public Task M(string request, AppUser user, CancellationToken ct) // trailing
                => Task.CompletedTask;
        }
        """,
        new DiagnosticResult(SignalGenDiagnostics.UnmatchedParameter).WithLocation(0).WithArguments("attempt", "UserSignedUp", "request, user"));

    [Fact]
    public Task MismatchedType_TakesTheArgumentsType() => Verify<ReceiverParametersCodeFixProvider>(
        """
        public static class R
        {
            [Receiver(Signal.UserLoggedIn)]
            public static void M(/* who */ {|#0:Admin|} user, bool remember) { }
        }
        """,
        """
        public static class R
        {
            [Receiver(Signal.UserLoggedIn)]
            public static void M(/* who */ AppUser user, bool remember) { }
        }
        """,
        new DiagnosticResult(SignalGenDiagnostics.ParameterTypeMismatch).WithLocation(0).WithArguments("user", "Admin", "UserLoggedIn", "AppUser", ", which does not convert to it"));

    [Fact]
    public Task NullableArgument_MakesTheParameterNullable() => Verify<ReceiverParametersCodeFixProvider>(
        """
        public static class R
        {
            [Receiver(Signal.PasswordChanged)]
            public static void M({|#0:AppUser|} user) { }
        }
        """,
        """
        public static class R
        {
            [Receiver(Signal.PasswordChanged)]
            public static void M(AppUser? user) { }
        }
        """,
        new DiagnosticResult(SignalGenDiagnostics.ParameterTypeMismatch).WithLocation(0).WithArguments("user", "AppUser", "PasswordChanged", "AppUser?", ", which may be null"));

    private static Task Verify<TCodeFix>(string before, string after, params DiagnosticResult[] expected)
        where TCodeFix : CodeFixProvider, new() =>
        VerifyWhole<TCodeFix>(Usings + before, Usings + after, expected);

    private static async Task VerifyWhole<TCodeFix>(string before, string after, params DiagnosticResult[] expected)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new SignalGenCodeFixTest<ReceiverAnalyzer, TCodeFix>
        {
            TestState =
            {
                Sources = { before, TestCompilation.AppTypes },
                AdditionalFiles = { (TestCompilation.SchemaPath, TestCompilation.Schema) },
            },
            FixedState =
            {
                Sources = { after, TestCompilation.AppTypes },
                AdditionalFiles = { (TestCompilation.SchemaPath, TestCompilation.Schema) },
            },
        };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }
}
