using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace SignalGen.Generator.Tests.Snapshots;

/// <summary>
/// Golden-file (snapshot) assertions for generated source text.
/// </summary>
/// <remarks>
/// <para>
/// The Verify library is not available from this machine's package registry, so this is a small
/// stand-in that deliberately follows Verify's file conventions: golden files sit beside the test
/// source as <c>{TestClass}.{TestMethod}#{HintName}.verified.cs</c> (or
/// <c>{TestClass}.{TestMethod}.verified.cs</c> for a single unnamed file), and a mismatch leaves a
/// matching <c>.received.cs</c> file. Moving to Verify later should then need no renaming of
/// golden files.
/// </para>
/// <para>
/// To accept new output, set the environment variable <c>SIGNALGEN_ACCEPT_SNAPSHOTS=1</c> and rerun,
/// or copy the <c>.received.cs</c> files over the <c>.verified.cs</c> files.
/// Received files are scratch output and should not be committed.
/// </para>
/// </remarks>
internal static class GoldenFiles
{
    /// <summary>
    /// The environment variable that, when <c>1</c> or <c>true</c>, makes assertions write the
    /// verified files instead of failing.
    /// </summary>
    public const string AcceptVariable = "SIGNALGEN_ACCEPT_SNAPSHOTS";

    private const string VerifiedSuffix = ".verified.cs";
    private const string ReceivedSuffix = ".received.cs";

    // Lines of unchanged text shown around each change: enough to locate it, short enough to read.
    private const int ContextLines = 2;

    // Total diff/preview lines across one failure message; file paths are always listed on top of this,
    // so a huge diff cannot hide the other failures.
    private const int MaxBodyLines = 200;

    // How much of a brand-new file to show when there is no verified file to diff against.
    private const int MissingPreviewLines = 40;

    private const string AcceptHint =
        "To accept: set " + AcceptVariable + "=1 and rerun, or copy the .received.cs files over the .verified.cs files.";

    // UTF-8 without a BOM, so golden files diff cleanly in any editor or code review.
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    // Characters that are unsafe in a file name on some OS; Roslyn hint names may contain '/' or '\'.
    private static readonly char[] UnsafeNameChars = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

    /// <summary>
    /// Asserts that each of <paramref name="files"/> matches its golden file beside the calling test's
    /// source file, and fails the test listing every difference.
    /// </summary>
    /// <param name="testClass">The test class name, normally <c>nameof(MyTests)</c>.</param>
    /// <param name="files">
    /// The produced files as (hint name, text) pairs, e.g. generated sources as <c>("Foo.g.cs", text)</c>.
    /// A single entry with an empty name stands for one unnamed file.
    /// </param>
    /// <param name="testFile">The calling test's source path; filled in by the compiler.</param>
    /// <param name="testName">
    /// The calling test's name; filled in by the compiler. A theory must pass a distinct value per case,
    /// or its cases would share (and fight over) the same golden files.
    /// </param>
    /// <exception cref="XunitException">A file differs, has no verified file, or a verified file is no longer produced.</exception>
    /// <remarks>
    /// When the environment variable <see cref="AcceptVariable"/> is <c>1</c> or <c>true</c>, the verified
    /// files are written instead and the assertion passes.
    /// </remarks>
    public static void AssertMatches(
        string testClass,
        IReadOnlyList<(string Name, string Text)> files,
        [CallerFilePath] string testFile = "",
        [CallerMemberName] string testName = "")
    {
        AssertMatches(testClass, files, IsAcceptRequested(Environment.GetEnvironmentVariable(AcceptVariable)), testFile, testName);
    }

