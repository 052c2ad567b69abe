using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using Microsoft.Extensions.Logging;

namespace SignalGen.AuthSample.Tests;

/// <summary>
/// The app's warnings and errors, kept while the tests run and written to artifacts/authsample-app.log at the end: a
/// browser step that waits out its timeout shows only the page it waited on, and the log says what the server did.
/// </summary>
public sealed class AppLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public ILogger CreateLogger(string categoryName) => new CategoryLogger(this, categoryName);

    /// <summary>Writes what was logged to <paramref name="path"/>, or removes an older file when nothing was.</summary>
    public void WriteTo(string path)
    {
        if (_lines.IsEmpty)
        {
            File.Delete(path);
            return;
        }

        File.WriteAllLines(path, _lines.ToArray());
    }

    public void Dispose()
    {
    }

    private sealed class CategoryLogger(AppLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var time = DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
                log._lines.Enqueue($"{time} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
            }
        }
    }
}
