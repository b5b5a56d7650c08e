using System.Collections.Immutable;
using NodaTime;
using Porter.Domain.Messages;

namespace Porter.Domain.Decisions;

/// <summary>What happens to a message. Reminders are not a kind of their own: a reminded message is delivered or held.</summary>
public enum DecisionKind
{
    /// <summary>Into the queue now, with a deadline.</summary>
    Deliver,

    /// <summary>Held until the next working window, with an automatic reply (unless FYI or over the per-sender limit).</summary>
    Hold,

    /// <summary>An urgent matter on the urgent channel outside hours: to the person on call.</summary>
    Escalate,

    /// <summary>Automatic, list or own mail: stored and flagged, never answered, no deadline.</summary>
    NeverAnswer,
}

/// <summary>How soon a message needs attention, relative to others.</summary>
public enum Priority
{
    /// <summary>News with no deadline.</summary>
    Low,

    /// <summary>The usual.</summary>
    Normal,

    /// <summary>Marked urgent by the client, or an urgent matter handled in hours.</summary>
    High,

    /// <summary>Escalated.</summary>
    Urgent,
}

/// <summary>Something the decision noticed, reported alongside it; signals never change the decision.</summary>
public enum SignalKind
{
    /// <summary>Arrived outside the professional's hours.</summary>
    AfterHours,

    /// <summary>Came on a channel not agreed for it (rule 3 fired).</summary>
    WrongChannel,

    /// <summary>Asks for personal information.</summary>
    PersonalInfoRequest,

    /// <summary>A friend or follow request on a personal network, or mention of one.</summary>
    PersonalSocialContact,

    /// <summary>Asks for a service outside the agreed scope.</summary>
    OutOfScope,

    /// <summary>Changes, or announces a change to, the agreed plan.</summary>
    PlanChange,

    /// <summary>News or sharing with nothing asked: no deadline.</summary>
    Fyi,
}

/// <summary>The names signals go by in reports, JSON and labelled sets (<c>after_hours</c>, <c>plan_change</c>…).</summary>
public static class SignalNames
{
    /// <summary>Every signal, in the order of <see cref="SignalKind"/>.</summary>
    public static IReadOnlyList<SignalKind> All { get; } = Enum.GetValues<SignalKind>();

    /// <summary>The signal's name.</summary>
    public static string Name(this SignalKind signal) => signal switch
    {
        SignalKind.AfterHours => "after_hours",
        SignalKind.WrongChannel => "wrong_channel",
        SignalKind.PersonalInfoRequest => "personal_info_request",
        SignalKind.PersonalSocialContact => "personal_social_contact",
        SignalKind.OutOfScope => "out_of_scope",
        SignalKind.PlanChange => "plan_change",
        SignalKind.Fyi => "fyi",
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "not a signal"),
    };
}

/// <summary>The names decisions and priorities go by in stored data and JSON (<c>deliver</c>, <c>never_answer</c>, <c>high</c>…).</summary>
public static class DecisionNames
{
    /// <summary>The decision's name.</summary>
    public static string Name(this DecisionKind kind) => kind switch
    {
        DecisionKind.Deliver => "deliver",
        DecisionKind.Hold => "hold",
        DecisionKind.Escalate => "escalate",
        DecisionKind.NeverAnswer => "never_answer",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a decision"),
    };

    /// <summary>The priority's name.</summary>
    public static string Name(this Priority priority) => priority switch
    {
        Priority.Low => "low",
        Priority.Normal => "normal",
        Priority.High => "high",
        Priority.Urgent => "urgent",
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, "not a priority"),
    };
}

/// <summary>One step of the reasoning: which rule, and the fact that made it apply.</summary>
/// <param name="Rule">The rule, such as <c>hold</c> or <c>automatic-mail</c> (docs/decision-rules.md).</param>
/// <param name="Fact">The fact, in words a person can check.</param>
public readonly record struct Reason(string Rule, string Fact)
{
    /// <inheritdoc />
    public override string ToString() => $"{Rule}: {Fact}";
}

