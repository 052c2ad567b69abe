using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SignalGen.Testing;
using Xunit;

namespace SignalGen.Package.Tests.Contents;

/// <summary>What the packages made by <c>dotnet pack</c> hold, file by file, and what their metadata says.</summary>
public sealed class PackageContentsTests(LocalPackageFeed feed)
{
    // OPC bookkeeping every .nupkg has; not content.
    private static readonly string[] s_packagingEntries = ["_rels/.rels", "[Content_Types].xml"];

    [Fact]
    public void SignalGen_HoldsTheRuntimeTheCompilerComponentsTheBuildFilesAndTheJsonSchema()
    {
        Assert.Equal(
            [
                "README.md",
                "SignalGen.nuspec",
                "analyzers/dotnet/cs/SignalGen.Analyzers.dll",
                "analyzers/dotnet/cs/SignalGen.CodeFixes.dll",
                "analyzers/dotnet/cs/SignalGen.Generator.dll",
                "build/SignalGen.targets",
                "buildTransitive/SignalGen.targets",
                "lib/net10.0/SignalGen.dll",
                "lib/net10.0/SignalGen.xml",
                "schema/signals.schema.json",
            ],
            ContentEntries(feed.PackagePath("SignalGen")));
    }

    [Fact]
    public void SignalGen_ShipsTheRepositorysBuildFileJsonSchemaAndPackageReadme()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("SignalGen"));
        var source = Path.Combine(DotNetCommand.RepositoryRoot, "src", "SignalGen");
        var targets = File.ReadAllText(Path.Combine(source, "build", "SignalGen.targets"));

        Assert.Equal(targets, ReadText(package, "build/SignalGen.targets"));
        Assert.Equal(targets, ReadText(package, "buildTransitive/SignalGen.targets"));
        Assert.Equal(File.ReadAllText(Path.Combine(source, "schema", "signals.schema.json")), ReadText(package, "schema/signals.schema.json"));
        Assert.Equal(File.ReadAllText(Path.Combine(source, "PACKAGE.md")), ReadText(package, "README.md"));
    }

    [Fact]
    public void SignalGen_MetadataDescribesThePackageAndDependsOnlyOnTheTwoAbstractions()
    {
        var metadata = NuspecMetadata(feed.PackagePath("SignalGen"));

        AssertCommonMetadata(metadata, "SignalGen");
        Assert.Contains("source-generator", Value(metadata, "tags").Split(' '));
        Assert.Equal(
            ["Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Logging.Abstractions"],
            Dependencies(metadata).Select(dependency => dependency.Id));
    }

    [Fact]
    public void SignalGen_CompilerComponentsTargetNetStandardAndRoslyn48WithNothingElseToLoad()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("SignalGen"));

        // What a compiler host (csc, the IDE) provides; anything else would fail to load there.
        var provided = new HashSet<string>(StringComparer.Ordinal)
        {
            "netstandard", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp",
            "Microsoft.CodeAnalysis.Workspaces", "Microsoft.CodeAnalysis.CSharp.Workspaces",
            "System.Collections.Immutable", "System.Composition.AttributedModel",
            "SignalGen.Analyzers", // beside the code fixes in the same folder
        };

        var components = package.Entries.Where(entry => entry.FullName.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, components.Count);
        foreach (var component in components)
        {
            var references = AssemblyReferences(component);
            Assert.DoesNotContain(references.Keys, name => !provided.Contains(name));
            Assert.Contains("netstandard", references.Keys);

            // Built against the lowest Roslyn it supports, so hosts with that compiler or any later one load it.
            Assert.All(
                references.Where(reference => reference.Key.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)),
                roslyn => Assert.Equal(new Version(4, 8, 0, 0), roslyn.Value));
        }
    }

    [Fact]
    public void SignalGenIdentity_HoldsItsLibraryAndDependsOnSignalGenWithEveryAssetFlowing()
    {
        Assert.Equal(
            ["README.md", "SignalGen.Identity.nuspec", "lib/net10.0/SignalGen.Identity.dll", "lib/net10.0/SignalGen.Identity.xml"],
            ContentEntries(feed.PackagePath("SignalGen.Identity")));

        var metadata = NuspecMetadata(feed.PackagePath("SignalGen.Identity"));
        AssertCommonMetadata(metadata, "SignalGen.Identity");

        // include="All": the generator, analyzers and build files reach the application that installs SignalGen.Identity.
        var signalGen = Assert.Single(Dependencies(metadata), dependency => dependency.Id == "SignalGen");
        Assert.Equal(feed.Version, signalGen.Version);
        Assert.Equal("All", signalGen.Include);
        Assert.Null(signalGen.Exclude);
    }

    [Fact]
    public void SignalGenWolverine_HoldsItsLibraryAndDependsOnSignalGenAndWolverinesEfCorePackageAtTheVerifiedVersion()
    {
        Assert.Equal(
            ["README.md", "SignalGen.Wolverine.nuspec", "lib/net10.0/SignalGen.Wolverine.dll", "lib/net10.0/SignalGen.Wolverine.xml"],
            ContentEntries(feed.PackagePath("SignalGen.Wolverine")));

        var metadata = NuspecMetadata(feed.PackagePath("SignalGen.Wolverine"));
        AssertCommonMetadata(metadata, "SignalGen.Wolverine");

        // Wolverine's version is the one the pre-canned handler, EfCoreEnvelopeTransaction and DbContextOutbox<T> were verified on.
        Assert.Equal(
            [("SignalGen", feed.Version), ("WolverineFx.EntityFrameworkCore", "6.64.2")],
            Dependencies(metadata).Select(dependency => (dependency.Id, dependency.Version)).Order().ToList());
    }

    [Theory]
    [InlineData("SignalGen")]
    [InlineData("SignalGen.Identity")]
    public void EachPackageDependsOnTheFirstNet10ReleaseOfWhatItNeeds(string id)
    {
        // An app pins its own patch: a dependency above 10.0.0 breaks its restore with NU1605 (package downgrade), as
        // SignalGen.Identity's dependency on 10.0.14 did in every stock Identity template, which pin 10.0.12.
        var dependencies = Dependencies(NuspecMetadata(feed.PackagePath(id))).Where(dependency => dependency.Id != "SignalGen").ToList();
        Assert.NotEmpty(dependencies);
        Assert.All(dependencies, dependency => Assert.Equal((dependency.Id, "10.0.0"), (dependency.Id, dependency.Version)));
    }

    [Theory]
    [InlineData("SignalGen")]
    [InlineData("SignalGen.Identity")]
    [InlineData("SignalGen.Wolverine")]
    public void EachPackageHasASymbolPackageWithItsPdb(string id)
    {
        Assert.Equal([id + ".nuspec", $"lib/net10.0/{id}.pdb"], ContentEntries(feed.PackagePath(id, ".snupkg")));
    }

    private void AssertCommonMetadata(XElement metadata, string id)
    {
        Assert.Equal(id, Value(metadata, "id"));
        Assert.Equal(feed.Version, Value(metadata, "version"));
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")));
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "authors")));
        Assert.Equal("README.md", Value(metadata, "readme"));

        var license = Child(metadata, "license");
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));

        // Where the sources are (the address the diagnostics' help links use) and the commit the package was built from.
        var repository = Child(metadata, "repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Equal("https://github.com/signalgen/signalgen", (string?)repository.Attribute("url"));
        Assert.Equal("https://github.com/signalgen/signalgen", Value(metadata, "projectUrl"));
        Assert.Matches(new Regex("^[0-9a-f]{40}$"), (string?)repository.Attribute("commit") ?? "");
    }

    private static List<string> ContentEntries(string packagePath)
    {
        using var package = ZipFile.OpenRead(packagePath);
        return package.Entries.Select(entry => entry.FullName)
            .Where(name => !s_packagingEntries.Contains(name) && !name.StartsWith("package/services/metadata/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string ReadText(ZipArchive package, string name)
    {
        var entry = package.GetEntry(name) ?? throw new Xunit.Sdk.XunitException("The package has no " + name);
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static XElement NuspecMetadata(string packagePath)
    {
        using var package = ZipFile.OpenRead(packagePath);
        using var stream = package.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return Child(XDocument.Load(stream).Root!, "metadata");
    }

    private static XElement Child(XElement element, string name) =>
        element.Elements().SingleOrDefault(child => child.Name.LocalName == name)
        ?? throw new Xunit.Sdk.XunitException($"<{element.Name.LocalName}> has no <{name}>.");

    private static string Value(XElement metadata, string name) => Child(metadata, name).Value;

    private static List<(string Id, string? Version, string? Include, string? Exclude)> Dependencies(XElement metadata)
    {
        var group = Assert.Single(Child(metadata, "dependencies").Elements());
        Assert.Equal(("group", "net10.0"), (group.Name.LocalName, (string?)group.Attribute("targetFramework")));
        return group.Elements()
            .Select(dependency => ((string)dependency.Attribute("id")!, (string?)dependency.Attribute("version"), (string?)dependency.Attribute("include"), (string?)dependency.Attribute("exclude")))
            .OrderBy(dependency => dependency.Item1, StringComparer.Ordinal)
            .ToList();
    }

    private static Dictionary<string, Version> AssemblyReferences(ZipArchiveEntry assembly)
    {
        using var stream = new MemoryStream();
        using (var entry = assembly.Open())
        {
            entry.CopyTo(stream);
        }

        stream.Position = 0;
        using var reader = new PEReader(stream);
        var metadata = reader.GetMetadataReader();
        return metadata.AssemblyReferences
            .Select(metadata.GetAssemblyReference)
            .ToDictionary(reference => metadata.GetString(reference.Name), reference => reference.Version, StringComparer.Ordinal);
    }
}
