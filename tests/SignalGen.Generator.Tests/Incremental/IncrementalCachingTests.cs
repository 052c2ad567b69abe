using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SignalGen.Generator.Binding;
using SignalGen.Generator.Model;
using SignalGen.Generator.Tests.Infrastructure;
using SignalGen.Incremental;
using SignalGen.Schema;
using SignalGen.Schema.Model;
using Xunit;

namespace SignalGen.Generator.Tests.Incremental;

/// <summary>
/// Runs the driver twice and checks what each named step did the second time. Reminder of Roslyn's
/// reasons: <c>Cached</c> = the step did not run (its inputs were cached); <c>Unchanged</c> = it ran and
/// produced an equal value, so the steps after it are <c>Cached</c>; <c>Modified</c> = it ran and the value
/// differs; <c>New</c>/<c>Removed</c> = an item appeared or went away.
/// </summary>
public sealed class IncrementalCachingTests
{
    private const string AuthSchema = """
        {
          "namespace": "Inc.Auth",
          "signals": {
            "UserLoggedIn": { "args": { "user": "string", "ip": "string" } },
            "UserLoggedOut": { "args": { "user": "string" } }
          }
        }
        """;

    private const string BillingSchema = """
        {
          "namespace": "Inc.Billing",
          "signals": {
            "InvoicePaid": { "args": { "amount": "decimal" } }
          }
        }
        """;

    private const string AuthReceivers = """
        using System.Threading;
        using Inc.Auth;
        using SignalGen;

        namespace Inc;

        public static class AuthReceivers
        {
            [Receiver(Signal.UserLoggedIn)]
            public static void Audit(string user, CancellationToken cancellationToken) { }

            [Receiver(Signal.UserLoggedOut, Order = 0)]
            public static void Bye(string user) { }
        }
        """;

    private const string BillingReceivers = """
        using Inc.Billing;
        using SignalGen;

        namespace Inc;

        public static class BillingReceivers
        {
            [Receiver(Signal.InvoicePaid)]
            public static void Book(decimal amount) { }
        }
        """;

    private const string Helpers = """
        namespace Inc;

        public static class Helpers
        {
            public static int Compute() { return 1; }
        }
        """;

    private static readonly AdditionalText s_authSchema = GeneratorHarness.Schema("auth.signals.json", AuthSchema);
    private static readonly AdditionalText s_billingSchema = GeneratorHarness.Schema("billing.signals.json", BillingSchema);

    // ---------------------------------------------------------------- the runs

    [Fact]
    public void SameCompilation_EveryStepIsCached()
    {
        var (driver, compilation) = FirstRun();

        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        var result = Result(driver);

        // The same Compilation object: even the CompilationProvider-based steps do not run.
        foreach (var name in CachingCheck.GeneratorStepNames)
        {
            AssertAll(result, name, IncrementalStepRunReason.Cached);
        }

        AssertNoCompilerObjects(result);
    }

    [Fact]
    public void NewUnrelatedSyntaxTree_NothingIsRecomputedPastTheCompilationSteps()
    {
        var (driver, compilation) = FirstRun();
        var before = Sources(driver);

        compilation = compilation.AddSyntaxTrees(Parse("namespace Inc; public static class Later { public static void Nothing() { } }", "Later.cs"));
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        var result = Result(driver);

        AssertAfterUnrelatedEdit(result);
        Assert.Equal(before, Sources(driver));
        AssertNoCompilerObjects(result);
    }

    [Fact]
    public void EditedMethodBody_OfANonReceiver_NothingIsRecomputedPastTheCompilationSteps()
    {
        var (driver, compilation) = FirstRun();
        var before = Sources(driver);

        compilation = Replace(compilation, "Helpers.cs", Helpers.Replace("return 1;", "return 2 + 2;", StringComparison.Ordinal));
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        var result = Result(driver);

        AssertAfterUnrelatedEdit(result);
        Assert.Equal(before, Sources(driver));
        AssertNoCompilerObjects(result);
    }

