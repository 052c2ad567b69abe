using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Xunit.Sdk;

namespace SignalGen.Generator.Tests.Infrastructure;

/// <summary>
/// What every generator run of the harness is held to: run again on a clone of its compilation, with the
/// same additional files and options, the generator must produce the same sources and diagnostics without
/// recomputing anything, and none of its pipeline values may hold a compiler object.
/// </summary>
/// <remarks>
/// <para>
/// A clone is a new <see cref="Compilation"/> object holding the same syntax trees and references: what an
/// IDE hands the generator after an edit that changed nothing the generator reads. Each step built on
/// <c>CompilationProvider</c> therefore runs again (its input is a new object) and must produce a value
/// equal to the first run's (<see cref="IncrementalStepRunReason.Unchanged"/>), so that the steps after it
/// do not run (<see cref="IncrementalStepRunReason.Cached"/>). Every step named in <see cref="TrackingNames"/>
/// must be one or the other. Anything else (<c>Modified</c>, <c>New</c>, <c>Removed</c>) means a model that
/// does not compare by value, or one that depends on the compilation's identity.
/// </para>
/// <para>
/// Source outputs are held to the same, with one exception made in the open: an output given the
/// compilation itself (SignalGen's SGEN0101 report, which looks the receiver's location up only when it
/// reports) runs on every new compilation by design. For every output, what it produced is compared too:
/// the same sources and diagnostics on both runs.
/// </para>
/// <para>
/// Compiler objects are looked for in the first run's step outputs, where every value is new.
/// </para>
/// </remarks>
internal static class CachingCheck
{
    /// <summary>Every step name the generator declares, read from <see cref="TrackingNames"/> so none is forgotten.</summary>
    public static ImmutableArray<string> GeneratorStepNames { get; } =
        typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToImmutableArray();

