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
/// Full-text search with filters over the stored messages, newest first: SQLite FTS5 (Porter stemming) or PostgreSQL
/// full text (a stored tsvector, English stemming, GIN index). Through the person's context, so the organisation's and
/// the desk's filters hold.
/// </summary>
public static class MessageSearch
{
    /// <summary>The most results one search returns.</summary>
    public const int Limit = 50;

    /// <summary>The messages that match, newest first, at most <see cref="Limit"/>.</summary>
    public static Task<List<MessageRecord>> FindAsync(PorterDb db, MessageFilter query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        IQueryable<MessageRecord> messages = Matching(db, query.Text).AsNoTracking();
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
        return messages.OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id).Take(Limit).ToListAsync(cancellationToken);
    }

    /// <summary>The messages whose words match <paramref name="text"/>; every message when there are no words.</summary>
    private static IQueryable<MessageRecord> Matching(PorterDb db, string? text)
    {
        if (db is SqliteDb)
        {
            string? match = Fts5Query(text);
            return match is null
                ? string.IsNullOrWhiteSpace(text) ? db.Messages : db.Messages.Where(m => false) // typed, but no word in it: nothing matches
                : db.Messages.FromSqlRaw("SELECT * FROM messages WHERE id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH {0})", match);
        }

        return string.IsNullOrWhiteSpace(text)
            ? db.Messages
            : db.Messages.FromSqlRaw("SELECT * FROM messages WHERE search @@ websearch_to_tsquery('english', {0})", text.Trim());
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
