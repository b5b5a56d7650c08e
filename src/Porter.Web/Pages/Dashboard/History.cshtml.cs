using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Porter.Storage.Messages;
using Porter.Storage.Model;
using Porter.Web.Dashboard;

namespace Porter.Web.Pages.Dashboard;

/// <summary>
/// Everything a client sent, on every channel, answered or not, newest first, with the replies written to each: the
/// conversation with the client across channels. A page at a time (<c>?before=ID</c> for older ones).
/// </summary>
public sealed class HistoryModel(TenantData tenant) : PageModel
{
    /// <summary>The client.</summary>
    public Porter.Domain.Agreements.Client? Client { get; private set; }

    /// <summary>Their messages, newest first.</summary>
    public IReadOnlyList<MessageRecord> Messages { get; private set; } = [];

    /// <summary>The replies written to them.</summary>
    public ILookup<long, ConversationReply> Replies { get; private set; } = Array.Empty<ConversationReply>().ToLookup(r => r.MessageId);

    /// <summary>The id to page on from, when there are older messages.</summary>
    public long? Older { get; private set; }

    /// <summary>The zone times are shown in.</summary>
    public DateTimeZone Zone => tenant.Practice?.Calendar.Zone ?? DateTimeZone.Utc;

    /// <summary>Shows a page of the history.</summary>
    public async Task<IActionResult> OnGetAsync(string clientId, long? before, CancellationToken cancellationToken)
    {
        Client = tenant.Clients.FirstOrDefault(c => c.Id == clientId);
        if (Client is null)
        {
            return NotFound();
        }

        List<MessageRecord> messages = await Conversations.OfClientAsync(tenant.Db, Client.Id, before, cancellationToken).ConfigureAwait(false);
        Messages = messages;
        Replies = (await Conversations.RepliesAsync(tenant.Db, [.. messages.Select(m => m.Id)], cancellationToken).ConfigureAwait(false)).ToLookup(r => r.MessageId);
        Older = messages.Count == Conversations.PageSize ? messages[^1].Id : null;
        return Page();
    }
}
