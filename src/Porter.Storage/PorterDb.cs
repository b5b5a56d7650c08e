using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using Porter.Storage.Model;

namespace Porter.Storage;

/// <summary>
/// Porter's database. Abstract: one subclass per provider, because migrations are provider-specific
/// (<see cref="SqliteDb"/> for the embedded default, <see cref="PostgresDb"/> for teams and several instances).
/// </summary>
public abstract class PorterDb(DbContextOptions options) : DbContext(options)
{
    /// <summary>Messages with their decisions.</summary>
    public DbSet<MessageRecord> Messages => Set<MessageRecord>();

    /// <summary>Actions owed, and done.</summary>
    public DbSet<ActionRecord> Actions => Set<ActionRecord>();

    /// <summary>How far each IMAP folder has been read.</summary>
    public DbSet<MailboxStateRecord> MailboxStates => Set<MailboxStateRecord>();

    /// <summary>Values kept between runs.</summary>
    public DbSet<SettingRecord> Settings => Set<SettingRecord>();

    /// <summary>API keys.</summary>
    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<MessageRecord>(m =>
        {
            m.ToTable("messages");
            m.HasIndex(x => x.MessageId).IsUnique().HasFilter("\"message_id\" IS NOT NULL");
            m.HasIndex(x => new { x.Channel, x.ExternalId }).IsUnique().HasFilter("\"external_id\" IS NOT NULL");
            m.HasIndex(x => new { x.From, x.AutoReplyAt });
            m.HasIndex(x => new { x.Decision, x.Deadline, x.PriorityRank });
            m.Property(x => x.Channel).HasMaxLength(64);
            m.Property(x => x.From).HasMaxLength(512);
            m.Property(x => x.MessageId).HasMaxLength(998);
            m.Property(x => x.ExternalId).HasMaxLength(256);
            m.Property(x => x.ClientId).HasMaxLength(128);
            m.Property(x => x.Decision).HasMaxLength(32);
            m.Property(x => x.Priority).HasMaxLength(16);
        });
        modelBuilder.Entity<ActionRecord>(a =>
        {
            a.ToTable("actions");
            a.HasIndex(x => new { x.DoneAt, x.DueAt });
            a.HasOne(x => x.Message).WithMany().HasForeignKey(x => x.MessageRecordId);
            a.Property(x => x.Kind).HasMaxLength(32);
        });
        modelBuilder.Entity<SettingRecord>(x =>
        {
            x.ToTable("settings");
            x.HasKey(k => k.Key);
            x.Property(k => k.Key).HasMaxLength(128);
        });
        modelBuilder.Entity<MailboxStateRecord>(m =>
        {
            m.ToTable("mailbox_states");
            m.Property(x => x.Id).HasMaxLength(512);
        });
        modelBuilder.Entity<ApiKeyRecord>(k =>
        {
            k.ToTable("api_keys");
            k.HasIndex(x => x.Hash).IsUnique();
            k.HasIndex(x => x.Name).IsUnique();
            k.Property(x => x.Name).HasMaxLength(128);
            k.Property(x => x.Prefix).HasMaxLength(32);
            k.Property(x => x.Hash).HasMaxLength(64);
        });

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

/// <summary>The embedded default: a SQLite file (WAL, synchronous FULL), instants stored as Unix ticks.</summary>
public sealed class SqliteDb(DbContextOptions<SqliteDb> options) : PorterDb(options)
{
    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<Instant>().HaveConversion<InstantTicksConverter>();
    }

    /// <summary>Instants as Unix ticks (SQLite has no timestamp type; ticks sort and compare correctly).</summary>
    internal sealed class InstantTicksConverter() : ValueConverter<Instant, long>(i => i.ToUnixTimeTicks(), t => Instant.FromUnixTimeTicks(t));
}

/// <summary>PostgreSQL, for teams and several instances; instants as <c>timestamp with time zone</c> (Npgsql NodaTime).</summary>
public sealed class PostgresDb(DbContextOptions<PostgresDb> options) : PorterDb(options);
