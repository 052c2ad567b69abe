using System;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace SignalGen.Observability;

/// <summary>
/// The names under which SignalGen reports sends: one <see cref="ActivitySource"/> and one
/// <see cref="Meter"/>, both named <see cref="Name"/>. Nothing is measured or allocated per send until something
/// listens (the source, the meter and its instruments are created once, on first use) (an OpenTelemetry SDK with <c>AddSource("SignalGen")</c> / <c>AddMeter("SignalGen")</c>, an
/// <see cref="ActivityListener"/>, a <see cref="MeterListener"/>, <c>dotnet-counters</c>).
/// </summary>
/// <remarks>
/// Every send (typed, robust, async, convenience) is one span named <c>send {Signal}</c>, with the tags
/// <see cref="SchemaTag"/>, <see cref="SignalTag"/>, <see cref="OperationTag"/> and
/// <see cref="ReceiversTag"/>; a failed send has status <see cref="ActivityStatusCode.Error"/>, and a
/// robust send with failures also <see cref="FailuresTag"/>. Argument values are never recorded: they
/// may be personal data.
/// </remarks>
public static class SignalGenTelemetry
{
    /// <summary>The name of SignalGen's <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
    public const string Name = "SignalGen";

    /// <summary>Counter of sends, one per send whatever its outcome. Tags: schema, signal, operation.</summary>
    public const string SendsInstrument = "signalgen.sends";

    /// <summary>Counter of receivers that failed (threw, or faulted their task). Tags: schema, signal, operation.</summary>
    public const string ReceiverFailuresInstrument = "signalgen.receiver.failures";

    /// <summary>Histogram of how long sends take, in seconds, until the last receiver completed. Tags: schema, signal, operation, outcome.</summary>
    public const string SendDurationInstrument = "signalgen.send.duration";

    /// <summary>Tag: the schema's namespace, e.g. <c>Contoso.Auth</c>.</summary>
    public const string SchemaTag = "signalgen.schema";

    /// <summary>Tag: the signal's name, e.g. <c>UserSignedUp</c>.</summary>
    public const string SignalTag = "signalgen.signal";

    /// <summary>Tag: <c>send</c>, <c>send_robust</c>, <c>send_async</c> or <c>send_robust_async</c>.</summary>
    public const string OperationTag = "signalgen.operation";

    /// <summary>Span tag: how many receivers (compiled and connected) the signal had when the send started.</summary>
    public const string ReceiversTag = "signalgen.receivers";

    /// <summary>Span tag: how many receivers failed during a robust send.</summary>
    public const string FailuresTag = "signalgen.failures";

    /// <summary>Duration tag: <c>ok</c>, <c>failed</c> (an exception reached the sender, or a robust send recorded failures) or <c>canceled</c>.</summary>
    public const string OutcomeTag = "signalgen.outcome";

    /// <summary>
    /// The name of the feature switch behind <see cref="IsSupported"/>. Set it with the MSBuild property
    /// <c>&lt;SignalGenTelemetrySupport&gt;false&lt;/SignalGenTelemetrySupport&gt;</c>, which writes it to the
    /// app's <c>runtimeconfig.json</c> and tells the trimmer.
    /// </summary>
    public const string IsSupportedSwitchName = "SignalGen.Telemetry.IsSupported";

    /// <summary>
    /// Whether sends are reported at all: <see langword="true"/> unless the app turned the
    /// <see cref="IsSupportedSwitchName"/> switch off. When it is off, no send looks for a listener (the JIT,
    /// and the trimmer in a trimmed or NativeAOT app, remove the check and the code behind it) and nothing
    /// is ever reported, even to a listener of <see cref="Name"/>; <see cref="Testing.SignalRecorder"/> still records.
    /// </summary>
    /// <remarks>
    /// With the switch on (the default) every send looks at the span's listeners and at each instrument:
    /// .NET tells a source or an instrument nothing when a listener starts, so a send cannot learn it any other
    /// way. docs/performance.md measures what looking costs.
    /// </remarks>
    [FeatureSwitchDefinition(IsSupportedSwitchName)]
    public static bool IsSupported { get; } = !AppContext.TryGetSwitch(IsSupportedSwitchName, out var isSupported) || isSupported;

    /// <summary>
    /// The source, the meter and its instruments, in a class of their own so they are created on the first send
    /// that looks for a listener, never in an app that switched telemetry off (reading <see cref="IsSupported"/>
    /// must not create them: a created source and meter are visible to every listener in the process).
    /// </summary>
    internal static class Instruments
    {
        internal static readonly ActivitySource Source = new(Name, typeof(SignalGenTelemetry).Assembly.GetName().Version?.ToString());

        internal static readonly Meter Meter = new(Name, typeof(SignalGenTelemetry).Assembly.GetName().Version?.ToString());

        internal static readonly Counter<long> Sends =
            Meter.CreateCounter<long>(SendsInstrument, "{send}", "Signals sent.");

        internal static readonly Counter<long> ReceiverFailures =
            Meter.CreateCounter<long>(ReceiverFailuresInstrument, "{failure}", "Receivers that failed during a send.");

        internal static readonly Histogram<double> SendDuration =
            Meter.CreateHistogram<double>(SendDurationInstrument, "s", "How long sends take, until the last receiver completed.");
    }

    /// <summary>
    /// Whether anything listens to the span or to any instrument: the source's listener list and each instrument's
    /// <c>Enabled</c>; constant <see langword="false"/> when <see cref="IsSupported"/> is off.
    /// </summary>
    internal static bool IsListenedTo
    {
        // Inlined into every send's check: a call here cost about a third of an unobserved send with one receiver.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => IsSupported && (Instruments.Source.HasListeners() || Instruments.Sends.Enabled || Instruments.ReceiverFailures.Enabled || Instruments.SendDuration.Enabled);
    }
}
