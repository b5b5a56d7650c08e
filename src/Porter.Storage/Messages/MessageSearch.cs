using System.Text;
using Microsoft.EntityFrameworkCore;
using Porter.Storage.Model;

namespace Porter.Storage.Messages;

/// <summary>What a search asks for: words, and filters by client, signal, decision and status; any may be absent.</summary>
/// <param name="Text">Words to find in subjects, bodies and senders (all of them, stemmed: "invoices" finds "invoice").</param>
/// <param name="ClientId">Only this client's messages.</param>
/// <param name="Signal">Only messages with this signal (<c>after_hours</c>, <c>out_of_scope</c>…).</param>
/// <param name="Decision">Only this decision (<c>deliver</c>, <c>hold</c>, <c>escalate</c>, <c>never_answer</c>).</param>
/// <param name="Status"><c>waiting</c> (not dealt with), <c>answered</c> (dealt with), or null for both.</param>
public sealed record MessageFilter(string? Text, string? ClientId = null, string? Signal = null, string? Decision = null, string? Status = null);

/// <summary>
/// Full-text search with filters over the stored messages, the latest stored first: SQLite FTS5 (Porter stemming) or PostgreSQL
/// full text (a stored tsvector, English stemming, GIN index). Through the person's context, so the organisation's and
/// the desk's filters hold.
/// </summary>
public static class MessageSearch
{
    /// <summary>The most results one search returns.</summary>
    public const int Limit = 50;

    /// <summary>The messages that match, newest first (the latest stored first), at most <see cref="Limit"/>.</summary>
    public static Task<List<MessageRecord>> FindAsync(PorterDb db, MessageFilter query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        if (db is SqliteDb && !string.IsNullOrWhiteSpace(query.Text))
        {
            return Fts5Async(db, query, cancellationToken);
        }

        IQueryable<MessageRecord> messages = string.IsNullOrWhiteSpace(query.Text)
            ? db.Messages
            : db.Messages.FromSqlRaw("SELECT * FROM messages WHERE search @@ websearch_to_tsquery('english', {0})", query.Text.Trim());
        messages = messages.AsNoTracking();
        if (query.ClientId is { Length: > 0 } client)
        {
            messages = messages.Where(m => m.ClientId == client);
        }

        if (query.Signal is { Length: > 0 } signal)
        {
            // Signals are stored comma-separated; no signal's name is part of another's.
            messages = messages.Where(m => m.Signals.Contains(signal));
        }

        if (query.Decision is { Length: > 0 } decision)
        {
            messages = messages.Where(m => m.Decision == decision);
        }

        messages = query.Status switch
        {
            "waiting" => messages.Where(m => m.DoneAt == null && m.Decision != "never_answer"),
            "answered" => messages.Where(m => m.DoneAt != null),
            _ => messages,
        };
        // Filters alone walk an index by arrival, newest first (organisation and client, received), stopping at the limit;
        // words on PostgreSQL take the matches in the order they were stored.
        return (string.IsNullOrWhiteSpace(query.Text) ? messages.OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id) : messages.OrderByDescending(m => m.Id))
            .Take(Limit).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// SQLite: one statement driven by the FTS5 index in descending rowid order, joined to each message and filtered,
    /// stopping at the <see cref="Limit"/>th match, so a word in most messages costs no more than a rare one (sorting all
    /// matches by another column cost 0.6 s for a word in a third of a million messages). The organisation's and the
    /// desk's filters are in the statement (EF Core's would apply after the limit).
    /// </summary>
    private static Task<List<MessageRecord>> Fts5Async(PorterDb db, MessageFilter query, CancellationToken cancellationToken)
    {
        string? match = Fts5Query(query.Text);
        if (match is null)
        {
            // Typed, but no word in it: nothing matches.
            return Task.FromResult(new List<MessageRecord>());
        }

        var sql = new StringBuilder("SELECT m.* FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid WHERE messages_fts MATCH {0} AND m.organisation_id = {1}");
        var values = new List<object> { match, db.Tenant };
        void And(string condition, object? value = null)
        {
            if (value is not null)
            {
                values.Add(value);
            }

            sql.Append(" AND ").Append(condition.Replace("{?}", $"{{{values.Count - 1}}}", StringComparison.Ordinal));
        }

        if (db.Desk is { } desk)
        {
            And(db.DeskTakesUnassigned ? "(m.professional_id = {?} OR m.professional_id IS NULL)" : "m.professional_id = {?}", desk);
        }

        if (query.ClientId is { Length: > 0 } client)
        {
            And("m.client_id = {?}", client);
        }

        if (query.Signal is { Length: > 0 } signal)
        {
            And("instr(m.signals, {?}) > 0", signal);
        }

        if (query.Decision is { Length: > 0 } decision)
        {
            And("m.decision = {?}", decision);
        }

        if (query.Status == "waiting")
        {
            And("m.done_at IS NULL AND m.decision <> 'never_answer'");
        }
        else if (query.Status == "answered")
        {
            And("m.done_at IS NOT NULL");
        }

        sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" ORDER BY messages_fts.rowid DESC LIMIT {Limit}");
        return db.Messages.FromSqlRaw(sql.ToString(), [.. values]).IgnoreQueryFilters().AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The words as an FTS5 query: each a quoted string (so nothing the person types is read as query syntax; an
    /// address becomes the phrase of its parts), all required; null when there are no words.
    /// </summary>
    public static string? Fts5Query(string? text)
    {
        var terms = new List<string>();
        foreach (string word in (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var term = new StringBuilder();
            foreach (char c in word)
            {
                if (char.IsLetterOrDigit(c) || c is '@' or '.' or '-' or '_' or '\'' or '+')
                {
                    term.Append(c == '"' ? '\'' : c);
                }
            }

            if (term.ToString().Any(char.IsLetterOrDigit))
            {
                terms.Add($"\"{term}\"");
            }
        }

        return terms.Count == 0 ? null : string.Join(' ', terms.Take(32));
    }
}
