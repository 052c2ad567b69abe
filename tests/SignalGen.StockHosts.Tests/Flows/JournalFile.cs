using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace SignalGen.StockHosts.Tests.Flows;

/// <summary>A JSON-lines file the app appends to (the signal journal, the captured mail), read by one flow's tag.</summary>
public sealed class JournalFile(string? path)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Every whole line the app has written for <paramref name="tag"/>, in order.</summary>
    public IReadOnlyList<JsonObject> Read(string tag)
    {
        if (path is null || !File.Exists(path))
        {
            return [];
        }

        string text;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream))
        {
            text = reader.ReadToEnd();
        }

        // A line still being written has no newline yet: it is read next time.
        var complete = text[..(text.LastIndexOf('\n') + 1)];
        return complete.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => (JsonObject)JsonNode.Parse(line)!)
            .Where(entry => (string?)entry["test"] == tag)
            .ToList();
    }

    /// <summary>Waits until <paramref name="found"/> picks something from the tag's lines, or fails after <paramref name="timeout"/>.</summary>
    public async Task<T> WaitForAsync<T>(string tag, Func<IReadOnlyList<JsonObject>, T?> found, TimeSpan timeout, Func<string> describe, CancellationToken cancellationToken)
        where T : class
    {
        using var timer = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        while (true)
        {
            if (found(Read(tag)) is { } result)
            {
                return result;
            }

            try
            {
                await Task.Delay(PollInterval, linked.Token);
            }
            catch (OperationCanceledException) when (timer.IsCancellationRequested)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds} s for {describe()} in {path}.");
            }
        }
    }
}
