using System;
using System.Collections.Generic;

namespace SignalGen.Diagnostics;

/// <summary>Suggests the name a mistyped one most likely meant: a signal, or an argument type.</summary>
internal static class ClosestName
{
    /// <summary>
    /// The name in <paramref name="names"/> closest to <paramref name="written"/>: one differing only in
    /// case, else the smallest edit distance within a third of the name's length (at least 2).
    /// </summary>
    public static string? Find(string written, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (string.Equals(name, written, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        var limit = Math.Max(2, written.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in names)
        {
            var distance = EditDistance(written.ToUpperInvariant(), name.ToUpperInvariant());
            if (distance <= limit && distance < bestDistance)
            {
                best = name;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions each cost one.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
