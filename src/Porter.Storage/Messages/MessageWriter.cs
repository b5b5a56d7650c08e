using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using NodaTime;
using Npgsql;
using Porter.Storage.Model;

namespace Porter.Storage.Messages;

/// <summary>
/// The write path of <see cref="MessageStore"/>: one long-lived connection, prepared statements, explicit
/// transactions. Plain ADO.NET rather than EF Core here, because this is the hot path (measured in
/// docs/performance.md: EF Core's change tracking cost more than everything else a message needs); the schema is still
/// EF Core's, made by its migrations. A message row is inserted with <c>ON CONFLICT DO NOTHING</c>, so a repeat (a
/// unique Message-ID, or channel and external id) inserts nothing and is then looked up.
/// </summary>
internal abstract class MessageWriter : IAsyncDisposable
{
    protected const string Columns =
        "channel, \"from\", \"to\", subject, body, headers, return_path, message_id, external_id, received_at, stored_at, client_id, " +
        "decision, priority, priority_rank, deadline, hold_until, signals, reasons, auto_reply_at, organisation_id, html_body, auto_reply_to, practice_version, professional_id, thread_key";

    private DbTransaction? transaction;

    protected abstract DbConnection Connection { get; }

    public static async Task<MessageWriter> OpenAsync(StorageOptions options, CancellationToken cancellationToken)
    {
        MessageWriter writer = options.Provider == DatabaseProvider.Sqlite ? new SqliteWriter(options.ConnectionString) : new PostgresWriter(options.ConnectionString);
        await writer.OpenAsync(cancellationToken).ConfigureAwait(false);
        return writer;
    }

    public async Task BeginAsync() => transaction = await Connection.BeginTransactionAsync().ConfigureAwait(false);

    public async Task CommitAsync()
    {
        await transaction!.CommitAsync().ConfigureAwait(false);
        await transaction.DisposeAsync().ConfigureAwait(false);
        transaction = null;
    }

    public async Task RollbackAsync()
    {
        if (transaction is not null)
        {
            await transaction.RollbackAsync().ConfigureAwait(false);
            await transaction.DisposeAsync().ConfigureAwait(false);
            transaction = null;
        }
    }

    /// <summary>Inserts the message and its actions; returns its id, or null when the message was stored already.</summary>
    public abstract Task<long?> InsertAsync(MessageRecord record, IReadOnlyList<ActionRecord> actions, IReadOnlyList<Porter.Domain.Messages.IncomingAttachment> attachments);

    /// <summary>The stored message with this Message-ID, or this channel and external id.</summary>
    public abstract Task<MessageRecord?> FindAsync(string channel, string? messageId, string? externalId);

    /// <summary>When <paramref name="recipient"/> (as <see cref="Porter.Domain.Decisions.AutoReplyPlan.WindowKey"/> spells it) last had an automatic reply planned.</summary>
    public abstract Task<Instant?> LastAutoReplyAsync(string recipient);

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
        await DisposeSourceAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    protected virtual ValueTask DisposeSourceAsync() => ValueTask.CompletedTask;

    protected abstract Task OpenAsync(CancellationToken cancellationToken);

