using SignalGen.Generator.Emit;
using Xunit;

namespace SignalGen.Generator.Tests.Emit;

/// <summary>
/// <see cref="SourceWriter.Block"/> writes emitters' raw string blocks exactly as <see cref="SourceWriter.Line(string)"/>
/// would have line by line: the generated files must not change by a byte when an emitter switches.
/// </summary>
public sealed class SourceWriterBlockTests
{
    [Fact]
    public void Block_IndentsEveryLine_AndLeavesBlankLinesEmpty()
    {
        var writer = new SourceWriter();
        writer.Open("class C");
        writer.Block("""
            void M()
            {

                Call();
            }
            """);
        writer.Close();

        Assert.Equal("class C\n{\n    void M()\n    {\n\n        Call();\n    }\n}\n", writer.ToString());
    }

    [Fact]
    public void Block_WritesLineFeeds_WhateverTheSourceUses()
    {
        var writer = new SourceWriter();
        writer.Open();
        writer.Block("a\r\n\r\nb");
        writer.Close();

        Assert.Equal("{\n    a\n\n    b\n}\n", writer.ToString());
    }

    [Fact]
    public void Block_LeadingAndTrailingNewLines_WriteBlankLines()
    {
        var writer = new SourceWriter();
        writer.Open();
        writer.Block("\na\n");
        writer.Close();

        Assert.Equal("{\n\n    a\n\n}\n", writer.ToString());
    }

    [Fact]
    public void Block_WhitespaceOnlyLine_IsWrittenEmpty()
    {
        var writer = new SourceWriter();
        writer.Open();
        writer.Block("a\n   \nb");
        writer.Close();

        Assert.Equal("{\n    a\n\n    b\n}\n", writer.ToString());
    }

    [Fact]
    public void Block_MatchesLines()
    {
        var lines = new SourceWriter();
        lines.Open("namespace N");
        lines.Line("int x;");
        lines.Line();
        lines.Line("int y;");
        lines.Close();

        var block = new SourceWriter();
        block.Open("namespace N");
        block.Block($$"""
            int {{"x"}};

            int {{"y"}};
            """);
        block.Close();

        Assert.Equal(lines.ToString(), block.ToString());
    }
}
