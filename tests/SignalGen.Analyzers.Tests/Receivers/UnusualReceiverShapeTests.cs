using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SignalGen.Analyzers.Receivers;
using SignalGen.Analyzers.Tests.Infrastructure;
using SignalGen.Diagnostics;
using Xunit;

namespace SignalGen.Analyzers.Tests.Receivers;

/// <summary>
/// The analyzers' side of receivers in unusual but legal C# (the generator's side is in
/// SignalGen.Generator.Tests/Resilience/UnusualReceiverShapesTests.cs): a shape the generator calls
/// gets no diagnostic, and a shape it leaves out is reported at the method, parameter or attribute at
/// fault, so no receiver is dropped in silence. The generator runs in each test, so an error in the
/// code it writes would show here too.
/// </summary>
public sealed class UnusualReceiverShapeTests
{
    private const string Usings = """
        using Contoso.Auth;
        using Contoso.Data;
        using SignalGen;

        """;

    // ---------------------------------------------------------------- shapes that work stay silent

    [Fact]
    public Task ShapesTheGeneratorCalls_AreSilent() => Verify("""
        public static class Outer
        {
            internal static class Middle
            {
                public sealed class Inner
                {
                    [Receiver(Signal.UserSignedUp)]
                    public void Nested(AppUser user) { }
                }
            }
        }

        public class Host
        {
            protected internal static class ProtectedInternal
            {
                [Receiver(Signal.UserSignedUp)]
                public static void InProtectedInternalType(string request) { }
            }
        }

        public interface IStatics
        {
            [Receiver(Signal.UserSignedUp)]
            static void StaticInInterface(string request) { }
        }

        public record class RecordClass
        {
            [Receiver(Signal.UserSignedUp)]
            public void InstanceInRecordClass(AppUser user) { }
        }

        public readonly record struct RecordStruct(int Id)
        {
            [Receiver(Signal.UserSignedUp)]
            public static void StaticInRecordStruct(AppUser user) { }
        }

        public ref struct Stackonly
        {
            [Receiver(Signal.UserSignedUp)]
            public static void StaticInRefStruct(AppUser user) { }
        }

        public static class Modifiers
        {
            [Receiver(Signal.UserSignedUp)]
            public static void Extension(this AppUser user) { }

            [Receiver(Signal.UserSignedUp)]
            public static void ByIn(in string request, in UserSignedUp signal) { }

            [Receiver(Signal.UserSignedUp)]
            public static void DefaultOnABoundParameter(string request = "") { }
        }

        public class Base
        {
            [Receiver(Signal.UserSignedUp)]
            public static void Hidden(string request) { }
        }

        public sealed class Derived : Base
        {
            [Receiver(Signal.UserLoggedIn)]
            public static new void Hidden(AppUser user) { }
        }

        public static class Overloads
        {
            [Receiver(Signal.UserSignedUp)]
            public static void Handle(string request, AppUser user) { }

            [Receiver(Signal.UserLoggedIn)]
            public static void Handle(AppUser user) { }
        }

        public static class Spellings
        {
            [global::SignalGen.ReceiverAttribute(global::Contoso.Auth.Signal.UserSignedUp, Order = 3)]
            public static void FullyQualified() { }

            [method: Receiver(signal: Signal.UserSignedUp, Order = -(1 + 1))]
            public static void NamedAndTargeted() { }
        }
        """);