    [Fact]
    public void EditedMethodBody_InAFileWithReceivers_LeavesTheReceiversCached()
    {
        var (driver, compilation) = FirstRun();

        // Same file as two receivers; their models are rebuilt (the file changed) but come out equal.
        var edited = AuthReceivers.Replace(
            "public static void Bye(string user) { }",
            "public static void Bye(string user) { System.Console.WriteLine(user); }",
            StringComparison.Ordinal);
        compilation = Replace(compilation, "AuthReceivers.cs", edited);
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        var result = Result(driver);

        AssertAfterUnrelatedEdit(result);
        AssertNoCompilerObjects(result);
    }

    [Fact]
    public void RenamedReceiverParameter_ThatBindsTheSame_StopsAtTheBinder()
    {
        var (driver, compilation) = FirstRun();
        var before = Sources(driver);

        // The CancellationToken parameter binds by type, so its name changes the receiver model but not the binding.
        var edited = AuthReceivers.Replace("CancellationToken cancellationToken", "CancellationToken token", StringComparison.Ordinal);
        compilation = Replace(compilation, "AuthReceivers.cs", edited);
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        var result = Result(driver);

        AssertCompilationStepsAfterEdit(result);
        AssertSchemaStepsCached(result);
        Assert.Equal(IncrementalStepRunReason.Modified, ReceiverReason(result, "Audit"));
        Assert.Equal(IncrementalStepRunReason.Cached, ReceiverReason(result, "Bye"));
        Assert.Equal(IncrementalStepRunReason.Cached, ReceiverReason(result, "Book"));

        // The binder re-runs on the changed receiver list and produces the same bound receivers ...
        AssertAll(result, TrackingNames.BoundReceivers, IncrementalStepRunReason.Unchanged);

        // ... so nothing after it runs, and no source changes.
        AssertAll(result, TrackingNames.DispatchTables, IncrementalStepRunReason.Cached);
        AssertAll(result, TrackingNames.ServiceRegistration, IncrementalStepRunReason.Cached);
        Assert.Equal(before, Sources(driver));
        AssertNoCompilerObjects(result);
    }

    [Fact]
    public void RenamedReceiverParameter_ThatNoLongerBinds_DropsTheReceiver()
    {
        var (driver, compilation) = FirstRun();

        // "who" matches no argument of UserLoggedOut: Bye cannot be bound any more.
        compilation = Replace(compilation, "AuthReceivers.cs", AuthReceivers.Replace("Bye(string user)", "Bye(string who)", StringComparison.Ordinal));
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        var result = Result(driver);

        Assert.Equal(IncrementalStepRunReason.Modified, ReceiverReason(result, "Bye"));
        AssertAll(result, TrackingNames.BoundReceivers, IncrementalStepRunReason.Modified);
        Assert.Equal(IncrementalStepRunReason.Modified, TableReason(result, "Inc.Auth"));
        Assert.Equal(IncrementalStepRunReason.Unchanged, TableReason(result, "Inc.Billing"));

        var bound = (EquatableArray<BoundReceiverModel>)Assert.Single(Outputs(result, TrackingNames.BoundReceivers)).Value;
        Assert.DoesNotContain(bound, receiver => receiver.MethodName == "Bye");
        Assert.DoesNotContain("Bye_UserLoggedOut", Source(driver, "SignalGen.ReceiverThunks.g.cs"), StringComparison.Ordinal);
        AssertNoCompilerObjects(result);
    }

