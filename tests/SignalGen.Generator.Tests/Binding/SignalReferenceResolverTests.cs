using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SignalGen.Generator.Binding;
using SignalGen.Generator.Model;
using SignalGen.Generator.Parsing;
using SignalGen.Incremental;
using SignalGen.Schema.Model;
using Xunit;

namespace SignalGen.Generator.Tests.Binding;

/// <summary>
/// <see cref="ImportScopeReader"/> and <see cref="SignalReferenceResolver"/> together: the schema named by
/// <c>[Receiver(...)]</c> follows C# lookup (enclosing namespaces innermost first, then aliases, then
/// imports, global usings in the file's scope), because a local schema's enum is not in the compilation.
/// </summary>
public sealed class SignalReferenceResolverTests
{
    private static readonly SchemaSet s_schemas = new(
        new[] { Schema("Contoso.Auth"), Schema("Contoso.Billing"), Schema("Other.Auth") }.ToEquatableArray(),
        EquatableArray<SchemaModel>.Empty);

    [Theory]
    [InlineData("using Contoso.Auth; namespace App; class R { [Receiver(Signal.Sent)] static void M() { } }", "Contoso.Auth")]
    [InlineData("namespace App { using Contoso.Billing; class R { [Receiver(Signal.Sent)] static void M() { } } }", "Contoso.Billing")]
    [InlineData("namespace Contoso.Auth.Handlers; class R { [Receiver(Signal.Sent)] static void M() { } }", "Contoso.Auth")]
    [InlineData("namespace Contoso { class R { [Receiver(Auth.Signal.Sent)] static void M() { } } }", "Contoso.Auth")]
    [InlineData("namespace Contoso.Handlers; class R { [Receiver(Billing.Signal.Sent)] static void M() { } }", "Contoso.Billing")]
    [InlineData("namespace App; class R { [Receiver(Contoso.Auth.Signal.Sent)] static void M() { } }", "Contoso.Auth")]
    [InlineData("namespace App; class R { [Receiver(global::Other.Auth.Signal.Sent)] static void M() { } }", "Other.Auth")]
    [InlineData("using S = Contoso.Billing.Signal; namespace App; class R { [Receiver(S.Sent)] static void M() { } }", "Contoso.Billing")]
    [InlineData("using A = Other.Auth; namespace App; class R { [Receiver(A.Signal.Sent)] static void M() { } }", "Other.Auth")]
    [InlineData("using static Other.Auth.Signal; namespace App; class R { [Receiver(Sent)] static void M() { } }", "Other.Auth")]
    [InlineData("using A = Other.Auth; namespace App; class R { [Receiver(A::Signal.Sent)] static void M() { } }", "Other.Auth")]
    [InlineData("using A = Contoso.Auth; namespace App { using A = Contoso.Billing; class R { [Receiver(A::Signal.Sent)] static void M() { } } }", "Contoso.Billing")]
    [InlineData("using /* a */ Contoso . Auth /* b */ ; namespace App; class R { [Receiver(Signal.Sent)] static void M() { } }", "Contoso.Auth")]
    [InlineData("namespace App; class R { [Receiver( /* a */ global:: Other . Auth . Signal . Sent)] static void M() { } }", "Other.Auth")]
    public void ResolvesAsCSharpWould(string source, string expected) =>
        Assert.Equal(expected, Resolve(source)?.Namespace);

    [Theory]
    // Two imports at the same level both have a Signal: C# reports CS0104, the generator binds nothing.
    [InlineData("using Contoso.Auth; using Other.Auth; namespace App; class R { [Receiver(Signal.Sent)] static void M() { } }")]
    [InlineData("using static Contoso.Auth.Signal; using static Other.Auth.Signal; class R { [Receiver(Sent)] static void M() { } }")]
    // Nothing imported: an unqualified Signal names no schema, even though several have one.
    [InlineData("namespace App; class R { [Receiver(Signal.Sent)] static void M() { } }")]
    // An alias wins at its level even when it does not lead to a Signal enum.
    [InlineData("using Signal = System.StringComparison; using Contoso.Auth; class R { [Receiver(Signal.Sent)] static void M() { } }")]
    // A relative name is not found from outside its parent namespace.
    [InlineData("namespace App; class R { [Receiver(Auth.Signal.Sent)] static void M() { } }")]
    // Before ::, only an alias counts: a namespace of that name does not.
    [InlineData("namespace App; class R { [Receiver(Contoso::Auth.Signal.Sent)] static void M() { } }")]
    public void AmbiguousOrUnknown_ResolvesToNothing(string source) =>
        Assert.Null(Resolve(source));

