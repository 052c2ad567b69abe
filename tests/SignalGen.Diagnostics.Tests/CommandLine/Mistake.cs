using System;
using System.Collections.Generic;

namespace SignalGen.Diagnostics.Tests.CommandLine;

/// <summary>
/// One mistake a user makes: which starting project, the one edit that makes it, and where the first
/// error of <c>dotnet build</c> must be: its ID, file, line and column. The position is found from the
/// text the mistake leaves (<see cref="ExpectedAt"/>, at <see cref="ExpectedOffset"/> characters into it),
/// so the table reads as the user's edit and the place the error belongs.
/// </summary>
/// <param name="Name">A short name, the folder the project is built in.</param>
/// <param name="Kind">schema syntax, schema semantics, argument type, receiver or cross-project.</param>
/// <param name="CrossProject">True when it starts from the library and app, else from the single app.</param>
/// <param name="File">The file edited, relative to the project folder(s).</param>
/// <param name="Find">The text replaced (its first occurrence).</param>
/// <param name="Replace">What replaces it.</param>
/// <param name="ExpectedId">The first error's ID.</param>
/// <param name="ExpectedFile">The file the first error is in (often <paramref name="File"/>).</param>
/// <param name="ExpectedAt">Text in the edited project whose first occurrence is where the error is.</param>
/// <param name="ExpectedOffset">How many characters into <paramref name="ExpectedAt"/> the error starts.</param>
internal sealed record Mistake(
    string Name,
    string Kind,
    bool CrossProject,
    string File,
    string Find,
    string Replace,
    string ExpectedId,
    string ExpectedFile,
    string ExpectedAt,
    int ExpectedOffset = 0)
{
    /// <summary>The files of the project with this mistake made.</summary>
    public Dictionary<string, string> Files(string version)
    {
        var files = CrossProject ? MistakeProjects.LibraryAndApp(version) : MistakeProjects.App(version);
        if (!files.TryGetValue(File, out var text))
        {
            // A mistake may add a file (a second schema).
            files[File] = Replace;
            return files;
        }

        var at = text.IndexOf(Find, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"{Name}: '{Find}' is not in {File}");
        }

        files[File] = text[..at] + Replace + text[(at + Find.Length)..];
        return files;
    }

    /// <summary>The 1-based line and column where the first error must be, in <paramref name="files"/>.</summary>
    public (int Line, int Column) ExpectedPosition(IReadOnlyDictionary<string, string> files)
    {
        var text = files[ExpectedFile];
        var index = text.IndexOf(ExpectedAt, StringComparison.Ordinal);
        if (index < 0)
        {
            throw new InvalidOperationException($"{Name}: '{ExpectedAt}' is not in {ExpectedFile}");
        }

        index += ExpectedOffset;
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }

    public override string ToString() => Name;
}
