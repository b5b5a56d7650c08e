using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Porter.Application.ChangeLog;
using Porter.Domain.ChangeLog;
using Porter.Web.Dashboard;

namespace Porter.Web.Pages.Client;

/// <summary>
/// One change to the client's plan, from the link in its confirmation email: what changed, the milestones it moves,
/// its receipt (hash), and the client's answer: confirm it, or say what is right instead. Each answer is an entry of
/// the log of its own; the change itself is never edited. No login: the link's token is the key.
/// </summary>
[AllowAnonymous]
public sealed class ChangeModel(BookingDesk desk, IDateTimeZoneProvider zones, IClock clock, IChangeLog log) : ClientPage(desk, zones)
{
    /// <summary>The change, sealed.</summary>
    public SealedEntry? Change { get; private set; }

    /// <summary>The change with the client's latest answer.</summary>
    public ChangeNow? Now { get; private set; }

    /// <summary>What was kept, after an answer.</summary>
    public string? Answered { get; private set; }

    /// <summary>Why an answer was not kept.</summary>
    public string? Problem { get; private set; }

    /// <summary>Shows the change.</summary>
    public async Task<IActionResult> OnGetAsync(string token, long sequence, bool answered, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, sequence, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        Answered = !answered ? null : Now!.Confirmed ? "Thank you: the change is confirmed." : "Thank you: your correction is noted, and the professional sees it.";
        return Page();
    }

    /// <summary>Confirms the change, or corrects it with <paramref name="correction"/>.</summary>
    public async Task<IActionResult> OnPostAsync(string token, long sequence, string? answer, string? correction, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, sequence, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        Recorded recorded = await ChangeLogBook.AnswerAsync(log, View!.Practice, View.Client, sequence, answer == "confirm", correction,
            $"{View.Client.Name} (client link)", clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        if (recorded.Problem is { } problem)
        {
            Problem = problem;
            return Page();
        }

        return RedirectToPage(new { token, sequence, answered = true });
    }

    private async Task<bool> LoadAsync(string token, long sequence, CancellationToken cancellationToken)
    {
        if (!await FindAsync(token, null, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        IReadOnlyList<SealedEntry> mine = await log.ReadAsync(View!.Client.Id, cancellationToken).ConfigureAwait(false);
        Change = mine.FirstOrDefault(e => e.Entry.Sequence == sequence && e.Entry.Kind == ChangeEntryKind.Change);
        Now = Change is null ? null : ClientPlan.Changes(View.Client.Id, mine.Select(e => e.Entry)).FirstOrDefault(c => c.Change.Sequence == sequence);
        return Change is not null;
    }
}
