using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Porter.Application.Access;
using Porter.Application.Understanding;
using Porter.Domain.Decisions;
using Porter.Domain.Agreements;
using Porter.Storage.Model;
using Porter.Web.Actions;
using Porter.Web.Dashboard;

namespace Porter.Web.Pages.Dashboard;

/// <summary>
/// One message: its decision and reasons, its text and (sanitised, in a sandboxed frame) its HTML, its actions, and a
/// reply composer whose default after hours is "at the next working window". Another organisation's message answers
/// 404, exactly like a missing one: the data layer does not return it.
/// </summary>
public sealed class MessageModel(TenantData tenant, IClock clock, IServiceProvider services) : PageModel
{
    private static readonly Dictionary<Porter.Domain.Decisions.SignalKind, string> GentleNames = new()
    {
        [Porter.Domain.Decisions.SignalKind.PersonalInfoRequest] = "no personal details",
        [Porter.Domain.Decisions.SignalKind.PersonalSocialContact] = "not on personal social media",
        [Porter.Domain.Decisions.SignalKind.OutOfScope] = "outside what we agreed",
        [Porter.Domain.Decisions.SignalKind.AfterHours] = "my working hours",
    };

    /// <summary>How each label Porter reads is shown, in the order people read them.</summary>
    public static readonly IReadOnlyList<(string Label, string Shown)> LabelNames =
    [
        ("urgent_matter", "a real emergency"),
        ("personal_info_request", "asks for personal information"),
        ("personal_social_contact", "personal social-media contact"),
        ("out_of_scope", "asks for work outside the agreed scope"),
        ("plan_change", "changes the agreed plan"),
        ("fyi", "news, nothing asked"),
    ];

    /// <summary>Now.</summary>
    public Instant Now { get; } = clock.GetCurrentInstant();

    /// <summary>The message.</summary>
    public MessageRecord? Message { get; private set; }

    /// <summary>Its actions.</summary>
    public IReadOnlyList<ActionRecord> Actions { get; private set; } = [];

    /// <summary>The conversation: the messages of its thread (itself among them), oldest first.</summary>
    public IReadOnlyList<MessageRecord> Thread { get; private set; } = [];

    /// <summary>The replies written in the thread, oldest first.</summary>
    public IReadOnlyList<Porter.Storage.Messages.ConversationReply> Replies { get; private set; } = [];

    /// <summary>The files attached: id, name, declared type, size.</summary>
    public IReadOnlyList<(long Id, string Name, string Type, long Size)> Files { get; private set; } = [];

    /// <summary>The pages to the people on call, if it was escalated, in order.</summary>
    public IReadOnlyList<PageRecord> Pages { get; private set; } = [];

    /// <summary>The practice of the professional the message is for, when this instance serves the person's organisation.</summary>
    public Practice? Practice => tenant.Organisation is { } organisation && Message is not null ? StoredPractice.Of(organisation, Message) : tenant.Practice;

    /// <summary>Whether the person may send a reply or mark the message answered (an assistant drafts instead).</summary>
    public bool MayAnswer => Message is not null && tenant.May(Deed.Answer, Practice?.Professional.Id);

    /// <summary>The gentle replies offered for the message's boundary signals: the signal's name and how it is shown.</summary>
    public IReadOnlyList<(string Signal, string Shown)> Gentle { get; private set; } = [];

    /// <summary>Whether the person may correct what Porter read (an assistant may not).</summary>
    public bool MayCorrect => Message is not null && tenant.May(Deed.Correct, Practice?.Professional.Id);

    /// <summary>The message's corrections, newest first.</summary>
    public IReadOnlyList<Correction> Corrections { get; private set; } = [];

    /// <summary>What Porter read in it: the latest correction's labels, else the decision's.</summary>
    public IReadOnlySet<string> ReadAs { get; private set; } = new HashSet<string>();

    /// <summary>Whether the local model is on here (a correction is kept either way; only the model learns from it).</summary>
    public bool ModelOn => services.GetService<TextUnderstanding>() is not null;

    /// <summary>What was saved, after a correction.</summary>
    public string? Corrected { get; private set; }

    /// <summary>What was saved, after a draft.</summary>
    public string? Drafted { get; private set; }

    /// <summary>The zone times are shown in.</summary>
    public DateTimeZone Zone => Practice?.Calendar.Zone ?? DateTimeZone.Utc;

    /// <summary>Whether a reply written now would go now.</summary>
    public bool InHours => Practice is { } p && ScheduledReplies.SendsNow(p, Now);

    /// <summary>When the next working window starts.</summary>
    public Instant? NextWindow => Practice is { } p ? ScheduledReplies.NextWindow(p, Now, Message) : null;

