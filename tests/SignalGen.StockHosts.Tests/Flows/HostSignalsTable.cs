using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using SignalGen.StockHosts.Tests.Hosts;

namespace SignalGen.StockHosts.Tests.Flows;

/// <summary>
/// docs/identity.md's table "what each host's pages and endpoints send", made from what the flows observed: one row
/// per <see cref="FlowRow"/>, one column per host. Every observation of a row on a host (several flows, both
/// package lines) must agree; a row no flow of a host reaches is one that host does not offer.
/// </summary>
public static class HostSignalsTable
{
    public const string Begin = "<!-- stock-hosts:begin -->";
    public const string End = "<!-- stock-hosts:end -->";

    private static readonly (HostKind Host, string Title)[] Columns =
    [
        (HostKind.Razor, "Razor Pages (`webapp --auth Individual`)"),
        (HostKind.Blazor, "Blazor (`blazor --auth Individual`)"),
        (HostKind.Api, "API (`MapIdentityApi`)"),
    ];

    /// <summary>The Markdown table, or the disagreements that keep it from being one.</summary>
    public static (string Markdown, IReadOnlyList<string> Conflicts) Render(IEnumerable<(HostKind Host, string Run, ObservedStep Step)> observations)
    {
        var cells = new Dictionary<(FlowRow, HostKind), Dictionary<string, List<string>>>();
        foreach (var (host, run, step) in observations)
        {
            var key = (step.Row, host);
            if (!cells.TryGetValue(key, out var seen))
            {
                cells[key] = seen = [];
            }

            var text = Cell(step.Signals);
            if (!seen.TryGetValue(text, out var runs))
            {
                seen[text] = runs = [];
            }

            runs.Add(run);
        }

        var conflicts = cells.Where(cell => cell.Value.Count > 1)
            .Select(cell => $"'{cell.Key.Item1.Text()}' on {cell.Key.Item2}: " + string.Join("; ", cell.Value.Select(text => $"{text} (in {string.Join(", ", text.Value)})")))
            .ToList();

        // Lines end with \n whatever the platform: the test compares with the document read with \n endings.
        var markdown = new StringBuilder()
            .Append("| what the user does | " + string.Join(" | ", Columns.Select(column => column.Title)) + " |\n")
            .Append("|---|" + string.Concat(Columns.Select(_ => "---|")) + "\n");
        foreach (var row in FlowRows.All.Where(row => Columns.Any(column => cells.ContainsKey((row, column.Host)))))
        {
            markdown.Append($"| {row.Text()} | " + string.Join(" | ", Columns.Select(column =>
                cells.TryGetValue((row, column.Host), out var seen) ? string.Join(" / ", seen.Keys) : "not offered")) + " |\n");
        }

        return (markdown.ToString(), conflicts);
    }

    /// <summary>A step's signals in order; an authentication step names its method (and second factor); nothing is "—".</summary>
    public static string Cell(IReadOnlyList<JsonObject> signals) =>
        signals.Count == 0 ? "—" : string.Join(", ", signals.Select(Name));

    private static string Name(JsonObject entry)
    {
        var signal = (string)entry["signal"]!;
        var args = entry["args"]!;
        return signal switch
        {
            "AuthenticationStepCompleted" when args["step"]?["fields"] is JsonObject fields && (string?)args["method"] == "mfa" =>
                $"{signal} (mfa: {fields["type"]}{((bool?)fields["passwordless"] == true ? ", passwordless" : "")})",
            "AuthenticationStepCompleted" => $"{signal} ({args["method"]})",
            "EmailConfirmationSent" when (bool?)args["signup"] == true => $"{signal} (signup)",
            "UserSignedUp" or "UserLoggedIn" when args["socialLogin"]?["account"]?["provider"] is { } provider => $"{signal} (socialLogin: {provider})",
            "UserLoginFailed" => $"{signal} ({args["reason"]}{((bool?)args["lockedOut"] == true ? ", locked out now" : "")})",
            "AuthenticatorAdded" or "AuthenticatorRemoved" or "AuthenticatorReset" or "AuthenticatorUsed" or "AuthenticationFailed" =>
                $"{signal} ({args["authenticator"]?["type"]}{((bool?)args["passwordless"] == true ? ", passwordless" : "")})",
            _ => signal,
        };
    }

    /// <summary><paramref name="document"/> with <paramref name="table"/> between the markers.</summary>
    public static string Replace(string document, string table)
    {
        var (start, end) = Markers(document);
        return document[..(start + Begin.Length)] + "\n" + table + document[end..];
    }

    /// <summary>What stands between the markers now.</summary>
    public static string Current(string document)
    {
        var (start, end) = Markers(document);
        return document[(start + Begin.Length)..end].TrimStart('\n');
    }

    private static (int Start, int End) Markers(string document)
    {
        var start = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        return start >= 0 && end > start
            ? (start, end)
            : throw new InvalidOperationException($"docs/identity.md has no '{Begin}' ... '{End}' section for the table.");
    }
}
