using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using Porter.Application.Access;
using Porter.Storage.Model;

namespace Porter.Storage;

/// <summary>
/// Porter's database. Abstract: one subclass per provider, because migrations are provider-specific
/// (<see cref="SqliteDb"/> for the embedded default, <see cref="PostgresDb"/> for teams and several instances).
/// People log in through ASP.NET Core Identity's tables (users only, no roles). Messages, actions, client links and
/// bookings belong to an organisation, and every query of them is filtered by <see cref="Tenant"/>: a context sees one
/// organisation's rows only, so another organisation's id reads exactly like a missing one.
/// </summary>
public abstract class PorterDb(DbContextOptions options) : IdentityUserContext<PorterUser>(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core's data-protection keys (sign-in and antiforgery cookies), shared by every instance.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    /// <summary>
    /// The organisation whose rows this context sees. Contexts from the factory see the instance's own organisation
    /// (<see cref="OrganisationRecord.InstanceId"/>); the dashboard sets the signed-in person's.
    /// </summary>
    public long Tenant { get; set; } = OrganisationRecord.InstanceId;

    /// <summary>
    /// The professional whose messages (and their actions) this context sees, for a person who sees one professional's
    /// work only (a professional, an assistant); null (the default) sees the whole organisation's.
    /// </summary>
    public string? Desk { get; set; }

    /// <summary>
    /// Whether <see cref="Desk"/> also sees messages stored before several professionals (no professional on record):
    /// true for the organisation's first professional, whose they were.
    /// </summary>
    public bool DeskTakesUnassigned { get; set; }

    /// <summary>Organisations.</summary>
    public DbSet<OrganisationRecord> Organisations => Set<OrganisationRecord>();

    /// <summary>Clients' links to their agreement and booking pages.</summary>
    public DbSet<ClientLinkRecord> ClientLinks => Set<ClientLinkRecord>();

    /// <summary>Times clients booked.</summary>
    public DbSet<BookingRecord> Bookings => Set<BookingRecord>();

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

    /// <summary>The clients' change logs, one hash chain per organisation (append-only).</summary>
    public DbSet<PlanChangeRecord> PlanChanges => Set<PlanChangeRecord>();

    /// <summary>Check-ins and feedback rounds that came round, with the clients' answers.</summary>
    public DbSet<CadenceRunRecord> CadenceRuns => Set<CadenceRunRecord>();

    /// <summary>Notifications to professionals.</summary>
    public DbSet<NotificationRecord> Notifications => Set<NotificationRecord>();

    /// <summary>Files attached to messages.</summary>
    public DbSet<AttachmentRecord> Attachments => Set<AttachmentRecord>();

    /// <summary>Pages to the people on call.</summary>
    public DbSet<PageRecord> Pages => Set<PageRecord>();

    /// <summary>Handovers of on-call duty.</summary>
    public DbSet<HandoverRecord> Handovers => Set<HandoverRecord>();

    /// <summary>Reviews mailed to professionals.</summary>
    public DbSet<ReviewRecord> Reviews => Set<ReviewRecord>();

    /// <summary>Corrections of what Porter read in messages.</summary>
    public DbSet<CorrectionRecord> Corrections => Set<CorrectionRecord>();

    /// <summary>Every change on record (append-only).</summary>
    public DbSet<ChangeRecord> Changes => Set<ChangeRecord>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.Entity<PorterUser>(u =>
        {
            u.ToTable("users");
            u.Property(x => x.Role).HasMaxLength(16).HasConversion(r => r.ToString().ToLowerInvariant(), text => Enum.Parse<PersonRole>(text, true));
            u.Property(x => x.ProfessionalId).HasMaxLength(64);
            u.HasOne<OrganisationRecord>().WithMany().HasForeignKey(x => x.OrganisationId);
        });
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().ToTable("user_tokens");
        builder.Entity<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>().ToTable("data_protection_keys");
        builder.Entity<OrganisationRecord>(o =>
        {
            o.ToTable("organisations");
            o.Property(x => x.Name).HasMaxLength(200);
            o.HasData(new OrganisationRecord { Id = OrganisationRecord.InstanceId, Name = "Default organisation" });
        });
        builder.Entity<ClientLinkRecord>(l =>
        {
            l.ToTable("client_links");
            l.HasKey(x => x.Token);
            l.Property(x => x.Token).HasMaxLength(64);
            l.Property(x => x.ClientId).HasMaxLength(128);
            l.HasIndex(x => new { x.OrganisationId, x.ClientId }).IsUnique();
            l.HasQueryFilter(x => x.OrganisationId == Tenant);
        });
        builder.Entity<BookingRecord>(b =>
        {
            b.ToTable("bookings");
            // One booking per start per professional (each professional has their own calendar).
            b.HasIndex(x => new { x.OrganisationId, x.ProfessionalId, x.Start }).IsUnique();
            b.Property(x => x.ProfessionalId).HasMaxLength(64);
            b.HasIndex(x => x.Uid).IsUnique();
            b.Property(x => x.ClientId).HasMaxLength(128);
            b.Property(x => x.Name).HasMaxLength(200);
            b.Property(x => x.Email).HasMaxLength(320);
            b.Property(x => x.Note).HasMaxLength(2000);
            b.Property(x => x.Uid).HasMaxLength(128);
            b.HasQueryFilter(x => x.OrganisationId == Tenant);
        });
        builder.Entity<MessageRecord>(m =>
        {
            m.ToTable("messages");
            m.Property(x => x.OrganisationId).HasDefaultValue(OrganisationRecord.InstanceId);
            m.HasOne<OrganisationRecord>().WithMany().HasForeignKey(x => x.OrganisationId);
            m.HasQueryFilter(x => x.OrganisationId == Tenant
                && (Desk == null || x.ProfessionalId == Desk || (DeskTakesUnassigned && x.ProfessionalId == null)));
            m.HasIndex(x => x.MessageId).IsUnique().HasFilter("\"message_id\" IS NOT NULL");
            m.HasIndex(x => new { x.Channel, x.ExternalId }).IsUnique().HasFilter("\"external_id\" IS NOT NULL");
            // A sender's newer messages (a queued reply is held for review when the client wrote again).
            m.HasIndex(x => new { x.From, x.StoredAt });
            m.HasIndex(x => new { x.AutoReplyTo, x.AutoReplyAt });
            // The queue (what waits, by deadline) and the held list, each within one organisation; the queue's index
            // also counts the deadlines missed.
            m.HasIndex(x => new { x.OrganisationId, x.DoneAt, x.Decision, x.Deadline });
            m.HasIndex(x => new { x.OrganisationId, x.Decision, x.HoldUntil });
            // Conversations: a thread's messages, and a client's across channels, in order.
            m.HasIndex(x => new { x.OrganisationId, x.ThreadKey, x.ReceivedAt });
            m.HasIndex(x => new { x.OrganisationId, x.ClientId, x.ReceivedAt });
            m.Property(x => x.ThreadKey).HasMaxLength(998);
            // The reports (MessageReports): every column their aggregates read, so a period is one index range, read
            // without touching the rows (bodies and all).
            m.HasIndex(x => new { x.OrganisationId, x.ReceivedAt, x.Decision, x.ClientId, x.Deadline, x.AnsweredAt }).HasDatabaseName("IX_messages_reports");
            m.Property(x => x.Channel).HasMaxLength(64);
            m.Property(x => x.From).HasMaxLength(512);
            m.Property(x => x.AutoReplyTo).HasMaxLength(512);
            m.Property(x => x.MessageId).HasMaxLength(998);
            m.Property(x => x.ExternalId).HasMaxLength(256);
            m.Property(x => x.ClientId).HasMaxLength(128);
            m.Property(x => x.ProfessionalId).HasMaxLength(64);
            m.Property(x => x.Draft).HasMaxLength(100_000);
            m.Property(x => x.DraftBy).HasMaxLength(320);
            m.Property(x => x.Decision).HasMaxLength(32);
            m.Property(x => x.Priority).HasMaxLength(16);
        });
        builder.Entity<ActionRecord>(a =>
        {
            a.ToTable("actions");
            a.HasIndex(x => new { x.DoneAt, x.DueAt });
            a.HasOne(x => x.Message).WithMany().HasForeignKey(x => x.MessageRecordId);
            a.Property(x => x.Kind).HasMaxLength(32).HasConversion(k => k.Name(), name => ActionKinds.Parse(name));
            a.Property(x => x.OrganisationId).HasDefaultValue(OrganisationRecord.InstanceId);
            a.HasOne<OrganisationRecord>().WithMany().HasForeignKey(x => x.OrganisationId);
            // One professional's desk sees the actions of its messages; actions of no message (announcements, booking
            // confirmations) are the organisation's.
            a.HasQueryFilter(x => x.OrganisationId == Tenant
                && (Desk == null || (x.Message != null && (x.Message.ProfessionalId == Desk || (DeskTakesUnassigned && x.Message.ProfessionalId == null)))));
        });
        builder.Entity<ChangeRecord>(c =>
        {
            c.ToTable("change_records");
            c.HasIndex(x => new { x.OrganisationId, x.Subject, x.Id });
            c.Property(x => x.Subject).HasMaxLength(64);
            c.Property(x => x.Actor).HasMaxLength(320);
            c.Property(x => x.Summary).HasMaxLength(2000);
            c.HasOne<OrganisationRecord>().WithMany().HasForeignKey(x => x.OrganisationId);
            c.HasQueryFilter(x => x.OrganisationId == Tenant);
        });
        builder.Entity<PlanChangeRecord>(c =>
        {
            c.ToTable("plan_changes");
            // One entry per place in the chain: two instances appending at once cannot both take the same place.
            c.HasIndex(x => new { x.OrganisationId, x.Sequence }).IsUnique();
            // A change found in a message is recorded once, whichever instance finds it first.
            c.HasIndex(x => x.MessageRecordId).IsUnique().HasFilter("\"message_record_id\" IS NOT NULL");
            c.HasIndex(x => new { x.OrganisationId, x.ClientId });
            c.Property(x => x.ClientId).HasMaxLength(128);
            c.Property(x => x.ProfessionalId).HasMaxLength(64);
            c.Property(x => x.Kind).HasMaxLength(16);
            c.Property(x => x.What).HasMaxLength(2000);
            c.Property(x => x.AskedBy).HasMaxLength(320);
            c.Property(x => x.RecordedBy).HasMaxLength(320);
            c.Property(x => x.PreviousHash).HasMaxLength(64);
            c.Property(x => x.Hash).HasMaxLength(64);
            c.HasOne<OrganisationRecord>().WithMany().HasForeignKey(x => x.OrganisationId);
            c.HasQueryFilter(x => x.OrganisationId == Tenant);
        });
        builder.Entity<CadenceRunRecord>(c =>
        {
            c.ToTable("cadence_runs");
            // One run per client, kind and time: two instances scheduling at once make one.
            c.HasIndex(x => new { x.OrganisationId, x.ClientId, x.Kind, x.Due }).IsUnique();
            c.Property(x => x.ClientId).HasMaxLength(128);
            c.Property(x => x.ProfessionalId).HasMaxLength(64);
            c.Property(x => x.Kind).HasMaxLength(16);
            c.Property(x => x.Question).HasMaxLength(2000);
            c.Property(x => x.Answer).HasMaxLength(10_000);
            c.HasOne<OrganisationRecord>().WithMany().HasForeignKey(x => x.OrganisationId);
            c.HasQueryFilter(x => x.OrganisationId == Tenant);
        });
        builder.Entity<NotificationRecord>(c =>
        {
            c.ToTable("notifications");
            c.HasIndex(x => new { x.MessageRecordId, x.Kind }).IsUnique();
            c.Property(x => x.Kind).HasMaxLength(16);
            c.HasOne<MessageRecord>().WithMany().HasForeignKey(x => x.MessageRecordId).OnDelete(DeleteBehavior.Cascade);
            c.HasOne<OrganisationRecord>().WithMany().HasForeignKey(x => x.OrganisationId);
            c.HasQueryFilter(x => x.OrganisationId == Tenant);
        });
        builder.Entity<AttachmentRecord>(c =>
        {
            c.ToTable("attachments");
            c.HasIndex(x => x.MessageRecordId);
            c.Property(x => x.FileName).HasMaxLength(255);
            c.Property(x => x.ContentType).HasMaxLength(255);
            c.HasOne<MessageRecord>().WithMany().HasForeignKey(x => x.MessageRecordId).OnDelete(DeleteBehavior.Cascade);
            c.HasOne<OrganisationRecord>().WithMany().HasForeignKey(x => x.OrganisationId);
            // Read only through their message, which the desk's filter has let through.
            c.HasQueryFilter(x => x.OrganisationId == Tenant);
        });
        builder.Entity<PageRecord>(c =>
        {
            c.ToTable("pages");
            // One page per message and number: a retried escalation or re-page reuses it.
            c.HasIndex(x => new { x.MessageRecordId, x.Number }).IsUnique();
            c.HasIndex(x => x.Token).IsUnique();
            c.Property(x => x.ProfessionalId).HasMaxLength(64);
            c.Property(x => x.Person).HasMaxLength(200);
            c.Property(x => x.Email).HasMaxLength(320);
            c.Property(x => x.Phone).HasMaxLength(64);
            c.Property(x => x.Token).HasMaxLength(64);
            c.HasOne<MessageRecord>().WithMany().HasForeignKey(x => x.MessageRecordId).OnDelete(DeleteBehavior.Cascade);
            c.HasOne<OrganisationRecord>().WithMany().HasForeignKey(x => x.OrganisationId);
            c.HasQueryFilter(x => x.OrganisationId == Tenant && (Desk == null || x.ProfessionalId == Desk));
        });
        builder.Entity<HandoverRecord>(c =>
        {
            c.ToTable("handovers");
            c.HasIndex(x => new { x.OrganisationId, x.ProfessionalId, x.At }).IsUnique();
            c.Property(x => x.ProfessionalId).HasMaxLength(64);
            c.Property(x => x.FromPerson).HasMaxLength(200);
            c.Property(x => x.ToPerson).HasMaxLength(200);
            c.HasOne<OrganisationRecord>().WithMany().HasForeignKey(x => x.OrganisationId);
            c.HasQueryFilter(x => x.OrganisationId == Tenant && (Desk == null || x.ProfessionalId == Desk));
        });
        builder.Entity<ReviewRecord>(c =>
        {
            c.ToTable("reviews");
            // One per professional, kind and period: two instances at once make one.
            c.HasIndex(x => new { x.OrganisationId, x.ProfessionalId, x.Kind, x.PeriodStart }).IsUnique();
            c.Property(x => x.ProfessionalId).HasMaxLength(64);
            c.Property(x => x.Kind).HasMaxLength(16);
            c.Property(x => x.PeriodStart).HasMaxLength(10);
            c.HasOne<OrganisationRecord>().WithMany().HasForeignKey(x => x.OrganisationId);
            c.HasQueryFilter(x => x.OrganisationId == Tenant && (Desk == null || x.ProfessionalId == Desk));
        });
        builder.Entity<CorrectionRecord>(c =>
        {
            c.ToTable("corrections");
            c.HasIndex(x => x.MessageRecordId);
            c.Property(x => x.ProfessionalId).HasMaxLength(64);
            c.Property(x => x.Labels).HasMaxLength(200);
            c.Property(x => x.By).HasMaxLength(320);
            c.Property(x => x.Text).HasMaxLength(20_000);
            c.HasOne<MessageRecord>().WithMany().HasForeignKey(x => x.MessageRecordId).OnDelete(DeleteBehavior.SetNull);
            c.HasOne<OrganisationRecord>().WithMany().HasForeignKey(x => x.OrganisationId);
            // A desk sees its own professional's corrections; the service (no desk) reads every one to learn them.
            c.HasQueryFilter(x => x.OrganisationId == Tenant && (Desk == null || x.ProfessionalId == Desk));
        });
        builder.Entity<SettingRecord>(x =>
        {
            x.ToTable("settings");
            x.HasKey(k => k.Key);
            x.Property(k => k.Key).HasMaxLength(128);
        });
        builder.Entity<MailboxStateRecord>(m =>
        {
            m.ToTable("mailbox_states");
            m.Property(x => x.Id).HasMaxLength(512);
        });
        builder.Entity<ApiKeyRecord>(k =>
        {
            k.ToTable("api_keys");
            k.HasIndex(x => x.Hash).IsUnique();
            k.HasIndex(x => x.Name).IsUnique();
            k.Property(x => x.Name).HasMaxLength(128);
            k.Property(x => x.Prefix).HasMaxLength(32);
            k.Property(x => x.Hash).HasMaxLength(64);
        });

        foreach (var entity in builder.Model.GetEntityTypes())
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
