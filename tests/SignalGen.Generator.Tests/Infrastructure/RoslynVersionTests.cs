using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace SignalGen.Generator.Tests.Infrastructure;

/// <summary>
/// These tests run twice: in SignalGen.Generator.Tests on the Roslyn the SDK ships, and in
/// SignalGen.Generator.Tests.LowestRoslyn on the lowest Roslyn the generator supports. This proves each
/// run loads the compiler its project file asks for.
/// </summary>
public sealed class RoslynVersionTests
{
    [Fact]
    public void TheGeneratorRunsOnTheRoslynThisTestProjectNames()
    {
        var expected = Version.Parse(typeof(RoslynVersionTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "ExpectedRoslynVersion").Value!);

        var loaded = typeof(CSharpCompilation).Assembly.GetName().Version!;

        Assert.Equal((expected.Major, expected.Minor), (loaded.Major, loaded.Minor));
    }
}
