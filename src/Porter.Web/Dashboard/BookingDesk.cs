using System.Collections.Immutable;
using System.Data;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Configuration;
using Porter.Domain.Agreements;
using Porter.Domain.Scheduling;
using Porter.Storage;
using Porter.Storage.Bookings;
using Porter.Storage.Model;
using Porter.Application.Changes;

namespace Porter.Web.Dashboard;

/// <summary>A client as their link shows them: the client, and the practice they are a client of.</summary>
/// <param name="Token">The link's token.</param>
/// <param name="Client">The client and their agreement.</param>
/// <param name="Practice">The practice.</param>
/// <param name="TakesUnassigned">Whether the practice is the organisation's first professional's (bookings made before several professionals are theirs).</param>
public sealed record ClientView(string Token, Client Client, Practice Practice, bool TakesUnassigned = true)
{
    /// <summary>The professional booked.</summary>
    public string ProfessionalId => Practice.Professional.Id;
}

/// <summary>What came of a booking.</summary>
/// <param name="Booking">The booking made, when it was.</param>
/// <param name="Problem">Why it was not, in words for the client.</param>
public sealed record BookingOutcome(BookingRecord? Booking, string? Problem);

/// <summary>
/// The client's side: their unguessable link, the free slots offered to them, and booking one. A booking and the
/// confirmation owed for it are stored in one transaction, with the slot checked again inside it, so two people
/// cannot take one slot and a confirmed booking always gets its email (sent by the action dispatcher, with an .ics).
/// </summary>
public sealed class BookingDesk(IDbContextFactory<PorterDb> contexts, PracticeState practice, IClock clock)
{
    /// <summary>How long before a booking the client is reminded of it.</summary>
    public static readonly Duration ReminderBefore = Duration.FromHours(24);

    /// <summary>Makes a link for every client of the practice that has none (at start; harmless to repeat, or on two instances at once).</summary>
    public async Task EnsureLinksAsync(CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        HashSet<string> linked = [.. await db.ClientLinks.Select(l => l.ClientId).ToListAsync(cancellationToken).ConfigureAwait(false)];
        foreach (Client client in practice.Current.Clients.Where(c => !linked.Contains(c.Id)))
        {
            db.ClientLinks.Add(new ClientLinkRecord { Token = NewToken(), ClientId = client.Id, CreatedAt = clock.GetCurrentInstant() });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another instance made them first: theirs stand.
        }
    }

    /// <summary>The client a link belongs to; null for an unknown token (or a client no longer in porter.json).</summary>
    public async Task<ClientView?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return null;
        }

        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        ClientLinkRecord? link = await db.ClientLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Token == token, cancellationToken).ConfigureAwait(false);
        Organisation current = practice.Current;
        Client? client = link is null ? null : current.Clients.FirstOrDefault(c => c.Id == link.ClientId);
        return client is null ? null : new ClientView(token, client, current.PracticeOf(client.Id), current.First == current.PracticeOf(client.Id));
    }

    /// <summary>The links of every client (the dashboard shows them to the professional).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> LinksAsync(PorterDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.ClientLinks.AsNoTracking().ToDictionaryAsync(l => l.ClientId, l => l.Token, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The booking rules (porter.json's <c>booking</c>).</summary>
    public BookingRules Rules => practice.Config.Booking;

    /// <summary>The slots free for this client now.</summary>
    public async Task<ImmutableArray<Interval>> FreeSlotsAsync(ClientView view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        Instant now = clock.GetCurrentInstant();
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        List<Interval> booked = await BookedAsync(db, view, now, cancellationToken).ConfigureAwait(false);
        return BookingSlots.Free(view.Practice.Calendar, ClientCalendar(view.Client), booked, now, practice.Config.Booking);
    }

    /// <summary>Books the slot starting at <paramref name="start"/> if it is still free, with the confirmation owed for it.</summary>
    public async Task<BookingOutcome> BookAsync(ClientView view, Instant start, string name, string email, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        Instant now = clock.GetCurrentInstant();
        var slot = new Interval(start, start + practice.Config.Booking.SlotLength);
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // SQLite: BEGIN IMMEDIATE takes the write lock before the check; PostgreSQL: serializable, so a concurrent
        // booking of an overlapping slot fails one of the two transactions.
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        List<Interval> booked = await BookedAsync(db, view, now, cancellationToken).ConfigureAwait(false);
        if (!BookingSlots.IsFree(view.Practice.Calendar, ClientCalendar(view.Client), booked, now, practice.Config.Booking, slot))
        {
            return new BookingOutcome(null, "That time is no longer free. Please choose another.");
        }

        var booking = new BookingRecord
        {
            ClientId = view.Client.Id,
            ProfessionalId = view.ProfessionalId,
            Start = slot.Start,
            End = slot.End,
            Name = name.Trim(),
            Email = email.Trim(),
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            CreatedAt = now,
            Uid = $"{Guid.NewGuid():N}@porter",
        };
        db.Bookings.Add(booking);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            db.Actions.Add(new ActionRecord
            {
                Kind = ActionKind.BookingConfirmation,
                DueAt = now,
                Payload = JsonSerializer.Serialize(new { bookingId = booking.Id }, JsonSerializerOptions.Web),
            });
            // A reminder a day before, unless the booking is so near that the confirmation is reminder enough.
            if (booking.Start - ReminderBefore > now + Duration.FromHours(1))
            {
                db.Actions.Add(new ActionRecord
                {
                    Kind = ActionKind.BookingReminder,
                    DueAt = booking.Start - ReminderBefore,
                    Payload = JsonSerializer.Serialize(new { bookingId = booking.Id }, JsonSerializerOptions.Web),
                });
            }
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
        {
            return new BookingOutcome(null, "That time was taken a moment ago. Please choose another.");
        }

        return new BookingOutcome(booking, null);
    }

    /// <summary>The client's own hours as a calendar, when the agreement gives them.</summary>
    public static BusinessCalendar? ClientCalendar(Client client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.Hours is { } hours ? new BusinessCalendar(hours) : null;
    }

    /// <summary>The times already booked with the client's professional.</summary>
    private static async Task<List<Interval>> BookedAsync(PorterDb db, ClientView view, Instant now, CancellationToken cancellationToken) =>
        [.. (await db.Bookings.AsNoTracking().Where(b => b.End > now - Duration.FromDays(7))
                .OfProfessional(view.ProfessionalId, view.TakesUnassigned)
                .Select(b => new { b.Start, b.End }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(b => new Interval(b.Start, b.End))];

    /// <summary>32 random bytes, base64url: a link nobody can guess.</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
