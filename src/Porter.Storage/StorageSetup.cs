using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Porter.Storage;

/// <summary>Which database, and where.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="ConnectionString">The connection string (for SQLite, <c>Data Source=PATH</c>).</param>
public sealed record StorageOptions(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The embedded default: a SQLite file.</summary>
    public static StorageOptions Sqlite(string path) => new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString());

    /// <summary>The SQLite file's path, for SQLite.</summary>
    public string? SqlitePath => Provider == DatabaseProvider.Sqlite ? new SqliteConnectionStringBuilder(ConnectionString).DataSource : null;
}

/// <summary>The database providers Porter runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: one instance.</summary>
    Sqlite,

    /// <summary>PostgreSQL: teams, several instances.</summary>
    Postgres,
}

/// <summary>Registers the database and builds contexts outside dependency injection.</summary>
public static class StorageSetup
{
    /// <summary>Registers a pooled context factory for <see cref="PorterDb"/> on the chosen provider.</summary>
    public static IServiceCollection AddPorterStorage(this IServiceCollection services, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            services.AddPooledDbContextFactory<SqliteDb>(b => ConfigureSqlite(b, options.ConnectionString));
            services.AddSingleton<IDbContextFactory<PorterDb>>(sp => new Upcast<SqliteDb>(sp.GetRequiredService<IDbContextFactory<SqliteDb>>()));
        }
        else
        {
            services.AddPooledDbContextFactory<PostgresDb>(b => ConfigurePostgres(b, options.ConnectionString));
            services.AddSingleton<IDbContextFactory<PorterDb>>(sp => new Upcast<PostgresDb>(sp.GetRequiredService<IDbContextFactory<PostgresDb>>()));
        }

        return services;
    }

    /// <summary>A context outside dependency injection (the CLI, tests).</summary>
    public static PorterDb Open(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var sqlite = new DbContextOptionsBuilder<SqliteDb>();
            ConfigureSqlite(sqlite, options.ConnectionString);
            return new SqliteDb(sqlite.Options);
        }

        var postgres = new DbContextOptionsBuilder<PostgresDb>();
        ConfigurePostgres(postgres, options.ConnectionString);
        return new PostgresDb(postgres.Options);
    }

    /// <summary>Creates the database if needed and applies every migration of its provider.</summary>
    public static async Task MigrateAsync(StorageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SqlitePath is { } path && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await using PorterDb db = Open(options);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // WAL is a property of the file: set once, it stays.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }
    }

    private static void ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance, SqliteInterrupt.Instance);

    private static void ConfigurePostgres(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, npgsql => npgsql.UseNodaTime());

    /// <summary>Every SQLite connection commits durably: synchronous FULL (a per-connection setting), and waits for locks.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using DbCommand command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
            command.ExecuteNonQuery();
        }
    }

    private sealed class Upcast<T>(IDbContextFactory<T> inner) : IDbContextFactory<PorterDb>
        where T : PorterDb
    {
        /// <summary>A context of the instance's own organisation (pooled contexts are reused: the tenant is set afresh).</summary>
        public PorterDb CreateDbContext()
        {
            PorterDb db = inner.CreateDbContext();
            db.Tenant = Model.OrganisationRecord.InstanceId;
            return db;
        }
    }
}

/// <summary>For <c>dotnet ef migrations add … --context SqliteDb</c>.</summary>
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteDb>
{
    public SqliteDb CreateDbContext(string[] args) => (SqliteDb)StorageSetup.Open(StorageOptions.Sqlite("design.db"));
}

/// <summary>For <c>dotnet ef migrations add … --context PostgresDb</c> (no connection is made).</summary>
internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresDb>
{
    public PostgresDb CreateDbContext(string[] args) => (PostgresDb)StorageSetup.Open(new StorageOptions(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=porter"));
}
