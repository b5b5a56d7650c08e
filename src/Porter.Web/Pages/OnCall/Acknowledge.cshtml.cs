using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Application.Changes;
using Porter.Storage;
using Porter.Storage.Model;

namespace Porter.Web.Pages.OnCall;

/// <summary>
/// A page to the person on call, from the link in its email: the message escalated, and the button that acknowledges
/// it (the next person is not paged then). A GET only shows it (mail scanners open links); acknowledging is a POST. No
/// login: the link's token is the key, and it opens this one escalation only.
/// </summary>
[AllowAnonymous]
public sealed class AcknowledgeModel(IDbContextFactory<PorterDb> contexts, PracticeState practice, IClock clock) : PageModel
{
    /// <summary>The page.</summary>
    public PageRecord? Paged { get; private set; }

    /// <summary>The message escalated.</summary>
    public MessageRecord? Message { get; private set; }

    /// <summary>The page of the escalation that was acknowledged (this one or another), if any.</summary>
    public PageRecord? Acknowledged { get; private set; }

    /// <summary>The zone times are shown in: the professional's.</summary>
    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    /// <summary>Shows the page.</summary>
    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken).ConfigureAwait(false) ? Page() : NotFound();

    /// <summary>Acknowledges the escalation (once: the first acknowledgement stands).</summary>
    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        if (Acknowledged is null)
        {
            await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            PageRecord page = await db.Pages.FirstAsync(p => p.Id == Paged!.Id, cancellationToken).ConfigureAwait(false);
            page.AcknowledgedAt = clock.GetCurrentInstant();
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return RedirectToPage(new { token });
    }

    private async Task<bool> LoadAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length != 32)
        {
            return false;
        }

        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        Paged = await db.Pages.AsNoTracking().FirstOrDefaultAsync(p => p.Token == token, cancellationToken).ConfigureAwait(false);
        if (Paged is null)
        {
            return false;
        }

        long messageId = Paged.MessageRecordId;
        Message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken).ConfigureAwait(false);
        Acknowledged = await db.Pages.AsNoTracking().Where(p => p.MessageRecordId == messageId && p.AcknowledgedAt != null).OrderBy(p => p.AcknowledgedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        Zone = practice.Current.Find(Paged.ProfessionalId)?.Calendar.Zone ?? DateTimeZone.Utc;
        return Message is not null;
    }
}
