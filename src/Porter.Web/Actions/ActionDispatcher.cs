using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;
using NodaTime;
using NodaTime.Text;
using Porter.Configuration;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;
using Porter.Mail;
using Porter.Replies;
using Porter.Storage;
using Porter.Storage.Messages;
using Porter.Storage.Model;
using Porter.Storage.Reviews;
using Porter.Domain.Reviews;
using Porter.Reports;
using Porter.Application.Changes;

namespace Porter.Web.Actions;

/// <summary>
/// Does the actions that are due: automatic replies by SMTP, escalations to on-call (email and webhook), releases of
/// held messages, replies the professional queued for the next working window. Run by a Quartz.NET job that never runs
/// twice at once, across every instance of a cluster, so each action is done by one instance. A send that fails is
/// retried with growing pauses, up to <see cref="MaxAttempts"/> times. Outgoing mail carries a Message-ID made from
/// the action's id, so should an instance die between sending and recording, the copy sent on retry is recognisable.
/// </summary>
public sealed class ActionDispatcher(
    IDbContextFactory<PorterDb> contexts,
    PracticeState state,
    ServiceOptions options,
    IClock clock,
    IHttpClientFactory http,
    Hosting.PorterMetrics metrics,
    ILogger<ActionDispatcher> logger)
{
    /// <summary>How many times a failing action is tried before it is given up.</summary>
    public const int MaxAttempts = 8;

    private const int Batch = 500;
    private readonly ConcurrentDictionary<ReplyTemplates, ReplyRenderer> renderers = new();

    /// <summary>The practice of the professional a message is for, now (settings edited in the browser take effect at once).</summary>
    private Practice PracticeOf(MessageRecord message) => Dashboard.StoredPractice.Of(state.Current, message);

    /// <summary>Does every due action (in batches); returns how many were settled.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        int settled = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            int done = await RunBatchAsync(cancellationToken).ConfigureAwait(false);
            settled += done;
            if (done < Batch)
            {
                break;
            }
        }

        await CountMissedDeadlinesAsync(cancellationToken).ConfigureAwait(false);
        return settled;
    }

    /// <summary>Messages waiting past their deadline, unanswered, for the metrics (one index range: the queue's).</summary>
    private async Task CountMissedDeadlinesAsync(CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        metrics.DeadlinesMissed(await MessageReports.MissedDeadlinesAsync(db, clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false));
    }

    private async Task<int> RunBatchAsync(CancellationToken cancellationToken)
    {
        Instant now = clock.GetCurrentInstant();
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        List<ActionRecord> due = await db.Actions.Include(a => a.Message)
            .Where(a => a.DoneAt == null && a.DueAt <= now)
            .OrderBy(a => a.DueAt).ThenBy(a => a.Id)
            .Take(Batch)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var mail = new List<(ActionRecord Action, MimeMessage Message)>();
        foreach (ActionRecord action in due)
        {
            action.Attempts++;
            try
            {
                await PrepareAsync(db, action, now, mail, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FormatException or JsonException or ParseException or HttpRequestException or InvalidOperationException)
            {
                Fail(action, now, e);
            }
        }

        await SendAsync(db, mail, now, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return due.Count;
    }

    /// <summary>Prepares one action with the handler of its kind: mail to send is added to <paramref name="mail"/>; the rest is settled here.</summary>
    private Task PrepareAsync(PorterDb db, ActionRecord action, Instant now, List<(ActionRecord, MimeMessage)> mail, CancellationToken cancellationToken) => action.Kind switch
    {
        ActionKind.Announce => AnnounceAsync(action, now, mail),
        ActionKind.BookingConfirmation => ConfirmBookingAsync(db, action, now, mail, cancellationToken),
        ActionKind.BookingReminder => RemindOfBookingAsync(db, action, now, mail, cancellationToken),
        ActionKind.ChangeConfirmation => ConfirmChangeAsync(db, action, now, mail, cancellationToken),
        ActionKind.CheckIn or ActionKind.FeedbackRequest => CadenceAsync(db, action, now, mail, cancellationToken),
        ActionKind.Review => ReviewAsync(db, action, now, mail, cancellationToken),
        ActionKind.Release => ReleaseAsync(action, now),
        ActionKind.AutoReply => AutoReplyAsync(action, MessageOf(action), now, mail),
        ActionKind.Escalate => EscalateAsync(db, action, MessageOf(action), now, mail, cancellationToken),
        ActionKind.Page => RepageAsync(db, action, MessageOf(action), now, mail, cancellationToken),
        ActionKind.Handover => HandoverAsync(db, action, now, mail, cancellationToken),
        ActionKind.Notify => NotifyAsync(action, MessageOf(action), now, mail),
        ActionKind.SendReply => SendReplyAsync(db, action, MessageOf(action), now, mail, cancellationToken),
        _ => SkipAsync(action, now),
    };

    private static MessageRecord MessageOf(ActionRecord action) => action.Message ?? throw new InvalidOperationException("The action's message is missing.");

    /// <summary>A change of working hours, by email to one client contact.</summary>
    private Task AnnounceAsync(ActionRecord action, Instant now, List<(ActionRecord, MimeMessage)> mail)
    {
        Announcement announcement = JsonSerializer.Deserialize<Announcement>(action.Payload, JsonSerializerOptions.Web) ?? throw new FormatException("The announcement is empty.");
        if (options.Smtp is null)
        {
            Fail(action, now, new InvalidOperationException("no SMTP server is configured (Porter:Smtp:Host)"));
            return Task.CompletedTask;
        }

        Practice practice = announcement.Professional is { } id && state.Current.Find(id) is { } own ? own : state.Current.First;
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(practice.Professional.Name, From(practice)));
        mime.To.Add(new MailboxAddress(announcement.Name, announcement.To));
        mime.Subject = announcement.Subject;
        mime.Body = new TextPart("plain") { Text = announcement.Body };
        mime.MessageId = MessageIdFor(action, From(practice));
        mail.Add((action, mime));
        return Task.CompletedTask;
    }

    /// <summary>A held message's window opened: it is in the queue now (the queue reads hold-until), so this only records it.</summary>
    private static Task ReleaseAsync(ActionRecord action, Instant now)
    {
        Done(action, now, "released into the queue");
        return Task.CompletedTask;
    }

    /// <summary>The automatic reply, by email (other channels have no outgoing adapter yet).</summary>
    private Task AutoReplyAsync(ActionRecord action, MessageRecord message, Instant now, List<(ActionRecord, MimeMessage)> mail)
    {
        if (!string.Equals(message.Channel, "email", StringComparison.OrdinalIgnoreCase))
        {
            Done(action, now, $"skipped: Porter sends automatic replies by email; {message.Channel} has no outgoing adapter configured");
        }
        else if (options.Smtp is null)
        {
            Done(action, now, "skipped: no SMTP server is configured (Porter:Smtp:Host)");
        }
        else
        {
            mail.Add((action, AutoReply(action, message)));
        }

        return Task.CompletedTask;
    }

    /// <summary>A reply the professional wrote, unless the client wrote again after it was written (then it waits for review).</summary>
    private async Task SendReplyAsync(PorterDb db, ActionRecord action, MessageRecord message, Instant now, List<(ActionRecord, MimeMessage)> mail, CancellationToken cancellationToken)
    {
        QueuedReply reply = JsonSerializer.Deserialize<QueuedReply>(action.Payload, JsonSerializerOptions.Web) ?? throw new FormatException("The queued reply is empty.");
        Instant written = InstantPattern.ExtendedIso.Parse(reply.WrittenAt).Value;
        MessageRecord? newer = await db.Messages.AsNoTracking()
            .Where(m => m.From == message.From && m.StoredAt > written && m.Decision != "never_answer")
            .OrderBy(m => m.StoredAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (newer is not null)
        {
            Done(action, now, $"held for review: {message.From} wrote again (message {newer.Id}) after this reply was written");
        }
        else if (options.Smtp is null)
        {
            Fail(action, now, new InvalidOperationException("no SMTP server is configured (Porter:Smtp:Host)"));
        }
        else
        {
            mail.Add((action, Reply(action, message, reply)));
        }
    }

    /// <summary>A kind this version does not know.</summary>
    private static Task SkipAsync(ActionRecord action, Instant now)
    {
        Done(action, now, "skipped: unknown action kind");
        return Task.CompletedTask;
    }

    /// <summary>A booking's confirmation: the time in the client's zone, and the invitation as an .ics file.</summary>
    /// <summary>A booking's practice, and its time as the client reads it: in their zone and language ("Wednesday 25 November 2026, 14:30 (Europe/Berlin)").</summary>
    private (Practice Practice, string When) BookingTime(BookingRecord booking)
    {
        Practice practice = state.Current.PracticeOf(booking.ClientId);
        Client? client = practice.Clients.FirstOrDefault(c => c.Id == booking.ClientId);
        DateTimeZone zone = client?.Zone ?? practice.Calendar.Zone;
        var culture = System.Globalization.CultureInfo.GetCultureInfo(client?.Locale ?? "en-GB");
        return (practice, booking.Start.InZone(zone).ToString("dddd d MMMM uuuu, HH:mm", culture) + $" ({zone.Id})");
    }

    /// <summary>A reminder of a booking, a day before it, to the client who booked; none for a booking that is gone.</summary>
    private async Task RemindOfBookingAsync(PorterDb db, ActionRecord action, Instant now, List<(ActionRecord, MimeMessage)> mail, CancellationToken cancellationToken)
    {
        long id = JsonDocument.Parse(action.Payload).RootElement.GetProperty("bookingId").GetInt64();
        if (await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken).ConfigureAwait(false) is not { } booking)
        {
            Done(action, now, "not needed: the booking is gone");
            return;
        }

        if (options.Smtp is null)
        {
            Fail(action, now, new InvalidOperationException("no SMTP server is configured (Porter:Smtp:Host)"));
            return;
        }

        (Practice practice, string when) = BookingTime(booking);
        string from = From(practice);
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(practice.Professional.Name, from));
        mime.To.Add(new MailboxAddress(booking.Name, booking.Email));
        mime.Subject = $"Reminder: {when} with {practice.Professional.Name}";
        mime.Body = new TextPart("plain")
        {
            Text = $"Hello {booking.Name},\n\nA reminder of your time with {practice.Professional.Name}: {when}, for {(booking.End - booking.Start).TotalMinutes:0} minutes.\n" +
                (booking.Note is { } note ? $"\nWhat it is about: {note}\n" : "") + $"\n{practice.Professional.Name}\n",
        };
        mime.MessageId = MessageIdFor(action, from);
        mail.Add((action, mime));
    }

    private async Task ConfirmBookingAsync(PorterDb db, ActionRecord action, Instant now, List<(ActionRecord, MimeMessage)> mail, CancellationToken cancellationToken)
    {
        long id = JsonDocument.Parse(action.Payload).RootElement.GetProperty("bookingId").GetInt64();
        BookingRecord booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Booking {id} is missing.");
        if (options.Smtp is null)
        {
            Fail(action, now, new InvalidOperationException("no SMTP server is configured (Porter:Smtp:Host)"));
            return;
        }

        (Practice practice, string when) = BookingTime(booking);
        string from = From(practice);
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(practice.Professional.Name, from));
        mime.To.Add(new MailboxAddress(booking.Name, booking.Email));
        mime.Subject = $"Booked: {when} with {practice.Professional.Name}";
        var body = new BodyBuilder
        {
            TextBody = $"Hello {booking.Name},\n\nYour time with {practice.Professional.Name} is booked: {when}, for {(booking.End - booking.Start).TotalMinutes:0} minutes.\n" +
                (booking.Note is { } note ? $"\nWhat it is about: {note}\n" : "") +
                "\nThe invitation is attached; add it to your calendar.\n",
        };
        var invitation = new MimePart("text", "calendar")
        {
            Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Dashboard.CalendarFeeds.Invitation(booking, practice, from, now)))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "invite.ics" },
            ContentTransferEncoding = ContentEncoding.Base64,
        };
        invitation.ContentType.Parameters.Add("method", "REQUEST");
        invitation.ContentType.Charset = "utf-8";
        body.Attachments.Add(invitation);
        mime.Body = body.ToMessageBody();
        mime.MessageId = MessageIdFor(action, from);
        mail.Add((action, mime));
    }

    /// <summary>A change to the plan, to a client contact: what changed, the milestones it moves, its receipt (the entry's hash) and the link to confirm or correct it.</summary>
    private async Task ConfirmChangeAsync(PorterDb db, ActionRecord action, Instant now, List<(ActionRecord, MimeMessage)> mail, CancellationToken cancellationToken)
    {
        Porter.Storage.ChangeLog.ChangeConfirmation confirmation = JsonSerializer.Deserialize<Porter.Storage.ChangeLog.ChangeConfirmation>(action.Payload, JsonSerializerOptions.Web)
            ?? throw new FormatException("The confirmation is empty.");
        PlanChangeRecord record = await db.PlanChanges.AsNoTracking().FirstOrDefaultAsync(c => c.Sequence == confirmation.Sequence, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Change {confirmation.Sequence} is missing.");
        if (options.Smtp is null)
        {
            Fail(action, now, new InvalidOperationException("no SMTP server is configured (Porter:Smtp:Host)"));
            return;
        }

        string token = await ClientLinkAsync(db, confirmation.ClientId, cancellationToken).ConfigureAwait(false);
        Practice practice = state.Current.Find(confirmation.ProfessionalId) ?? state.Current.PracticeOf(confirmation.ClientId);
        Client? client = practice.Clients.FirstOrDefault(c => c.Id == confirmation.ClientId);
        Domain.ChangeLog.ChangeEntry entry = Porter.Storage.ChangeLog.EfChangeLog.Entry(record).Entry;
        DateTimeZone zone = client?.Zone ?? practice.Calendar.Zone;
        var culture = System.Globalization.CultureInfo.GetCultureInfo(client?.Locale ?? "en-GB");
        string asked = entry.AskedAt.InZone(zone).ToString("dddd d MMMM uuuu, HH:mm", culture);
        string moves = string.Concat(entry.Moves.Select(m => $"- {m.Milestone}: from {m.From.ToString("d MMMM uuuu", culture)} to {m.To.ToString("d MMMM uuuu", culture)} ({(m.Days >= 0 ? "+" : "")}{m.Days} days)\n"));
        string link = $"{options.PublicBaseUrl.TrimEnd('/')}/c/{token}/changes/{entry.Sequence}";
        string from = From(practice);
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(practice.Professional.Name, from));
        mime.To.Add(new MailboxAddress(confirmation.Name, confirmation.To));
        mime.Subject = $"Change to our plan noted: {Short(entry.What)}";
        mime.Body = new TextPart("plain")
        {
            Text = $"Hello {confirmation.Name},\n\nI have noted this change to our plan, asked by {entry.AskedBy} on {asked}:\n\n  {entry.What}\n\n" +
                (moves.Length > 0 ? $"It moves:\n{moves}\n" : "") +
                $"Please confirm it, or tell me what is right instead:\n{link}\n\n" +
                $"Change {entry.Sequence}, receipt {record.Hash}\n\n{practice.Professional.Name}\n",
        };
        mime.MessageId = MessageIdFor(action, from);
        mail.Add((action, mime));
    }

    /// <summary>
    /// An agreed rhythm came round: a check-in reminds the professional or sends the client the prepared message; a
    /// feedback round asks the client's contacts the question, with the link to answer on their page.
    /// </summary>
    private async Task CadenceAsync(PorterDb db, ActionRecord action, Instant now, List<(ActionRecord, MimeMessage)> mail, CancellationToken cancellationToken)
    {
        long id = JsonDocument.Parse(action.Payload).RootElement.GetProperty("runId").GetInt64();
        CadenceRunRecord run = await db.CadenceRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Check-in or feedback round {id} is missing.");
        Practice practice = state.Current.Find(run.ProfessionalId) ?? state.Current.PracticeOf(run.ClientId);
        if (practice.Clients.FirstOrDefault(c => c.Id == run.ClientId) is not { } client)
        {
            Done(action, now, $"skipped: {run.ClientId} is no longer a client");
            return;
        }

        if (options.Smtp is null)
        {
            Fail(action, now, new InvalidOperationException("no SMTP server is configured (Porter:Smtp:Host)"));
            return;
        }

        var contacts = client.Contacts.Where(c => !c.Emails.IsDefaultOrEmpty).Select(c => new MailboxAddress(c.Name, c.Emails[0])).ToList();
        string when = run.Due.InZone(practice.Calendar.Zone).ToString("dddd d MMMM, HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        List<MailboxAddress> to;
        string subject, text;
        if (action.Kind == ActionKind.CheckIn && client.CheckIns is not { Send: CheckInSend.Message })
        {
            to = [new MailboxAddress(practice.Professional.Name, practice.Professional.Addresses[0])];
            subject = $"Check-in with {client.Name}: {when}";
            text = $"Your agreed check-in with {client.Name} is {when} ({practice.Calendar.Zone.Id}).\n" +
                (client.CheckInCadence is { } agreed ? $"As agreed: {agreed}\n" : "") +
                $"\nTheir people: {string.Join(", ", client.Contacts.Select(c => c.Name))}.\n";
        }
        else if (contacts.Count == 0)
        {
            Done(action, now, $"skipped: {client.Name} has no contact with an email address");
            return;
        }
        else if (action.Kind == ActionKind.CheckIn)
        {
            to = contacts;
            subject = $"Checking in: {client.Name} and {practice.Professional.Name}";
            text = $"{client.CheckIns!.Message!.Trim()}\n\n{practice.Professional.Name}\n";
        }
        else
        {
            string token = await ClientLinkAsync(db, run.ClientId, cancellationToken).ConfigureAwait(false);
            to = contacts;
            subject = $"Your feedback, please: {client.Name} and {practice.Professional.Name}";
            text = $"Hello,\n\nAs we agreed, a moment for your feedback:\n\n  {run.Question}\n\nYou can answer here (a few words are plenty):\n" +
                $"{options.PublicBaseUrl.TrimEnd('/')}/c/{token}/feedback/{run.Id}\n\nThank you,\n{practice.Professional.Name}\n";
        }

        string from = From(practice);
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(practice.Professional.Name, from));
        mime.To.AddRange(to);
        mime.Subject = subject;
        mime.Body = new TextPart("plain") { Text = text };
        mime.MessageId = MessageIdFor(action, from);
        mail.Add((action, mime));
    }

    /// <summary>A review of the period to the professional: the figures per client, the suggested changes, the charts as PNG images in the HTML part, and the link to the page.</summary>
    private async Task ReviewAsync(PorterDb db, ActionRecord action, Instant now, List<(ActionRecord, MimeMessage)> mail, CancellationToken cancellationToken)
    {
        long id = JsonDocument.Parse(action.Payload).RootElement.GetProperty("reviewId").GetInt64();
        ReviewRecord record = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Review {id} is missing.");
        if (state.Current.Find(record.ProfessionalId) is not { } practice)
        {
            Done(action, now, $"skipped: {record.ProfessionalId} is no longer a professional here");
            return;
        }

        if (!ReviewKinds.TryParse(record.Kind, out ReviewKind kind) || ReviewPeriod.Parse(kind, record.PeriodStart) is not { } period)
        {
            throw new FormatException($"Review {id} names no period Porter knows ({record.Kind} {record.PeriodStart}).");
        }

        if (options.Smtp is null)
        {
            Fail(action, now, new InvalidOperationException("no SMTP server is configured (Porter:Smtp:Host)"));
            return;
        }

        Review review = await Porter.Application.Reviews.Reviews.OfAsync(new EfReviewSource(db), state.Current, practice, period, now, cancellationToken).ConfigureAwait(false);
        string link = $"{options.PublicBaseUrl.TrimEnd('/')}/dashboard/reviews/{period.Kind.Name()}/{period.Key}?professional={Uri.EscapeDataString(practice.Professional.Id)}";
        var body = new BodyBuilder
        {
            TextBody = ReviewReport.Text(review, practice.Professional.Name, link),
            HtmlBody = ReviewReport.Html(review, practice.Professional.Name, link),
        };
        foreach (ReviewChart chart in ReviewReport.ChartsShown)
        {
            MimeEntity image = body.LinkedResources.Add($"{chart.Name}.png", ReviewReport.Chart(review, chart.Name, ChartFormat.Png)!, new ContentType("image", "png"));
            image.ContentId = $"{chart.Name}@porter";
        }

        string from = From(practice);
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress("Porter", from));
        mime.To.Add(new MailboxAddress(practice.Professional.Name, practice.Professional.Addresses[0]));
        mime.Subject = $"Your review: {period.Kind.Title()}, {period}";
        mime.Body = body.ToMessageBody();
        mime.MessageId = MessageIdFor(action, from);
        mail.Add((action, mime));
    }

    /// <summary>The token of the client's private link, for links in mail to them; a client without one yet fails the action (it is retried).</summary>
    private static async Task<string> ClientLinkAsync(PorterDb db, string clientId, CancellationToken cancellationToken) =>
        await db.ClientLinks.AsNoTracking().Where(l => l.ClientId == clientId).Select(l => l.Token).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{clientId} has no private link yet.");

    private static string Short(string text)
    {
        string line = text.ReplaceLineEndings(" ");
        return line.Length <= 70 ? line : line[..67] + "...";
    }

    private async Task EscalateAsync(PorterDb db, ActionRecord action, MessageRecord message, Instant now, List<(ActionRecord, MimeMessage)> mail, CancellationToken cancellationToken)
    {
        Practice practice = PracticeOf(message);
        if (practice.OnCall is not { } onCall)
        {
            Done(action, now, "skipped: nobody is on call");
            return;
        }

        var done = new List<string>();
        if (onCall.Webhook is { Length: > 0 } url)
        {
            using HttpClient client = http.CreateClient("escalation");
            byte[] body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                type = "porter.escalation",
                messageId = message.Id,
                channel = message.Channel,
                from = message.From,
                clientId = message.ClientId,
                subject = message.Subject,
                body = message.Body,
                deadline = message.Deadline is { } d ? InstantPattern.ExtendedIso.Format(d) : null,
                onCall = onCall.At(now, practice.Calendar.Zone).Name,
            }, JsonSerializerOptions.Web);
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            if (options.Webhooks.OutgoingSecret is { Length: > 0 } secret)
            {
                // Standard Webhooks: the receiver checks the signature and drops repeats by webhook-id.
                string id = $"porter-action-{action.Id}";
                long timestamp = now.ToUnixTimeSeconds();
                request.Headers.Add("webhook-id", id);
                request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.Add("webhook-signature", Api.WebhookSecrets.Sign(secret, id, timestamp, body));
            }

            using HttpResponseMessage response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            done.Add($"webhook {url} answered {(int)response.StatusCode}");
        }

        await PageAsync(db, action, message, practice, onCall, 0, onCall.TurnAt(now, practice.Calendar.Zone), now, mail, done, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A page of an escalation not acknowledged in time: the next person in the rotation is paged, unless someone
    /// acknowledged, the message was answered, or the pages have gone round the rotation as often as agreed.
    /// </summary>
    private async Task RepageAsync(PorterDb db, ActionRecord action, MessageRecord message, Instant now, List<(ActionRecord, MimeMessage)> mail, CancellationToken cancellationToken)
    {
        int number = JsonDocument.Parse(action.Payload).RootElement.GetProperty("number").GetInt32();
        Practice practice = PracticeOf(message);
        if (practice.OnCall is not { } onCall)
        {
            Done(action, now, "not needed: nobody is on call any more");
            return;
        }

        List<PageRecord> pages = await db.Pages.AsNoTracking().Where(p => p.MessageRecordId == message.Id).OrderBy(p => p.Number).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (pages.FirstOrDefault(p => p.AcknowledgedAt is not null) is { } acknowledged)
        {
            Done(action, now, $"not needed: {acknowledged.Person} acknowledged at {Dashboard.Show.When(acknowledged.AcknowledgedAt!.Value, practice.Calendar.Zone)}");
        }
        else if (message.DoneAt is not null)
        {
            Done(action, now, "not needed: the message was answered");
        }
        else if (number >= onCall.MaxPages)
        {
            Done(action, now, $"stopped: nobody acknowledged {number} pages; the message waits first in the queue, urgent");
        }
        else
        {
            int first = pages.FirstOrDefault(p => p.Number == 0)?.First ?? onCall.TurnAt(now, practice.Calendar.Zone);
            await PageAsync(db, action, message, practice, onCall, number, first, now, mail, [], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Page number <paramref name="number"/> of an escalation: on record once (a retry reuses it), by email with the
    /// link to acknowledge it, and the next re-page set for when the acknowledgement is overdue. SMS is recorded as not
    /// sent: Porter has no outgoing SMS adapter yet.
    /// </summary>
    private async Task PageAsync(PorterDb db, ActionRecord action, MessageRecord message, Practice practice, OnCallDuty onCall, int number, int first, Instant now, List<(ActionRecord, MimeMessage)> mail, List<string> done, CancellationToken cancellationToken)
    {
        PageRecord? page = await db.Pages.AsNoTracking().FirstOrDefaultAsync(p => p.MessageRecordId == message.Id && p.Number == number, cancellationToken).ConfigureAwait(false);
        if (page is null)
        {
            OnCallPerson person = onCall.Paged(first, number);
            page = new PageRecord
            {
                MessageRecordId = message.Id, ProfessionalId = practice.Professional.Id, Number = number, First = first,
                Person = person.Name, Email = person.Email, Phone = person.Phone, SentAt = now,
                Token = System.Security.Cryptography.RandomNumberGenerator.GetHexString(32, lowercase: true),
            };
            db.Pages.Add(page);
            db.Actions.Add(new ActionRecord
            {
                Kind = ActionKind.Page, MessageRecordId = message.Id, DueAt = now + onCall.AcknowledgeWithin,
                Payload = JsonSerializer.Serialize(new { number = number + 1 }, JsonSerializerOptions.Web),
            });
        }

        if (page.Phone is { } phone)
        {
            done.Add($"SMS to {phone} not sent: no outgoing SMS adapter is configured");
        }

        if (page.Email is { Length: > 0 } email && options.Smtp is not null)
        {
            string link = $"{options.PublicBaseUrl.TrimEnd('/')}/p/{page.Token}";
            string again = number == 0 ? "" : $"Page {number + 1}: nobody acknowledged the page before within {Dashboard.Show.Span(onCall.AcknowledgeWithin)}.\n\n";
            var alert = new MimeMessage();
            alert.From.Add(new MailboxAddress("Porter", From(practice)));
            alert.To.Add(new MailboxAddress(page.Person, email));
            alert.Subject = $"[Porter] Urgent from {message.From}: {message.Subject}";
            alert.Body = new TextPart("plain")
            {
                Text = $"{again}{message.From} wrote on {message.Channel} (message {message.Id}):\n\n{message.Body}\n\n" +
                    $"Acknowledge that you have it (otherwise the next person on call is paged in {Dashboard.Show.Span(onCall.AcknowledgeWithin)}):\n{link}\n",
            };
            alert.MessageId = MessageIdFor(action, From(practice));
            mail.Add((action, alert));
            done.Add($"paged {page.Person} by email");
            action.Result = string.Join("; ", done);
        }
        else
        {
            Done(action, now, done.Count > 0 ? string.Join("; ", done) : $"skipped: {page.Person} has neither an email (with SMTP configured) nor a webhook");
        }
    }

    /// <summary>A notification to the professional by email: a deadline about to pass, or an emergency; not sent once the message is answered.</summary>
    private Task NotifyAsync(ActionRecord action, MessageRecord message, Instant now, List<(ActionRecord, MimeMessage)> mail)
    {
        string kind = JsonDocument.Parse(action.Payload).RootElement.GetProperty("kind").GetString() ?? "";
        Practice practice = PracticeOf(message);
        if (message.DoneAt is not null)
        {
            Done(action, now, "not needed: the message was answered");
            return Task.CompletedTask;
        }

        if (options.Smtp is null)
        {
            Done(action, now, "skipped: no SMTP server is configured (Porter:Smtp:Host)");
            return Task.CompletedTask;
        }

        string left = message.Deadline is { } deadline ? Dashboard.Show.Span(practice.Calendar.BusinessTimeBetween(now, deadline)) + " of working time" : "";
        var notice = new MimeMessage();
        notice.From.Add(new MailboxAddress("Porter", From(practice)));
        notice.To.Add(new MailboxAddress(practice.Professional.Name, practice.Professional.Addresses[0]));
        notice.Headers.Add("Auto-Submitted", "auto-generated");
        notice.Subject = kind == Dashboard.Notifier.Emergency
            ? $"[Porter] Urgent from {message.From}: {message.Subject}"
            : $"[Porter] Due in {left}: {message.Subject}";
        notice.Body = new TextPart("plain")
        {
            Text = (kind == Dashboard.Notifier.Emergency
                    ? $"An urgent message arrived on {message.Channel} from {message.From}.\n"
                    : $"The answer to {message.From} on {message.Channel} is due in {left} (promised by {Dashboard.Show.When(message.Deadline!.Value, practice.Calendar.Zone)}).\n")
                + $"\n{(message.Body.Length > 500 ? message.Body[..500] + "…" : message.Body)}\n\n{options.PublicBaseUrl.TrimEnd('/')}/dashboard/messages/{message.Id}\n"
                + "\n(Porter stays quiet while you are in Focus, Off or on vacation, and outside your hours.)\n",
        };
        notice.MessageId = MessageIdFor(action, From(practice));
        mail.Add((action, notice));
        return Task.CompletedTask;
    }

    /// <summary>The handover note: to the person taking over on call, copied to the one handing over, with what is open.</summary>
    private async Task HandoverAsync(PorterDb db, ActionRecord action, Instant now, List<(ActionRecord, MimeMessage)> mail, CancellationToken cancellationToken)
    {
        long id = JsonDocument.Parse(action.Payload).RootElement.GetProperty("handoverId").GetInt64();
        HandoverRecord handover = await db.Handovers.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Handover {id} is missing.");
        if (state.Current.Find(handover.ProfessionalId) is not { OnCall: { } onCall } practice)
        {
            Done(action, now, "skipped: nobody is on call any more");
            return;
        }

        OnCallPerson? incoming = onCall.Rotation.FirstOrDefault(p => p.Name == handover.ToPerson);
        OnCallPerson? outgoing = onCall.Rotation.FirstOrDefault(p => p.Name == handover.FromPerson);
        if (incoming?.Email is not { Length: > 0 } to)
        {
            Done(action, now, $"skipped: {handover.ToPerson} has no email for the handover note");
            return;
        }

        if (options.Smtp is null)
        {
            Fail(action, now, new InvalidOperationException("no SMTP server is configured (Porter:Smtp:Host)"));
            return;
        }

        string professional = practice.Professional.Id;
        bool takesUnassigned = state.Current.First.Professional.Id == professional;
        List<MessageRecord> open = await db.Messages.AsNoTracking()
            .Where(m => m.Decision == "escalate" && m.DoneAt == null && (m.ProfessionalId == professional || (takesUnassigned && m.ProfessionalId == null)))
            .OrderBy(m => m.ReceivedAt).Take(50)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        DateTimeZone zone = practice.Calendar.Zone;
        (Instant At, OnCallPerson From, OnCallPerson To)? next = onCall.NextHandover(handover.At, zone);
        var text = new System.Text.StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Hello {handover.ToPerson},\n\nYou are on call for {practice.Professional.Name} from {Dashboard.Show.When(handover.At, zone)}");
        text.Append(next is { } n ? $" until {Dashboard.Show.When(n.At, zone)}, when {n.To.Name} takes over.\n" : ".\n");
        text.Append(onCall.Hours is null ? $"On call means whenever {practice.Professional.Name} is outside working hours.\n" : "On call means the on-call hours agreed in the practice.\n");
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"A page waits {Dashboard.Show.Span(onCall.AcknowledgeWithin)} for your acknowledgement before the next person is paged.\n\n");
        text.Append(open.Count == 0 ? "Nothing escalated is open.\n" : $"Escalated and still open ({open.Count}):\n");
        foreach (MessageRecord m in open)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"- {Dashboard.Show.When(m.ReceivedAt, zone)}, {m.From}: {m.Subject} (message {m.Id})\n");
        }

        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\nHanded over by {handover.FromPerson}.\n");
        var note = new MimeMessage();
        note.From.Add(new MailboxAddress("Porter", From(practice)));
        note.To.Add(new MailboxAddress(handover.ToPerson, to));
        if (outgoing?.Email is { Length: > 0 } cc && !string.Equals(cc, to, StringComparison.OrdinalIgnoreCase))
        {
            note.Cc.Add(new MailboxAddress(handover.FromPerson, cc));
        }

        note.Subject = $"[Porter] On call for {practice.Professional.Name} from {Dashboard.Show.When(handover.At, zone)}: {handover.ToPerson} takes over from {handover.FromPerson}";
        note.Body = new TextPart("plain") { Text = text.ToString() };
        note.MessageId = MessageIdFor(action, From(practice));
        mail.Add((action, note));
    }

    private MimeMessage AutoReply(ActionRecord action, MessageRecord message)
    {
        AutoReplyPayload payload = JsonSerializer.Deserialize<AutoReplyPayload>(action.Payload, JsonSerializerOptions.Web) ?? throw new FormatException("The automatic reply is empty.");
        Instant? offered = payload.Offered is { } o ? InstantPattern.ExtendedIso.Parse(o).Value : null;
        DateTimeZone? zone = payload.Zone is { } z ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(z) : null;
        var plan = new AutoReplyPlan(payload.To, offered, offered is { } at && zone is not null ? at.InZone(zone) : null, payload.UrgentChannel, payload.ReminderChannel, payload.InReplyTo) { Backup = payload.Backup };
        IncomingMessage original = message.ToIncoming();
        Practice practice = PracticeOf(message);
        string from = From(practice);
        Client? client = message.ClientId is { } id ? practice.Clients.FirstOrDefault(c => c.Id == id) : null;
        ReplyRenderer renderer = renderers.GetOrAdd(state.Config.RepliesFor(message.ClientId), templates => new ReplyRenderer(templates));
        RenderedReply rendered = renderer.Render(plan, original, practice.Professional, client);
        MimeMessage reply = AutoReplyMessage.Create(plan, original, from, practice.Professional.Name, rendered.Subject, rendered.Body);
        reply.MessageId = MessageIdFor(action, from);
        return reply;
    }

    private MimeMessage Reply(ActionRecord action, MessageRecord message, QueuedReply queued)
    {
        Practice practice = PracticeOf(message);
        var reply = new MimeMessage();
        reply.From.Add(new MailboxAddress(practice.Professional.Name, From(practice)));
        reply.To.Add(MailboxAddress.Parse(queued.To));
        reply.Subject = queued.Subject;
        if (message.MessageId is { } original)
        {
            reply.InReplyTo = original.Trim('<', '>');
            reply.References.Add(reply.InReplyTo);
        }

        reply.Body = new TextPart("plain") { Text = queued.Body };
        reply.MessageId = MessageIdFor(action, From(practice));
        return reply;
    }

    /// <summary>
    /// Sends the batch's mail, recording each send in the database the moment the server has taken it (not once the
    /// whole batch is through): a crash mid-batch then re-sends at most the one mail whose 250 came before its commit,
    /// with the same Message-ID.
    /// </summary>
    private async Task SendAsync(PorterDb db, List<(ActionRecord Action, MimeMessage Message)> mail, Instant now, CancellationToken cancellationToken)
    {
        if (mail.Count == 0 || options.Smtp is not { } smtp)
        {
            return;
        }

        var settled = new bool[mail.Count];
        try
        {
            await new SmtpSender(smtp).SendAsync([.. mail.Select(m => m.Message)], async (i, error) =>
            {
                settled[i] = true;
                (ActionRecord action, MimeMessage message) = mail[i];
                if (error is not null)
                {
                    Fail(action, now, error);
                }
                else
                {
                    string sent = $"sent to {string.Join(", ", message.To.Mailboxes.Select(m => m.Address))}";
                    metrics.ReplySent(action.Kind.Name());
                    Done(action, now, action.Result is { Length: > 0 } before ? $"{before}; {sent}" : sent);
                }

                // Not the caller's token: a send the server took is recorded even while the service stops.
                await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.ServiceNotConnectedException or MailKit.Security.AuthenticationException or MailKit.Net.Smtp.SmtpCommandException or MailKit.Net.Smtp.SmtpProtocolException)
        {
            for (int i = 0; i < mail.Count; i++)
            {
                if (!settled[i])
                {
                    Fail(mail[i].Action, now, e);
                }
            }
        }
    }

    /// <summary>The address a professional's mail goes from: their first.</summary>
    private static string From(Practice practice) => practice.Professional.Addresses.FirstOrDefault() ?? "porter@localhost";

    /// <summary>The Message-ID of an action's mail: one per action, so a resend after a crash is known as the same message.</summary>
    private static string MessageIdFor(ActionRecord action, string from) => $"porter-action-{action.Id}@{from[(from.IndexOf('@', StringComparison.Ordinal) + 1)..]}";

    private static void Done(ActionRecord action, Instant now, string result)
    {
        action.DoneAt = now;
        action.Result = result;
        action.LastError = null;
    }

    private void Fail(ActionRecord action, Instant now, Exception error)
    {
        logger.LogWarning(error, "Action {Id} ({Kind}) failed, attempt {Attempt}", action.Id, action.Kind, action.Attempts);
        action.LastError = error.Message;
        if (action.Attempts >= MaxAttempts)
        {
            action.DoneAt = now;
            action.Result = $"failed after {action.Attempts} attempts: {error.Message}";
        }
        else
        {
            // 1, 2, 4 … minutes: a mail server that is down for a while is not hammered.
            action.DueAt = now + Duration.FromMinutes(Math.Pow(2, action.Attempts - 1));
        }
    }

    private sealed record AutoReplyPayload(string To, string? Offered, string? Zone, string? UrgentChannel, string? ReminderChannel, string? InReplyTo, string? Backup = null);
}

/// <summary>A message to a client announcing a change to the professional's working hours.</summary>
/// <param name="To">The client contact's address.</param>
/// <param name="Name">Their name.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Body">The text.</param>
/// <param name="Professional">Whose hours they are (<c>Professional.Id</c>; the first professional's when null).</param>
public sealed record Announcement(string To, string Name, string Subject, string Body, string? Professional = null);

/// <summary>A reply the professional wrote, waiting for the next working window.</summary>
/// <param name="To">The recipient.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Body">The text.</param>
/// <param name="WrittenAt">When it was written (ISO-8601); if the client writes again after this, the reply is held for review.</param>
public sealed record QueuedReply(string To, string Subject, string Body, string WrittenAt);
