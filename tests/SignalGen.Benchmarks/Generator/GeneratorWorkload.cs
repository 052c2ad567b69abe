using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

// Linked into tests/SignalGen.Generator.Tests (and its LowestRoslyn twin), which check the SignalGen
// project at a smaller size: keep this file free of BenchmarkDotNet, Mediator types and Roslyn APIs newer than 4.8.
namespace SignalGen.Benchmarks.Generator;

/// <summary>Which version of the edited file a compilation holds.</summary>
internal enum WorkloadFileVersion
{
    /// <summary>As first generated.</summary>
    Original,

    /// <summary>The handler's method body changed; its signature did not (what typing does most of the time).</summary>
    BodyEdited,

    /// <summary>The handler now handles the next signal or notification: the generated code must change.</summary>
    Retargeted,
}

/// <summary>A source or additional file held in memory.</summary>
internal sealed record WorkloadFile(string Path, string Text);

/// <summary>
/// A generated project for measuring a source generator: many files, each with one handler, spread over
/// a number of signals or notifications, plus one file that an edit replaces. Two shapes, built to be
/// equivalent: SignalGen (one schema, receiver classes) and Mediator (notification records, one
/// <c>INotificationHandler&lt;T&gt;</c> class a file).
/// </summary>
internal sealed class GeneratorWorkload
{
    // Argument shapes the signals draw from, so signals carry a few arguments of mixed types.
    private static readonly (string Name, string Type)[] s_arguments =
    [
        ("id", "int"),
        ("name", "string"),
        ("amount", "decimal"),
        ("at", "DateTimeOffset"),
        ("userId", "Guid"),
        ("tags", "IReadOnlyList<string>"),
        ("note", "string?"),
        ("count", "long"),
    ];

    private readonly Func<int, WorkloadFileVersion, string> _handlerFile;

    private GeneratorWorkload(
        string assemblyName,
        int signalCount,
        int handlerCount,
        IReadOnlyList<WorkloadFile> fixedSources,
        IReadOnlyList<WorkloadFile> additionalFiles,
        Func<int, WorkloadFileVersion, string> handlerFile)
    {
        AssemblyName = assemblyName;
        SignalCount = signalCount;
        HandlerCount = handlerCount;
        FixedSources = fixedSources;
        AdditionalFiles = additionalFiles;
        _handlerFile = handlerFile;

        // The edited handler is one of the kind that takes only a CancellationToken, so retargeting it
        // to another signal needs no parameter change; it sits in the middle of the files.
        EditedHandler = (4 * signalCount) + (signalCount / 2);
    }

    /// <summary>The name of the compiled assembly.</summary>
    public string AssemblyName { get; }

    /// <summary>How many signals (schema entries or notification types).</summary>
    public int SignalCount { get; }

    /// <summary>How many handler files (receiver classes or notification handlers).</summary>
    public int HandlerCount { get; }

    /// <summary>Sources other than the handler files (Program.cs, the notification types).</summary>
    public IReadOnlyList<WorkloadFile> FixedSources { get; }

    /// <summary>Additional files the build passes to generators (SignalGen's schema).</summary>
    public IReadOnlyList<WorkloadFile> AdditionalFiles { get; }

    /// <summary>The index of the handler whose file the edits replace.</summary>
    public int EditedHandler { get; }

    /// <summary>The path of the file the edits replace.</summary>
    public string EditedPath => HandlerPath(EditedHandler);

    /// <summary>
    /// SignalGen's project: one schema of <paramref name="signalCount"/> signals and
    /// <paramref name="receiverCount"/> files of one receiver class each; receiver i receives signal
    /// i mod <paramref name="signalCount"/>, so each signal gets every kind of receiver.
    /// </summary>
    public static GeneratorWorkload SignalGen(int signalCount, int receiverCount)
    {
        RequireEveryKind(signalCount, receiverCount);
        var schema = new StringBuilder();
        schema.Append("{\n  \"namespace\": \"Bench.Signals\",\n  \"usings\": [\"System\", \"System.Collections.Generic\"],\n  \"signals\": {\n");
        for (var signal = 0; signal < signalCount; signal++)
        {
            schema.Append("    \"").Append(SignalName(signal)).Append("\": { \"doc\": \"Signal number ").Append(signal.ToString(CultureInfo.InvariantCulture))
                .Append(".\", \"args\": { ");
            schema.Append(string.Join(", ", Arguments(signal).Select(argument => "\"" + argument.Name + "\": \"" + argument.Type + "\"")));
            schema.Append(" } }").Append(signal + 1 < signalCount ? ",\n" : "\n");
        }

        schema.Append("  }\n}\n");

        return new GeneratorWorkload(
            "Bench.SignalGenApp",
            signalCount,
            receiverCount,
            [new WorkloadFile("/project/Program.cs", "System.Console.WriteLine(\"Bench\");\n")],
            [new WorkloadFile("/project/bench.signals.json", schema.ToString())],
            (receiver, version) => ReceiverFile(signalCount, receiver, version));
    }

