using System;
using System.Linq;
using System.Reflection;

namespace SignalGen.StockHosts.Tests.Infrastructure;

/// <summary>The two lines of Microsoft.* packages the apps are tested on.</summary>
public enum PackageLine
{
    /// <summary>What SignalGen.Identity depends on (SignalGenDependencyFloor, 10.0.0).</summary>
    Floor,

    /// <summary>The newest patch on the registry (SignalGenNewestPatch).</summary>
    NewestPatch,
}

/// <summary>The versions Directory.Packages.props names, recorded in this assembly at build time.</summary>
public static class DependencyVersions
{
    public static string Floor { get; } = Metadata("SignalGenDependencyFloor");

    public static string NewestPatch { get; } = Metadata("SignalGenNewestPatch");

    public static string Of(PackageLine line) => line == PackageLine.Floor ? Floor : NewestPatch;

    private static string Metadata(string key) =>
        typeof(DependencyVersions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(attribute => attribute.Key == key)?.Value is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The test assembly does not record {key}: Directory.Packages.props must define it.");
}