    /// <summary>
    /// Asserts like <see cref="AssertMatches(string, IReadOnlyList{ValueTuple{string, string}}, string, string)"/>,
    /// with accept mode given explicitly rather than read from the environment.
    /// </summary>
    /// <param name="testClass">The test class name used in the golden file names.</param>
    /// <param name="files">The produced files as (hint name, text) pairs.</param>
    /// <param name="accept">When true, write the verified files instead of failing.</param>
    /// <param name="testFile">A source path whose folder holds the golden files.</param>
    /// <param name="testName">The test name used in the golden file names.</param>
    /// <remarks>Exists so the helper's own tests need not mutate process-wide environment variables.</remarks>
    internal static void AssertMatches(
        string testClass,
        IReadOnlyList<(string Name, string Text)> files,
        bool accept,
        string testFile,
        string testName)
    {
        ArgumentNullException.ThrowIfNull(files);
        string directory = ResolveDirectory(testFile);
        string prefix = ValidatePart(testClass, nameof(testClass)) + "." + ValidatePart(testName, nameof(testName));
        List<Target> targets = ResolveTargets(directory, prefix, files);

        StringComparer pathComparer = FileNameComparer();
        HashSet<string> produced = new(targets.Select(t => t.VerifiedPath), pathComparer);

        // Received files always describe the latest run only: drop every leftover from earlier runs
        // (including names no longer produced) before writing this run's mismatches.
        foreach (string received in OwnedFiles(directory, prefix, ReceivedSuffix))
        {
            File.Delete(received);
        }

        List<string> failures = [];
        int budget = MaxBodyLines;

        foreach (Target target in targets)
        {
            string received = Normalize(target.Text);
            string? verified = File.Exists(target.VerifiedPath)
                ? Normalize(File.ReadAllText(target.VerifiedPath))
                : null;

            // Compare normalized text on both sides: a checkout may have turned LF into CRLF.
            if (verified is not null && string.Equals(verified, received, StringComparison.Ordinal))
            {
                continue;
            }

            if (accept)
            {
                File.WriteAllText(target.VerifiedPath, received, Utf8NoBom);
                continue;
            }

            File.WriteAllText(target.ReceivedPath, received, Utf8NoBom);
            failures.Add(verified is null
                ? DescribeMissing(target, received, ref budget)
                : DescribeMismatch(target, verified, received, ref budget));
        }

        foreach (string stale in OwnedFiles(directory, prefix, VerifiedSuffix).Where(p => !produced.Contains(p)))
        {
            if (accept)
            {
                File.Delete(stale);
            }
            else
            {
                failures.Add($"Verified file is no longer produced: {stale}{Environment.NewLine}  Delete it if the output was removed on purpose.");
            }
        }

        if (failures.Count > 0)
        {
            StringBuilder message = new();
            message.Append("Snapshot mismatch for ").Append(prefix).Append(" (").Append(failures.Count)
                .Append(failures.Count == 1 ? " problem" : " problems").AppendLine("):");
            foreach (string failure in failures)
            {
                message.AppendLine().AppendLine(failure);
            }

            message.AppendLine().Append(AcceptHint);
            throw new XunitException(message.ToString());
        }
    }

    /// <summary>Tells whether an accept-mode environment value asks for accepting: <c>1</c> or <c>true</c>, any case.</summary>
    /// <param name="value">The environment variable's value, or null when unset.</param>
    /// <returns>True when the value asks for accept mode.</returns>
    internal static bool IsAcceptRequested(string? value)
    {
        string trimmed = value?.Trim() ?? string.Empty;
        return trimmed == "1" || string.Equals(trimmed, "true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Normalizes text for comparison and storage: every line ending becomes LF, trailing whitespace on
    /// lines is kept, and the text ends in exactly one LF.
    /// </summary>
    /// <param name="text">The text to normalize.</param>
    /// <returns>The normalized text.</returns>
    internal static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string lf = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return lf.TrimEnd('\n') + "\n";
    }

    private static string ResolveDirectory(string testFile)
    {
        string? directory = string.IsNullOrEmpty(testFile) ? null : Path.GetDirectoryName(testFile);
        if (string.IsNullOrEmpty(directory))
        {
            throw new ArgumentException("The test source path is empty or has no folder; let the compiler fill it in.", nameof(testFile));
        }

        // Golden files are found through the compile-time source path. If it does not exist here, the
        // build probably mapped source paths (PathMap or deterministic source paths), and creating the
        // folder would scatter golden files where nobody looks.
        if (!Directory.Exists(directory))
        {
            throw new InvalidOperationException(
                $"The test source folder '{directory}' does not exist. Golden files are kept beside the test source, " +
                "so tests must run where they were built, without source path mapping.");
        }

        return directory;
    }

    private static string ValidatePart(string value, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(value) || value.IndexOfAny(UnsafeNameChars) >= 0 || value.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{value}' cannot be used in a golden file name.", parameterName);
        }

        return value;
    }

