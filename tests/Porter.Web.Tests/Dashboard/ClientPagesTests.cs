using System.Net;
using System.Text.RegularExpressions;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Storage;
using Porter.Storage.Model;

namespace Porter.Web.Tests.Dashboard;

/// <summary>
/// The client's pages, without logging in: the agreement in the client's zone, and the booking page (slots, booking,
/// the same slot twice, the buffer), and the calendar feeds parsed back with Ical.Net. The demo practice; now is
/// Tuesday 24 November 2026, 11:00 in London.
/// </summary>
public sealed partial class ClientPagesTests(SqliteDatabases databases) : IClassFixture<SqliteDatabases>
{
    [Fact]
    public async Task Agreement_ShowsHoursInTheClientsZone_ChannelsScopeAndMilestones()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        using HttpClient client = Signed.Browser(factory);
        string token = await TokenAsync(factory, "northwind");

        string page = WebUtility.HtmlDecode(await client.GetStringAsync($"/c/{token}"));
        // Tuesday in London 09:00-12:30, 13:30-15:00 and 16:00-17:30 (a dentist's break): five hours earlier in New York.
        Assert.Contains("Tuesday 24 November", page, StringComparison.Ordinal);
        Assert.Contains("04:00–07:30, 08:30–10:00, 11:00–12:30", page, StringComparison.Ordinal);
        Assert.Contains("urgent matters only", page, StringComparison.Ordinal);
        Assert.Contains("1h of working time", page, StringComparison.Ordinal);
        Assert.Contains("Weekly video call", page, StringComparison.Ordinal);
        Assert.Contains("Logo concepts", page, StringComparison.Ordinal);
        Assert.Contains("packaging design", page, StringComparison.Ordinal);
        Assert.Contains("copywriting", page, StringComparison.Ordinal);

        string inLondon = WebUtility.HtmlDecode(await client.GetStringAsync($"/c/{token}?zone=Europe/London"));
        Assert.Contains("09:00–12:30, 13:30–15:00, 16:00–17:30", inLondon, StringComparison.Ordinal);
        string bad = await client.GetStringAsync($"/c/{token}?zone=Mars/Base");
        Assert.Contains("is not a time zone Porter knows", WebUtility.HtmlDecode(bad), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/c/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/c/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/book")).StatusCode);
        Assert.True(token.Length >= 43, "a link token carries 256 random bits");
    }

    [Fact]
    public async Task Booking_TakesAFreeSlotOnce_KeepsTheBuffer_AndOwesAConfirmation()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        using HttpClient client = Signed.Browser(factory);
        string token = await TokenAsync(factory, "northwind");

        string page = await client.GetStringAsync($"/c/{token}/book");
        long[] offered = Slots(page);
        // 12 hours' notice from Tuesday 11:00, inside New York's 08:00-18:00: Wednesday 13:30 London, 08:30 New York.
        Instant first = Instant.FromUtc(2026, 11, 25, 13, 30);
        Assert.Equal(first.ToUnixTimeSeconds(), offered[0]);
        Assert.Contains("America/New_York", page, StringComparison.Ordinal);
        Assert.Contains(">08:30<", page.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        HttpResponseMessage booked = await Signed.PostFormAsync(client, $"/c/{token}/book", $"/c/{token}/book",
            ("start", first.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)), ("name", "Jordan Lee"), ("email", "jordan@northwind.example"), ("note", "Logo review"));
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        string confirmation = await client.GetStringAsync(booked.Headers.Location!.ToString());
        Assert.Contains("Booked: Wednesday 25 November, 08:30–09:00 (America/New_York)", WebUtility.HtmlDecode(confirmation), StringComparison.Ordinal);

