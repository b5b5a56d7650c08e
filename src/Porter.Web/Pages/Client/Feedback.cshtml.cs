using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Storage;
using Porter.Storage.Model;
using Porter.Web.Dashboard;

namespace Porter.Web.Pages.Client;

/// <summary>
/// A feedback round, from the link in its email: the question agreed, and the client's answer, kept and shown to the
/// professional. An answer can be changed; the latest stands. No login: the link's token is the key.
/// </summary>
[AllowAnonymous]
public sealed class FeedbackModel(BookingDesk desk, IDateTimeZoneProvider zones, IClock clock, IDbContextFactory<PorterDb> contexts) : ClientPage(desk, zones)
{
    /// <summary>The round.</summary>
    public CadenceRunRecord? Round { get; private set; }

    /// <summary>Whether the answer was just kept.</summary>
    public bool Thanked { get; private set; }

    /// <summary>Why the answer was not kept.</summary>
    public string? Problem { get; private set; }

    /// <summary>Shows the question (and the answer given, if any).</summary>
    public async Task<IActionResult> OnGetAsync(string token, long id, bool thanks, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, id, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        Thanked = thanks;
        return Page();
    }

    /// <summary>Keeps the answer.</summary>
    public async Task<IActionResult> OnPostAsync(string token, long id, string? answer, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, id, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(answer))
        {
            Problem = "Write a few words first.";
            return Page();
        }

        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        CadenceRunRecord round = await db.CadenceRuns.FirstAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        round.Answer = answer.Trim().Length <= 10_000 ? answer.Trim() : answer.Trim()[..10_000];
        round.AnsweredAt = clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return RedirectToPage(new { token, id, thanks = true });
    }

    private async Task<bool> LoadAsync(string token, long id, CancellationToken cancellationToken)
    {
        if (!await FindAsync(token, null, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        string client = View!.Client.Id;
        Round = await db.CadenceRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.ClientId == client && r.Kind == CadenceKeeper.Feedback, cancellationToken).ConfigureAwait(false);
        return Round is not null;
    }
}
