namespace Porter.Testing;

/// <summary>
/// A real PostgreSQL 15, started from the machine's binaries (/usr/lib/postgresql/15/bin) in a temporary folder on a
/// free loopback port, and stopped at the end. initdb refuses root, so it runs as the postgres user when the tests run
/// as root (../shared/DEPENDENCIES.md, section 3). Set PORTER_PG_BIN to use binaries elsewhere.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string bin = Environment.GetEnvironmentVariable("PORTER_PG_BIN") is { Length: > 0 } b ? b : "/usr/lib/postgresql/15/bin";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "porter-pg-" + Guid.NewGuid().ToString("N")[..8]);
    private int databases;

    public int Port { get; private set; }

    /// <summary>A connection string to the server's postgres database.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    /// <summary>Makes a new, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        string name = $"porter_{Interlocked.Increment(ref databases)}";
        await Loopback.RunAsync(Path.Combine(bin, "createdb"), $"-h 127.0.0.1 -p {Port} -U postgres {name}");
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name}";
    }

    public async Task InitializeAsync()
    {
        Port = Loopback.FreePort();
        Directory.CreateDirectory(folder);
        bool root = Environment.UserName == "root";
        if (root)
        {
            await Loopback.RunAsync("chown", $"-R postgres:postgres {folder}");
        }

        await RunAsPostgresAsync(root, Path.Combine(bin, "initdb"), $"-D {folder}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8");
        await RunAsPostgresAsync(root, Path.Combine(bin, "pg_ctl"),
            $"-D {folder}/data -l {folder}/server.log -o \"-c listen_addresses=127.0.0.1 -p {Port} -k {folder} -c fsync=on -c max_connections=300\" -w start");
    }

    public async Task DisposeAsync()
    {
        try
        {
            await RunAsPostgresAsync(Environment.UserName == "root", Path.Combine(bin, "pg_ctl"), $"-D {folder}/data -m immediate -w stop");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task RunAsPostgresAsync(bool root, string file, string arguments) =>
        root ? Loopback.RunAsync("runuser", $"-u postgres -- {file} {arguments}") : Loopback.RunAsync(file, arguments);

}
