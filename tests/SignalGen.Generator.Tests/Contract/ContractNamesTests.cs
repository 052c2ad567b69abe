using System;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using SignalGen.Contract;
using SignalGen.Generator.Emit;
using SignalGen.Schema;
using Xunit;

namespace SignalGen.Generator.Tests.Contract;

/// <summary>
/// The names file (<see cref="RuntimeNames"/>, <see cref="GeneratedNames"/>) against what it names: each
/// runtime name is a public type of SignalGen.dll, each generated name is one a schema cannot take.
/// </summary>
public sealed class ContractNamesTests
{
    public static TheoryData<string> RuntimeTypeNames() => new(
        typeof(RuntimeNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!));

    public static TheoryData<string> ReservedSignalNames() => new(
        GeneratedNames.SchemaNamespaceTypes.Concat(
            GeneratedNames.SenderSendMethods.Where(method => method != GeneratedNames.Send).Select(method => method.Substring(GeneratedNames.Send.Length))));

    [Theory]
    [MemberData(nameof(RuntimeTypeNames))]
    public void EachRuntimeName_IsAPublicTypeOfTheRuntimeAssembly(string metadataName)
    {
        var runtime = typeof(global::SignalGen.ReceiverAttribute).Assembly;
        Assert.Equal("SignalGen", runtime.GetName().Name);

        var type = runtime.GetType(metadataName, throwOnError: false);

        Assert.True(type is not null, metadataName + " is not a type of " + runtime.GetName().Name + ".dll; update RuntimeNames with the runtime type.");
        Assert.True(type.IsPublic, metadataName + " is not public, so generated code in another assembly cannot use it.");
    }

    [Fact]
    public void GlobalName_DropsTheArity_AndKeepsTheNamespace()
    {
        Assert.Equal("global::SignalGen.Dispatch.DispatchTableSlot", RuntimeNames.Global(RuntimeNames.DispatchTableSlot));
        Assert.Equal("global::SignalGen.SendResult", RuntimeNames.Global(RuntimeNames.SendResult));
        Assert.Equal("global::SignalGen.Dispatch.InternalSignal", KnownNames.InternalSignalAttribute);
    }

    [Theory]
    [MemberData(nameof(ReservedSignalNames))]
    public void EachGeneratedName_IsRefusedAsASignalName(string name)
    {
        var json = "{ \"namespace\": \"Contoso.Auth\", \"signals\": { \"" + name + "\": { \"args\": {} } } }";

        var result = SchemaParser.Parse("auth.signals.json", SourceText.From(json, Encoding.UTF8), TestContext.Current.CancellationToken);

        var error = Assert.Single(result.Errors);
        Assert.Equal(SchemaErrorKind.InvalidName, error.Kind);
    }

    [Fact]
    public void GeneratedCodeVersion_IsTheGeneratorAssemblysVersion_WithoutBuildMetadata()
    {
        var informational = typeof(KnownNames).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.Equal(informational.Split('+')[0], KnownNames.GeneratorVersion);
        Assert.DoesNotContain("+", KnownNames.GeneratedCode, StringComparison.Ordinal);
        Assert.Contains("\"" + KnownNames.GeneratorVersion + "\"", KnownNames.GeneratedCode, StringComparison.Ordinal);
    }
}
