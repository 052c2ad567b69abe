using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace SignalGen.Wolverine.Tests;

/// <summary>tests/Fixtures/DurableHost run as a process of its own, so a test can kill it as a crash would.</summary>
internal sealed class DurableHostProcess : IDisposable
{
    private static readonly string s_path = typeof(DurableHostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "DurableHost").Value!;

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource<string> _hold = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DurableHostProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => Received(line.Data);
        _process.ErrorDataReceived += (_, line) => Received(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static DurableHostProcess Start(string? hold, params string[] arguments) => Start(hold, new Dictionary<string, string>(), arguments);

    /// <summary>Starts it with <paramref name="environment"/> added to its environment.</summary>
    public static DurableHostProcess Start(string? hold, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        if (!File.Exists(s_path))
        {
            throw new InvalidOperationException("The fixture application is not built: " + s_path);
        }

        var start = new ProcessStartInfo("dotnet", [s_path, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (hold is not null)
        {
            start.Environment["DURABLE_HOST_HOLD"] = hold;
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new DurableHostProcess(Process.Start(start)!);
    }

    /// <summary>Everything it printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    /// <summary>Waits until it prints <c>HOLD</c>: it has stopped at the point it was told to.</summary>
    public async Task<string> WaitForHoldAsync(CancellationToken cancellationToken)
    {
        var finished = _process.WaitForExitAsync(cancellationToken);
        var first = await Task.WhenAny(_hold.Task, finished, Task.Delay(TimeSpan.FromSeconds(60), cancellationToken));
        if (first != _hold.Task)
        {
            throw new InvalidOperationException("The process did not reach its hold point. Output:" + Environment.NewLine + Output);
        }

        return await _hold.Task;
    }

    /// <summary>The process's id, which the receivers it ran write beside their effects.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Waits for it to end by itself.</summary>
    public Task WaitForExitAsync(System.Threading.CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>SIGKILL on Linux: no shutdown code of ours or Wolverine's runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>
    /// Returns the line starting with <paramref name="prefix"/>: once the process ended by itself, or, with
    /// <paramref name="untilExit"/> false, as soon as it prints it.
    /// </summary>
    public async Task<string> WaitForLineAsync(string prefix, CancellationToken cancellationToken, bool untilExit = true)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (!untilExit && Find(prefix) is { } early)
            {
                return early;
            }

            if (_process.HasExited)
            {
                // The last lines may still be on their way from the pipe.
                await _process.WaitForExitAsync(cancellationToken);
                return Find(prefix) ?? throw new InvalidOperationException($"No '{prefix}' line (exit code {_process.ExitCode}). Output:" + Environment.NewLine + Output);
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"No '{prefix}' line within 5 minutes. Output:" + Environment.NewLine + Output);
    }

    private string? Find(string prefix)
    {
        lock (_output)
        {
            return _output.FirstOrDefault(line => line.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (line.StartsWith("HOLD ", StringComparison.Ordinal))
        {
            _hold.TrySetResult(line);
        }
    }
}
