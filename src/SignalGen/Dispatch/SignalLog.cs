using System;
using Microsoft.Extensions.Logging;

namespace SignalGen.Dispatch;

/// <summary>Log entries SignalGen writes. Argument values are never logged: they may be personal data.</summary>
internal static class SignalLog
{
    /// <summary>The logger category every SignalGen entry uses.</summary>
    public const string Category = "SignalGen";

    private static readonly Action<ILogger, string, string, Exception?> s_receiverFailed =
        LoggerMessage.Define<string, string>(
            LogLevel.Error,
            new EventId(1, "ReceiverFailed"),
            "Receiver {Receiver} of signal {Signal} failed during a robust send.");

    public static void ReceiversFailed(IServiceProvider? services, string signal, SendResult result)
    {
        // Only the failure path looks up a logger, so sends that succeed never touch DI for logging.
        if (services?.GetService(typeof(ILoggerFactory)) is not ILoggerFactory factory)
        {
            return;
        }

        var logger = factory.CreateLogger(Category);
        foreach (var failure in result.Failures)
        {
            s_receiverFailed(logger, failure.Receiver, signal, failure.Exception);
        }
    }
}
