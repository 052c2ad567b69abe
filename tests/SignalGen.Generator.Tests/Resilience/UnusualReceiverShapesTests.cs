using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SignalGen.Generator.Tests.Infrastructure;
using Xunit;

namespace SignalGen.Generator.Tests.Resilience;

/// <summary>
/// Receivers written in unusual but legal C#. Each shape has one of two outcomes, never a generator
/// exception: either it works (the generator runs clean, its output compiles with no error or warning,
/// the thunk names the receiver, and sending the signal from the emitted assembly really calls it), or
/// the generator leaves it out and the analyzers report it (their side is in
/// SignalGen.Analyzers.Tests/Receivers/UnusualReceiverShapeTests.cs).
/// </summary>
/// <remarks>
/// Every test compiles <see cref="Probe"/> with its sources: receivers append to <c>Probe.Calls</c>, and
/// <c>Probe.Calls.SendAll()</c>, run from a collectible load context, sends UserLoggedIn("ann", "10.0.0.1")
/// then UserLoggedOut("ann") and returns what ran, in order. The exact list is asserted, so a receiver
/// dropped, called twice or called in another's place fails the test. The sources parse as C# 12, the
/// language the Roslyn 4.8 run of these tests has; a case needing a newer language says so.
/// </remarks>
public sealed class UnusualReceiverShapesTests
{
    private const string Schema = """
        {
          "namespace": "Good.Auth",
          "signals": {
            "UserLoggedIn": { "args": { "user": "string", "ip": "string" } },
            "UserLoggedOut": { "args": { "user": "string" } }
          }
        }
        """;

    private const string Probe = """
        using System;
        using System.Collections.Generic;
        using Good.Auth;

        namespace Probe;

        public static class Calls
        {
            private static readonly List<string> s_calls = new();

            public static void Add(string call) => s_calls.Add(call);

            public static string[] SendAll()
            {
                var signals = new Signals(new CreatingServices());
                signals.Send(new UserLoggedIn("ann", "10.0.0.1"));
                signals.Send(new UserLoggedOut("ann"));
                return s_calls.ToArray();
            }
        }

        // Instance receivers are resolved from the sender's provider; this one just creates them.
        internal sealed class CreatingServices : IServiceProvider
        {
            public object? GetService(Type serviceType) => Activator.CreateInstance(serviceType);
        }
        """;

    // ---------------------------------------------------------------- nested types

    [Fact]
    public void NestedTypes_SeveralLevels_InPublicAndInternalContainers_AreCalled()
    {
        const string receivers = """
            using Good.Auth;
            using SignalGen;

            namespace Good;

            public static class Outer
            {
                internal static class Middle
                {
                    public sealed class Inner
                    {
                        public static class Deepest
                        {
                            [Receiver(Signal.UserLoggedIn)]
                            public static void OnDeep(string user) => Probe.Calls.Add("Deepest " + user);
                        }
                    }

                    // An instance receiver three types down: the provider creates Outer.Middle.Instance.
                    internal sealed class Instance
                    {
                        [Receiver(Signal.UserLoggedIn)]
                        public void OnInstance(string ip) => Probe.Calls.Add("Instance " + ip);
                    }
                }
            }

            public class Host
            {
                protected internal static class ProtectedInternal
                {
                    [Receiver(Signal.UserLoggedOut)]
                    public static void OnLogout(string user) => Probe.Calls.Add("ProtectedInternal " + user);
                }
            }

            public struct ValueHost
            {
                public static class InStruct
                {
                    [Receiver(Signal.UserLoggedOut)]
                    internal static void OnStruct() => Probe.Calls.Add("InStruct");
                }
            }

            public interface IHost
            {
                public static class InInterface
                {
                    [Receiver(Signal.UserLoggedOut)]
                    public static void OnInterface() => Probe.Calls.Add("InInterface");
                }
            }
            """;
        var run = Generate(receivers);

        AssertThunksCall(
            run,
            "global::Good.Outer.Middle.Inner.Deepest.OnDeep(signal.User)",
            "global::SignalGen.Dispatch.SignalDispatch.Resolve<global::Good.Outer.Middle.Instance>(services, \"Good.Outer.Middle.Instance.OnInstance(string)\").OnInstance(signal.Ip)",
            "global::Good.Host.ProtectedInternal.OnLogout(signal.User)",
            "global::Good.ValueHost.InStruct.OnStruct()",
            "global::Good.IHost.InInterface.OnInterface()");
        Assert.Equal(["Deepest ann", "Instance 10.0.0.1", "ProtectedInternal ann", "InInterface", "InStruct"], SendAll(run));
    }

    // ---------------------------------------------------------------- partial types and methods

