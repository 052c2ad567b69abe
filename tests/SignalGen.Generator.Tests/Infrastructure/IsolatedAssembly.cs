using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SignalGen.Generator.Tests.Infrastructure;

/// <summary>
/// Runs code a test compiled: emits the compilation to memory, loads it into its own collectible
/// <see cref="AssemblyLoadContext"/> and calls one public static method. Each load gets fresh statics
/// (the generated sender's table slot, the module initializer that fills it), so tests never see each
/// other's receivers. References not in the compilation itself (the SignalGen runtime, the framework)
/// resolve from the test process, so generated code talks to the same runtime the tests reference.
/// </summary>
internal static class IsolatedAssembly
{
    /// <summary>Emits <paramref name="compilation"/>, calls <paramref name="typeName"/>.<paramref name="methodName"/>() and returns its result.</summary>
    /// <param name="dependencies">Compilations it references (e.g. a library with a schema), loaded into the same context when asked for.</param>
    public static T Invoke<T>(Compilation compilation, string typeName, string methodName, params Compilation[] dependencies)
    {
        using var image = Emit(compilation);
        var context = new AssemblyLoadContext("SignalGen test: " + compilation.AssemblyName, isCollectible: true);
        context.Resolving += (loading, name) =>
        {
            foreach (var dependency in dependencies)
            {
                if (dependency.AssemblyName == name.Name)
                {
                    using var dependencyImage = Emit(dependency);
                    return loading.LoadFromStream(dependencyImage);
                }
            }

            return null;
        };

        try
        {
            var type = context.LoadFromStream(image).GetType(typeName, throwOnError: true)!;
            var method = type.GetMethod(methodName, BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes)
                ?? throw new InvalidOperationException(typeName + " has no public static " + methodName + "().");
            try
            {
                return (T)method.Invoke(null, null)!;
            }
            catch (TargetInvocationException invocation) when (invocation.InnerException is { } inner)
            {
                // The test compilation's own exception says more than the reflection wrapper.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
                throw;
            }
        }
        finally
        {
            context.Unload();
        }
    }

    private static MemoryStream Emit(Compilation compilation)
    {
        var image = new MemoryStream();
        var emitted = compilation.Emit(image, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(emitted.Success, "Emitting " + compilation.AssemblyName + " failed:" + Environment.NewLine + GeneratorHarness.Describe(emitted.Diagnostics));
        image.Position = 0;
        return image;
    }
}