    /// <summary>
    /// Fails unless <paramref name="second"/> (the driver of <paramref name="first"/> run again on a clone of
    /// its compilation) produced what <paramref name="first"/> did, with each of <paramref name="stepNames"/>
    /// that ran only <c>Cached</c> or <c>Unchanged</c> (source outputs too, but one given the compilation), and
    /// unless no step output of the first run holds a compiler object.
    /// </summary>
    public static void AssertCachedOnClone(GeneratorRun first, GeneratorRun second, IEnumerable<string> stepNames)
    {
        var problems = new List<string>();
        var firstResult = first.Result;
        var secondResult = second.Result;

        if (firstResult.Exception is { } thrown)
        {
            throw new XunitException("Caching cannot be checked: the generator threw on the first run: " + thrown);
        }

        if (secondResult.Exception is { } thrownAgain)
        {
            throw new XunitException("The generator ran cleanly on the compilation but threw on its clone: " + thrownAgain);
        }

        CompareProducts(first, second, problems);

        // A step that produced something on the first run and was not tracked on the second would pass unchecked.
        // (A step left with nothing, its outputs all Removed, may well go untracked when run again: nothing to record.)
        foreach (var name in stepNames.Where(name => !secondResult.TrackedSteps.ContainsKey(name) && Produced(firstResult, name)))
        {
            problems.Add($"  Step {name}: produced outputs on the first run but was not tracked on the second, so its caching cannot be checked.");
        }

        problems.AddRange(FindUncachedSteps(secondResult, stepNames));
        problems.AddRange(FindRerunSourceOutputs(secondResult));
        problems.AddRange(FindCompilerObjectsInSteps(firstResult, stepNames));

        if (problems.Count > 0)
        {
            throw new XunitException(
                "The generator is not cached when run again on a clone of the same compilation (same additional files and options):"
                + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }
    }

    private static bool Produced(GeneratorRunResult result, string name) =>
        result.TrackedSteps.TryGetValue(name, out var steps)
        && steps.Any(step => step.Outputs.Any(output => output.Reason != IncrementalStepRunReason.Removed));

    /// <summary>
    /// One line per output of a named step that is neither <c>Cached</c> nor <c>Unchanged</c>, naming the
    /// step, the output, its reason and the reasons of the step's inputs.
    /// </summary>
    public static List<string> FindUncachedSteps(GeneratorRunResult result, IEnumerable<string> stepNames)
    {
        var problems = new List<string>();
        foreach (var name in stepNames)
        {
            if (!result.TrackedSteps.TryGetValue(name, out var steps))
            {
                continue; // The step did not run in this project (e.g. no schema): nothing to hold it to.
            }

            foreach (var step in steps)
            {
                for (var index = 0; index < step.Outputs.Length; index++)
                {
                    var (value, reason) = step.Outputs[index];
                    if (reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)
                    {
                        continue;
                    }

                    problems.Add(
                        $"  Step {name}, output {index} of {step.Outputs.Length}: {reason} on the second run, expected Cached or Unchanged "
                        + $"({Why(reason)}). Inputs: {DescribeInputs(step)}. Value: {Describe(value)}");
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// One line per source output that ran again though it does not take the compilation itself: its input
    /// (an unnamed step between it and the named ones) was recomputed to a different value.
    /// </summary>
    /// <remarks>
    /// A source output given the compilation (<c>x.Combine(context.CompilationProvider)</c>) runs on every new
    /// compilation by design; it is recognised by its input value holding the <see cref="Compilation"/>, and
    /// what it produces is compared instead.
    /// </remarks>
    public static List<string> FindRerunSourceOutputs(GeneratorRunResult result)
    {
        var problems = new List<string>();
        foreach (var (name, steps) in result.TrackedOutputSteps)
        {
            for (var index = 0; index < steps.Length; index++)
            {
                var step = steps[index];
                var reasons = step.Outputs.Select(output => output.Reason).Distinct().ToList();
                if (reasons.TrueForAll(reason => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)
                    || step.Inputs.Any(input => TakesCompilation(input.Source.Outputs[input.OutputIndex].Value)))
                {
                    continue;
                }

                problems.Add(
                    $"  {name} {index} of {steps.Length}: {string.Join("/", reasons)} on the second run, expected Cached or Unchanged "
                    + $"(only a source output given the compilation itself may run again). Inputs: {DescribeInputs(step)}.");
            }
        }

        return problems;
    }

    private static bool TakesCompilation(object? value) =>
        value is Compilation || (value is ITuple tuple && Enumerable.Range(0, tuple.Length).Any(i => TakesCompilation(tuple[i])));

    /// <summary>
    /// One line per compiler object found in the outputs of the named steps and of every source output
    /// (a source output's own diagnostics aside: they are its product, made in the output callback).
    /// </summary>
    public static List<string> FindCompilerObjectsInSteps(GeneratorRunResult result, IEnumerable<string> stepNames)
    {
        var problems = new List<string>();
        foreach (var name in stepNames)
        {
            if (result.TrackedSteps.TryGetValue(name, out var steps))
            {
                foreach (var (value, _) in steps.SelectMany(step => step.Outputs))
                {
                    problems.AddRange(FindCompilerObjects(value, "Step " + name));
                }
            }
        }

        foreach (var (name, steps) in result.TrackedOutputSteps)
        {
            foreach (var (value, _) in steps.SelectMany(step => step.Outputs))
            {
                var produced = value is ITuple { Length: 2 } pair && pair[1] is ImmutableArray<Diagnostic> ? pair[0] : value;
                problems.AddRange(FindCompilerObjects(produced, "Output " + name));
            }
        }

        return problems.Select(problem => "  Holds a compiler object: " + problem).ToList();
    }

    /// <summary>
    /// Walks <paramref name="value"/> through tuples, collections (<c>EquatableArray</c> included) and every
    /// instance field of anything else (a record's properties are its fields), and lists each compiler
    /// object found: a symbol, syntax, tree, compilation, semantic model, location, diagnostic or attribute data.
    /// </summary>
    public static List<string> FindCompilerObjects(object? value, string path = "value")
    {
        var problems = new List<string>();
        Walk(value, path, new HashSet<object>(ReferenceEqualityComparer.Instance), problems, depth: 0);
        return problems;
    }

    private static void CompareProducts(GeneratorRun first, GeneratorRun second, List<string> problems)
    {
        var before = first.Sources;
        var after = second.Sources;
        foreach (var hintName in before.Select(s => s.HintName).Union(after.Select(s => s.HintName), StringComparer.Ordinal))
        {
            var old = before.Where(s => s.HintName == hintName).Select(s => s.Text).FirstOrDefault();
            var now = after.Where(s => s.HintName == hintName).Select(s => s.Text).FirstOrDefault();
            if (old is null)
            {
                problems.Add($"  Source {hintName}: generated only on the second run.");
            }
            else if (now is null)
            {
                problems.Add($"  Source {hintName}: generated only on the first run.");
            }
            else if (!string.Equals(old, now, StringComparison.Ordinal))
            {
                problems.Add($"  Source {hintName}: differs on the second run.");
            }
        }

        var diagnosticsBefore = Describe(first.Result.Diagnostics.AddRange(first.DriverDiagnostics));
        var diagnosticsAfter = Describe(second.Result.Diagnostics.AddRange(second.DriverDiagnostics));
        if (!diagnosticsBefore.SequenceEqual(diagnosticsAfter, StringComparer.Ordinal))
        {
            problems.Add(
                "  Diagnostics differ on the second run. First:" + Environment.NewLine + string.Join(Environment.NewLine, diagnosticsBefore)
                + Environment.NewLine + "  Second:" + Environment.NewLine + string.Join(Environment.NewLine, diagnosticsAfter));
        }
    }

    private static List<string> Describe(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics
            .Select(d => $"    {d.Id} {d.Severity} {d.Location.GetLineSpan()}: {d.GetMessage(CultureInfo.InvariantCulture)}")
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Why(IncrementalStepRunReason reason) => reason switch
    {
        IncrementalStepRunReason.Modified => "it ran and its value differs from the first run's: a model that does not compare by value, or that depends on the compilation's identity",
        IncrementalStepRunReason.New => "an item the first run did not have",
        IncrementalStepRunReason.Removed => "an item of the first run went away",
        _ => reason.ToString(),
    };

    // Each input as "Name Reason"; an unnamed one (a Select or Combine without a tracking name) with its own inputs.
    private static string DescribeInputs(IncrementalGeneratorRunStep step, int depth = 0)
    {
        if (step.Inputs.IsEmpty)
        {
            return "none";
        }

        return string.Join(", ", step.Inputs.Select(input =>
        {
            var reason = input.OutputIndex < input.Source.Outputs.Length ? input.Source.Outputs[input.OutputIndex].Reason.ToString() : "?";
            return input.Source.Name is { } name
                ? name + " " + reason
                : "(unnamed) " + reason + (depth < 3 ? " <- [" + DescribeInputs(input.Source, depth + 1) + "]" : "");
        }));
    }

    private static string Describe(object? value)
    {
        var text = value is null ? "null" : value.GetType().Name + " " + value;
        text = text.ReplaceLineEndings(" ");
        return text.Length > 200 ? text.Substring(0, 200) + "..." : text;
    }

    private static void Walk(object? value, string path, HashSet<object> visited, List<string> problems, int depth)
    {
        if (value is null)
        {
            return;
        }

        var type = value.GetType();
        if (value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location or Diagnostic
            or SyntaxToken or SyntaxTrivia or SyntaxReference or AttributeData or TypedConstant or SyntaxNodeOrToken)
        {
            problems.Add($"{path}: {type.FullName}");
            return;
        }

        if (type.IsPrimitive || type.IsEnum || type.IsPointer || value is string or decimal or Type or MemberInfo
            || type.Namespace == "Microsoft.CodeAnalysis.Text")
        {
            return;
        }

        if (depth > 40)
        {
            problems.Add($"{path}: nested deeper than 40 levels ({type.FullName})");
            return;
        }

        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is Delegate callback)
        {
            Walk(callback.Target, path + ".Target", visited, problems, depth + 1);
            return;
        }

        if (value is ITuple tuple)
        {
            for (var i = 0; i < tuple.Length; i++)
            {
                Walk(tuple[i], $"{path}.Item{i + 1}", visited, problems, depth + 1);
            }

            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>)
            && (bool)type.GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(value)!)
        {
            return;
        }

        if (value is IEnumerable items)
        {
            var index = 0;
            foreach (var item in items)
            {
                Walk(item, $"{path}[{index++}]", visited, problems, depth + 1);
            }

            return;
        }

        for (var declaring = type; declaring is not null && declaring != typeof(object); declaring = declaring.BaseType)
        {
            foreach (var field in declaring.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), $"{path}.{FieldName(field)}", visited, problems, depth + 1);
            }
        }
    }

    // "<Schema>k__BackingField" reads as the property it stores.
    private static string FieldName(FieldInfo field)
    {
        var name = field.Name;
        return name.StartsWith('<') && name.IndexOf('>', StringComparison.Ordinal) is > 1 and var end ? name.Substring(1, end - 1) : name;
    }
}