    [Fact]
    public void PartialType_ReceiversInEachPartAndFile_AndPartialMethods_AreEachCalledOnce()
    {
        // The parts import the schema differently: C# lookup is per file, and so must the generator's be.
        const string firstPart = """
            using Good.Auth;
            using SignalGen;

            namespace Good;

            public static partial class Split
            {
                [Receiver(Signal.UserLoggedIn)]
                public static void InFirstPart(string user) => Probe.Calls.Add("first " + user);

                // The attribute on the declaration, the body in the other file.
                [Receiver(Signal.UserLoggedOut)]
                public static partial void Declared(string user);

                // The attribute on the implementation in the other file.
                public static partial void Implemented(string user);

                // An attribute on each part, each naming another signal.
                [Receiver(Signal.UserLoggedIn)]
                public static partial void OnBothParts(string user);
            }
            """;
        const string secondPart = """
            using SignalGen;
            using static Good.Auth.Signal;

            namespace Good
            {
                public static partial class Split
                {
                    [Receiver(UserLoggedIn, Order = 1)]
                    public static void InSecondPart(string ip) => Probe.Calls.Add("second " + ip);

                    public static partial void Declared(string user) => Probe.Calls.Add("declared " + user);

                    [Receiver(UserLoggedOut)]
                    public static partial void Implemented(string user) => Probe.Calls.Add("implemented " + user);

                    [Receiver(UserLoggedOut)]
                    public static partial void OnBothParts(string user) => Probe.Calls.Add("both parts " + user);
                }
            }
            """;
        var run = Generate(firstPart, secondPart);

        AssertThunksCall(
            run,
            "global::Good.Split.InFirstPart(signal.User)",
            "global::Good.Split.InSecondPart(signal.Ip)",
            "global::Good.Split.Declared(signal.User)",
            "global::Good.Split.Implemented(signal.User)",
            "global::Good.Split.OnBothParts(signal.User)");
        Assert.Equal(
            ["first ann", "both parts ann", "second 10.0.0.1", "declared ann", "implemented ann", "both parts ann"],
            SendAll(run));
    }

    // ---------------------------------------------------------------- records

    [Fact]
    public void RecordClassAndRecordStruct_StaticReceivers_AndARecordClassInstanceReceiver_AreCalled()
    {
        const string receivers = """
            using Good.Auth;
            using SignalGen;

            namespace Good;

            // A record class is a class: its instance receivers come from the provider like any other.
            public record class AuditRecord
            {
                [Receiver(Signal.UserLoggedIn)]
                public void OnLogin(string user) => Probe.Calls.Add("record class instance " + user);
            }

            public sealed record StaticRecord(int Id)
            {
                [Receiver(Signal.UserLoggedOut)]
                public static void OnLogout(string user) => Probe.Calls.Add("record static " + user);
            }

            public readonly record struct ValueRecord(int Id)
            {
                [Receiver(Signal.UserLoggedIn)]
                public static void OnValue(string ip) => Probe.Calls.Add("record struct static " + ip);
            }
            """;
        var run = Generate(receivers);

        AssertThunksCall(
            run,
            "global::SignalGen.Dispatch.SignalDispatch.Resolve<global::Good.AuditRecord>(services, \"Good.AuditRecord.OnLogin(string)\").OnLogin(signal.User)",
            "global::Good.StaticRecord.OnLogout(signal.User)",
            "global::Good.ValueRecord.OnValue(signal.Ip)");
        Assert.Equal(["record class instance ann", "record struct static 10.0.0.1", "record static ann"], SendAll(run));
    }

    // ---------------------------------------------------------------- interfaces

    [Fact]
    public void StaticNonVirtualInterfaceMethods_AreCalledThroughTheInterface()
    {
        const string receivers = """
            using Good.Auth;
            using SignalGen;

            namespace Good;

            public interface IAuditing
            {
                // Interface members are public unless they say otherwise.
                [Receiver(Signal.UserLoggedIn)]
                static void OnLogin(string user) => Probe.Calls.Add("interface public " + user);

                [Receiver(Signal.UserLoggedOut)]
                internal static void OnLogout() => Probe.Calls.Add("interface internal");
            }
            """;
        var run = Generate(receivers);

        AssertThunksCall(run, "global::Good.IAuditing.OnLogin(signal.User)", "global::Good.IAuditing.OnLogout()");
        Assert.Equal(["interface public ann", "interface internal"], SendAll(run));
    }

    [Fact]
    public void StaticVirtualInterfaceMember_IsSkipped_NotCalledThroughTheInterface()
    {
        // It has a body and is public, but C# reaches it only through a type parameter: a generated
        // IDefaults.OnLogin(...) call was error CS8926. The generator now skips it; SGEN0106 reports it.
        const string receivers = """
            using Good.Auth;
            using SignalGen;

            namespace Good;

            public interface IDefaults
            {
                [Receiver(Signal.UserLoggedIn)]
                static virtual void OnLogin(string user) => Probe.Calls.Add("static virtual " + user);

                [Receiver(Signal.UserLoggedIn)]
                static void Plain(string user) => Probe.Calls.Add("static " + user);
            }
            """;
        var run = Generate(receivers);

        Assert.DoesNotContain("OnLogin", Thunks(run), StringComparison.Ordinal);
        AssertThunksCall(run, "global::Good.IDefaults.Plain(signal.User)");
        Assert.Equal(["static ann"], SendAll(run));
    }