    /// <summary>
    /// The Mediator equivalent: <paramref name="notificationCount"/> notification records (in one file,
    /// as the schema is one file) with the same arguments as the signals, and <paramref name="handlerCount"/>
    /// files of one <c>INotificationHandler&lt;T&gt;</c> class each, handler i handling notification
    /// i mod <paramref name="notificationCount"/>.
    /// </summary>
    public static GeneratorWorkload Mediator(int notificationCount, int handlerCount)
    {
        RequireEveryKind(notificationCount, handlerCount);
        var notifications = new StringBuilder();
        notifications.Append("using System;\nusing System.Collections.Generic;\nusing Mediator;\n\nnamespace Bench.Notifications;\n");
        for (var notification = 0; notification < notificationCount; notification++)
        {
            notifications.Append("\n/// <summary>Notification number ").Append(notification.ToString(CultureInfo.InvariantCulture)).Append(".</summary>\n");
            notifications.Append("public sealed record ").Append(SignalName(notification)).Append('(')
                .Append(string.Join(", ", Arguments(notification).Select(argument => argument.Type + " " + Pascal(argument.Name))))
                .Append(") : INotification;\n");
        }

        const string program = """
            using Mediator;
            using Microsoft.Extensions.DependencyInjection;

            System.Console.WriteLine("Bench");

            /// <summary>Registers the generated mediator.</summary>
            public static class Startup
            {
                /// <summary>Adds Mediator to <paramref name="services"/>.</summary>
                public static IServiceCollection Configure(IServiceCollection services) => services.AddMediator();
            }

            """;

        return new GeneratorWorkload(
            "Bench.MediatorApp",
            notificationCount,
            handlerCount,
            [new WorkloadFile("/project/Program.cs", program), new WorkloadFile("/project/Notifications.cs", notifications.ToString())],
            [],
            (handler, version) => HandlerFile(notificationCount, handler, version));
    }

    /// <summary>The name of signal (or notification type) <paramref name="signal"/>, e.g. <c>Event042</c>.</summary>
    public static string SignalName(int signal) => "Event" + signal.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>The class name of handler <paramref name="handler"/>, e.g. <c>Handler0042</c>; it appears in generated code that calls it.</summary>
    public static string HandlerClassName(int handler) => "Handler" + handler.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>The path of handler <paramref name="handler"/>'s file.</summary>
    public static string HandlerPath(int handler) => "/project/Handlers/" + HandlerClassName(handler) + ".cs";

    /// <summary>The text of handler <paramref name="handler"/>'s file, in the given version.</summary>
    public string HandlerText(int handler, WorkloadFileVersion version = WorkloadFileVersion.Original)
    {
        if (version != WorkloadFileVersion.Original && handler != EditedHandler)
        {
            throw new ArgumentException("Only the edited handler has other versions.", nameof(version));
        }

        return _handlerFile(handler, version);
    }

    /// <summary>Every file of the project, parsed, with the edited file in its original version.</summary>
    public IReadOnlyList<SyntaxTree> ParseAll(CSharpParseOptions parseOptions)
    {
        var trees = new List<SyntaxTree>(FixedSources.Count + HandlerCount);
        trees.AddRange(FixedSources.Select(file => Parse(file.Path, file.Text, parseOptions)));
        for (var handler = 0; handler < HandlerCount; handler++)
        {
            trees.Add(Parse(HandlerPath(handler), HandlerText(handler), parseOptions));
        }

        return trees;
    }

    /// <summary>The edited file in the given version, parsed.</summary>
    public SyntaxTree ParseEditedFile(WorkloadFileVersion version, CSharpParseOptions parseOptions) =>
        Parse(EditedPath, HandlerText(EditedHandler, version), parseOptions);