    /// <summary>What was queued, after a reply.</summary>
    public string? Queued { get; private set; }

    /// <summary>Why a reply was not queued.</summary>
    public string? Problem { get; private set; }

    /// <summary>The reply's text, kept when it could not be queued.</summary>
    public string? Body { get; private set; }

    /// <summary>Shows the message.</summary>
    public async Task<IActionResult> OnGetAsync(long id, long? queued, bool drafted, bool corrected, string? template, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        Body = Message!.Draft;
        if (Body is null && template is not null && Practice is { } practice
            && Porter.Replies.BoundaryReplies.Signals.FirstOrDefault(s => s.Name() == template) is var signal && signal.Name() == template && Gentle.Any(g => g.Signal == template))
        {
            MessageRecord m = Message;
            var incoming = new Porter.Domain.Messages.IncomingMessage(m.Channel, m.From, [m.To], m.ReceivedAt, m.Subject, m.Body, []);
            Body = Porter.Replies.BoundaryReplies.Render(signal, incoming, practice, practice.Clients.FirstOrDefault(c => c.Id == m.ClientId), Now);
        }

        Drafted = drafted ? "Draft saved: the professional sees it here, ready to send." : null;
        Corrected = !corrected ? null : ModelOn
            ? "Correction kept: Porter reads the next message like this one as you said."
            : "Correction kept. The local model is off on this instance (Porter:UnderstandingExamples), so it teaches nothing yet; it will when the model is on.";

        if (queued is { } actionId && Actions.FirstOrDefault(a => a.Id == actionId && a.Kind == ActionKind.SendReply) is { } action)
        {
            Queued = action.DueAt <= Now.Plus(Duration.FromMinutes(1))
                ? "Reply queued to go now; whether it was sent shows under Actions."
                : $"Reply queued: it goes out {Show.When(action.DueAt, Zone)}, at the next working window (the client's hours too).";
        }

        return Page();
    }