    // ---------------------------------------------------------------- top-level programs

    [Fact]
    public void TopLevelProgram_ClassesInTheSameFile_AreCalled_TheLocalFunctionIsSkipped()
    {
        const string program = """
            using Good.Auth;
            using SignalGen;

            // A local function cannot be called from outside its method: skipped here, SGEN0106 in the analyzers.
            [Receiver(Signal.UserLoggedIn)]
            static void LocalReceiver(string user) => Probe.Calls.Add("local " + user);

            LocalReceiver("direct");

            public static class TopLevelReceivers
            {
                [Receiver(Signal.UserLoggedIn)]
                public static void OnLogin(string user) => Probe.Calls.Add("top-level class " + user);
            }

            // The class the top-level statements compile into can hold receivers too.
            internal partial class Program
            {
                [Receiver(Signal.UserLoggedOut)]
                internal static void OnLogout(string user) => Probe.Calls.Add("Program " + user);
            }
            """;
        var run = Generate(OutputKind.ConsoleApplication, parseOptions: null, program);

        AssertThunksCall(run, "global::TopLevelReceivers.OnLogin(signal.User)", "global::Program.OnLogout(signal.User)");
        Assert.DoesNotContain("LocalReceiver", Thunks(run), StringComparison.Ordinal);
        Assert.Equal(["top-level class ann", "Program ann"], SendAll(run));
    }

    // ---------------------------------------------------------------- #if regions

    private const string ConditionalReceivers = """
        using Good.Auth;
        using SignalGen;

        namespace Good;

        public static class Conditional
        {
        #if FEATURE
            [Receiver(Signal.UserLoggedIn)]
            public static void MethodOnlyWithFeature(string user) => Probe.Calls.Add("method with feature " + user);
        #endif

        #if FEATURE
            [Receiver(Signal.UserLoggedOut)]
        #endif
            public static void AttributeOnlyWithFeature(string user) => Probe.Calls.Add("attribute with feature " + user);

        #if FEATURE
            [Receiver(Signal.UserLoggedIn)]
        #else
            [Receiver(Signal.UserLoggedOut)]
        #endif
            public static void EitherSignal() => Probe.Calls.Add("either");

            [Receiver(Signal.UserLoggedIn)
        #if FEATURE
            , Receiver(Signal.UserLoggedOut)
        #endif
            ]
            public static void SecondAttributeWithFeature() => Probe.Calls.Add("second attribute");
        }
        """;

    [Fact]
    public void IfRegions_SymbolDefinedInParseOptions_EveryConditionalReceiverIsCalled()
    {
        var run = Generate(OutputKind.DynamicallyLinkedLibrary, GeneratorHarness.ParseOptions.WithPreprocessorSymbols("FEATURE"), ConditionalReceivers);

        Assert.Equal(
            ["either", "method with feature ann", "second attribute", "attribute with feature ann", "second attribute"],
            SendAll(run));
    }

    [Fact]
    public void IfRegions_SymbolUndefined_OnlyTheActiveAttributesCount()
    {
        var run = Generate(OutputKind.DynamicallyLinkedLibrary, GeneratorHarness.ParseOptions, ConditionalReceivers);

        var thunks = Thunks(run);
        Assert.DoesNotContain("MethodOnlyWithFeature", thunks, StringComparison.Ordinal);
        Assert.DoesNotContain("AttributeOnlyWithFeature", thunks, StringComparison.Ordinal);
        Assert.Equal(["second attribute", "either"], SendAll(run));
    }

    // ---------------------------------------------------------------- very long files

    [Fact]
    public void VeryLongFile_ThousandsOfMembers_TheReceiverAtTheEndIsCalled()
    {
        const int members = 5000;
        var source = new StringBuilder("""
            using Good.Auth;
            using SignalGen;

            namespace Good;

            public static class Huge
            {

            """);
        for (var i = 0; i < members; i++)
        {
            source.Append("    public static int Member").Append(i).Append("(int value) => value + ").Append(i).AppendLine(";");
        }

        source.AppendLine("""
                [Receiver(Signal.UserLoggedIn)]
                public static void AtTheEnd(string user) => Probe.Calls.Add("at the end " + user);
            }
            """);
        var run = Generate(source.ToString());

        AssertThunksCall(run, "global::Good.Huge.AtTheEnd(signal.User)");
        Assert.Equal(["at the end ann"], SendAll(run));
    }

    [Fact]
    public void VeryLongReceiverNames_WithinTheMetadataLimit_AreCalled()
    {
        // A method name may use nearly all of the 1023 UTF-8 bytes metadata allows. The thunk's name was the
        // method's plus "_UserLoggedIn", past the limit: error CS7013 when emitting, so the project did not build.
        var ascii = "On" + new string('x', 1013);
        var accented = "On" + new string('é', 509);
        var receivers = """
            using Good.Auth;
            using SignalGen;

            namespace Good;

            public static class Long
            {
                [Receiver(Signal.UserLoggedIn)]
                public static void ASCII(string user) => Probe.Calls.Add("ascii " + user);

                [Receiver(Signal.UserLoggedIn), Receiver(Signal.UserLoggedOut)]
                public static void ACCENTED(string user) => Probe.Calls.Add("accented " + user);
            }
            """.Replace("ASCII", ascii, StringComparison.Ordinal).Replace("ACCENTED", accented, StringComparison.Ordinal);
        var run = Generate(receivers);

        AssertThunksCall(run, "global::Good.Long." + ascii + "(signal.User)", "global::Good.Long." + accented + "(signal.User)");
        Assert.Equal(["ascii ann", "accented ann", "accented ann"], SendAll(run));
    }

