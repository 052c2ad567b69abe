using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;
using Xunit.Sdk;

namespace SignalGen.Generator.Tests.Snapshots;

/// <summary>
/// Tests of the <see cref="GoldenFiles"/> helper itself. Each test works in its own temporary folder,
/// reached through a fake test source path, so nothing lands in the repository; accept mode is
/// passed explicitly so no test mutates the process environment.
/// </summary>
public sealed class GoldenFilesTests : IDisposable
{
    private const string Class = "FakeTests";
    private const string Method = "Generates";

    private readonly string _directory;
    private readonly string _testFile;

    public GoldenFilesTests()
    {
        _directory = Path.Combine(Path.GetTempPath(), "signalgen-golden-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _testFile = Path.Combine(_directory, Class + ".cs");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Match_Passes_AndDeletesStaleReceived()
    {
        WriteRaw("FakeTests.Generates#Foo.g.verified.cs", "class Foo {}\n");
        WriteRaw("FakeTests.Generates#Foo.g.received.cs", "class Old {}\n");

        Check(accept: false, ("Foo.g.cs", "class Foo {}\n"));

        Assert.False(File.Exists(PathOf("FakeTests.Generates#Foo.g.received.cs")));
        Assert.Equal("class Foo {}\n", ReadRaw("FakeTests.Generates#Foo.g.verified.cs"));
    }

    [Fact]
    public void Mismatch_Throws_WritesReceived_AndShowsDiff()
    {
        WriteRaw("FakeTests.Generates#Foo.g.verified.cs", "line one\nline two\nold line\nline four\n");

        XunitException ex = Assert.Throws<XunitException>(
            () => Check(accept: false, ("Foo.g.cs", "line one\nline two\nnew line\nline four\n")));

        Assert.Equal("line one\nline two\nnew line\nline four\n", ReadRaw("FakeTests.Generates#Foo.g.received.cs"));
        Assert.Equal("line one\nline two\nold line\nline four\n", ReadRaw("FakeTests.Generates#Foo.g.verified.cs"));

        string[] lines = SplitMessage(ex.Message);
        Assert.Contains(PathOf("FakeTests.Generates#Foo.g.verified.cs"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("- old line", lines);
        Assert.Contains("+ new line", lines);
        Assert.Contains("  line two", lines);
        Assert.Contains("@@ -1,4 +1,4 @@", lines);
        Assert.DoesNotContain("differ only in whitespace", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith(
            "To accept: set SIGNALGEN_ACCEPT_SNAPSHOTS=1 and rerun, or copy the .received.cs files over the .verified.cs files.",
            ex.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatch_ShowsOnlyChangedLinesWithTwoLinesOfContext()
    {
        string verified = Numbered(1, 60);
        string received = verified.Replace("L030\n", "L030 changed\n", StringComparison.Ordinal);
        WriteRaw("FakeTests.Generates#Foo.g.verified.cs", verified);

        XunitException ex = Assert.Throws<XunitException>(() => Check(accept: false, ("Foo.g.cs", received)));

        string[] lines = SplitMessage(ex.Message);
        Assert.Contains("@@ -28,5 +28,5 @@", lines);
        Assert.Contains("  L028", lines);
        Assert.Contains("  L029", lines);
        Assert.Contains("- L030", lines);
        Assert.Contains("+ L030 changed", lines);
        Assert.Contains("  L031", lines);
        Assert.Contains("  L032", lines);
        Assert.DoesNotContain("  L027", lines);
        Assert.DoesNotContain("  L033", lines);
        Assert.DoesNotContain(lines, l => l.Contains("L001", StringComparison.Ordinal) || l.Contains("L060", StringComparison.Ordinal));
    }

    [Fact]
    public void Mismatch_SplitsDistantChangesIntoSeparateHunks()
    {
        string verified = Numbered(1, 40);
        string received = verified
            .Replace("L005\n", "L005x\n", StringComparison.Ordinal)
            .Replace("L035\n", string.Empty, StringComparison.Ordinal);
        WriteRaw("FakeTests.Generates#Foo.g.verified.cs", verified);

        XunitException ex = Assert.Throws<XunitException>(() => Check(accept: false, ("Foo.g.cs", received)));

        string[] lines = SplitMessage(ex.Message);
        Assert.Contains("@@ -3,5 +3,5 @@", lines);
        Assert.Contains("@@ -33,5 +33,4 @@", lines);
        Assert.Contains("- L035", lines);
        Assert.DoesNotContain("  L020", lines);
    }

    [Fact]
    public void MissingVerified_Throws_WritesReceived_AndShowsReceivedHead()
    {
        XunitException ex = Assert.Throws<XunitException>(
            () => Check(accept: false, ("Foo.g.cs", "class Foo\n{\n}\n")));

        Assert.Equal("class Foo\n{\n}\n", ReadRaw("FakeTests.Generates#Foo.g.received.cs"));
        Assert.False(File.Exists(PathOf("FakeTests.Generates#Foo.g.verified.cs")));

        string[] lines = SplitMessage(ex.Message);
        Assert.Contains("Verified file is missing: " + PathOf("FakeTests.Generates#Foo.g.verified.cs"), lines);
        Assert.Contains("+ class Foo", lines);
        Assert.Contains("+ {", lines);
    }

    [Fact]
    public void StaleVerified_Fails_AndIsKept()
    {
        WriteRaw("FakeTests.Generates#Foo.g.verified.cs", "class Foo {}\n");
        WriteRaw("FakeTests.Generates#Gone.g.verified.cs", "class Gone {}\n");
        WriteRaw("FakeTests.Other#Unrelated.g.verified.cs", "class Unrelated {}\n");
        WriteRaw("FakeTests.Generates2#Unrelated.g.verified.cs", "class Unrelated {}\n");

        XunitException ex = Assert.Throws<XunitException>(() => Check(accept: false, ("Foo.g.cs", "class Foo {}\n")));

        Assert.Contains("no longer produced: " + PathOf("FakeTests.Generates#Gone.g.verified.cs"), ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Unrelated", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Foo.g", ex.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(PathOf("FakeTests.Generates#Gone.g.verified.cs")));
    }

    [Fact]
    public void StaleUnnamedVerified_FailsWhenFilesAreNamed()
    {
        WriteRaw("FakeTests.Generates.verified.cs", "class Old {}\n");
        WriteRaw("FakeTests.Generates#Foo.g.verified.cs", "class Foo {}\n");

        XunitException ex = Assert.Throws<XunitException>(() => Check(accept: false, ("Foo.g.cs", "class Foo {}\n")));

        Assert.Contains("no longer produced: " + PathOf("FakeTests.Generates.verified.cs"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptMode_WritesVerified_DeletesStaleAndReceived_AndDoesNotThrow()
    {
        WriteRaw("FakeTests.Generates#Changed.g.verified.cs", "old\n");
        WriteRaw("FakeTests.Generates#Changed.g.received.cs", "older\n");
        WriteRaw("FakeTests.Generates#Gone.g.verified.cs", "gone\n");
        WriteRaw("FakeTests.Generates#Gone.g.received.cs", "gone\n");
        WriteRaw("FakeTests.Other#Keep.g.verified.cs", "keep\n");

        Check(accept: true, ("Changed.g.cs", "new\r\n"), ("Added.g.cs", "added"));

        Assert.Equal("new\n", ReadRaw("FakeTests.Generates#Changed.g.verified.cs"));
        Assert.Equal("added\n", ReadRaw("FakeTests.Generates#Added.g.verified.cs"));
        Assert.Equal("keep\n", ReadRaw("FakeTests.Other#Keep.g.verified.cs"));
        Assert.Equal(
            ["FakeTests.Generates#Added.g.verified.cs", "FakeTests.Generates#Changed.g.verified.cs", "FakeTests.Other#Keep.g.verified.cs"],
            FileNames());

        // Accepted output now passes without accept mode.
        Check(accept: false, ("Changed.g.cs", "new"), ("Added.g.cs", "added\n"));
    }

    [Fact]
    public void CrlfAndTrailingNewlines_AreNormalized()
    {
        WriteRaw("FakeTests.Generates#Foo.g.verified.cs", "a\r\nb  \r\n\r\n");

        Check(accept: false, ("Foo.g.cs", "a\rb  \n\n\n"));
        Check(accept: false, ("Foo.g.cs", "a\nb  "));
    }

    [Fact]
    public void TrailingWhitespace_IsSignificant()
    {
        WriteRaw("FakeTests.Generates#Foo.g.verified.cs", "a\nb\n");

        XunitException ex = Assert.Throws<XunitException>(() => Check(accept: false, ("Foo.g.cs", "a\nb  \n")));

        string[] lines = SplitMessage(ex.Message);
        Assert.Contains("- b", lines);
        Assert.Contains("+ b  ", lines);
        Assert.Contains("differ only in whitespace", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Received_IsWrittenNormalized()
    {
        WriteRaw("FakeTests.Generates#Foo.g.verified.cs", "x\n");

        Assert.Throws<XunitException>(() => Check(accept: false, ("Foo.g.cs", "a\r\nb\r\n\r\n")));

        byte[] bytes = File.ReadAllBytes(PathOf("FakeTests.Generates#Foo.g.received.cs"));
        Assert.Equal("a\nb\n"u8.ToArray(), bytes);
    }

    [Fact]
    public void SingleUnnamedFile_UsesNameWithoutHash()
    {
        Check(accept: true, (string.Empty, "only\n"));

        Assert.Equal(["FakeTests.Generates.verified.cs"], FileNames());

        WriteRaw("FakeTests.Generates.verified.cs", "different\n");
        Assert.Throws<XunitException>(() => Check(accept: false, (string.Empty, "only\n")));
        Assert.Equal("only\n", ReadRaw("FakeTests.Generates.received.cs"));
    }

    [Fact]
    public void HintNames_DropTrailingCsOnly()
    {
        Check(accept: true, ("Foo.g.cs", "a"), ("Bar.txt", "b"), ("Nested/Baz.g.cs", "c"));

        Assert.Equal(
            ["FakeTests.Generates#Bar.txt.verified.cs", "FakeTests.Generates#Foo.g.verified.cs", "FakeTests.Generates#Nested_Baz.g.verified.cs"],
            FileNames());
    }

    [Fact]
    public void EveryFailure_IsListedInOneException()
    {
        WriteRaw("FakeTests.Generates#A.g.verified.cs", "a\n");
        WriteRaw("FakeTests.Generates#B.g.verified.cs", "b\n");
        WriteRaw("FakeTests.Generates#Stale.g.verified.cs", "s\n");

        XunitException ex = Assert.Throws<XunitException>(
            () => Check(accept: false, ("A.g.cs", "a2"), ("B.g.cs", "b"), ("C.g.cs", "c")));

        Assert.Contains("(3 problems)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("differs from: " + PathOf("FakeTests.Generates#A.g.verified.cs"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing: " + PathOf("FakeTests.Generates#C.g.verified.cs"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("no longer produced: " + PathOf("FakeTests.Generates#Stale.g.verified.cs"), ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("B.g.verified.cs", ex.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(PathOf("FakeTests.Generates#A.g.received.cs")));
        Assert.False(File.Exists(PathOf("FakeTests.Generates#B.g.received.cs")));
        Assert.True(File.Exists(PathOf("FakeTests.Generates#C.g.received.cs")));
    }

    [Fact]
    public void HugeDiff_IsCapped_ButEveryFailureIsStillNamed()
    {
        WriteRaw("FakeTests.Generates#Big.g.verified.cs", Numbered(1, 1000));
        WriteRaw("FakeTests.Generates#Stale.g.verified.cs", "s\n");

        XunitException ex = Assert.Throws<XunitException>(
            () => Check(accept: false, ("Big.g.cs", Numbered(2001, 3000)), ("New.g.cs", Numbered(1, 50))));

        int lineCount = SplitMessage(ex.Message).Length;
        Assert.InRange(lineCount, 200, 240);
        Assert.Contains("more diff lines omitted", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing: " + PathOf("FakeTests.Generates#New.g.verified.cs"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("no longer produced: " + PathOf("FakeTests.Generates#Stale.g.verified.cs"), ex.Message, StringComparison.Ordinal);
        Assert.Equal(Numbered(2001, 3000), ReadRaw("FakeTests.Generates#Big.g.received.cs"));
    }

    [Fact]
    public void InvalidInput_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => Check(accept: false, ("A.g.cs", "a"), (string.Empty, "b")));
        Assert.Throws<ArgumentException>(() => Check(accept: false, ("A.g.cs", "a"), ("A.g", "b")));
        Assert.Throws<ArgumentException>(
            () => GoldenFiles.AssertMatches(string.Empty, [("A.g.cs", "a")], accept: false, _testFile, Method));
        Assert.Throws<ArgumentException>(
            () => GoldenFiles.AssertMatches(Class, [("A.g.cs", "a")], accept: false, testFile: string.Empty, Method));
        Assert.Throws<InvalidOperationException>(
            () => GoldenFiles.AssertMatches(Class, [("A.g.cs", "a")], accept: false, Path.Combine(_directory, "missing", "X.cs"), Method));
        Assert.Empty(FileNames());
    }

    [Fact]
    public void PublicOverload_UsesGivenPathAndName()
    {
        WriteRaw("FakeTests.Explicit#Foo.g.verified.cs", "class Foo {}\n");

        // A matching file passes whether or not accept mode is set in the environment.
        GoldenFiles.AssertMatches(Class, [("Foo.g.cs", "class Foo {}")], _testFile, "Explicit");

        Assert.Equal(["FakeTests.Explicit#Foo.g.verified.cs"], FileNames());
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("yes", false)]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData(" TRUE ", true)]
    public void AcceptVariable_IsParsed(string? value, bool expected)
    {
        Assert.Equal(expected, GoldenFiles.IsAcceptRequested(value));
    }

    private void Check(bool accept, params (string Name, string Text)[] files) =>
        GoldenFiles.AssertMatches(Class, files, accept, _testFile, Method);

    private string PathOf(string fileName) => Path.Combine(_directory, fileName);

    private void WriteRaw(string fileName, string text) => File.WriteAllText(PathOf(fileName), text, new UTF8Encoding(false));

    private string ReadRaw(string fileName) => File.ReadAllText(PathOf(fileName));

    private string[] FileNames() =>
        Directory.GetFiles(_directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    private static string[] SplitMessage(string message) => message.ReplaceLineEndings("\n").Split('\n');

    private static string Numbered(int from, int to) =>
        string.Concat(Enumerable.Range(from, to - from + 1).Select(i => $"L{i:D3}\n"));
}