    [Fact]
    public void ChangedReceiverOrder_RecomputesOnlyThatSchemasTable()
    {
        var (driver, compilation) = FirstRun();
        var billingTable = Source(driver, "Inc.Billing.DispatchTable.g.cs");

        compilation = Replace(compilation, "AuthReceivers.cs", AuthReceivers.Replace("Order = 0", "Order = 5", StringComparison.Ordinal));
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        var result = Result(driver);

        AssertCompilationStepsAfterEdit(result);
        AssertSchemaStepsCached(result);
        Assert.Equal(IncrementalStepRunReason.Modified, ReceiverReason(result, "Bye"));
        Assert.Equal(IncrementalStepRunReason.Cached, ReceiverReason(result, "Audit"));
        Assert.Equal(IncrementalStepRunReason.Cached, ReceiverReason(result, "Book"));
        AssertAll(result, TrackingNames.BoundReceivers, IncrementalStepRunReason.Modified);

        // The planner re-runs for all tables; only the Inc.Auth one differs (Bye's order is in it).
        Assert.Equal(IncrementalStepRunReason.Modified, TableReason(result, "Inc.Auth"));
        Assert.Equal(IncrementalStepRunReason.Unchanged, TableReason(result, "Inc.Billing"));

        // AddSignals does not depend on order: re-planned, equal.
        AssertAll(result, TrackingNames.ServiceRegistration, IncrementalStepRunReason.Unchanged);

        Assert.Contains("[global::SignalGen.Dispatch.ReceiverThunk(\"Inc.AuthReceivers.Bye(string)\", 5)]", Source(driver, "SignalGen.ReceiverThunks.g.cs"), StringComparison.Ordinal);
        Assert.Equal(billingTable, Source(driver, "Inc.Billing.DispatchTable.g.cs"));
        AssertNoCompilerObjects(result);
    }

    [Fact]
    public void EditedSchema_RecomputesThatSchemaOnly()
    {
        var (driver, compilation) = FirstRun();
        var billingTypes = Source(driver, "Inc.Billing.SignalTypes.g.cs");

        var edited = AuthSchema.Replace(
            "\"UserLoggedOut\": { \"args\"",
            "\"UserLoggedOut\": { \"doc\": \"Sent when a user logged out.\", \"args\"",
            StringComparison.Ordinal);
        driver = driver.ReplaceAdditionalText(s_authSchema, GeneratorHarness.Schema("auth.signals.json", edited));
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        var result = Result(driver);

        Assert.Equal(IncrementalStepRunReason.Modified, ParsedSchemaReason(result, "/project/auth.signals.json"));
        Assert.Equal(IncrementalStepRunReason.Cached, ParsedSchemaReason(result, "/project/billing.signals.json"));
        Assert.Equal(IncrementalStepRunReason.Modified, LocalSchemaReason(result, "Inc.Auth"));
        Assert.Equal(IncrementalStepRunReason.Cached, LocalSchemaReason(result, "Inc.Billing"));
        AssertAll(result, TrackingNames.Schemas, IncrementalStepRunReason.Modified);
        Assert.Equal(IncrementalStepRunReason.Modified, UniqueLocalSchemaReason(result, "Inc.Auth"));
        Assert.Equal(IncrementalStepRunReason.Unchanged, UniqueLocalSchemaReason(result, "Inc.Billing"));

        // The compilation is the same object: nothing that reads it runs.
        AssertAll(result, TrackingNames.Project, IncrementalStepRunReason.Cached);
        AssertAll(result, TrackingNames.References, IncrementalStepRunReason.Cached);
        AssertAll(result, TrackingNames.Receivers, IncrementalStepRunReason.Cached);

        // A doc changes no binding; the Inc.Auth table holds the schema, so it changes; AddSignals does not.
        AssertAll(result, TrackingNames.BoundReceivers, IncrementalStepRunReason.Unchanged);
        Assert.Equal(IncrementalStepRunReason.Modified, TableReason(result, "Inc.Auth"));
        Assert.Equal(IncrementalStepRunReason.Unchanged, TableReason(result, "Inc.Billing"));
        AssertAll(result, TrackingNames.ServiceRegistration, IncrementalStepRunReason.Unchanged);

        Assert.Contains("/// <summary>Sent when a user logged out.</summary>", Source(driver, "Inc.Auth.SignalTypes.g.cs"), StringComparison.Ordinal);
        Assert.Equal(billingTypes, Source(driver, "Inc.Billing.SignalTypes.g.cs"));
        AssertNoCompilerObjects(result);
    }

