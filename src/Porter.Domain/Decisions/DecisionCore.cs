using System.Collections.Immutable;
using NodaTime;
using NodaTime.Text;
using Porter.Domain.Agreements;
using Porter.Domain.Messages;
using Porter.Domain.Signals;

namespace Porter.Domain.Decisions;

/// <summary>
/// Decides what happens to one incoming message, by the rules of ../shared/DECISION-RULES.md as written down in
/// docs/decision-rules.md: never answer automatic mail; escalate real emergencies on the urgent channel outside
/// hours; remind of the agreed channel; deliver in hours; hold outside hours with an automatic reply, at most one per
/// sender per window; FYI has no deadline. Pure: values in, a decision out.
/// </summary>
public static class DecisionCore
{
    private static readonly LocalDateTimePattern OfferPattern = LocalDateTimePattern.CreateWithInvariantCulture("ddd d MMM HH':'mm");

    /// <summary>Decides.</summary>
    /// <param name="practice">The professional's practice: calendar, agreements, policy.</param>
    /// <param name="message">The message.</param>
    /// <param name="now">When the decision is made; whether the professional is in hours is judged then (normally the arrival time).</param>
    /// <param name="lastAutoReplyToRecipient">When the automatic reply's recipient (the Return-Path, else the sender; case ignored) last got one, if ever.</param>
    /// <param name="understood">What a model read in the text, each with why (the labelled examples it resembles): used where the phrase rules found nothing of that kind.</param>
    public static Decision Decide(Practice practice, IncomingMessage message, Instant now, Instant? lastAutoReplyToRecipient = null, IReadOnlyList<Understood>? understood = null)
    {
        ArgumentNullException.ThrowIfNull(practice);
        ArgumentNullException.ThrowIfNull(message);
        var reasons = ImmutableArray.CreateBuilder<Reason>(6);

        // Rule 1: never answer automatic mail.
        if (AutomaticMail.Check(message, practice.Professional, practice.Colleagues) is { } automatic)
        {
            reasons.Add(automatic);
            reasons.Add(new Reason("never-answer", "stored and flagged: no reply, no deadline, no escalation"));
            return new Decision(DecisionKind.NeverAnswer, Priority.Low, null, null, practice.FindClient(message.From)?.Id, null, [], reasons.ToImmutable());
        }

        Client? client = practice.FindClient(message.From);
        reasons.Add(client is null
            ? new Reason("sender", $"{message.From} is not a known client contact; the default agreement applies")
            : new Reason("sender", $"{message.From} is a contact of {client.Name}"));
        ImmutableArray<ChannelAgreement> channels = client?.Channels ?? practice.DefaultChannels;
        ChannelAgreement? agreed = Find(channels, message.Channel);

        bool inHours = InHours(practice, now, reasons);
        TextRules rules = practice.RulesFor(client);
        var text = new MessageText(message.Text);
        var found = default(Findings);
        practice.ScannerFor(client).FirstMatches(text, found);
        if (understood is { Count: > 0 })
        {
            AddUnderstood(understood, ref found, reasons);
        }
        string? urgentMatter = found[(int)TextCue.UrgentMatter];
        string? request = found[(int)TextCue.Request];
        string? fyi = request is null ? found[(int)TextCue.Fyi] : null;

        var signals = ImmutableArray.CreateBuilder<SignalKind>(4);
        if (!inHours)
        {
            signals.Add(SignalKind.AfterHours);
        }

        AddTextSignals(found, request, signals, reasons);
        Priority priority = Priority.Normal;
        if (rules.Match(TextCue.MarkedUrgent, message.Subject) is { } marked)
        {
            priority = Priority.High;
            reasons.Add(new Reason("priority", $"the client marked it urgent (\"{marked}\")"));
        }

        ChannelAgreement? urgentChannel = Find(channels, ChannelRole.Urgent);

        // Rule 2: escalate a real emergency on the urgent channel, outside hours, when policy and on-call allow.
        if (urgentMatter is not null && agreed?.Role == ChannelRole.Urgent && !inHours)
        {
            reasons.Add(new Reason("urgent-matter", $"\"{urgentMatter}\" on the agreed urgent channel ({agreed.Channel})"));
            // Held after all (no one to page): it is still an emergency, first in the queue when hours begin.
            priority = Priority.Urgent;
            if (!practice.Policy.AfterHoursEmergenciesToOnCall)
            {
                reasons.Add(new Reason("policy", "policy keeps after-hours emergencies for the next working window; held with priority urgent"));
            }
            else if (practice.OnCall is not { } onCall)
            {
                reasons.Add(new Reason("on-call", "nobody is on call; held with priority urgent"));
            }
            else if (practice.OnCallCalendar is { } onCallHours && !onCallHours.IsOpen(now))
            {
                reasons.Add(new Reason("on-call", $"{onCall.At(now, practice.Calendar.Zone).Name} is not on call at this time; held with priority urgent"));
            }
            else
            {
                Instant? deadline = agreed.Promise is { } promise
                    ? (practice.OnCallCalendar?.PlusBusinessTime(message.ReceivedAt, promise) ?? message.ReceivedAt + promise)
                    : null;
                reasons.Add(new Reason("escalate", $"to {onCall.At(now, practice.Calendar.Zone).Name}, on call{(deadline is null ? "" : $"; due within {Describe(agreed.Promise!.Value)}")}"));
                return new Decision(DecisionKind.Escalate, Priority.Urgent, deadline, null, client?.Id, null, signals.ToImmutable(), reasons.ToImmutable());
            }
        }
        else if (urgentMatter is not null)
        {
            priority = Priority.High;
            reasons.Add(new Reason("urgent-matter", $"\"{urgentMatter}\" raises priority"));
        }

        // Rule 3: remind of the agreed channel; the deadline then uses the promise of the channel pointed to.
        ChannelAgreement? remindToward = null;
        if (agreed is null && !channels.IsDefaultOrEmpty)
        {
            remindToward = urgentMatter is not null ? urgentChannel ?? General(channels) : General(channels);
            reasons.Add(new Reason("remind", $"{message.Channel} is not one of the agreed channels; the reminder points to {remindToward?.Channel}"));
        }
        else if (agreed?.Role == ChannelRole.NotUsed)
        {
            remindToward = urgentMatter is not null ? urgentChannel ?? General(channels) : General(channels);
            reasons.Add(new Reason("remind", $"{agreed.Channel} is agreed as not used; the reminder points to {remindToward?.Channel}"));
        }
        else if (agreed?.Role == ChannelRole.Urgent && urgentMatter is null)
        {
            remindToward = General(channels);
            reasons.Add(new Reason("remind", $"{agreed.Channel} is for urgent matters and this is not one; the reminder points to {remindToward?.Channel}"));
        }

        if (remindToward is not null || (agreed is null && !channels.IsDefaultOrEmpty))
        {
            signals.Add(SignalKind.WrongChannel);
        }

        ChannelAgreement? deadlineChannel = remindToward ?? agreed ?? General(channels);

        // Rule 7: FYI has no deadline, and gets no automatic reply.
        bool isFyi = fyi is not null || (deadlineChannel?.Role == ChannelRole.Fyi && request is null);
        if (isFyi)
        {
            signals.Add(SignalKind.Fyi);
            priority = Priority.Low;
            reasons.Add(new Reason("fyi", fyi is not null ? $"news with nothing asked (\"{fyi}\"): no deadline" : $"sent on the FYI channel ({deadlineChannel!.Channel}) with nothing asked: no deadline"));
        }

        Instant? due = !isFyi && deadlineChannel?.Promise is { } agreedPromise
            ? practice.Calendar.PlusBusinessTime(message.ReceivedAt, agreedPromise)
            : null;
        if (due is not null)
        {
            reasons.Add(new Reason("deadline", $"{Describe(deadlineChannel!.Promise!.Value)} of business time promised on {deadlineChannel.Channel}"));
        }

        // Rule 4: deliver in hours (a reminder, if any, goes out now).
        if (inHours)
        {
            reasons.Add(new Reason("deliver", "in working hours: into the queue"));
            AutoReplyPlan? reminder = remindToward is not null
                ? AutoReplyIfAllowed(practice, message, client, null, urgentChannel, remindToward, now, lastAutoReplyToRecipient, reasons)
                : null;
            return new Decision(DecisionKind.Deliver, priority, due, null, client?.Id, reminder, signals.ToImmutable(), reasons.ToImmutable());
        }

        // Rule 5: hold outside hours, offering the next opening in the client's zone. Off or on vacation, the next
        // opening is on the day they are back (the next day's when not said), not the stretch that is open now.
        bool away = practice.Professional.Status is ProfessionalStatus.Off or ProfessionalStatus.Vacation;
        Instant from = Max(now, message.ReceivedAt);
        if (away)
        {
            LocalDate today = from.InZone(practice.Calendar.Zone).Date;
            LocalDate back = practice.Professional.AwayUntil is { } until && until > today ? until : today.PlusDays(1);
            from = Max(from, back.AtStartOfDayInZone(practice.Calendar.Zone).ToInstant());
        }

        Instant holdUntil = practice.Calendar.PlusBusinessTime(from, Duration.Zero);
        reasons.Add(new Reason("hold", away ? "the professional is away: held until their first working stretch back" : "outside working hours: held until the next opening"));

        // The urgent channel is offered only when someone would answer it now: on-call, reachable, and allowed.
        bool onCallReachable = practice.Policy.AfterHoursEmergenciesToOnCall && practice.OnCall is not null
            && (practice.OnCallCalendar is not { } dutyHours || dutyHours.IsOpen(now));
        if (urgentChannel is not null && !onCallReachable)
        {
            reasons.Add(new Reason("urgent-channel", $"the reply does not offer {urgentChannel.Channel}: nobody on call would answer it now"));
            urgentChannel = null;
        }

        AutoReplyPlan? reply = isFyi
            ? null
            : AutoReplyIfAllowed(practice, message, client, holdUntil, urgentChannel, remindToward, now, lastAutoReplyToRecipient, reasons, forClientHours: !away);
        if (reply is not null && away && practice.OnCall?.At(now, practice.Calendar.Zone) is { } backup && onCallReachable)
        {
            reply = reply with { Backup = backup.Email is { } email ? $"{backup.Name} ({email})" : backup.Phone is { } phone ? $"{backup.Name} ({phone})" : backup.Name };
        }

        return new Decision(DecisionKind.Hold, priority, due, holdUntil, client?.Id, reply, signals.ToImmutable(), reasons.ToImmutable());
    }