    [Fact]
    public Task PartialTypeAcrossFiles_AndPartialMethods_AreSilent()
    {
        var test = CreateTest(
            Usings + """
            public static partial class Split
            {
                [Receiver(Signal.UserSignedUp)]
                public static partial void Declared(string request);

                public static partial void Implemented(string request);
            }
            """,
            """
            using SignalGen;
            using static Contoso.Auth.Signal;

            public static partial class Split
            {
                public static partial void Declared(string request) { }

                [Receiver(UserSignedUp)]
                public static partial void Implemented(string request) { }
            }
            """);
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task TopLevelProgram_ClassReceiverInTheSameFile_IsSilent()
    {
        var test = CreateTest(Usings + """
            System.Console.WriteLine();

            public static class TopLevelReceivers
            {
                [Receiver(Signal.UserSignedUp)]
                public static void OnSignUp(AppUser user) { }
            }
            """);
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    // ---------------------------------------------------------------- shapes the generator leaves out are reported

    [Fact]
    public Task GenericAndFileLocalContainers_AreReported() => Verify(
        """
        public static class Box<T>
        {
            [Receiver(Signal.UserSignedUp)]
            public static void {|#0:InGenericType|}(string request) { }
        }

        public class GenericOuter<T>
        {
            public static class StaticInner
            {
                [Receiver(Signal.UserSignedUp)]
                public static void {|#1:InStaticClassOfGeneric|}(string request) { }
            }
        }

        public static class Plain
        {
            [Receiver(Signal.UserSignedUp)]
            public static void {|#2:GenericMethod|}<T>(string request) { }
        }

        file static class FileLocal
        {
            [Receiver(Signal.UserSignedUp)]
            public static void {|#3:InFileLocalType|}(string request) { }
        }
        """,
        Uncallable(0, "InGenericType", "its containing type Box is generic, and generated code cannot choose its type arguments"),
        Uncallable(1, "InStaticClassOfGeneric", "its containing type GenericOuter is generic, and generated code cannot choose its type arguments"),
        Uncallable(2, "GenericMethod", "it is generic, and generated code cannot choose its type arguments"),
        Uncallable(3, "InFileLocalType", "its containing type FileLocal is file-local"));

    [Fact]
    public Task NonPublicContainers_SeveralLevelsDeep_AreReported() => Verify(
        """
        public class Containers
        {
            private static class PrivateContainer
            {
                public static class Public
                {
                    [Receiver(Signal.UserSignedUp)]
                    public static void {|#0:UnderAPrivateType|}(string request) { }
                }
            }

            protected static class ProtectedContainer
            {
                [Receiver(Signal.UserSignedUp)]
                public static void {|#1:InProtectedType|}(string request) { }
            }

            private protected static class PrivateProtectedContainer
            {
                [Receiver(Signal.UserSignedUp)]
                public static void {|#2:InPrivateProtectedType|}(string request) { }
            }
        }
        """,
        Uncallable(0, "UnderAPrivateType", "its containing type PrivateContainer is private"),
        Uncallable(1, "InProtectedType", "its containing type ProtectedContainer is protected"),
        Uncallable(2, "InPrivateProtectedType", "its containing type PrivateProtectedContainer is private protected"));

    [Fact]
    public Task InstanceMethodsOfStructsRecordStructsAndRefStructs_AreReported() => Verify(
        """
        public record struct RecordStruct
        {
            [Receiver(Signal.UserSignedUp)]
            public void {|#0:InRecordStruct|}(string request) { }
        }

        public ref struct Stackonly
        {
            [Receiver(Signal.UserSignedUp)]
            public void {|#1:InRefStruct|}(string request) { }
        }
        """,
        Uncallable(0, "InRecordStruct", "it is an instance method of a struct, which dependency injection cannot create; make it static"),
        Uncallable(1, "InRefStruct", "it is an instance method of a ref struct, which dependency injection cannot create; make it static"));

    [Fact]
    public Task InterfaceMembersGeneratedCodeCannotCall_AreReported() => Verify(
        """
        public interface IHandlers
        {
            [Receiver(Signal.UserSignedUp)]
            static abstract void {|#0:StaticAbstract|}(string request);

            [Receiver(Signal.UserSignedUp)]
            void {|#1:DefaultImplementation|}(string request) { }

            [Receiver(Signal.UserSignedUp)]
            static virtual void {|#3:StaticVirtual|}(string request) { }
        }

        public interface IExplicit
        {
            void Explicit(string request);
        }

        public sealed class ExplicitImplementation : IExplicit
        {
            [Receiver(Signal.UserSignedUp)]
            void IExplicit.{|#2:Explicit|}(string request) { }
        }
        """,
        Uncallable(0, "StaticAbstract", "it is abstract"),
        Uncallable(1, "DefaultImplementation", "it is an instance method of an interface, which dependency injection cannot create; make it static"),
        Uncallable(2, "IExplicit.Explicit", "it is not an ordinary method"),
        Uncallable(3, "StaticVirtual", "it is a static virtual interface member, which C# calls only through a type parameter"));

    [Fact]
    public Task ReceiverOnWhatIsNotAMethodDeclaration_IsReported() => Verify(
        """
        public sealed class Shapes
        {
            public static void Host()
            {
                [Receiver(Signal.UserSignedUp)]
                static void {|#0:Local|}(string request) { }

                Local("direct");
            }

            public static readonly System.Action<string> Handler = [Receiver(Signal.UserSignedUp)] {|#1:(string request)|} => { };

            [Receiver(Signal.UserSignedUp)]
            public static Shapes operator {|#2:+|}(Shapes left, Shapes right) => left;

            [Receiver(Signal.UserSignedUp)]
            public static implicit operator {|#3:int|}(Shapes shapes) => 0;

            public int Count
            {
                [Receiver(Signal.UserSignedUp)]
                {|#4:get|} => 0;
            }

            [Receiver(Signal.UserSignedUp)]
            ~{|#5:Shapes|}() { }
        }
        """,
        Uncallable(0, "Local", "it is not an ordinary method"),
        Uncallable(1, "lambda", "it is not an ordinary method"),
        Uncallable(2, "operator +", "it is not an ordinary method"),
        Uncallable(3, "operator int", "it is not an ordinary method"),
        Uncallable(4, "get", "it is not an ordinary method"),
        Uncallable(5, "~Shapes", "it is not an ordinary method"));

    [Fact]
    public Task LocalFunctionInTopLevelStatements_IsReported()
    {
        var test = CreateTest(Usings + """
            [Receiver(Signal.UserSignedUp)]
            static void {|#0:LocalReceiver|}(string request) { }

            LocalReceiver("direct");
            """);
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Uncallable(0, "LocalReceiver", "it is not an ordinary method"));
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    // Extension blocks are C# 14; the analyzer tests run on Roslyn 5.9, whose latest language is 14.
    [Fact]
    public Task ExtensionBlockMembers_StaticOnesAreSilent_InstanceAndGenericOnesReported() => Verify(
        """
        public static class Extensions
        {
            extension(AppUser account)
            {
                [Receiver(Signal.UserSignedUp)]
                public static void StaticMember(AppUser user) { }

                [Receiver(Signal.UserSignedUp)]
                public void {|#0:InstanceMember|}() { }
            }

            extension<T>(System.Collections.Generic.List<T> items)
            {
                [Receiver(Signal.UserSignedUp)]
                public static void {|#1:InGenericBlock|}(string request) { }
            }
        }
        """,
        Uncallable(0, "InstanceMember", "it is an instance extension member, which needs a value to be called on that no signal gives; make it static"),
        Uncallable(1, "InGenericBlock", "its extension block is generic, and generated code cannot choose its type arguments"));

    [Fact]
    public Task ParameterShapes_TheGeneratorCannotBind_AreReported() => Verify(
        """
        public static class Parameters
        {
            [Receiver(Signal.UserSignedUp)]
            public static void {|#0:ByRefReadonly|}(ref readonly string request) { }

            // A default value does not make a parameter optional for binding.
            [Receiver(Signal.UserSignedUp)]
            public static void UnboundDefault(string request, int {|#1:attempts|} = 3) { }

            // The generated call would compile through params expansion, but string is not string[]:
            // the analyzer holds to the rule that the argument converts to the parameter type.
            [Receiver(Signal.UserSignedUp)]
            public static void Params(params {|#2:string[]|} request) { }
        }
        """,
        Uncallable(0, "ByRefReadonly", "its parameter request is ref readonly, and signal arguments are passed by value"),
        new DiagnosticResult(SignalGenDiagnostics.UnmatchedParameter).WithLocation(1).WithArguments("attempts", "UserSignedUp", "request, user"),
        new DiagnosticResult(SignalGenDiagnostics.ParameterTypeMismatch).WithLocation(2).WithArguments("request", "string[]", "UserSignedUp", "string", ", which does not convert to it"));

    // ---------------------------------------------------------------- how the signal is written

    private const string ByName = "; name the member, as in Signal.UserSignedUp (the generator reads this project's signals by name)";

    [Fact]
    public Task SignalComputedFromThisProjectsEnum_IsReported_ParenthesesAreNot() => Verify(
        """
        public static class Computed
        {
            private const Signal SignUp = Signal.UserSignedUp;

            [Receiver((Signal.UserSignedUp))]
            public static void Parenthesized(string request) { }

            // Parentheses do not hide the signal from the parameter checks either.
            [Receiver((Signal.UserSignedUp))]
            public static void ParenthesizedWithABadParameter(int {|#0:attempts|}) { }

            [Receiver({|#1:(Signal)1|})]
            public static void Cast() { }

            [Receiver({|#2:SignUp|})]
            public static void Constant() { }

            [Receiver({|#3:Signal.UserSignedUp | Signal.UserLoggedIn|})]
            public static void Combined() { }
        }
        """,
        new DiagnosticResult(SignalGenDiagnostics.UnmatchedParameter).WithLocation(0).WithArguments("attempts", "UserSignedUp", "request, user"),
        new DiagnosticResult(SignalGenDiagnostics.UnknownSignal).WithLocation(1).WithArguments("(Signal)1", "Contoso.Auth", ByName),
        new DiagnosticResult(SignalGenDiagnostics.UnknownSignal).WithLocation(2).WithArguments("SignUp", "Contoso.Auth", ByName),
        new DiagnosticResult(SignalGenDiagnostics.UnknownSignal).WithLocation(3).WithArguments("Signal.UserSignedUp | Signal.UserLoggedIn", "Contoso.Auth", ByName));

    [Fact]
    public async Task SignalComputedFromAReferencedSchemasEnum_IsCheckedLikeAName()
    {
        // The generator reads the constant here, so the analyzer resolves it too and checks the parameters.
        var library = TestCompilation.BuildLibrary("Contoso.Auth.Library", TestCompilation.Schema, TestCompilation.AppTypes);
        var test = new SignalGenAnalyzerTest<ReceiverAnalyzer>
        {
            TestCode = Usings + """
                internal static class Names
                {
                    public const Signal LogIn = Signal.UserLoggedIn;
                }

                public static class Computed
                {
                    [Receiver((Signal)1)]
                    public static void Cast(AppUser user, bool remember) { }

                    [Receiver(Names.LogIn)]
                    public static void Constant(AppUser user, int {|#0:count|}) { }
                }
                """,
            ExpectedDiagnostics =
            {
                new DiagnosticResult(SignalGenDiagnostics.UnmatchedParameter).WithLocation(0).WithArguments("count", "UserLoggedIn", "user, remember"),
            },
        };
        test.TestState.AdditionalReferences.Add(library);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    // ---------------------------------------------------------------- helpers

    private static DiagnosticResult Uncallable(int location, string method, string reason) =>
        new DiagnosticResult(SignalGenDiagnostics.UncallableReceiver).WithLocation(location).WithArguments(method, reason);

    private static SignalGenAnalyzerTest<ReceiverAnalyzer> CreateTest(params string[] sources)
    {
        var test = new SignalGenAnalyzerTest<ReceiverAnalyzer>();
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        test.TestState.Sources.Add(TestCompilation.AppTypes);
        test.TestState.AdditionalFiles.Add((TestCompilation.SchemaPath, TestCompilation.Schema));
        return test;
    }

    private static async Task Verify(string receivers, params DiagnosticResult[] expected)
    {
        var test = CreateTest(Usings + receivers);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }
}