    [Fact]
    public void SchemaEdit_ThatAddsASignal_ChangesBindingsToo()
    {
        var (driver, compilation) = FirstRun();

        var edited = AuthSchema.Replace(
            "\"UserLoggedOut\": { \"args\": { \"user\": \"string\" } }",
            "\"UserLoggedOut\": { \"args\": { \"user\": \"string\" } },\n    \"UserLockedOut\": { \"args\": { \"user\": \"string\" } }",
            StringComparison.Ordinal);
        Assert.NotEqual(AuthSchema, edited);
        driver = driver.ReplaceAdditionalText(s_authSchema, GeneratorHarness.Schema("auth.signals.json", edited));

        // A receiver of the new signal arrives in the same edit.
        compilation = Replace(
            compilation,
            "AuthReceivers.cs",
            AuthReceivers.Replace("public static void Bye", "[Receiver(Signal.UserLockedOut)]\n    public static void Bye", StringComparison.Ordinal));
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        var result = Result(driver);

        Assert.Equal(IncrementalStepRunReason.Modified, LocalSchemaReason(result, "Inc.Auth"));
        Assert.Equal(IncrementalStepRunReason.Modified, ReceiverReason(result, "Bye"));
        AssertAll(result, TrackingNames.BoundReceivers, IncrementalStepRunReason.Modified);
        Assert.Equal(IncrementalStepRunReason.Modified, TableReason(result, "Inc.Auth"));
        Assert.Contains("Bye_UserLockedOut", Source(driver, "Inc.Auth.DispatchTable.g.cs"), StringComparison.Ordinal);
        AssertNoCompilerObjects(result);
    }

    [Fact]
    public void SchemaEdit_ThatMisspellsAnArgumentType_DropsThatSignal_AndReportsItAtTheJson()
    {
        var (driver, compilation) = FirstRun();
        var billingTypes = Source(driver, "Inc.Billing.SignalTypes.g.cs");

        var misspelt = AuthSchema.Replace("\"ip\": \"string\"", "\"ip\": \"strin\"", StringComparison.Ordinal);
        driver = driver.ReplaceAdditionalText(s_authSchema, GeneratorHarness.Schema("auth.signals.json", misspelt));
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        var result = Result(driver);

        AssertAll(result, TrackingNames.ArgumentTypes, IncrementalStepRunReason.Modified);
        AssertAll(result, TrackingNames.CheckedSchemas, IncrementalStepRunReason.Modified);
        Assert.Equal(IncrementalStepRunReason.Unchanged, UniqueLocalSchemaReason(result, "Inc.Billing"));
        var reported = Assert.Single(result.Diagnostics);
        Assert.Equal("SGEN0010", reported.Id);
        Assert.Equal("/project/auth.signals.json", reported.Location.GetLineSpan().Path);
        Assert.DoesNotContain("UserLoggedIn", Source(driver, "Inc.Auth.SignalTypes.g.cs"), StringComparison.Ordinal);
        Assert.Equal(billingTypes, Source(driver, "Inc.Billing.SignalTypes.g.cs"));
        AssertNoCompilerObjects(result);
    }

    [Fact]
    public void CodeEdit_ThatDeclaresAMissingArgumentType_BringsTheSignalBack()
    {
        var schema = AuthSchema.Replace("\"ip\": \"string\"", "\"ip\": \"Inc.Address\"", StringComparison.Ordinal);
        var compilation = GeneratorHarness.CreateCompilation("Inc", OutputKind.ConsoleApplication, []).AddSyntaxTrees(
            Parse(AuthReceivers, "AuthReceivers.cs"),
            Parse("System.Console.WriteLine();", "Program.cs"));
        var driver = GeneratorHarness.CreateDriver([GeneratorHarness.Schema("auth.signals.json", schema)]);
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        Assert.Equal("SGEN0010", Assert.Single(Result(driver).Diagnostics).Id);

        // The type the schema names is written in C#: only the compilation changed, and the signal is generated again.
        compilation = compilation.AddSyntaxTrees(Parse("namespace Inc; public sealed record Address(string Value);", "Address.cs"));
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        var result = Result(driver);

        AssertAll(result, TrackingNames.Schemas, IncrementalStepRunReason.Cached);
        AssertAll(result, TrackingNames.ArgumentTypes, IncrementalStepRunReason.Modified);
        AssertAll(result, TrackingNames.CheckedSchemas, IncrementalStepRunReason.Modified);
        Assert.Empty(result.Diagnostics);
        Assert.Contains("Audit_UserLoggedIn", Source(driver, "Inc.Auth.DispatchTable.g.cs"), StringComparison.Ordinal);
        AssertNoCompilerObjects(result);
    }