    private static bool InHours(Practice practice, Instant now, ImmutableArray<Reason>.Builder reasons)
    {
        switch (practice.Professional.Status)
        {
            case ProfessionalStatus.Vacation:
                reasons.Add(new Reason("status", "the professional is on vacation: outside hours"));
                return false;
            case ProfessionalStatus.Off:
                reasons.Add(new Reason("status", "the professional is off: outside hours"));
                return false;
            default:
                bool open = practice.Calendar.IsOpen(now);
                reasons.Add(new Reason("hours", open ? "within working hours" : "outside working hours"));
                return open;
        }
    }

    /// <summary>
    /// Fills the slots the phrase rules left empty with what the model read, each with a reason naming why; a
    /// correction of a message like this one settles its kind either way, over the rules.
    /// </summary>
    private static void AddUnderstood(IReadOnlyList<Understood> understood, ref Findings found, ImmutableArray<Reason>.Builder reasons)
    {
        foreach (Understood item in understood)
        {
            int slot = item.What switch
            {
                UnderstoodAs.UrgentMatter => (int)TextCue.UrgentMatter,
                UnderstoodAs.PersonalInfoRequest => (int)TextCue.PersonalInfoRequest,
                UnderstoodAs.PersonalSocialContact => (int)TextCue.PersonalSocialContact,
                UnderstoodAs.PlanChange => (int)TextCue.PlanChange,
                UnderstoodAs.Fyi => (int)TextCue.Fyi,
                _ => TextRules.OutOfScopeSlot,
            };
            if (item.How == Reading.CorrectedNot)
            {
                if (found[slot] is { } matched)
                {
                    found[slot] = null;
                    reasons.Add(new Reason("correction", $"not {item.What}, though the text matched \"{matched}\": you marked a message like this as without it ({item.Because})"));
                }

                continue;
            }

            if (found[slot] is not null)
            {
                continue;
            }

            string quoted = item.How == Reading.CorrectedAs ? $"is like a message you marked so: {item.Because}" : $"reads like {item.Because}";
            found[slot] = quoted;
            if (item.What == UnderstoodAs.OutOfScope && found[(int)TextCue.Request] is null)
            {
                found[(int)TextCue.Request] = quoted; // out of scope is a request for a service not hired
            }

            reasons.Add(new Reason(item.How == Reading.CorrectedAs ? "correction" : "model", $"{item.What}: the text {quoted}"));
        }
    }