/// <summary>What the automatic reply must say; adapters render it from a template and send it.</summary>
/// <param name="To">Where it goes: the Return-Path, else the sender.</param>
/// <param name="OfferedTime">The time offered, when the message is held (the next opening).</param>
/// <param name="OfferedTimeInClientZone">The offered time on the client's wall clock.</param>
/// <param name="UrgentChannel">The channel for real emergencies, where the agreement has one.</param>
/// <param name="ReminderChannel">The agreed channel a reminder points to, when rule 3 fired.</param>
/// <param name="InReplyTo">The Message-ID it answers, if any.</param>
public sealed record AutoReplyPlan(
    string To,
    Instant? OfferedTime,
    ZonedDateTime? OfferedTimeInClientZone,
    string? UrgentChannel,
    string? ReminderChannel,
    string? InReplyTo)
{
    /// <summary>Who can help meanwhile, in words (name and how to reach them), when the professional is away (off or on vacation) and someone covers.</summary>
    public string? Backup { get; init; }

    /// <summary>Whether the reply reminds the client of the agreed channel.</summary>
    public bool IsReminder => ReminderChannel is not null;

    /// <summary>Whether the reply offers a time (the message is held).</summary>
    public bool OffersTime => OfferedTime is not null;

    /// <summary>
    /// The address the reply window counts (rule 6: one automatic reply per recipient per window): <see cref="To"/>
    /// as a bare address in lower case, so <c>Jordan@Northwind.example</c>, <c>&lt;jordan@northwind.example&gt;</c>
    /// and <c>Jordan Lee &lt;JORDAN@northwind.example&gt;</c> are one recipient, however many senders share it.
    /// </summary>
    public string WindowKey => KeyOf(To);

    /// <summary>Where an automatic reply to <paramref name="message"/> goes: its Return-Path, else its sender (RFC 3834 §4).</summary>
    public static string RecipientOf(IncomingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Bare(message.ReturnPath is { Length: > 0 } returnPath && Bare(returnPath).Length > 0 ? returnPath : message.From);
    }

    /// <summary>An address as the reply window counts it: bare (no name, no angle brackets), lower case.</summary>
    public static string KeyOf(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Bare(address).ToLowerInvariant();
    }

    /// <summary>The address inside angle brackets when there are any (<c>Name &lt;a@b&gt;</c>), trimmed.</summary>
    private static string Bare(string address)
    {
        int open = address.LastIndexOf('<');
        int close = address.LastIndexOf('>');
        return (open >= 0 && close > open ? address[(open + 1)..close] : address).Trim();
    }
}

/// <summary>The decision for one message, with its reasons and signals.</summary>
/// <param name="Kind">What happens to the message.</param>
/// <param name="Priority">How soon it needs attention.</param>
/// <param name="Deadline">The response deadline, if one applies.</param>
/// <param name="HoldUntil">When a held message enters the queue.</param>
/// <param name="ClientId">The client it came from, if known.</param>
/// <param name="AutoReply">The automatic reply to send, if any.</param>
/// <param name="Signals">What was noticed.</param>
/// <param name="Reasons">Why, step by step.</param>
public sealed record Decision(
    DecisionKind Kind,
    Priority Priority,
    Instant? Deadline,
    Instant? HoldUntil,
    string? ClientId,
    AutoReplyPlan? AutoReply,
    ImmutableArray<SignalKind> Signals,
    ImmutableArray<Reason> Reasons)
{
    /// <summary>Whether the client was reminded of the agreed channel.</summary>
    public bool Reminded => Signals.Contains(SignalKind.WrongChannel);

    /// <summary>Whether a signal was noticed.</summary>
    public bool Has(SignalKind signal) => Signals.Contains(signal);
}

/// <summary>What a model can read in a message's text (the signals the phrase rules look for).</summary>
public enum UnderstoodAs
{
    /// <summary>A real emergency.</summary>
    UrgentMatter,

    /// <summary>A request for personal information.</summary>
    PersonalInfoRequest,

    /// <summary>Personal social-media contact.</summary>
    PersonalSocialContact,

    /// <summary>A request for a service outside the agreed scope.</summary>
    OutOfScope,

    /// <summary>A change to the agreed plan.</summary>
    PlanChange,

    /// <summary>News, nothing asked.</summary>
    Fyi,
}

/// <summary>How sure a reading is, and what it does to what the phrase rules found.</summary>
public enum Reading
{
    /// <summary>The text resembles labelled examples that carry it: used where the phrase rules found nothing of that kind.</summary>
    Resembles,

    /// <summary>The professional marked a message like this one as having it: it is found, whatever the rules read.</summary>
    CorrectedAs,

    /// <summary>The professional marked a message like this one as not having it: not found, even where a phrase rule matched.</summary>
    CorrectedNot,
}

/// <summary>What a model read in a message, and why, in words a person can check (the labelled examples it resembles, or the correction).</summary>
/// <param name="What">What it read.</param>
/// <param name="Because">Why, such as <c>#2 "Payments are failing on every order" (0.71)</c>.</param>
/// <param name="How">A resemblance (the default) or a person's correction of a message like it.</param>
public sealed record Understood(UnderstoodAs What, string Because, Reading How = Reading.Resembles);
