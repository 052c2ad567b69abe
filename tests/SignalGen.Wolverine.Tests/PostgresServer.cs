using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace SignalGen.Wolverine.Tests;

/// <summary>
/// A PostgreSQL server of Debian's packages (<c>postgresql</c>, which .ci/run installs), started for the tests in a
/// folder of its own on a free loopback port and stopped after them: no container, nothing left behind. As root,
/// which <c>initdb</c> refuses, the server runs as the <c>postgres</c> user the package creates. It is tuned for
/// tests (fsync off): the processes the tests kill are the application's, never the server.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "signalgen-pg-" + Guid.NewGuid().ToString("N"));
    private string _bin = "";
    private int _port;

    /// <summary>A connection string for a new, empty database.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = "signalgen_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE DATABASE " + name;
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public async ValueTask InitializeAsync()
    {
        _bin = FindBinaries();
        Directory.CreateDirectory(_folder);
        _port = FreePort();
        var data = Path.Combine(_folder, "data");
        if (IsRoot)
        {
            await Run("chown", ["-R", "postgres:postgres", _folder], asPostgres: false);
        }

        await Run(Path.Combine(_bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"], asPostgres: IsRoot);
        await Run(
            Path.Combine(_bin, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-o", $"-p {_port} -c listen_addresses=127.0.0.1 -k {_folder} -c fsync=off -c max_connections=300", "start"],
            asPostgres: IsRoot);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_bin.Length > 0 && Directory.Exists(Path.Combine(_folder, "data")))
        {
            await Run(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "stop"], asPostgres: IsRoot);
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The server's last files; the temp folder is the OS's to clean.
        }
    }

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Maximum Pool Size=40";

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>The newest installed server's binaries (Debian: /usr/lib/postgresql/&lt;major&gt;/bin).</summary>
    private static string FindBinaries()
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(folder => Path.Combine(folder, "bin")).Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0).FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException(
            "No PostgreSQL server is installed (no /usr/lib/postgresql/<version>/bin/initdb). Install Debian's package: apt-get install -y postgresql (.ci/run does).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task Run(string file, string[] arguments, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. arguments])
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await errors}");
        }
    }
}