        HttpResponseMessage again = await Signed.PostFormAsync(client, $"/c/{token}/book", $"/c/{token}/book",
            ("start", first.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)), ("name", "Priya Shah"), ("email", "priya@northwind.example"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("no longer free", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        long[] after = Slots(await client.GetStringAsync($"/c/{token}/book"));
        Assert.DoesNotContain(first.ToUnixTimeSeconds(), after);
        Assert.DoesNotContain(Instant.FromUtc(2026, 11, 25, 14, 0).ToUnixTimeSeconds(), after);
        Assert.Contains(Instant.FromUtc(2026, 11, 25, 14, 30).ToUnixTimeSeconds(), after);

        await using PorterDb db = factory.OpenDb();
        BookingRecord booking = await db.Bookings.SingleAsync();
        Assert.Equal(first, booking.Start);
        Assert.Equal("Logo review", booking.Note);
        Assert.Equal(1, await db.Actions.CountAsync(a => a.Kind == Porter.Storage.Model.ActionKind.BookingConfirmation && a.Payload.Contains(booking.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Booking_RefusesBadInputWithReasons_AndSlotsOffTheGrid()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        using HttpClient client = Signed.Browser(factory);
        string token = await TokenAsync(factory, "northwind");
        string slot = Instant.FromUtc(2026, 11, 25, 13, 30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        string offGrid = Instant.FromUtc(2026, 11, 25, 13, 40).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        async Task<string> Post(params (string, string)[] fields) =>
            await (await Signed.PostFormAsync(client, $"/c/{token}/book", $"/c/{token}/book", fields)).Content.ReadAsStringAsync();

        Assert.Contains("Choose a time", await Post(("name", "Jordan"), ("email", "jordan@northwind.example")), StringComparison.Ordinal);
        Assert.Contains("Give an email address", await Post(("start", slot), ("name", "Jordan"), ("email", "not an address")), StringComparison.Ordinal);
        Assert.Contains("Give your name", await Post(("start", slot), ("name", " "), ("email", "jordan@northwind.example")), StringComparison.Ordinal);
        Assert.Contains("no longer free", await Post(("start", offGrid), ("name", "Jordan"), ("email", "jordan@northwind.example")), StringComparison.Ordinal);
        await using PorterDb db = factory.OpenDb();
        Assert.Equal(0, await db.Bookings.CountAsync());
    }

    [Fact]
    public async Task Feeds_ParseBack_WithTheBookingAndTheWorkingHours()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        using HttpClient client = Signed.Browser(factory);
        string token = await TokenAsync(factory, "northwind");
        Instant start = Instant.FromUtc(2026, 11, 25, 13, 30);
        await Signed.PostFormAsync(client, $"/c/{token}/book", $"/c/{token}/book",
            ("start", start.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)), ("name", "Jordan Lee"), ("email", "jordan@northwind.example"));
        string feedToken;
        await using (PorterDb db = factory.OpenDb())
        {
            feedToken = (await db.Settings.SingleAsync(s => s.Key == "feed-token")).Value;
        }

        HttpResponseMessage clientFeed = await client.GetAsync($"/c/{token}/bookings.ics");
        Assert.Equal("text/calendar", clientFeed.Content.Headers.ContentType?.MediaType);
        Calendar bookings = Calendar.Load(await clientFeed.Content.ReadAsStringAsync())!;
        CalendarEvent e = Assert.Single(bookings.Events);
        Assert.Equal(start.ToDateTimeUtc(), e.DtStart!.AsUtc);
        Assert.Equal("Europe/London", e.DtStart.TzId);
        Assert.Contains(bookings.TimeZones, z => z.TzId == "Europe/London");

        Calendar all = Calendar.Load(await client.GetStringAsync($"/feeds/{feedToken}/bookings.ics"))!;
        Assert.Single(all.Events);

        string availabilityText = await client.GetStringAsync($"/feeds/{feedToken}/availability.ics");
        Calendar availability = Calendar.Load(availabilityText)!;
        Assert.Single(availability.FreeBusy);
        // Ical.Net reads VFREEBUSY back without its periods, so those are checked as text (RFC 5545, 3.8.2.6).
        // BUSY is FBTYPE's default, so a busy period is written without it.
        Assert.Contains("\r\nFREEBUSY:20261125T133000Z/20261125T140000Z\r\n", availabilityText, StringComparison.Ordinal);
        Assert.Contains("FREEBUSY;FBTYPE=FREE:20261125T090000Z/20261125T123000Z", availabilityText, StringComparison.Ordinal);
        Assert.Contains(availability.Events, x => x.Summary == "Working hours" && x.DtStart!.AsUtc == Instant.FromUtc(2026, 11, 25, 9, 0).ToDateTimeUtc());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feeds/not-the-token/bookings.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feeds/not-the-token/availability.ics")).StatusCode);
    }

    private static async Task<string> TokenAsync(PorterFactory factory, string clientId)
    {
        _ = factory.Server; // start the host: links are made at start
        await using PorterDb db = factory.OpenDb();
        return (await db.ClientLinks.SingleAsync(l => l.ClientId == clientId)).Token;
    }

    private static long[] Slots(string page) =>
        [.. SlotPattern().Matches(page).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex("name=\"start\" value=\"(\\d+)\"")]
    private static partial Regex SlotPattern();
}