    [Fact]
    public void WhitespaceOnlySchemaEdit_StopsAtTheParser()
    {
        var (driver, compilation) = FirstRun();

        driver = driver.ReplaceAdditionalText(s_authSchema, GeneratorHarness.Schema("auth.signals.json", "\n\n  " + AuthSchema.Replace("  ", "\t", StringComparison.Ordinal) + "\n"));
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        var result = Result(driver);

        // The text changed, so it is parsed again; the result (model and errors, positions included) is equal.
        Assert.Equal(IncrementalStepRunReason.Unchanged, ParsedSchemaReason(result, "/project/auth.signals.json"));
        foreach (var name in CachingCheck.GeneratorStepNames.Where(name => name != TrackingNames.ParsedSchemas))
        {
            AssertAll(result, name, IncrementalStepRunReason.Cached);
        }

        AssertNoCompilerObjects(result);
    }

    [Fact]
    public void RemovedSchema_RemovesItsOutputs()
    {
        var (driver, compilation) = FirstRun();

        driver = driver.RemoveAdditionalTexts([s_billingSchema]);
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        var result = Result(driver);

        Assert.Equal(IncrementalStepRunReason.Removed, ParsedSchemaReason(result, "/project/billing.signals.json"));
        Assert.Equal(IncrementalStepRunReason.Removed, UniqueLocalSchemaReason(result, "Inc.Billing"));
        Assert.Equal(IncrementalStepRunReason.Removed, TableReason(result, "Inc.Billing"));
        Assert.Equal(IncrementalStepRunReason.Unchanged, TableReason(result, "Inc.Auth"));
        Assert.DoesNotContain("Inc.Billing.SignalTypes.g.cs", Sources(driver).Select(s => s.HintName));
        AssertNoCompilerObjects(result);
    }

    // ---------------------------------------------------------------- the model walker can fail

    [Fact]
    public void Walker_FindsCompilerObjects_InTuplesRecordsAndArrays()
    {
        var compilation = GeneratorHarness.CreateCompilation("W", OutputKind.DynamicallyLinkedLibrary, ["namespace W; public class C { }"]);
        var symbol = compilation.GetTypeByMetadataName("W.C")!;
        var tree = compilation.SyntaxTrees.Single();

        Assert.Single(FindCompilerObjects(("ok", Location.None)));
        Assert.Single(FindCompilerObjects((new ProjectModel("ok", true), new { Nested = ImmutableArray.Create<object>(symbol) })));
        Assert.Single(FindCompilerObjects(new[] { new { Items = new List<ISymbol> { symbol } } }));
        Assert.Single(FindCompilerObjects(new { Tree = tree }));
        Assert.Single(FindCompilerObjects(new List<object> { tree.GetRoot(TestContext.Current.CancellationToken) }));
        Assert.Single(FindCompilerObjects(new { Model = compilation.GetSemanticModel(tree) }));
        Assert.Single(FindCompilerObjects(new { Compilation = (Compilation)compilation }));
        Assert.Single(FindCompilerObjects(Diagnostic.Create(new DiagnosticDescriptor("X1", "t", "m", "c", DiagnosticSeverity.Warning, true), Location.None)));

        // Real models hold none.
        Assert.Empty(FindCompilerObjects(new ProjectModel("ok", true)));
        Assert.Empty(FindCompilerObjects(SchemaParser.Parse("/a.signals.json", SourceText.From("{ \"x\": 1 }"), TestContext.Current.CancellationToken)));
        Assert.Empty(FindCompilerObjects((default(ImmutableArray<int>), EquatableArray<string>.Empty)));
    }

    // ---------------------------------------------------------------- expectations shared by several runs

