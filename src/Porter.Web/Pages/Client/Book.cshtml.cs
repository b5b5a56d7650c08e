using System.Net.Mail;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Storage;
using Porter.Storage.Model;
using Porter.Web.Dashboard;

namespace Porter.Web.Pages.Client;

/// <summary>
/// The booking page: free slots inside the professional's hours and the client's own, under the booking rules, in a
/// zone the client can switch; booking one stores it with its confirmation email (an .ics attached) owed.
/// </summary>
[AllowAnonymous]
public sealed class BookModel(BookingDesk desk, IDateTimeZoneProvider zones, IDbContextFactory<PorterDb> contexts) : ClientPage(desk, zones)
{
    /// <summary>The free slots.</summary>
    public IReadOnlyList<Interval> Slots { get; private set; } = [];

    /// <summary>The booking just made, when the page shows its confirmation.</summary>
    public BookingRecord? Booked { get; private set; }

    /// <summary>Why booking failed, in words.</summary>
    public string? Problem { get; private set; }

    /// <summary>The name typed, kept on a problem.</summary>
    public string? Name { get; private set; }

    /// <summary>The email typed, kept on a problem.</summary>
    public string? Email { get; private set; }

    /// <summary>The note typed, kept on a problem.</summary>
    public string? Note { get; private set; }

    /// <summary>Slot length in minutes.</summary>
    public int SlotMinutes => (int)Desk.Rules.SlotLength.TotalMinutes;

    /// <summary>How many days ahead slots are offered.</summary>
    public int HorizonDays => Desk.Rules.HorizonDays;

    /// <summary>Shows the free slots (and a booking just made).</summary>
    public async Task<IActionResult> OnGetAsync(string token, string? zone, string? booked, CancellationToken cancellationToken)
    {
        if (!await FindAsync(token, zone, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        if (booked is { Length: > 0 })
        {
            await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            Booked = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Uid == booked && b.ClientId == View!.Client.Id, cancellationToken).ConfigureAwait(false);
        }

        Slots = await Desk.FreeSlotsAsync(View!, cancellationToken).ConfigureAwait(false);
        return Page();
    }

    /// <summary>Books a slot.</summary>
    public async Task<IActionResult> OnPostAsync(string token, string? zone, long? start, string? name, string? email, string? note, CancellationToken cancellationToken)
    {
        if (!await FindAsync(token, zone, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        (Name, Email, Note) = (name, email, note);
        if (start is null)
        {
            Problem = "Choose a time.";
        }
        else if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            Problem = "Give your name.";
        }
        else if (string.IsNullOrWhiteSpace(email) || email.Length > 320 || !MailAddress.TryCreate(email.Trim(), out _))
        {
            Problem = "Give an email address the confirmation can go to.";
        }
        else if (note is { Length: > 2000 })
        {
            Problem = "Keep the note under 2,000 characters.";
        }
        else
        {
            BookingOutcome outcome = await Desk.BookAsync(View!, Instant.FromUnixTimeSeconds(start.Value), name, email, note, cancellationToken).ConfigureAwait(false);
            if (outcome.Booking is { } booking)
            {
                return RedirectToPage(new { token, zone = Zone.Id, booked = booking.Uid });
            }

            Problem = outcome.Problem;
        }

        Slots = await Desk.FreeSlotsAsync(View!, cancellationToken).ConfigureAwait(false);
        return Page();
    }
}