    [Fact]
    public void InnerImports_WinOverOuterOnes()
    {
        const string source = """
            using Contoso.Auth;
            namespace App
            {
                using Other.Auth;
                class R { [Receiver(Signal.Sent)] static void M() { } }
            }
            """;

        Assert.Equal("Other.Auth", Resolve(source)?.Namespace);
    }

    [Fact]
    public void GlobalUsings_FromAnotherFile_ApplyInTheFileScope()
    {
        const string receiver = "namespace App; class R { [Receiver(Signal.Sent)] static void M() { } }";

        Assert.Equal("Contoso.Billing", Resolve(receiver, "global using Contoso.Billing;")?.Namespace);
        Assert.Equal("Other.Auth", Resolve(receiver, "global using Signal = Other.Auth.Signal;")?.Namespace);

        // A file's own import and a global one at the same level are as ambiguous as two in one file.
        Assert.Null(Resolve("using Contoso.Auth; " + receiver, "global using Contoso.Billing;"));
    }

    [Fact]
    public void ScopesOfNestedNamespaces_AreInnermostFirst_WithTheImpliedParts()
    {
        var tree = CSharpSyntaxTree.ParseText("""
            using X;
            namespace A
            {
                using Y;
                namespace B.C
                {
                    using Z;
                    class R { void M() { } }
                }
            }
            """, cancellationToken: TestContext.Current.CancellationToken);
        var method = tree.GetRoot(TestContext.Current.CancellationToken).DescendantNodes().OfType<MethodDeclarationSyntax>().Single();

        var scopes = ImportScopeReader.Read(method);

        Assert.Equal(["A.B.C", "A.B", "A", ""], scopes.Select(s => s.Namespace));
        Assert.Equal([["Z"], [], ["Y"], ["X"]], scopes.Select(s => s.Usings.Select(u => u.Target).ToArray()));
    }

    [Theory]
    [InlineData("using Contoso.Auth;", "Contoso.Auth")]
    [InlineData("using /* before */ Contoso . Auth /* after */ ;", "Contoso.Auth")]
    [InlineData("using\r\n    global::Contoso.Auth // why\r\n    ;", "global::Contoso.Auth")]
    public void NameText_DropsTheTriviaAroundTheName_AndSpacesInside(string directive, string expected)
    {
        var tree = CSharpSyntaxTree.ParseText(directive, cancellationToken: TestContext.Current.CancellationToken);
        var name = tree.GetRoot(TestContext.Current.CancellationToken).DescendantNodes().OfType<UsingDirectiveSyntax>().Single().Name!;

        Assert.Equal(expected, ImportScopeReader.NameText(name));
    }

    private static SchemaModel? Resolve(string source, params string[] otherFiles)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var trees = new[] { source }.Concat(otherFiles).Select(text => CSharpSyntaxTree.ParseText(text, cancellationToken: cancellationToken)).ToArray();
        var globalUsings = trees
            .SelectMany(tree => tree.GetRoot(cancellationToken).DescendantNodes().OfType<UsingDirectiveSyntax>())
            .Select(ImportScopeReader.ReadGlobal)
            .OfType<UsingModel>()
            .ToEquatableArray();

        var method = trees[0].GetRoot(cancellationToken).DescendantNodes().OfType<MethodDeclarationSyntax>().Single();
        var expression = method.AttributeLists.Single().Attributes.Single().ArgumentList!.Arguments.Single().Expression;
        var reference = expression switch
        {
            MemberAccessExpressionSyntax access => new SignalReferenceModel(access.Name.Identifier.ValueText, ImportScopeReader.NameText(access.Expression), null, 0),
            IdentifierNameSyntax name => new SignalReferenceModel(name.Identifier.ValueText, null, null, 0),
            _ => throw new System.InvalidOperationException("Unexpected attribute argument " + expression),
        };

        return SignalReferenceResolver.Resolve(reference, ImportScopeReader.Read(method), globalUsings, s_schemas);
    }

    private static SchemaModel Schema(string ns) => new(
        ns,
        EquatableArray<string>.Empty,
        new[] { new SignalModel("Sent", null, null, false, SignalMode.Veto, EquatableArray<ArgumentModel>.Empty) }.ToEquatableArray(),
        IsReferenced: false);
}