    protected DbCommand Command(string sql, params string[] parameters)
    {
        DbCommand command = Connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is this class's own constants; values go in parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (string name in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    protected DbCommand Bound(DbCommand command)
    {
        command.Transaction = transaction;
        return command;
    }

    protected static void Set(DbCommand command, string name, object? value) => command.Parameters[name].Value = value ?? DBNull.Value;

    protected static MessageRecord Read(DbDataReader r, Func<DbDataReader, int, Instant> instant) => new()
    {
        Id = r.GetInt64(0),
        Channel = r.GetString(1),
        From = r.GetString(2),
        To = r.GetString(3),
        Subject = r.GetString(4),
        Body = r.GetString(5),
        Headers = r.IsDBNull(6) ? null : r.GetString(6),
        ReturnPath = r.IsDBNull(7) ? null : r.GetString(7),
        MessageId = r.IsDBNull(8) ? null : r.GetString(8),
        ExternalId = r.IsDBNull(9) ? null : r.GetString(9),
        ReceivedAt = instant(r, 10),
        StoredAt = instant(r, 11),
        ClientId = r.IsDBNull(12) ? null : r.GetString(12),
        Decision = r.GetString(13),
        Priority = r.GetString(14),
        PriorityRank = r.GetInt32(15),
        Deadline = r.IsDBNull(16) ? null : instant(r, 16),
        HoldUntil = r.IsDBNull(17) ? null : instant(r, 17),
        Signals = r.GetString(18),
        Reasons = r.GetString(19),
        AutoReplyAt = r.IsDBNull(20) ? null : instant(r, 20),
        OrganisationId = r.GetInt64(21),
        HtmlBody = r.IsDBNull(22) ? null : r.GetString(22),
        AutoReplyTo = r.IsDBNull(23) ? null : r.GetString(23),
        PracticeVersion = r.IsDBNull(24) ? null : r.GetInt64(24),
        ProfessionalId = r.IsDBNull(25) ? null : r.GetString(25),
        ThreadKey = r.IsDBNull(26) ? null : r.GetString(26),
    };

    /// <summary>The insert of one attachment, its parameters named with <paramref name="p"/> ($ or @).</summary>
    protected static string AttachmentInsert(char p) =>
        $"INSERT INTO attachments (message_record_id, organisation_id, file_name, content_type, size, content) VALUES ({p}m, {p}o, {p}n, {p}t, {p}s, {p}c)";

    protected static string[] AttachmentParameters(char p) => [$"{p}m", $"{p}o", $"{p}n", $"{p}t", $"{p}s", $"{p}c"];

    protected static void SetAttachment(DbCommand c, long messageId, long organisationId, Porter.Domain.Messages.IncomingAttachment file)
    {
        DbParameterCollection p = c.Parameters;
        p[0].Value = messageId;
        p[1].Value = organisationId;
        p[2].Value = file.FileName;
        p[3].Value = file.ContentType.Length <= 255 ? file.ContentType : "application/octet-stream";
        p[4].Value = (long)file.Content.Length;
        p[5].Value = file.Content.ToArray();
    }

    /// <summary>SQLite: instants as Unix ticks; one statement per row, each a few microseconds in-process.</summary>
    private sealed class SqliteWriter(string connectionString) : MessageWriter
    {
        private readonly SqliteConnection connection = new(connectionString);
        private DbCommand insertMessage = null!;
        private DbCommand insertAction = null!;
        private DbCommand insertAttachment = null!;
        private DbCommand findByMessageId = null!;
        private DbCommand findByExternalId = null!;
        private DbCommand lastAutoReply = null!;

        protected override DbConnection Connection => connection;

        public override async Task<long?> InsertAsync(MessageRecord m, IReadOnlyList<ActionRecord> actions, IReadOnlyList<Porter.Domain.Messages.IncomingAttachment> attachments)
        {
            DbCommand insert = Bound(insertMessage);
            SetMessage(insert, m, i => i.ToUnixTimeTicks());
            object? id = await insert.ExecuteScalarAsync().ConfigureAwait(false);
            if (id is null or DBNull)
            {
                return null;
            }

            long messageId = (long)id;
            foreach (ActionRecord action in actions)
            {
                DbCommand a = Bound(insertAction);
                Set(a, "$m", messageId);
                Set(a, "$k", action.Kind.Name());
                Set(a, "$d", action.DueAt.ToUnixTimeTicks());
                Set(a, "$p", action.Payload);
                Set(a, "$o", m.OrganisationId);
                await a.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            foreach (Porter.Domain.Messages.IncomingAttachment file in attachments)
            {
                DbCommand f = Bound(insertAttachment);
                SetAttachment(f, messageId, m.OrganisationId, file);
                await f.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            return messageId;
        }

        public override async Task<MessageRecord?> FindAsync(string channel, string? messageId, string? externalId)
        {
            DbCommand find;
            if (messageId is not null)
            {
                find = Bound(findByMessageId);
                Set(find, "$mid", messageId);
            }
            else
            {
                find = Bound(findByExternalId);
                Set(find, "$ch", channel);
                Set(find, "$eid", externalId);
            }

            await using DbDataReader reader = await find.ExecuteReaderAsync().ConfigureAwait(false);
            return await reader.ReadAsync().ConfigureAwait(false) ? Read(reader, (r, i) => Instant.FromUnixTimeTicks(r.GetInt64(i))) : null;
        }

        public override async Task<Instant?> LastAutoReplyAsync(string recipient)
        {
            DbCommand last = Bound(lastAutoReply);
            Set(last, "$r", recipient);
            object? ticks = await last.ExecuteScalarAsync().ConfigureAwait(false);
            return ticks is long t ? Instant.FromUnixTimeTicks(t) : null;
        }

        protected override async Task OpenAsync(CancellationToken cancellationToken)
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // The writer's connection: durable commits (synchronous FULL), a larger page cache for the index updates, and
            // WAL checkpoints less often (each costs fsyncs of its own).
            using (DbCommand pragmas = Command("PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=10000;"))
            {
                await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            string[] names = ["$ch", "$from", "$to", "$subject", "$body", "$headers", "$rp", "$mid", "$eid", "$received", "$stored", "$client",
                "$decision", "$priority", "$rank", "$deadline", "$hold", "$signals", "$reasons", "$reply", "$org", "$html", "$replyTo", "$version", "$professional", "$thread"];
            insertMessage = Command($"INSERT INTO messages ({Columns}) VALUES ({string.Join(", ", names)}) ON CONFLICT DO NOTHING RETURNING id", names);
            insertAction = Command("INSERT INTO actions (message_record_id, kind, due_at, payload, attempts, organisation_id) VALUES ($m, $k, $d, $p, 0, $o)", "$m", "$k", "$d", "$p", "$o");
            insertAttachment = Command(AttachmentInsert('$'), AttachmentParameters('$'));
            findByMessageId = Command($"SELECT id, {Columns} FROM messages WHERE message_id = $mid LIMIT 1", "$mid");
            findByExternalId = Command($"SELECT id, {Columns} FROM messages WHERE external_id = $eid AND channel = $ch LIMIT 1", "$eid", "$ch");
            lastAutoReply = Command("SELECT max(auto_reply_at) FROM messages WHERE auto_reply_to = $r", "$r");
        }
    }

    /// <summary>
    /// PostgreSQL: instants as timestamptz (Npgsql's NodaTime plugin); a message and its actions in one statement (a
    /// data-modifying CTE), so a message costs one round trip, and a repeat inserts neither.
    /// </summary>
    private sealed class PostgresWriter(string connectionString) : MessageWriter
    {
        private readonly NpgsqlDataSource source = new NpgsqlDataSourceBuilder(connectionString).UseNodaTime().Build();
        private NpgsqlConnection connection = null!;

        protected override DbConnection Connection => connection;

        public override async Task<long?> InsertAsync(MessageRecord m, IReadOnlyList<ActionRecord> actions, IReadOnlyList<Porter.Domain.Messages.IncomingAttachment> attachments)
        {
            string[] names = ["@ch", "@from", "@to", "@subject", "@body", "@headers", "@rp", "@mid", "@eid", "@received", "@stored", "@client",
                "@decision", "@priority", "@rank", "@deadline", "@hold", "@signals", "@reasons", "@reply", "@org", "@html", "@replyTo", "@version", "@professional", "@thread"];
            string sql = $"WITH m AS (INSERT INTO messages ({Columns}) VALUES ({string.Join(", ", names)}) ON CONFLICT DO NOTHING RETURNING id)";
            if (actions.Count > 0)
            {
                sql += ", a AS (INSERT INTO actions (message_record_id, kind, due_at, payload, attempts, organisation_id) SELECT m.id, v.kind, v.due_at, v.payload, 0, @org FROM m CROSS JOIN (VALUES " +
                    string.Join(", ", actions.Select((_, i) => $"(@k{i}, @d{i}, @p{i})")) + ") AS v(kind, due_at, payload))";
            }

            await using DbCommand insert = Command(sql + " SELECT id FROM m", [.. names, .. actions.SelectMany((_, i) => new[] { $"@k{i}", $"@d{i}", $"@p{i}" })]);
            Bound(insert);
            SetMessage(insert, m, i => i);
            for (int i = 0; i < actions.Count; i++)
            {
                Set(insert, $"@k{i}", actions[i].Kind.Name());
                ((NpgsqlParameter)insert.Parameters[$"@d{i}"]).NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz;
                Set(insert, $"@d{i}", actions[i].DueAt);
                Set(insert, $"@p{i}", actions[i].Payload);
            }

            object? id = await insert.ExecuteScalarAsync().ConfigureAwait(false);
            if (id is not long messageId)
            {
                return null;
            }

            foreach (Porter.Domain.Messages.IncomingAttachment file in attachments)
            {
                await using DbCommand f = Bound(Command(AttachmentInsert('@'), AttachmentParameters('@')));
                SetAttachment(f, messageId, m.OrganisationId, file);
                await f.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            return messageId;
        }

        public override async Task<MessageRecord?> FindAsync(string channel, string? messageId, string? externalId)
        {
            await using DbCommand find = messageId is not null
                ? Command($"SELECT id, {Columns} FROM messages WHERE message_id = @mid LIMIT 1", "@mid")
                : Command($"SELECT id, {Columns} FROM messages WHERE external_id = @eid AND channel = @ch LIMIT 1", "@eid", "@ch");
            Bound(find);
            if (messageId is not null)
            {
                Set(find, "@mid", messageId);
            }
            else
            {
                Set(find, "@eid", externalId);
                Set(find, "@ch", channel);
            }

            await using DbDataReader reader = await find.ExecuteReaderAsync().ConfigureAwait(false);
            return await reader.ReadAsync().ConfigureAwait(false) ? Read(reader, (r, i) => r.GetFieldValue<Instant>(i)) : null;
        }

        public override async Task<Instant?> LastAutoReplyAsync(string recipient)
        {
            await using DbCommand last = Command("SELECT max(auto_reply_at) FROM messages WHERE auto_reply_to = @r", "@r");
            Bound(last);
            Set(last, "@r", recipient);
            object? value = await last.ExecuteScalarAsync().ConfigureAwait(false);
            return value is Instant i ? i : null;
        }

        protected override async Task OpenAsync(CancellationToken cancellationToken) =>
            connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        protected override ValueTask DisposeSourceAsync() => source.DisposeAsync();
    }

    private static void SetMessage(DbCommand c, MessageRecord m, Func<Instant, object> instant)
    {
        DbParameterCollection p = c.Parameters;
        p[0].Value = m.Channel;
        p[1].Value = m.From;
        p[2].Value = m.To;
        p[3].Value = m.Subject;
        p[4].Value = m.Body;
        p[5].Value = (object?)m.Headers ?? DBNull.Value;
        p[6].Value = (object?)m.ReturnPath ?? DBNull.Value;
        p[7].Value = (object?)m.MessageId ?? DBNull.Value;
        p[8].Value = (object?)m.ExternalId ?? DBNull.Value;
        p[9].Value = instant(m.ReceivedAt);
        p[10].Value = instant(m.StoredAt);
        p[11].Value = (object?)m.ClientId ?? DBNull.Value;
        p[12].Value = m.Decision;
        p[13].Value = m.Priority;
        p[14].Value = m.PriorityRank;
        p[15].Value = m.Deadline is { } d ? instant(d) : DBNull.Value;
        p[16].Value = m.HoldUntil is { } h ? instant(h) : DBNull.Value;
        p[17].Value = m.Signals;
        p[18].Value = m.Reasons;
        p[19].Value = m.AutoReplyAt is { } a ? instant(a) : DBNull.Value;
        p[20].Value = m.OrganisationId;
        p[21].Value = (object?)m.HtmlBody ?? DBNull.Value;
        p[22].Value = (object?)m.AutoReplyTo ?? DBNull.Value;
        p[23].Value = m.PracticeVersion is { } v ? v : DBNull.Value;
        p[24].Value = (object?)m.ProfessionalId ?? DBNull.Value;
        p[25].Value = (object?)m.ThreadKey ?? DBNull.Value;
        foreach (int i in new[] { 9, 10, 15, 16, 19 })
        {
            if (p[i] is NpgsqlParameter npgsql)
            {
                npgsql.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz;
            }
        }
    }
}
