using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace SignalGen.StockHosts.Tests.Flows;

/// <summary>The signals one step of a flow sent, in order, and the assertion that they are exactly the expected ones.</summary>
public sealed class StepSignals(FlowSession session, FlowRow row, IReadOnlyList<JsonObject> observed, DateTimeOffset started, DateTimeOffset ended)
{
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(2);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Asserts the step sent exactly <paramref name="expected"/>, in this order; none means it sent nothing.</summary>
    public void Are(params JsonObject[] expected)
    {
        var differences = new List<string>();
        if (expected.Length != observed.Count)
        {
            differences.Add($"expected {expected.Length} signals ({Names(expected)}), observed {observed.Count} ({Names(observed)})");
        }

        for (var i = 0; i < Math.Min(expected.Length, observed.Count); i++)
        {
            Compare(expected[i], observed[i], $"[{i}]", differences);
        }

        if (differences.Count > 0)
        {
            Assert.Fail(
                $"{session.Describe()}: step '{row.Text()}' sent other signals than expected:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", differences)
                + $"{Environment.NewLine}Expected:{Environment.NewLine}{Render(expected)}{Environment.NewLine}Observed:{Environment.NewLine}{Render(observed)}"
                + Environment.NewLine + session.Diagnostics());
        }
    }

    /// <summary>The one user argument of the first observed signal: how a test learns the id Identity gave a new user.</summary>
    public UserRef UserOfFirst()
    {
        Assert.True(observed.Count > 0, $"{session.Describe()}: step '{row.Text()}' sent nothing; a signal with the user was expected.{Environment.NewLine}{session.Diagnostics()}");
        var user = observed[0]["args"]?["user"];
        Assert.True(user is JsonObject, $"{session.Describe()}: the first signal of '{row.Text()}' has no user: {observed[0].ToJsonString()}");
        return new UserRef((string)user!["id"]!, (string?)user["userName"] ?? "", (string?)user["email"] ?? "");
    }

    /// <summary>The id of the authenticator argument of the <paramref name="index"/>th observed signal: how a test learns the id SignalGen.Identity gave it.</summary>
    public string AuthenticatorIdOf(int index)
    {
        var id = index < observed.Count ? (string?)observed[index]["args"]?["authenticator"]?["id"] : null;
        Assert.True(!string.IsNullOrEmpty(id), $"{session.Describe()}: signal {index} of '{row.Text()}' has no authenticator id.{Environment.NewLine}{session.Diagnostics()}");
        return id!;
    }

    private void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected)
        {
            case JsonValue value when value.TryGetValue<string>(out var text) && text == ExpectedSignal.NonEmpty:
                if (actual is not JsonValue actualValue || !actualValue.TryGetValue<string>(out var actualText) || actualText.Length == 0)
                {
                    differences.Add($"{path}: expected a non-empty string, observed {Show(actual)}");
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && text == ExpectedSignal.Recent:
                if (actual is not JsonValue sent || !sent.TryGetValue<string>(out var sentText)
                    || !DateTimeOffset.TryParse(sentText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
                    || time < started - ClockSlack || time > ended + ClockSlack)
                {
                    differences.Add($"{path}: expected a time between {started:O} and {ended:O}, observed {Show(actual)}");
                }

                break;
            case JsonObject expectedObject:
                if (actual is not JsonObject actualObject)
                {
                    differences.Add($"{path}: expected an object, observed {Show(actual)}");
                    break;
                }

                foreach (var (key, value) in expectedObject)
                {
                    if (!actualObject.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key}: missing");
                    }
                    else
                    {
                        Compare(value, actualObject[key], $"{path}.{key}", differences);
                    }
                }

                foreach (var (key, value) in actualObject)
                {
                    if (key != "test" && !expectedObject.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key}: not expected, observed {Show(value)}");
                    }
                }

                break;
            case JsonArray expectedArray:
                if (actual is not JsonArray actualArray || actualArray.Count != expectedArray.Count)
                {
                    differences.Add($"{path}: expected {Show(expectedArray)}, observed {Show(actual)}");
                    break;
                }

                for (var i = 0; i < expectedArray.Count; i++)
                {
                    Compare(expectedArray[i], actualArray[i], $"{path}[{i}]", differences);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    differences.Add($"{path}: expected {Show(expected)}, observed {Show(actual)}");
                }

                break;
        }
    }

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static string Names(IEnumerable<JsonObject> entries) => string.Join(", ", entries.Select(entry => (string?)entry["signal"]));

    private static string Render(IEnumerable<JsonObject> entries) =>
        string.Join(Environment.NewLine, entries.Select(entry => entry.ToJsonString(Indented)));
}