    private static List<Target> ResolveTargets(string directory, string prefix, IReadOnlyList<(string Name, string Text)> files)
    {
        if (files.Count == 1 && files[0].Name.Length == 0)
        {
            string basePath = Path.Combine(directory, prefix);
            return [new Target(files[0].Name, files[0].Text, basePath + VerifiedSuffix, basePath + ReceivedSuffix)];
        }

        List<Target> targets = new(files.Count);
        HashSet<string> seen = new(FileNameComparer());
        foreach ((string name, string text) in files)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("Only a lone file may have an empty name; name every file when there are several.", nameof(files));
            }

            ArgumentNullException.ThrowIfNull(text, nameof(files));

            // "Foo.g.cs" becomes "Foo.g", so the golden file reads "Class.Method#Foo.g.verified.cs" as in Verify.
            string stem = name.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
            foreach (char c in UnsafeNameChars)
            {
                stem = stem.Replace(c, '_');
            }

            string basePath = Path.Combine(directory, prefix + "#" + stem);
            if (!seen.Add(basePath))
            {
                throw new ArgumentException($"Two files map to the same golden file name '{prefix}#{stem}'; file names must be unique.", nameof(files));
            }

            targets.Add(new Target(name, text, basePath + VerifiedSuffix, basePath + ReceivedSuffix));
        }

        return targets;
    }

    // Every file of one suffix that belongs to this test: the unnamed form and all named forms.
    private static List<string> OwnedFiles(string directory, string prefix, string suffix)
    {
        StringComparison comparison = FileNameComparison();
        List<string> owned = [];

        // Filter by hand rather than with a search pattern, whose wildcard rules differ across platforms.
        foreach (string path in Directory.EnumerateFiles(directory, "*" + suffix))
        {
            string fileName = Path.GetFileName(path);
            if (string.Equals(fileName, prefix + suffix, comparison)
                || (fileName.StartsWith(prefix + "#", comparison) && fileName.EndsWith(suffix, comparison)))
            {
                owned.Add(path);
            }
        }

        owned.Sort(StringComparer.Ordinal);
        return owned;
    }

    // Case-insensitive where the file system usually is, so a hint name whose case changed is not
    // mistaken for a stale file (and deleted right after being written) on Windows or macOS.
    private static StringComparison FileNameComparison() =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static StringComparer FileNameComparer() =>
        FileNameComparison() == StringComparison.OrdinalIgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static string DescribeMissing(Target target, string received, ref int budget)
    {
        string[] lines = SplitLines(received);
        StringBuilder text = new();
        text.Append("Verified file is missing: ").AppendLine(target.VerifiedPath);
        text.Append("  Received ").Append(lines.Length).Append(lines.Length == 1 ? " line" : " lines")
            .Append(", written to: ").AppendLine(target.ReceivedPath);

        int shown = Math.Min(lines.Length, Math.Min(MissingPreviewLines, budget));
        budget -= shown;
        for (int i = 0; i < shown; i++)
        {
            text.Append("+ ").AppendLine(lines[i]);
        }

        if (shown < lines.Length)
        {
            text.Append("  ... ").Append(lines.Length - shown).AppendLine(" more lines in the received file");
        }

        return TrimFinalNewLine(text);
    }

    private static string DescribeMismatch(Target target, string verified, string received, ref int budget)
    {
        StringBuilder text = new();
        text.Append("Received text differs from: ").AppendLine(target.VerifiedPath);
        text.Append("  Received file: ").AppendLine(target.ReceivedPath);
        text.AppendLine("--- verified");
        text.AppendLine("+++ received");

        List<string> diff = UnifiedDiff(verified, received);
        int shown = Math.Min(diff.Count, budget);
        budget -= shown;
        for (int i = 0; i < shown; i++)
        {
            text.AppendLine(diff[i]);
        }

        if (shown < diff.Count)
        {
            text.Append("  ... ").Append(diff.Count - shown).AppendLine(" more diff lines omitted; compare the files directly");
        }

        // Whitespace-only changes look identical in a diff, so say so rather than leave the reader puzzled.
        if (string.Equals(WithoutWhiteSpace(verified), WithoutWhiteSpace(received), StringComparison.Ordinal))
        {
            text.AppendLine("  Note: the texts differ only in whitespace (trailing spaces, tabs or blank lines).");
        }

        return TrimFinalNewLine(text);
    }

    /// <summary>
    /// Builds unified-style diff lines ("- ", "+ ", "  ") between two normalized texts, showing only
    /// changed lines with <see cref="ContextLines"/> lines of context, in hunks headed by "@@ -a,b +c,d @@".
    /// </summary>
    /// <param name="verified">The expected (old) text.</param>
    /// <param name="received">The actual (new) text.</param>
    /// <returns>The diff lines, empty when the texts are equal line by line.</returns>
    internal static List<string> UnifiedDiff(string verified, string received)
    {
        // Both texts end in one LF; dropping it keeps the line splitter from adding an empty last line.
        // Whitespace is significant: generated code that differs only in spacing should still fail.
        DiffPaneModel model = InlineDiffBuilder.Diff(
            verified.TrimEnd('\n'), received.TrimEnd('\n'), ignoreWhiteSpace: false, ignoreCase: false);

        List<(char Mark, string Text, int OldLine, int NewLine)> rows = [];
        int oldLine = 1;
        int newLine = 1;
        foreach (DiffPiece piece in model.Lines)
        {
            switch (piece.Type)
            {
                case ChangeType.Unchanged:
                    rows.Add((' ', piece.Text ?? string.Empty, oldLine++, newLine++));
                    break;
                case ChangeType.Deleted:
                    rows.Add(('-', piece.Text ?? string.Empty, oldLine++, newLine));
                    break;
                case ChangeType.Inserted:
                case ChangeType.Modified:
                    rows.Add(('+', piece.Text ?? string.Empty, oldLine, newLine++));
                    break;
                default:
                    // Imaginary lines are padding for side-by-side views and carry no text.
                    break;
            }
        }

        List<string> output = [];
        int index = 0;
        while (index < rows.Count)
        {
            int firstChange = rows.FindIndex(index, r => r.Mark != ' ');
            if (firstChange < 0)
            {
                break;
            }

            // Grow the hunk while the next change is close enough that the contexts would touch.
            int start = Math.Max(index, firstChange - ContextLines);
            int lastChange = firstChange;
            for (int i = firstChange + 1; i < rows.Count && i <= lastChange + (2 * ContextLines) + 1; i++)
            {
                if (rows[i].Mark != ' ')
                {
                    lastChange = i;
                }
            }

            int end = Math.Min(rows.Count - 1, lastChange + ContextLines);
            int oldCount = 0;
            int newCount = 0;
            for (int i = start; i <= end; i++)
            {
                oldCount += rows[i].Mark != '+' ? 1 : 0;
                newCount += rows[i].Mark != '-' ? 1 : 0;
            }

            output.Add($"@@ -{rows[start].OldLine},{oldCount} +{rows[start].NewLine},{newCount} @@");
            for (int i = start; i <= end; i++)
            {
                output.Add(rows[i].Mark + " " + rows[i].Text);
            }

            index = end + 1;
        }

        return output;
    }

    // Only the final line break goes: trailing spaces of the last diff line are part of the diff.
    private static string TrimFinalNewLine(StringBuilder text) => text.ToString().TrimEnd('\r', '\n');

    private static string WithoutWhiteSpace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static string[] SplitLines(string normalized) => normalized.TrimEnd('\n').Split('\n');

    private sealed record Target(string Name, string Text, string VerifiedPath, string ReceivedPath);
}