    /// <summary>A console application of these files against <paramref name="references"/>, nullable on, as the SDK compiles one.</summary>
    public CSharpCompilation CreateCompilation(IEnumerable<SyntaxTree> trees, IEnumerable<MetadataReference> references) =>
        CSharpCompilation.Create(
            AssemblyName,
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));

    private static SyntaxTree Parse(string path, string text, CSharpParseOptions parseOptions) =>
        CSharpSyntaxTree.ParseText(text, parseOptions, path, Encoding.UTF8);

    // Five kinds of receiver (below); receiver i is of kind (i / signalCount) mod 5, so the first
    // 5 * signalCount receivers give every signal one of each.
    private static void RequireEveryKind(int signalCount, int handlerCount)
    {
        if (signalCount < 2 || handlerCount < 5 * signalCount)
        {
            throw new ArgumentOutOfRangeException(nameof(handlerCount), "Give at least two signals and five handlers a signal.");
        }
    }

    // One to four arguments, from a rotating window over the shapes, so neighbouring signals differ.
    private static (string Name, string Type)[] Arguments(int signal) =>
        Enumerable.Range(0, 1 + (signal % 4)).Select(offset => s_arguments[(signal + offset) % s_arguments.Length]).ToArray();

    private static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);

    private static int SignalOf(int signalCount, int handler, WorkloadFileVersion version) =>
        (handler + (version == WorkloadFileVersion.Retargeted ? 1 : 0)) % signalCount;

    // A body edit changes the increment; the rest of the file stays the same.
    private static string Increment(WorkloadFileVersion version) => version == WorkloadFileVersion.BodyEdited ? "2" : "1";

    private static string ReceiverFile(int signalCount, int receiver, WorkloadFileVersion version)
    {
        var signal = SignalOf(signalCount, receiver, version);
        var arguments = Arguments(signal);
        var className = HandlerClassName(receiver);
        var attribute = "[Receiver(Signal." + SignalName(signal) + (receiver % 7 == 3 ? ", Order = -1" : string.Empty) + ")]";
        var increment = Increment(version);

        // Parameter binding as users write it: every argument by name, one argument, the arguments in
        // another order, the signal type itself, or only the token; static and instance; sync and async.
        var (isStatic, method) = ((receiver / signalCount) % 5) switch
        {
            0 => (true, $"public static void On{SignalName(signal)}({Parameters(arguments)})\n    {{\n        Calls += {increment};\n    }}"),
            1 => (false, $"public Task On{SignalName(signal)}Async({SignalName(signal)} signal, CancellationToken cancellationToken)\n    {{\n        Calls += {increment};\n        return Task.CompletedTask;\n    }}"),
            2 => (true, $"public static void On{SignalName(signal)}({Parameters(arguments.Take(1))})\n    {{\n        Calls += {increment};\n    }}"),
            3 => (false, $"public void On{SignalName(signal)}({Parameters(Enumerable.Reverse(arguments))})\n    {{\n        Calls += {increment};\n    }}"),
            _ => (true, $"public static ValueTask On{SignalName(signal)}Async(CancellationToken cancellationToken)\n    {{\n        Calls += {increment};\n        return default;\n    }}"),
        };

        var modifier = isStatic ? "static " : "sealed ";
        var field = isStatic ? "public static int Calls;" : "public int Calls;";
        return $$"""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Bench.Signals;
            using SignalGen;

            namespace Bench.Receivers;

            /// <summary>Receiver number {{receiver}}.</summary>
            public {{modifier}}class {{className}}
            {
                /// <summary>How often it ran.</summary>
                {{field}}

                /// <summary>Receives {{SignalName(signal)}}.</summary>
                {{attribute}}
                {{method.Replace("\n", "\n    ", StringComparison.Ordinal)}}
            }

            """;
    }

    private static string Parameters(IEnumerable<(string Name, string Type)> arguments) =>
        string.Join(", ", arguments.Select(argument => argument.Type + " " + argument.Name));

    private static string HandlerFile(int notificationCount, int handler, WorkloadFileVersion version)
    {
        var notification = SignalName(SignalOf(notificationCount, handler, version));
        return $$"""
            using System.Threading;
            using System.Threading.Tasks;
            using Bench.Notifications;
            using Mediator;

            namespace Bench.Handlers;

            /// <summary>Handler number {{handler}}.</summary>
            public sealed class {{HandlerClassName(handler)}} : INotificationHandler<{{notification}}>
            {
                /// <summary>How often it ran.</summary>
                public int Calls;

                /// <summary>Handles {{notification}}.</summary>
                public ValueTask Handle({{notification}} notification, CancellationToken cancellationToken)
                {
                    Calls += {{Increment(version)}};
                    return default;
                }
            }

            """;
    }
}
