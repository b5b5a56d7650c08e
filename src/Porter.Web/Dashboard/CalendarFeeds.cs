using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;
using Duration = NodaTime.Duration;
using Period = Ical.Net.DataTypes.Period;
using Porter.Domain.Agreements;
using Porter.Storage.Model;

namespace Porter.Web.Dashboard;

/// <summary>
/// iCalendar (RFC 5545) with Ical.Net: the invitation attached to a booking's confirmation, the bookings feed, and the
/// availability feed (free/busy, and the working stretches as transparent events, since Google Calendar and Outlook
/// show events of a subscribed feed but not VFREEBUSY). Times carry the professional's zone with its VTIMEZONE rules.
/// </summary>
public static class CalendarFeeds
{
    /// <summary>The product id in every file.</summary>
    public const string ProductId = "-//Porter//Porter//EN";

    /// <summary>The invitation (METHOD:REQUEST) for one booking.</summary>
    public static string Invitation(BookingRecord booking, Practice practice, string organiserEmail, Instant now)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(practice);
        Calendar calendar = New(practice, "REQUEST");
        CalendarEvent e = Event(booking, practice, now);
        e.Organizer = new Organizer($"mailto:{organiserEmail}") { CommonName = practice.Professional.Name };
        e.Attendees.Add(new Attendee($"mailto:{booking.Email}") { CommonName = booking.Name, Role = "REQ-PARTICIPANT", ParticipationStatus = "ACCEPTED" });
        calendar.Events.Add(e);
        return Serialize(calendar);
    }

    /// <summary>Every booking, as a feed to subscribe to.</summary>
    public static string Bookings(IEnumerable<BookingRecord> bookings, Practice practice, string name, Instant now)
    {
        ArgumentNullException.ThrowIfNull(bookings);
        ArgumentNullException.ThrowIfNull(practice);
        Calendar calendar = New(practice, "PUBLISH");
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (BookingRecord booking in bookings)
        {
            calendar.Events.Add(Event(booking, practice, now));
        }

        return Serialize(calendar);
    }

    /// <summary>The professional's availability for the next <paramref name="days"/> days: free/busy, and the working stretches as events that do not block time.</summary>
    public static string Availability(Practice practice, IEnumerable<BookingRecord> bookings, Instant now, int days)
    {
        ArgumentNullException.ThrowIfNull(practice);
        ArgumentNullException.ThrowIfNull(bookings);
        Calendar calendar = New(practice, "PUBLISH");
        calendar.AddProperty("X-WR-CALNAME", $"{practice.Professional.Name}: working hours");
        var window = new Interval(now, now + Duration.FromDays(days));
        var freeBusy = new FreeBusy { Start = Utc(window.Start), End = Utc(window.End), DtStamp = Utc(now), Uid = $"availability-{now.ToUnixTimeSeconds()}@porter" };
        foreach (Interval open in practice.Calendar.OpenIntervals(window))
        {
            freeBusy.Entries.Add(new FreeBusyEntry(new Period(Utc(open.Start), Utc(open.End)), FreeBusyStatus.Free));
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"hours-{open.Start.ToUnixTimeSeconds()}@porter",
                Summary = "Working hours",
                DtStart = Local(open.Start, practice.Calendar.Zone),
                DtEnd = Local(open.End, practice.Calendar.Zone),
                DtStamp = Utc(now),
                Transparency = TransparencyType.Transparent,
            });
        }

        foreach (BookingRecord booking in bookings.Where(b => b.End > window.Start && b.Start < window.End))
        {
            freeBusy.Entries.Add(new FreeBusyEntry(new Period(Utc(booking.Start), Utc(booking.End)), FreeBusyStatus.Busy));
        }

        calendar.AddChild(freeBusy);
        return Serialize(calendar);
    }

    private static Calendar New(Practice practice, string method)
    {
        var calendar = new Calendar { ProductId = ProductId, Method = method };
        DateTimeZone zone = practice.Calendar.Zone;
#pragma warning disable CA1305 // Ical.Net takes a DateTime here: the year the rules should start from.
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone.Id, new DateTime(2000, 1, 1), includeHistoricalData: false));
#pragma warning restore CA1305
        return calendar;
    }

    private static CalendarEvent Event(BookingRecord booking, Practice practice, Instant now) => new()
    {
        Uid = booking.Uid,
        Summary = $"{booking.Name} with {practice.Professional.Name}",
        Description = booking.Note,
        DtStart = Local(booking.Start, practice.Calendar.Zone),
        DtEnd = Local(booking.End, practice.Calendar.Zone),
        DtStamp = Utc(now),
        Transparency = TransparencyType.Opaque,
    };

    private static CalDateTime Local(Instant instant, DateTimeZone zone)
    {
        LocalDateTime t = instant.InZone(zone).LocalDateTime;
        return new CalDateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, zone.Id);
    }

    private static CalDateTime Utc(Instant instant)
    {
        LocalDateTime t = instant.InUtc().LocalDateTime;
        return new CalDateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, "UTC");
    }

    private static string Serialize(Calendar calendar) => new CalendarSerializer().SerializeToString(calendar) ?? "";
}
