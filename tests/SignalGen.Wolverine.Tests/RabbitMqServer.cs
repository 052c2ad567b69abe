using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Xunit;

namespace SignalGen.Wolverine.Tests;

/// <summary>
/// A RabbitMQ broker of Debian's packages (<c>rabbitmq-server</c>, which .ci/run installs), started for the tests as a
/// node of its own: its data, logs, Erlang cookie and port mapper in a temporary folder, on free loopback ports, so it
/// meets no other broker on the machine; killed and removed after them.
/// </summary>
public sealed class RabbitMqServer : IAsyncLifetime
{
    private const string Server = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "signalgen-rabbitmq-" + Guid.NewGuid().ToString("N"));
    private Process? _process;
    private int _port;
    private int _epmdPort;

    /// <summary>The broker's address, with the default user (allowed from loopback only).</summary>
    public string Address => $"amqp://guest:guest@127.0.0.1:{_port}";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Server))
        {
            throw new InvalidOperationException("No RabbitMQ server is installed (" + Server + "). Install Debian's package: apt-get install -y rabbitmq-server (.ci/run does).");
        }

        Directory.CreateDirectory(_folder);
        _port = FreePort();
        _epmdPort = FreePort();
        var start = new ProcessStartInfo(Server) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
        foreach (var (name, value) in Environment(FreePort()))
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Erlang and the broker take a few seconds (14 s seen with a build beside it).
        var clock = Stopwatch.StartNew();
        while (!await AcceptsAsync())
        {
            if (_process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new InvalidOperationException("RabbitMQ did not start; see " + Path.Combine(_folder, "log"));
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();

        // The port mapper daemonizes: stop ours, by its port.
        if (_epmdPort != 0)
        {
            using var epmd = Process.Start(new ProcessStartInfo("epmd", ["-kill"]) { Environment = { ["ERL_EPMD_PORT"] = _epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture) }, RedirectStandardOutput = true, RedirectStandardError = true });
            if (epmd is not null)
            {
                await epmd.WaitForExitAsync();
            }
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The broker's last files; the temp folder is the OS's to clean.
        }
    }

    private IEnumerable<(string Name, string Value)> Environment(int distributionPort)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        yield return ("HOME", _folder);
        yield return ("RABBITMQ_NODENAME", "signalgen-" + Path.GetFileName(_folder)[^8..] + "@localhost");
        yield return ("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        yield return ("RABBITMQ_NODE_PORT", _port.ToString(invariant));
        yield return ("RABBITMQ_DIST_PORT", distributionPort.ToString(invariant));
        yield return ("ERL_EPMD_PORT", _epmdPort.ToString(invariant));
        yield return ("RABBITMQ_MNESIA_BASE", Path.Combine(_folder, "mnesia"));
        yield return ("RABBITMQ_LOG_BASE", Path.Combine(_folder, "log"));
        yield return ("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(_folder, "enabled_plugins"));
        yield return ("RABBITMQ_PID_FILE", Path.Combine(_folder, "pid"));
    }

    private async Task<bool> AcceptsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, _port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