    /// <summary>Queues a reply: now, or at the next working window.</summary>
    public async Task<IActionResult> OnPostReplyAsync(long id, string? body, string? when, int? minutes, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        Body = body;
        if (!MayAnswer)
        {
            return RoleRefusal.Forbidden("an assistant drafts replies; the professional sends them");
        }

        if (Practice is not { } practice)
        {
            Problem = "This organisation has no practice on this Porter instance to send from.";
            return Page();
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            Problem = "Write the reply first.";
            return Page();
        }

        if (Message!.Channel != "email")
        {
            Problem = $"Porter sends replies by email; {Message.Channel} has no outgoing adapter.";
            return Page();
        }

        if (minutes is < 0 or > MaxMinutes)
        {
            Problem = TimeProblem;
            return Page();
        }

        Instant? sendAt = when == "now" ? Now : null;
        (ActionRecord action, _, _) = ScheduledReplies.Queue(Message, practice, Now, body, null, sendAt ?? (when == "window" ? ScheduledReplies.NextWindow(practice, Now, Message) : null));
        tenant.Db.Actions.Add(action);
        await MarkAsync(id, Now, action.DueAt, minutes, cancellationToken).ConfigureAwait(false);
        MessageRecord answered = await tenant.Db.Messages.FirstAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);
        answered.Draft = null;
        answered.DraftBy = null;
        await tenant.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return RedirectToPage(new { id, queued = action.Id });
    }

    /// <summary>Keeps a draft reply on the message for the professional to read, change and send (an assistant's way to answer).</summary>
    public async Task<IActionResult> OnPostDraftAsync(long id, string? body, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            Problem = "Write the draft first.";
            return Page();
        }

        MessageRecord tracked = await tenant.Db.Messages.FirstAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);
        tracked.Draft = body;
        tracked.DraftBy = Porter.Web.Accounts.Accounts.ActorOf(User);
        await tenant.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return RedirectToPage(new { id, drafted = true });
    }

    /// <summary>
    /// Corrects what Porter read: the labels the message really carries (none: an ordinary request). Kept as a labelled
    /// example of the professional's practice; the next decision for them uses it.
    /// </summary>
    public async Task<IActionResult> OnPostCorrectAsync(long id, string[]? labels, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        if (!MayCorrect)
        {
            return RoleRefusal.Forbidden("an assistant reads; the professional corrects what Porter read");
        }

        MessageRecord m = Message!;
        var correction = new Correction(0, m.ProfessionalId ?? Practice?.Professional.Id ?? "", m.Id, Porter.Domain.Messages.IncomingMessage.TextOf(m.Subject, m.Body),
            [.. labels ?? []], Porter.Web.Accounts.Accounts.ActorOf(User), Now);
        try
        {
            await Porter.Application.Understanding.Corrections.CorrectAsync(tenant.Corrections, services.GetService<TextUnderstanding>(), correction, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            Problem = e.Message;
            return Page();
        }

        return RedirectToPage(new { id, corrected = true });
    }

    /// <summary>
    /// Waits on the client (the response clock pauses until they write again), or stops waiting: the deadline then moves
    /// on by the working time the clock stood still.
    /// </summary>
    public async Task<IActionResult> OnPostWaitAsync(long id, bool waiting, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        if (!MayAnswer)
        {
            return RoleRefusal.Forbidden("an assistant drafts replies; the professional decides when to wait on the client");
        }

        MessageRecord tracked = await tenant.Db.Messages.FirstAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);
        if (waiting && tracked.WaitingSince is null && tracked.DoneAt is null)
        {
            tracked.WaitingSince = Now;
        }
        else if (!waiting && Practice is { } practice)
        {
            ResponseClock.Resume(tracked, practice, Now);
        }

        await tenant.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return RedirectToPage(new { id });
    }

    /// <summary>Marks the message answered (it leaves the queue), or waiting again.</summary>
    public async Task<IActionResult> OnPostDoneAsync(long id, bool done, int? minutes, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        if (!MayAnswer)
        {
            return RoleRefusal.Forbidden("an assistant drafts replies; the professional marks messages answered");
        }

        if (minutes is < 0 or > MaxMinutes)
        {
            Problem = TimeProblem;
            return Page();
        }

        await MarkAsync(id, done ? Now : null, Now, minutes, cancellationToken).ConfigureAwait(false);
        await tenant.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return RedirectToPage(new { id });
    }

    /// <summary>The most time one answer may log: a day.</summary>
    private const int MaxMinutes = 1440;

    private const string TimeProblem = "Time spent is a number of minutes from 0 to 1440; nothing was saved.";

    /// <summary>
    /// Marks the message answered at <paramref name="at"/>, the client having the answer at <paramref name="answeredAt"/>;
    /// or, with no <paramref name="at"/>, waiting again. <paramref name="minutes"/> spent are added to the time logged on it.
    /// </summary>
    private async Task MarkAsync(long id, Instant? at, Instant answeredAt, int? minutes, CancellationToken cancellationToken)
    {
        MessageRecord tracked = await tenant.Db.Messages.FirstAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);
        tracked.MinutesSpent += minutes ?? 0;
        if (at is { } done)
        {
            ScheduledReplies.MarkAnswered(tracked, done, answeredAt);
        }
        else
        {
            ScheduledReplies.Reopen(tracked);
        }
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        Message = await tenant.Db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);
        if (Message is null)
        {
            return false;
        }

        Actions = await tenant.Db.Actions.AsNoTracking().Where(a => a.MessageRecordId == id).OrderBy(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        Thread = Message.ThreadKey is { } key ? await Porter.Storage.Messages.Conversations.ThreadAsync(tenant.Db, key, cancellationToken).ConfigureAwait(false) : [Message];
        Replies = await Porter.Storage.Messages.Conversations.RepliesAsync(tenant.Db, [.. Thread.Select(m => m.Id)], cancellationToken).ConfigureAwait(false);
        Files = [.. (await tenant.Db.Attachments.AsNoTracking().Where(a => a.MessageRecordId == id).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.FileName, a.ContentType, a.Size }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(a => (a.Id, a.FileName, a.ContentType, a.Size))];
        Pages = await tenant.Db.Pages.AsNoTracking().Where(p => p.MessageRecordId == id).OrderBy(p => p.Number).ToListAsync(cancellationToken).ConfigureAwait(false);
        Corrections = await tenant.Corrections.OfMessageAsync(id, cancellationToken).ConfigureAwait(false);
        ReadAs = Corrections.Count > 0 ? Corrections[0].Labels.ToHashSet(StringComparer.Ordinal) : ReadIn(Message);
        string[] signals = Message.Signals.Split(',', StringSplitOptions.RemoveEmptyEntries);
        Gentle = [.. Porter.Replies.BoundaryReplies.Signals.Where(s => signals.Contains(s.Name())).Select(s => (s.Name(), GentleNames[s]))];
        return true;
    }

    /// <summary>The labels the decision found: its signals (after hours and wrong channel are not read in the text) and an urgent matter when a reason names one.</summary>
    private static HashSet<string> ReadIn(MessageRecord message)
    {
        var labels = message.Signals.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => Porter.Application.Understanding.Corrections.Labels.Contains(s))
            .ToHashSet(StringComparer.Ordinal);
        if (Show.Reasons(message.Reasons).Any(r => r.Rule == "urgent-matter"))
        {
            labels.Add("urgent_matter");
        }

        return labels;
    }
}