    [Fact]
    public void ManyReceiversOfOneSignal_AreAllCalled_InNameOrder()
    {
        // Hundreds of calls in one table method, its robust twin and its async continuation.
        const int receivers = 300;
        var source = new StringBuilder("""
            using Good.Auth;
            using SignalGen;

            namespace Good;

            public static class Crowd
            {

            """);
        for (var i = 0; i < receivers; i++)
        {
            source.Append("    [Receiver(Signal.UserLoggedOut)] public static void R").Append(i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture))
                .Append("() => Probe.Calls.Add(\"").Append(i).AppendLine("\");");
        }

        source.AppendLine("}");
        var run = Generate(source.ToString());

        Assert.Equal(Enumerable.Range(0, receivers).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), SendAll(run));
    }

    // ---------------------------------------------------------------- same names

    [Fact]
    public void SameMethodNameInDifferentTypes_AndOverloadsOfOneNameForDifferentSignals_AreEachCalled()
    {
        const string receivers = """
            using Good.Auth;
            using SignalGen;

            namespace Good
            {
                public static class First
                {
                    [Receiver(Signal.UserLoggedIn)]
                    public static void On(string user) => Probe.Calls.Add("Good.First.On " + user);
                }

                public static class Second
                {
                    public static class First
                    {
                        [Receiver(Signal.UserLoggedIn)]
                        public static void On(string ip) => Probe.Calls.Add("Good.Second.First.On " + ip);
                    }
                }

                public static class Overloads
                {
                    [Receiver(Signal.UserLoggedIn)]
                    public static void Handle(string user, string ip) => Probe.Calls.Add("Handle(user, ip)");

                    [Receiver(Signal.UserLoggedOut)]
                    public static void Handle(string user) => Probe.Calls.Add("Handle(user)");

                    [Receiver(Signal.UserLoggedOut)]
                    public static void Handle() => Probe.Calls.Add("Handle()");
                }
            }

            namespace Other
            {
                public static class First
                {
                    [Receiver(Signal.UserLoggedIn)]
                    public static void On() => Probe.Calls.Add("Other.First.On");
                }
            }
            """;
        var run = Generate(receivers);

        AssertThunksCall(
            run,
            "global::Good.First.On(signal.User)",
            "global::Good.Second.First.On(signal.Ip)",
            "global::Other.First.On()",
            "global::Good.Overloads.Handle((string)signal.User, (string)signal.Ip)",
            "global::Good.Overloads.Handle((string)signal.User)",
            "global::Good.Overloads.Handle()");
        Assert.Equal(
            ["Good.First.On ann", "Handle(user, ip)", "Good.Second.First.On 10.0.0.1", "Other.First.On", "Handle()", "Handle(user)"],
            SendAll(run));
    }

    [Fact]
    public void Overloads_WhereCSharpWouldPickAnother_StillCallTheReceiver()
    {
        // The thunk called Write(signal.User): for a string argument C# picks Write(string), so the UserLoggedOut
        // receiver Write(object) never ran and Write(string) ran in its place; OnLogin(object) likewise lost to
        // an overload that is no receiver at all. Each argument is now cast to the receiver's own parameter type.
        const string receivers = """
            using Good.Auth;
            using SignalGen;

            namespace Good;

            public static class Log
            {
                [Receiver(Signal.UserLoggedIn)]
                public static void Write(string user) => Probe.Calls.Add("Write(string) " + user);

                [Receiver(Signal.UserLoggedOut)]
                public static void Write(object user) => Probe.Calls.Add("Write(object) " + user);
            }

            public sealed class Sessions
            {
                [Receiver(Signal.UserLoggedIn)]
                public void OnLogin(object user, string? ip) => Probe.Calls.Add("OnLogin(object, string?) " + user + " " + ip);

                public void OnLogin(string user, string ip) => Probe.Calls.Add("not a receiver");
            }

            public class BaseHandlers
            {
                public static void Handle(string user) => Probe.Calls.Add("not a receiver either");
            }

            public sealed class DerivedHandlers : BaseHandlers
            {
                // C# prefers the derived method here anyway; the inherited overload still makes the call cast,
                // and for a nullable-oblivious parameter the cast must bring no nullable warning into generated code.
            #nullable disable
                [Receiver(Signal.UserLoggedOut)]
                public static void Handle(object user) => Probe.Calls.Add("Handle(object) " + user);
            #nullable restore
            }
            """;
        var run = Generate(receivers);

        AssertThunksCall(
            run,
            "global::Good.Log.Write((string)signal.User)",
            "global::Good.Log.Write((object)signal.User)",
            "global::SignalGen.Dispatch.SignalDispatch.Resolve<global::Good.Sessions>(services, \"Good.Sessions.OnLogin(object, string?)\").OnLogin((object)signal.User, (string?)signal.Ip)",
            "global::Good.DerivedHandlers.Handle((object?)signal.User)");
        Assert.Equal(
            ["Write(string) ann", "OnLogin(object, string?) ann 10.0.0.1", "Handle(object) ann", "Write(object) ann"],
            SendAll(run));
    }

    // ---------------------------------------------------------------- modifiers and parameters

    [Fact]
    public void ExtensionMethods_NewModifiers_RefStructContainers_AndUnsafe_AreCalled()
    {
        const string receivers = """
            using Good.Auth;
            using SignalGen;

            namespace Good;

            public static class UserExtensions
            {
                // An extension method is a static method: the table calls it as one.
                [Receiver(Signal.UserLoggedIn)]
                public static void Audit(this string user) => Probe.Calls.Add("extension " + user);
            }

            public class Base
            {
                [Receiver(Signal.UserLoggedIn)]
                public static void Hidden(string user) => Probe.Calls.Add("Base.Hidden " + user);
            }

            public sealed class Derived : Base
            {
                // Hides Base.Hidden; each is called for its own attribute.
                [Receiver(Signal.UserLoggedOut)]
                public static new void Hidden(string user) => Probe.Calls.Add("Derived.Hidden " + user);
            }

            public ref struct Stackonly
            {
                [Receiver(Signal.UserLoggedOut)]
                public static void OnStatic(string user) => Probe.Calls.Add("ref struct " + user);
            }

            public static unsafe class Pointers
            {
                [Receiver(Signal.UserLoggedOut)]
                public static void Measure(string user)
                {
                    fixed (char* first = user)
                    {
                        Probe.Calls.Add("unsafe " + *first);
                    }
                }
            }
            """;
        var run = Generate(OutputKind.DynamicallyLinkedLibrary, parseOptions: null, allowUnsafe: true, receivers);

        AssertThunksCall(
            run,
            "global::Good.UserExtensions.Audit(signal.User)",
            "global::Good.Base.Hidden(signal.User)",
            "global::Good.Derived.Hidden((string)signal.User)",
            "global::Good.Stackonly.OnStatic(signal.User)",
            "global::Good.Pointers.Measure(signal.User)");
        Assert.Equal(["Base.Hidden ann", "extension ann", "Derived.Hidden ann", "unsafe a", "ref struct ann"], SendAll(run));
    }

    [Fact]
    public void ExtensionBlockMembers_StaticOnesAreCalledThroughTheEnclosingClass_InstanceOnesSkipped()
    {
        // C# 14 (extension blocks): runs where the harness's latest language is 14 or newer, so not on Roslyn 4.8.
        Assert.SkipWhen(
            (int)GeneratorHarness.ParseOptions.LanguageVersion < 1400,
            "Extension blocks are C# 14; this Roslyn's latest is " + GeneratorHarness.ParseOptions.LanguageVersion + ".");

        // The generated call was global::Good.Texts.extension(string).Shout(...), which does not parse (CS1525).
        const string receivers = """
            using Good.Auth;
            using SignalGen;

            namespace Good;

            public static class Texts
            {
                extension(string text)
                {
                    [Receiver(Signal.UserLoggedIn)]
                    public static void Shout(string user) => Probe.Calls.Add("static extension member " + user);

                    // Needs a string to be called on, which no signal gives: SGEN0106.
                    [Receiver(Signal.UserLoggedOut)]
                    public void Whisper() => Probe.Calls.Add("instance extension member " + text);
                }
            }
            """;
        var run = Generate(receivers);

        AssertThunksCall(run, "global::Good.Texts.Shout(signal.User)");
        Assert.DoesNotContain("Whisper", Thunks(run), StringComparison.Ordinal);
        Assert.Contains("\"Good.Texts.Shout(string)\"", run.Source("Good.Auth.DispatchTable.g.cs"), StringComparison.Ordinal);
        Assert.Equal(["static extension member ann"], SendAll(run));
    }

    [Fact]
    public void InParameters_AndDefaultValuesOnBoundParameters_AreCalled_AnUnboundDefaultIsSkipped()
    {
        const string receivers = """
            using Good.Auth;
            using SignalGen;

            namespace Good;

            public static class Parameters
            {
                [Receiver(Signal.UserLoggedIn)]
                public static void ByIn(in string user, in UserLoggedIn signal) => Probe.Calls.Add("in " + user + " " + signal.Ip);

                // A default value does not make a parameter optional for binding: it still gets the argument.
                [Receiver(Signal.UserLoggedIn)]
                public static void WithDefault(string ip = "none") => Probe.Calls.Add("default " + ip);

                // attempts matches no argument; a default value does not change that (SGEN0102).
                [Receiver(Signal.UserLoggedOut)]
                public static void UnboundDefault(string user, int attempts = 3) => Probe.Calls.Add("unbound " + attempts);
            }
            """;
        var run = Generate(receivers);

        AssertThunksCall(run, "global::Good.Parameters.ByIn(signal.User, signal)", "global::Good.Parameters.WithDefault(signal.Ip)");
        Assert.DoesNotContain("UnboundDefault", Thunks(run), StringComparison.Ordinal);
        Assert.Equal(["in ann 10.0.0.1", "default 10.0.0.1"], SendAll(run));
    }

    // ---------------------------------------------------------------- attribute spellings

    [Fact]
    public void AttributeSpellings_QualifiedAliasedNamedAndTargeted_AreBound_WithTheirOrder()
    {
        const string receivers = """
            using Listen = SignalGen.ReceiverAttribute;
            using Auth = Good.Auth;
            using AuthSignal = Good.Auth.Signal;

            namespace Good;

            internal static class Priorities
            {
                public const int Early = -10;
            }

            public static class Spellings
            {
                [global::SignalGen.ReceiverAttribute(global::Good.Auth.Signal.UserLoggedIn, Order = 3)]
                public static void FullyQualified() => Probe.Calls.Add("fully qualified, 3");

                // Named constructor argument, and Order from a constant in another class.
                [SignalGen.Receiver(signal: Good.Auth.Signal.UserLoggedIn, Order = Priorities.Early)]
                public static void NamedArguments() => Probe.Calls.Add("named arguments, -10");

                // An alias for the attribute, an alias for the enum, an attribute target and a constant expression.
                [method: Listen(AuthSignal.UserLoggedIn, Order = -(1 + 1))]
                public static void Aliases() => Probe.Calls.Add("aliases, -2");

                // A namespace alias with ::, which only an alias can stand before.
                [SignalGen.Receiver(Auth::Signal.UserLoggedIn, Order = 1)]
                public static void AliasQualified() => Probe.Calls.Add("alias qualified, 1");

                // Beside an unrelated attribute in the same list.
                [SignalGen.Receiver(AuthSignal.UserLoggedIn), System.Diagnostics.DebuggerStepThrough]
                public static void WithAnotherAttribute() => Probe.Calls.Add("with another attribute, 0");
            }
            """;
        var run = Generate(receivers);

        Assert.Equal(
            ["named arguments, -10", "aliases, -2", "with another attribute, 0", "alias qualified, 1", "fully qualified, 3"],
            SendAll(run));
    }

    [Fact]
    public void ParenthesizedSignal_IsCalled_SignalsComputedFromThisProjectsEnum_AreSkipped()
    {
        // The enum is generated in this same run, so the generator reads the member's name from source.
        // Parentheses hide nothing and were dropping the receiver silently; computed values cannot be read
        // by name and are reported (SGEN0101) instead.
        const string receivers = """
            using Good.Auth;
            using SignalGen;

            namespace Good;

            public static class Computed
            {
                private const Signal Login = Signal.UserLoggedIn;

                [Receiver((Signal.UserLoggedIn))]
                public static void Parenthesized(string user) => Probe.Calls.Add("parenthesized " + user);

                [Receiver((Signal)1)]
                public static void Cast(string user) => Probe.Calls.Add("cast " + user);

                [Receiver(Login)]
                public static void Constant(string user) => Probe.Calls.Add("constant " + user);
            }
            """;
        var run = Generate(receivers);

        AssertThunksCall(run, "global::Good.Computed.Parenthesized(signal.User)");
        Assert.DoesNotContain(".Cast(", Thunks(run), StringComparison.Ordinal);
        Assert.DoesNotContain(".Constant(", Thunks(run), StringComparison.Ordinal);
        Assert.Equal(["parenthesized ann"], SendAll(run));
    }

    [Fact]
    public void SignalsComputedFromAReferencedSchemasEnum_AreCalled()
    {
        // With the schema in a referenced assembly the enum resolves and the generator reads the constant,
        // however it was written.
        var library = GeneratorHarness.BuildProject(
            "Good.Library", OutputKind.DynamicallyLinkedLibrary, ["namespace Good.Library; public static class Marker { }"], [GeneratorHarness.Schema("good.signals.json", Schema)]);
        const string receivers = """
            using Good.Auth;
            using SignalGen;

            namespace App;

            internal static class Names
            {
                public const Signal Logout = Signal.UserLoggedOut;
            }

            public static class Computed
            {
                [Receiver((Signal)0)]
                public static void Cast(string user) => Probe.Calls.Add("cast " + user);

                [Receiver(Names.Logout)]
                public static void Constant(string user) => Probe.Calls.Add("constant " + user);

                [Receiver((Signal.UserLoggedIn))]
                public static void Parenthesized(string ip) => Probe.Calls.Add("parenthesized " + ip);
            }
            """;
        var run = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("App", OutputKind.ConsoleApplication, [Probe, receivers, "System.Console.WriteLine();"], [library.Reference]),
            []);
        GeneratorHarness.AssertCompilesCleanly(run);

        var thunks = run.Source("SignalGen.ReceiverThunks.g.cs");
        foreach (var call in new[] { "global::App.Computed.Cast(signal.User)", "global::App.Computed.Constant(signal.User)", "global::App.Computed.Parenthesized(signal.Ip)" })
        {
            Assert.Contains("=> " + call + ";", thunks, StringComparison.Ordinal);
        }

        Assert.Equal(
            ["cast ann", "parenthesized 10.0.0.1", "constant ann"],
            IsolatedAssembly.Invoke<string[]>(run.OutputCompilation, "Probe.Calls", "SendAll", library.Run.OutputCompilation));
    }

    [Fact]
    public void AttributeAlias_OnSeveralReceiversInOneFile_EachIsCalled()
    {
        // Roslyn before dotnet/roslyn#74468 (July 2024, so 4.12) lost its place after the first attribute it
        // matched through an alias, and ForAttributeWithMetadataName never returned the later ones
        // (dotnet/runtime#105137). Seen here on 4.8: only the first receiver is called, and nothing reports the others.
        Assert.SkipWhen(
            typeof(CSharpCompilation).Assembly.GetName().Version < new Version(4, 12),
            "Roslyn before 4.12 finds only the first attribute applied through an alias in a file (dotnet/runtime#105137).");

        const string receivers = """
            using Listen = SignalGen.ReceiverAttribute;
            using Good.Auth;

            namespace Good;

            public static class Aliased
            {
                [Listen(Signal.UserLoggedIn)]
                public static void First() => Probe.Calls.Add("first");

                [Listen(Signal.UserLoggedIn)]
                public static void Second() => Probe.Calls.Add("second");

                [Listen(Signal.UserLoggedOut)]
                public static void Third() => Probe.Calls.Add("third");
            }
            """;
        var run = Generate(receivers);

        Assert.Equal(["first", "second", "third"], SendAll(run));
    }

    [Fact]
    public void ObsoleteReceivers_AndReceiversInObsoleteTypes_AreCalled_WithNoWarningInGeneratedCode()
    {
        // [Obsolete] marks what callers should stop using, and the generated thunk is a caller the user cannot
        // edit: its calls warned CS0618/CS0612 in generated code, which fails a build with warnings as errors.
        const string receivers = """
            using System;
            using Good.Auth;
            using SignalGen;

            namespace Good;

            public static class Legacy
            {
                [Receiver(Signal.UserLoggedIn), Obsolete("Use the new audit.")]
                public static void WithMessage(string user) => Probe.Calls.Add("obsolete with message " + user);

                [Obsolete]
                [Receiver(Signal.UserLoggedIn)]
                public static void WithoutMessage() => Probe.Calls.Add("obsolete without message");
            }

            // An obsolete instance receiver class is named by the thunk and by AddServices too.
            [Obsolete("Replaced.")]
            public sealed class LegacySessions
            {
                [Receiver(Signal.UserLoggedOut)]
                public void OnLogout(string user) => Probe.Calls.Add("obsolete class " + user);
            }
            """;
        var run = Generate(receivers);

        Assert.Equal(["obsolete with message ann", "obsolete without message", "obsolete class ann"], SendAll(run));
    }

    [Fact]
    public void KeywordNamedNamespaceTypeAndMethod_AreCalled()
    {
        const string receivers = """
            using Good.Auth;
            using SignalGen;

            // Lower-case type names are legal; the warning is about style, not about calling them.
            #pragma warning disable CS8981
            namespace Good.@event
            {
                public static class @class
                {
                    [Receiver(Signal.UserLoggedIn)]
                    public static void @void(string @user) => Probe.Calls.Add("keywords " + user);
                }
            }
            """;
        var run = Generate(receivers);

        AssertThunksCall(run, "global::Good.@event.@class.@void(signal.User)");
        Assert.Equal(["keywords ann"], SendAll(run));
    }

    // ---------------------------------------------------------------- shapes the generator leaves out

    [Fact]
    public void UncallableShapes_AreLeftOut_AndTheReceiverBesideThemIsStillCalled()
    {
        // The analyzers report each one (SGEN0106, see UnusualReceiverShapeTests there); here they must only be skipped cleanly.
        const string receivers = """
            using Good.Auth;
            using SignalGen;

            namespace Good;

            public static class Valid
            {
                [Receiver(Signal.UserLoggedIn)]
                public static void Called(string user) => Probe.Calls.Add("valid " + user);

                [Receiver(Signal.UserLoggedIn)]
                public static void GenericMethod<T>(string user) { }
            }

            public static class GenericType<T>
            {
                [Receiver(Signal.UserLoggedIn)]
                public static void InGenericType(string user) { }
            }

            public class GenericOuter<T>
            {
                public static class StaticInner
                {
                    [Receiver(Signal.UserLoggedIn)]
                    public static void InStaticClassOfGeneric(string user) { }
                }
            }

            file static class FileLocal
            {
                [Receiver(Signal.UserLoggedIn)]
                public static void InFileLocalType(string user) { }
            }

            public class Containers
            {
                private static class PrivateContainer
                {
                    [Receiver(Signal.UserLoggedIn)]
                    public static void InPrivateType(string user) { }
                }

                protected static class ProtectedContainer
                {
                    [Receiver(Signal.UserLoggedIn)]
                    public static void InProtectedType(string user) { }
                }

                private protected static class PrivateProtectedContainer
                {
                    [Receiver(Signal.UserLoggedIn)]
                    public static void InPrivateProtectedType(string user) { }
                }
            }

            public record struct ValueRecord
            {
                [Receiver(Signal.UserLoggedIn)]
                public void InstanceInRecordStruct(string user) { }
            }

            public ref struct Stackonly
            {
                [Receiver(Signal.UserLoggedIn)]
                public void InstanceInRefStruct(string user) { }
            }

            public interface IStaticAbstract
            {
                [Receiver(Signal.UserLoggedIn)]
                static abstract void StaticAbstract(string user);

                [Receiver(Signal.UserLoggedIn)]
                void DefaultImplementation(string user) { }
            }

            public interface IExplicit
            {
                void Explicit(string user);
            }

            public sealed class ExplicitImplementation : IExplicit
            {
                [Receiver(Signal.UserLoggedIn)]
                void IExplicit.Explicit(string user) { }
            }

            public static class RefReadonly
            {
                [Receiver(Signal.UserLoggedIn)]
                public static void ByRefReadonly(ref readonly string user) { }
            }

            // [Receiver] fits wherever C# allows a method attribute; only method declarations are receivers.
            public sealed class NotMethodDeclarations
            {
                public static readonly System.Action<string> Handler = [Receiver(Signal.UserLoggedIn)] (string user) => { };

                [Receiver(Signal.UserLoggedIn)]
                public static NotMethodDeclarations operator +(NotMethodDeclarations left, NotMethodDeclarations right) => left;

                public int Count
                {
                    [Receiver(Signal.UserLoggedIn)]
                    get => 0;
                }

                public static void Host()
                {
                    [Receiver(Signal.UserLoggedIn)]
                    static void LocalFunction(string user) { }

                    LocalFunction("direct");
                }
            }
            """;
        var run = Generate(receivers);

        var thunks = Thunks(run);
        foreach (var skipped in new[]
                 {
                     "GenericMethod", "InGenericType", "InStaticClassOfGeneric", "InFileLocalType", "InPrivateType", "InProtectedType",
                     "InPrivateProtectedType", "InstanceInRecordStruct", "InstanceInRefStruct", "StaticAbstract", "DefaultImplementation",
                     "Explicit", "ByRefReadonly", "NotMethodDeclarations", "LocalFunction",
                 })
        {
            Assert.DoesNotContain(skipped, thunks, StringComparison.Ordinal);
        }

        AssertThunksCall(run, "global::Good.Valid.Called(signal.User)");
        Assert.Equal(["valid ann"], SendAll(run));
    }

    // ---------------------------------------------------------------- helpers

    private static GeneratorRun Generate(params string[] sources) =>
        Generate(OutputKind.DynamicallyLinkedLibrary, parseOptions: null, allowUnsafe: false, sources);

    private static GeneratorRun Generate(OutputKind outputKind, CSharpParseOptions? parseOptions, params string[] sources) =>
        Generate(outputKind, parseOptions, allowUnsafe: false, sources);

    /// <summary>Runs the generator on the sources plus <see cref="Probe"/>, and requires a clean run and clean output.</summary>
    private static GeneratorRun Generate(OutputKind outputKind, CSharpParseOptions? parseOptions, bool allowUnsafe, params string[] sources)
    {
        var compilation = GeneratorHarness.CreateCompilation("Shapes", outputKind, [Probe, .. sources], parseOptions: parseOptions);
        if (allowUnsafe)
        {
            compilation = compilation.WithOptions(compilation.Options.WithAllowUnsafe(true));
        }

        var run = GeneratorHarness.Run(compilation, [GeneratorHarness.Schema("good.signals.json", Schema)]);
        GeneratorHarness.AssertCompilesCleanly(run);
        return run;
    }

    private static string Thunks(GeneratorRun run) => run.Source("SignalGen.ReceiverThunks.g.cs");

    /// <summary>Asserts that each call is the body of a thunk, and that the dispatch table calls every thunk there is.</summary>
    private static void AssertThunksCall(GeneratorRun run, params string[] calls)
    {
        var thunks = Thunks(run);
        foreach (var call in calls)
        {
            Assert.Contains("=> " + call + ";", thunks, StringComparison.Ordinal);
        }

        var table = run.Source("Good.Auth.DispatchTable.g.cs");
        foreach (var thunk in ThunkNames(thunks))
        {
            Assert.Contains("ReceiverThunks_Shapes." + thunk + "(in signal", table, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<string> ThunkNames(string thunks) =>
        Regex.Matches(thunks, @"public static \S+ (\w+)\(in ").Select(match => match.Groups[1].Value);

    private static string[] SendAll(GeneratorRun run) => IsolatedAssembly.Invoke<string[]>(run.OutputCompilation, "Probe.Calls", "SendAll");
}