    /// <summary>
    /// After an edit that touches no schema and no receiver: the compilation changed, so the steps
    /// that read it run again, and each must come out equal.
    /// </summary>
    private static void AssertAfterUnrelatedEdit(GeneratorRunResult result)
    {
        AssertCompilationStepsAfterEdit(result);
        AssertSchemaStepsCached(result);

        // ForAttributeWithMetadataName re-checks the receivers against the new compilation internally; the
        // models it produces are equal, so the named step after it does not run.
        AssertAll(result, TrackingNames.Receivers, IncrementalStepRunReason.Cached);
        AssertAll(result, TrackingNames.BoundReceivers, IncrementalStepRunReason.Cached);

        // Parameter and argument types are compared against the new compilation, equal again.
        AssertAll(result, TrackingNames.ReceiverFits, IncrementalStepRunReason.Unchanged);
        AssertAll(result, TrackingNames.CallableReceivers, IncrementalStepRunReason.Cached);
        AssertAll(result, TrackingNames.DispatchTables, IncrementalStepRunReason.Cached);
        AssertAll(result, TrackingNames.ServiceRegistration, IncrementalStepRunReason.Cached);
    }

    /// <summary>
    /// Steps built on <c>CompilationProvider</c> legitimately run on every new compilation. <c>References</c>
    /// selects straight from it, so it runs and must be <c>Unchanged</c>. <c>Project</c> is the last of three
    /// steps (select, combine with the options, select): the first one runs and is unchanged, so the
    /// tracked one is <c>Cached</c>.
    /// </summary>
    private static void AssertCompilationStepsAfterEdit(GeneratorRunResult result)
    {
        AssertAll(result, TrackingNames.References, IncrementalStepRunReason.Unchanged);
        AssertAll(result, TrackingNames.Project, IncrementalStepRunReason.Cached);
    }

    /// <summary>
    /// Schemas depend on the additional files and the references: neither changed. Their argument types
    /// are resolved against the new compilation (<c>ArgumentTypes</c> runs) and come out equal, so the
    /// checked schemas after it are not recomputed.
    /// </summary>
    private static void AssertSchemaStepsCached(GeneratorRunResult result)
    {
        AssertAll(result, TrackingNames.ParsedSchemas, IncrementalStepRunReason.Cached);
        AssertAll(result, TrackingNames.LocalSchemas, IncrementalStepRunReason.Cached);
        AssertAll(result, TrackingNames.Schemas, IncrementalStepRunReason.Cached);
        AssertAll(result, TrackingNames.ArgumentTypes, IncrementalStepRunReason.Unchanged);
        AssertAll(result, TrackingNames.CheckedSchemas, IncrementalStepRunReason.Cached);
        AssertAll(result, TrackingNames.UniqueLocalSchemas, IncrementalStepRunReason.Cached);
    }

    // ---------------------------------------------------------------- helpers: runs

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun()
    {
        var compilation = GeneratorHarness.CreateCompilation("Inc", OutputKind.ConsoleApplication, []).AddSyntaxTrees(
            Parse(AuthReceivers, "AuthReceivers.cs"),
            Parse(BillingReceivers, "BillingReceivers.cs"),
            Parse(Helpers, "Helpers.cs"),
            Parse("System.Console.WriteLine();", "Program.cs"));
        var driver = GeneratorHarness.CreateDriver([s_authSchema, s_billingSchema]);
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);

        // The first run: everything is new, which also proves every step is tracked under its name.
        var result = Result(driver);
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        foreach (var name in CachingCheck.GeneratorStepNames)
        {
            AssertAll(result, name, IncrementalStepRunReason.New);
        }