    private static void AddTextSignals(ReadOnlySpan<string?> found, string? request, ImmutableArray<SignalKind>.Builder signals, ImmutableArray<Reason>.Builder reasons)
    {
        if (found[(int)TextCue.PersonalInfoRequest] is { } personal)
        {
            signals.Add(SignalKind.PersonalInfoRequest);
            reasons.Add(new Reason("signal", $"asks for personal information (\"{personal}\")"));
        }

        if (found[(int)TextCue.PersonalSocialContact] is { } social)
        {
            signals.Add(SignalKind.PersonalSocialContact);
            reasons.Add(new Reason("signal", $"personal social-media contact (\"{social}\")"));
        }

        if (request is not null && found[TextRules.OutOfScopeSlot] is { } service)
        {
            signals.Add(SignalKind.OutOfScope);
            reasons.Add(new Reason("signal", $"asks for \"{service}\", outside the agreed scope"));
        }

        if (found[(int)TextCue.PlanChange] is { } change)
        {
            signals.Add(SignalKind.PlanChange);
            reasons.Add(new Reason("signal", $"a change to the agreed plan (\"{change}\")"));
        }
    }

    private static AutoReplyPlan? AutoReplyIfAllowed(
        Practice practice,
        IncomingMessage message,
        Client? client,
        Instant? offered,
        ChannelAgreement? urgentChannel,
        ChannelAgreement? reminder,
        Instant now,
        Instant? lastAutoReply,
        ImmutableArray<Reason>.Builder reasons,
        bool forClientHours = false)
    {
        // Rule 6: at most one automatic reply per recipient (the Return-Path, else the sender; case ignored) per window (never under one day).
        string to = AutoReplyPlan.RecipientOf(message);
        int windowDays = Math.Max(1, practice.Policy.AutoReplyWindowDays);
        if (lastAutoReply is { } last && now - last < Duration.FromDays(windowDays))
        {
            reasons.Add(new Reason("auto-reply-limit", $"{to} already had an automatic reply in the last {windowDays} days: none this time"));
            return null;
        }

        // The time offered: the first after the opening when the client is in their own hours too.
        if (offered is { } opening)
        {
            offered = practice.NextMutualOpening(opening, client);
            if (forClientHours && offered > opening && client is not null)
            {
                reasons.Add(new Reason("client-hours", $"the time offered is within {client.Name}'s own hours, when both are working"));
            }
        }

        ZonedDateTime? inClientZone = offered is { } o ? o.InZone(client?.Zone ?? practice.Calendar.Zone) : null;
        reasons.Add(new Reason("auto-reply", offered is null
            ? $"a gentle reminder of the agreed channel ({reminder!.Channel})"
            : $"offers {OfferPattern.Format(inClientZone!.Value.LocalDateTime)} in the client's zone ({inClientZone.Value.Zone.Id}){(reminder is null ? "" : $" and reminds of {reminder.Channel}")}"));
        return new AutoReplyPlan(to, offered, inClientZone, urgentChannel?.Channel, reminder?.Channel, message.MessageId);
    }

    /// <summary>Room for one match per scanner slot, on the stack.</summary>
    [System.Runtime.CompilerServices.InlineArray(TextRules.OutOfScopeSlot + 1)]
    private struct Findings
    {
        private string? first;
    }

    private static ChannelAgreement? Find(ImmutableArray<ChannelAgreement> channels, string channel)
    {
        foreach (ChannelAgreement c in channels)
        {
            if (string.Equals(c.Channel, channel, StringComparison.OrdinalIgnoreCase))
            {
                return c;
            }
        }

        return null;
    }

    private static ChannelAgreement? Find(ImmutableArray<ChannelAgreement> channels, ChannelRole role)
    {
        foreach (ChannelAgreement c in channels)
        {
            if (c.Role == role)
            {
                return c;
            }
        }

        return null;
    }

    private static ChannelAgreement? General(ImmutableArray<ChannelAgreement> channels) =>
        Find(channels, ChannelRole.General) ?? Find(channels, ChannelRole.Urgent);

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static string Describe(Duration d) =>
        d.TotalMinutes % 60 == 0 ? $"{(long)d.TotalHours}h" : $"{(long)d.TotalHours}h {(long)d.TotalMinutes % 60}m";
}
