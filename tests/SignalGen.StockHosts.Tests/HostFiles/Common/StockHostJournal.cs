using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace StockHosts;

/// <summary>
/// The acceptance tests' record of what the app sent: one JSON line per signal (or mail) in the file an environment
/// variable names, tagged with the X-StockHosts-Test header of the request it happened in, so tests that share the
/// app read only their own lines.
/// </summary>
public static class StockHostJournal
{
    public const string TestHeader = "X-StockHosts-Test";

    private static readonly object Gate = new();

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string? TagOf(HttpContext? request) =>
        request is not null && request.Request.Headers.TryGetValue(TestHeader, out var tag) ? tag.ToString() : null;

    /// <summary>Appends a line to the file named by <paramref name="variable"/>; nothing when it is not set.</summary>
    public static void Append(string variable, string? tag, JsonObject entry)
    {
        if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } path)
        {
            return;
        }

        entry["test"] = tag;
        var line = entry.ToJsonString(Json) + "\n";
        lock (Gate)
        {
            File.AppendAllText(path, line);
        }
    }

    /// <summary>
    /// GET /stockhosts/mark writes a mark line: a test reads its lines up to its mark, so it knows every signal of its
    /// earlier requests on the same connection is already written, even one sent when a request completed.
    /// </summary>
    public static void MapStockHostJournal(this IEndpointRouteBuilder app) =>
        app.MapGet("/stockhosts/mark", (HttpContext context, string id) =>
        {
            Append("STOCKHOSTS_JOURNAL", TagOf(context), new JsonObject { ["mark"] = id });
            return Results.Text(id);
        });
}