        Assert.Equal(3, Outputs(result, TrackingNames.Receivers).Count);
        Assert.Equal(2, Outputs(result, TrackingNames.DispatchTables).Count);
        AssertNoCompilerObjects(result);
        return (driver, compilation);
    }

    private static SyntaxTree Parse(string source, string path) =>
        CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path, cancellationToken: TestContext.Current.CancellationToken);

    private static Compilation Replace(Compilation compilation, string path, string source)
    {
        var old = compilation.SyntaxTrees.Single(tree => tree.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, Parse(source, path));
    }

    private static GeneratorRunResult Result(GeneratorDriver driver) => Assert.Single(driver.GetRunResult().Results);

    private static (string HintName, string Text)[] Sources(GeneratorDriver driver) =>
        Result(driver).GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).OrderBy(s => s.HintName, StringComparer.Ordinal).ToArray();

    private static string Source(GeneratorDriver driver, string hintName) =>
        Sources(driver).Single(s => s.HintName == hintName).Text;

    // ---------------------------------------------------------------- helpers: steps

    private static List<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string name)
    {
        Assert.True(result.TrackedSteps.TryGetValue(name, out var steps), "Step " + name + " was not tracked.");
        return steps.SelectMany(step => step.Outputs).ToList();
    }

    private static void AssertAll(GeneratorRunResult result, string name, IncrementalStepRunReason expected)
    {
        var outputs = Outputs(result, name);
        Assert.NotEmpty(outputs);
        var wrong = outputs.Where(output => output.Reason != expected).ToList();
        Assert.True(
            wrong.Count == 0,
            $"Step {name}: expected every output {expected}, but:" + Environment.NewLine
            + string.Join(Environment.NewLine, outputs.Select(o => $"  {o.Reason}: {Describe(o.Value)}")));
    }

    private static IncrementalStepRunReason ReasonOf<T>(GeneratorRunResult result, string name, Func<T, bool> match, string what)
    {
        var outputs = Outputs(result, name);
        var found = outputs.Where(output => output.Value is T value && match(value)).ToList();
        Assert.True(
            found.Count == 1,
            $"Step {name}: expected one output for {what}, found {found.Count} among:" + Environment.NewLine
            + string.Join(Environment.NewLine, outputs.Select(o => $"  {o.Reason}: {Describe(o.Value)}")));
        return found[0].Reason;
    }

    private static IncrementalStepRunReason ReceiverReason(GeneratorRunResult result, string method) =>
        ReasonOf<ReceiverModel>(result, TrackingNames.Receivers, receiver => receiver.MethodName == method, method);

    private static IncrementalStepRunReason TableReason(GeneratorRunResult result, string ns) =>
        ReasonOf<DispatchTableModel>(result, TrackingNames.DispatchTables, table => table.Schema.Namespace == ns, ns);

    private static IncrementalStepRunReason ParsedSchemaReason(GeneratorRunResult result, string path) =>
        ReasonOf<SchemaParseResult>(result, TrackingNames.ParsedSchemas, parsed => parsed.Path == path, path);

    private static IncrementalStepRunReason LocalSchemaReason(GeneratorRunResult result, string ns) =>
        ReasonOf<SchemaFileModel>(result, TrackingNames.LocalSchemas, file => file.Schema.Namespace == ns, ns);

    private static IncrementalStepRunReason UniqueLocalSchemaReason(GeneratorRunResult result, string ns) =>
        ReasonOf<SchemaModel>(result, TrackingNames.UniqueLocalSchemas, schema => schema.Namespace == ns, ns);

    private static string Describe(object? value)
    {
        var text = value switch
        {
            ReceiverModel receiver => "Receiver " + receiver.Receiver,
            DispatchTableModel table => "Table " + table.Schema.Namespace,
            SchemaModel schema => "Schema " + schema.Namespace,
            SchemaParseResult parsed => "Parsed " + parsed.Path,
            SchemaSet set => "SchemaSet " + string.Join(", ", set.All.Select(s => s.Namespace)),
            _ => value?.ToString() ?? "null",
        };
        return text.Length > 160 ? text.Substring(0, 160) + "..." : text;
    }

    // ---------------------------------------------------------------- helpers: no compiler objects in models

    /// <summary>
    /// Fails on any compiler object a model must not hold, in the outputs of every named step (each must have
    /// run) and of every source output (the harness's walker, <see cref="CachingCheck.FindCompilerObjects"/>).
    /// Roslyn's own input steps (Compilation, AdditionalTexts, ...) are left out: they are the inputs, and
    /// holding the compilation is their job.
    /// </summary>
    private static void AssertNoCompilerObjects(GeneratorRunResult result)
    {
        foreach (var name in CachingCheck.GeneratorStepNames)
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), "Step " + name + " was not tracked.");
        }

        var problems = CachingCheck.FindCompilerObjectsInSteps(result, CachingCheck.GeneratorStepNames);
        Assert.True(problems.Count == 0, "Pipeline values hold compiler objects:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
    }

    private static List<string> FindCompilerObjects(object? value) => CachingCheck.FindCompilerObjects(value);
}
