using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SignalGen.Generator.Binding;
using SignalGen.Generator.Emit;
using SignalGen.Generator.Model;
using SignalGen.Generator.Parsing;
using SignalGen.Generator.Reporting;
using SignalGen.Incremental;
using SignalGen.Schema;

namespace SignalGen.Generator;

/// <summary>
/// Turns <c>*.signals.json</c> schemas and <c>[Receiver]</c> methods into signal types, senders,
/// receiver thunks and dispatch tables. The flow is parse -> model -> bind -> emit; every step's output
/// is a small equatable model, so an edit recomputes only what it touches.
/// </summary>
/// <remarks>
/// What is invalid is skipped. The mistakes whose skipping leaves compiler declaration errors behind
/// (every schema error, SGEN0001-SGEN0012, and a receiver naming a signal its schema lacks, SGEN0101)
/// are reported here, because the compiler then runs no analyzer on the command line; the analyzers
/// report every other receiver mistake and never these, so each is reported once. The diagnostics
/// travel through the pipeline as equatable data and become <see cref="Diagnostic"/>s only in the
/// output callbacks.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class SignalsGenerator : IIncrementalGenerator
{
    private const string RootProperty = "build_property.SignalGenDispatchRoot";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var schemaFiles = context.AdditionalTextsProvider.Where(static file => SchemaParser.IsSchemaFile(file.Path));
        var parsedSchemas = schemaFiles
            .Select(static (file, cancellationToken) => file.GetText(cancellationToken) is { } text
                ? SchemaParser.Parse(file.Path, text, cancellationToken)
                : null)
            .WithTrackingName(TrackingNames.ParsedSchemas);
        context.RegisterSourceOutput(parsedSchemas, GeneratorDiagnostics.ReportSchemaErrors);

        var localSchemas = parsedSchemas
            .Select(static (result, _) => result?.Schema is { } schema ? new SchemaFileModel(result.Path, schema) : null)
            .Where(static file => file is not null)
            .Select(static (file, _) => file!)
            .WithTrackingName(TrackingNames.LocalSchemas);

        var project = context.CompilationProvider
            .Select(static (compilation, _) => (compilation.AssemblyName ?? "Unnamed", IsExecutable(compilation.Options.OutputKind)))
            .Combine(context.AnalyzerConfigOptionsProvider.Select(static (options, _) => ReadRootOverride(options.GlobalOptions)))
            .Select(static (pair, _) => new ProjectModel(pair.Left.Item1, pair.Right ?? pair.Left.Item2))
            .WithTrackingName(TrackingNames.Project);

        var references = context.CompilationProvider
            .Select(static (compilation, cancellationToken) => ReferenceReader.Read(compilation, cancellationToken))
            .WithTrackingName(TrackingNames.References);

        var allSchemas = localSchemas.Collect()
            .Combine(references)
            .Select(static (pair, _) => SchemaSet.Create(pair.Left, pair.Right.Schemas))
            .WithTrackingName(TrackingNames.Schemas);

        // Argument types resolve only against the compilation, so this step runs on every edit; its
        // output is a short list, equal across edits that leave the types alone, so what follows stays cached.
        var argumentTypes = allSchemas
            .Combine(context.CompilationProvider)
            .Select(static (pair, cancellationToken) => ArgumentTypeChecker.Check(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.ArgumentTypes);

        var schemas = allSchemas
            .Combine(argumentTypes)
            .Select(static (pair, _) => pair.Left.Without(pair.Right))
            .WithTrackingName(TrackingNames.CheckedSchemas);

        var schemaReport = allSchemas
            .Combine(argumentTypes)
            .Select(static (pair, _) => new SchemaReportModel(pair.Left.Dropped, pair.Right));
        context.RegisterSourceOutput(schemaReport.Combine(schemaFiles.Collect()), static (output, pair) =>
            GeneratorDiagnostics.ReportSchemaProblems(output, pair.Left, pair.Right));

        var receivers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ReceiverParser.ReceiverAttributeName,
                static (node, cancellationToken) => ReceiverParser.IsCandidate(node, cancellationToken),
                static (syntax, cancellationToken) => ReceiverParser.Parse(syntax, cancellationToken))
            .Where(static receiver => receiver is not null)
            .Select(static (receiver, _) => receiver!)
            .WithTrackingName(TrackingNames.Receivers);

        // Global usings apply in every file, so they are read once for the project rather than per receiver.
        var globalUsings = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is UsingDirectiveSyntax { GlobalKeyword.RawKind: (int)SyntaxKind.GlobalKeyword },
                static (syntax, _) => ImportScopeReader.ReadGlobal((UsingDirectiveSyntax)syntax.Node))
            .Where(static directive => directive is not null)
            .Select(static (directive, _) => directive!)
            .Collect()
            .Select(static (directives, _) => directives.ToEquatableArray())
            .WithTrackingName(TrackingNames.GlobalUsings);

        var unknownSignals = receivers.Collect()
            .Combine(schemas)
            .Combine(globalUsings)
            .Select(static (all, _) => UnknownSignalFinder.Find(all.Left.Left, all.Left.Right, all.Right))
            .WithTrackingName(TrackingNames.UnknownSignals);

        // The receiver's syntax tree is looked up only when there is something to report.
        context.RegisterSourceOutput(unknownSignals.Combine(context.CompilationProvider), static (output, pair) =>
            GeneratorDiagnostics.ReportUnknownSignals(output, pair.Left, pair.Right));

        var bound = receivers.Collect()
            .Combine(schemas)
            .Combine(globalUsings)
            .Select(static (all, _) => ReceiverBinder.Bind(all.Left.Left, all.Left.Right, all.Right))
            .WithTrackingName(TrackingNames.BoundReceivers);

        // Whether a parameter's type takes its argument needs both types resolved, so this runs on every edit
        // too; a receiver that does not fit gets no thunk (its call would not compile) and the analyzer says why.
        var receiverFits = bound
            .Combine(schemas)
            .Combine(context.CompilationProvider)
            .Select(static (all, cancellationToken) => ReceiverFitChecker.Check(all.Left.Left, all.Left.Right, all.Right, cancellationToken))
            .WithTrackingName(TrackingNames.ReceiverFits);

        var callable = bound
            .Combine(receiverFits)
            .Select(static (pair, _) => Callable(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.CallableReceivers);

        // Each local schema's types and sender, one output per schema so editing one leaves the others cached.
        var uniqueLocalSchemas = schemas
            .SelectMany(static (set, _) => set.Local)
            .WithTrackingName(TrackingNames.UniqueLocalSchemas);
        context.RegisterSourceOutput(uniqueLocalSchemas, static (output, schema) =>
        {
            output.AddSource(schema.Namespace + ".SignalTypes.g.cs", SignalTypesEmitter.Emit(schema));
            output.AddSource(schema.Namespace + ".Signals.g.cs", SenderEmitter.Emit(schema));
        });

        context.RegisterSourceOutput(callable.Combine(project), static (output, pair) =>
        {
            if (!pair.Left.IsEmpty)
            {
                output.AddSource("SignalGen.ReceiverThunks.g.cs", ReceiverThunksEmitter.Emit(pair.Right, pair.Left));
            }

            foreach (var receiver in pair.Left)
            {
                if (receiver.Durable is not null)
                {
                    output.AddSource("SignalGen.DurableReceivers.g.cs", DurableReceiversEmitter.Emit(pair.Right, pair.Left));
                    break;
                }
            }
        });

        var inputs = callable.Combine(references).Combine(schemas).Combine(project)
            .Select(static (all, _) => (Bound: all.Left.Left.Left, References: all.Left.Left.Right, Schemas: all.Left.Right, Project: all.Right));

        var tables = inputs
            .Select(static (input, _) => DispatchPlanner.Plan(input.Bound, input.References, input.Schemas, input.Project))
            .SelectMany(static (tables, _) => tables)
            .WithTrackingName(TrackingNames.DispatchTables);
        context.RegisterSourceOutput(tables, static (output, table) =>
            output.AddSource(table.Schema.Namespace + ".DispatchTable.g.cs", DispatchTableEmitter.Emit(table)));

        var services = inputs
            .Select(static (input, _) => DispatchPlanner.PlanServices(input.Bound, input.References, input.Schemas, input.Project))
            .WithTrackingName(TrackingNames.ServiceRegistration);
        context.RegisterSourceOutput(services, static (output, model) =>
        {
            if (model is not null)
            {
                output.AddSource("SignalGen.ServiceRegistration.g.cs", ServiceRegistrationEmitter.Emit(model));
            }
        });
    }

    private static EquatableArray<BoundReceiverModel> Callable(EquatableArray<BoundReceiverModel> bound, EquatableArray<string> misfits)
    {
        if (misfits.IsEmpty)
        {
            return bound;
        }

        var kept = new List<BoundReceiverModel>(bound.Count);
        foreach (var receiver in bound)
        {
            if (!misfits.Contains(receiver.ThunkName))
            {
                kept.Add(receiver);
            }
        }

        return kept.ToEquatableArray();
    }

    private static bool IsExecutable(OutputKind kind) =>
        kind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication or OutputKind.WindowsRuntimeApplication;

    private static bool? ReadRootOverride(AnalyzerConfigOptions options) =>
        options.TryGetValue(RootProperty, out var value) && bool.TryParse(value, out var isRoot) ? isRoot : null;
}
