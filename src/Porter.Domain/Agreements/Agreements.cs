using System.Collections.Immutable;
using NodaTime;
using Porter.Domain.Scheduling;

namespace Porter.Domain.Agreements;

/// <summary>The professional's status, which can override the schedule (DECISION-RULES: vacation and off are outside hours; focus is inside).</summary>
public enum ProfessionalStatus
{
    /// <summary>Working to the schedule.</summary>
    Available,

    /// <summary>In hours, with notifications muted; decisions are unchanged.</summary>
    Focus,

    /// <summary>Off: treated as outside hours.</summary>
    Off,

    /// <summary>On vacation: treated as outside hours.</summary>
    Vacation,
}

/// <summary>What a channel is for, by the client's agreement.</summary>
public enum ChannelRole
{
    /// <summary>For general matters.</summary>
    General,

    /// <summary>For urgent matters only.</summary>
    Urgent,

    /// <summary>For news and sharing; no deadline.</summary>
    Fyi,

    /// <summary>Not to be used.</summary>
    NotUsed,
}

/// <summary>One channel in an agreement: what it is for and how fast a reply is promised on it, in business time.</summary>
/// <param name="Channel">The channel name, such as <c>email</c> or <c>sms</c>.</param>
/// <param name="Role">What it is for.</param>
/// <param name="Promise">The response time promised, in business time; null where nothing is promised (FYI, not used).</param>
public sealed record ChannelAgreement(string Channel, ChannelRole Role, Duration? Promise);

/// <summary>A person at a client, with their identities on each channel.</summary>
/// <param name="Name">The person's name.</param>
/// <param name="Emails">Email addresses.</param>
/// <param name="Phones">Phone numbers (compared by digits).</param>
/// <param name="ChatHandles">Chat handles.</param>
public sealed record ClientContact(string Name, ImmutableArray<string> Emails, ImmutableArray<string> Phones, ImmutableArray<string> ChatHandles);

/// <summary>A milestone of the agreed plan.</summary>
/// <param name="Name">What it is.</param>
/// <param name="Due">When it is due.</param>
/// <param name="Status">Its status (planned, in-progress, done, late…).</param>
public sealed record Milestone(string Name, LocalDate Due, string Status);

/// <summary>What the client hired the professional for, and what is explicitly not included.</summary>
/// <param name="Services">Services included.</param>
/// <param name="Excluded">Services explicitly excluded.</param>
public sealed record Scope(ImmutableArray<string> Services, ImmutableArray<string> Excluded);

/// <summary>A client and the agreement with them.</summary>
/// <param name="Id">A short, stable id (used in links and reports).</param>
/// <param name="Name">The client's name.</param>
/// <param name="Zone">The client's time zone, for times offered to them.</param>
/// <param name="Hours">The client's own working hours, in their zone, if known.</param>
/// <param name="Locale">The locale for dates in replies, such as <c>en-US</c>.</param>
/// <param name="Wishes">The client's own wishes, in words.</param>
/// <param name="Contacts">The client's people and their identities.</param>
/// <param name="Channels">The agreed channels.</param>
/// <param name="CheckInCadence">How often to check in, in words (e.g. "weekly, Monday 10:00").</param>
/// <param name="FeedbackProtocol">How feedback is given, in words.</param>
/// <param name="Milestones">The agreed milestones.</param>
/// <param name="Scope">The agreed scope of services.</param>
public sealed record Client(
    string Id,
    string Name,
    DateTimeZone Zone,
    Availability? Hours,
    string Locale,
    string? Wishes,
    ImmutableArray<ClientContact> Contacts,
    ImmutableArray<ChannelAgreement> Channels,
    string? CheckInCadence,
    string? FeedbackProtocol,
    ImmutableArray<Milestone> Milestones,
    Scope Scope)
{
    /// <summary>The id of the professional whose client this is (<see cref="Professional.Id"/>).</summary>
    public string ProfessionalId { get; init; } = "";

    /// <summary>The working time included per month (a retainer), when one is agreed (porter.json's <c>hoursPerMonth</c>); reviews weigh each client's load against it.</summary>
    public Duration? MonthlyHours { get; init; }

    /// <summary>The agreed check-ins, when they are scheduled (porter.json's <c>checkInSchedule</c>).</summary>
    public CheckInSchedule? CheckIns { get; init; }

    /// <summary>The agreed feedback rounds, when they are scheduled (porter.json's <c>feedbackSchedule</c>).</summary>
    public FeedbackSchedule? FeedbackRounds { get; init; }

    /// <summary>The agreement for a channel, if the client has one.</summary>
    public ChannelAgreement? ChannelFor(string channel) =>
        Channels.FirstOrDefault(c => string.Equals(c.Channel, channel, StringComparison.OrdinalIgnoreCase));

    /// <summary>The first channel with that role, if any.</summary>
    public ChannelAgreement? ChannelWithRole(ChannelRole role) => Channels.FirstOrDefault(c => c.Role == role);
}

/// <summary>A person who takes turns on call.</summary>
/// <param name="Name">Their name.</param>
/// <param name="Email">Where they are paged by email.</param>
/// <param name="Phone">Their phone number, for paging by SMS.</param>
public sealed record OnCallPerson(string Name, string? Email, string? Phone);

/// <summary>
/// Who is on call, when, and how they are reached: one person, or several taking turns (<see cref="People"/>, handing
/// over on <see cref="Handover"/>). A page not acknowledged within <see cref="AcknowledgeWithin"/> goes to the next
/// person in the rotation, round the rotation <see cref="PageRounds"/> times at most.
/// </summary>
/// <param name="Name">The person on call (with a rotation: the first).</param>
/// <param name="Hours">When someone is on call; null means whenever the professional is outside hours.</param>
/// <param name="Email">Where escalations are emailed (with a rotation: the first person's).</param>
/// <param name="Phone">A phone number (with a rotation: the first person's).</param>
/// <param name="Webhook">An outgoing webhook URL for escalations.</param>
public sealed record OnCallDuty(string Name, Availability? Hours, string? Email, string? Phone, string? Webhook)
{
    /// <summary>The people taking turns, in order; empty for one person alone (<see cref="Name"/>).</summary>
    public ImmutableArray<OnCallPerson> People { get; init; } = [];

    /// <summary>When the turn passes to the next person; null for one person alone.</summary>
    public Cadence? Handover { get; init; }

    /// <summary>How long a page waits for its acknowledgement before the next person is paged (15 minutes by default).</summary>
    public Duration AcknowledgeWithin { get; init; } = Duration.FromMinutes(15);

    /// <summary>How many times round the rotation pages go before Porter stops paging (2 by default).</summary>
    public int PageRounds { get; init; } = 2;

    /// <summary>Everyone who takes turns, in order (the one person when there is no rotation).</summary>
    public ImmutableArray<OnCallPerson> Rotation => People.IsDefaultOrEmpty ? [new OnCallPerson(Name, Email, Phone)] : People;

    /// <summary>The most pages one escalation sends.</summary>
    public int MaxPages => Rotation.Length * PageRounds;

    /// <summary>The place in <see cref="Rotation"/> of whoever is on duty at <paramref name="at"/>.</summary>
    public int TurnAt(Instant at, DateTimeZone zone)
    {
        if (Handover is not { } handover || Rotation.Length == 1)
        {
            return 0;
        }

        long turn = handover.Turn(at, zone) % Rotation.Length;
        return (int)(turn < 0 ? turn + Rotation.Length : turn);
    }

    /// <summary>Whoever is on duty at <paramref name="at"/>.</summary>
    public OnCallPerson At(Instant at, DateTimeZone zone) => Rotation[TurnAt(at, zone)];

    /// <summary>Who gets page number <paramref name="page"/> (0 first) of an escalation that began with the person at <paramref name="first"/> in the rotation.</summary>
    public OnCallPerson Paged(int first, int page) => Rotation[(first + page) % Rotation.Length];

    /// <summary>The next handover after <paramref name="after"/>, and who takes over; null for one person alone.</summary>
    public (Instant At, OnCallPerson From, OnCallPerson To)? NextHandover(Instant after, DateTimeZone zone)
    {
        if (Handover is not { } handover || Rotation.Length == 1)
        {
            return null;
        }

        Instant at = handover.Next(after, zone);
        return (at, At(after, zone), At(at, zone));
    }
}

/// <summary>Rules set by the organisation; a professional's own rules may be stricter, never looser (<see cref="Looser"/>).</summary>
/// <param name="AfterHoursEmergenciesToOnCall">Whether urgent matters on the urgent channel outside hours may reach on-call.</param>
/// <param name="AutoReplyWindowDays">At most one automatic reply per sender per this many days (never under one).</param>
public sealed record OrganisationPolicy(bool AfterHoursEmergenciesToOnCall, int AutoReplyWindowDays)
{
    /// <summary>The default: emergencies may reach on-call; one automatic reply per sender per 7 days.</summary>
    public static OrganisationPolicy Default { get; } = new(true, 7);

    /// <summary>
    /// Why a professional's own rule would be looser than this policy, or null when it is as strict or stricter:
    /// emergencies may reach on-call only where the organisation lets them, and automatic replies are never more
    /// frequent than the organisation's window allows.
    /// </summary>
    /// <param name="own">The professional's own rules.</param>
    /// <returns>Each looser rule as (field, reason); empty when none is.</returns>
    public IReadOnlyList<(string Field, string Reason)> Looser(OrganisationPolicy own)
    {
        ArgumentNullException.ThrowIfNull(own);
        var looser = new List<(string, string)>(2);
        if (own.AfterHoursEmergenciesToOnCall && !AfterHoursEmergenciesToOnCall)
        {
            looser.Add(("afterHoursEmergencies", "the organisation holds emergencies after hours; a professional's rule may be stricter, never looser"));
        }

        if (own.AutoReplyWindowDays < AutoReplyWindowDays)
        {
            looser.Add(("autoReplyWindowDays", $"the organisation allows one automatic reply per sender per {AutoReplyWindowDays} days; a professional may wait longer, never less"));
        }

        return looser;
    }
}

/// <summary>The professional: who they are and where they can be reached.</summary>
/// <param name="Name">Their name, used in replies.</param>
/// <param name="Addresses">Their email addresses and aliases (mail from these is their own).</param>
/// <param name="Identities">Their identities on other channels (phone numbers, chat handles).</param>
/// <param name="Status">Their current status.</param>
public sealed record Professional(string Name, ImmutableArray<string> Addresses, ImmutableArray<string> Identities, ProfessionalStatus Status)
{
    /// <summary>A short, stable id within the organisation (used for accounts, clients and stored messages).</summary>
    public string Id { get; init; } = "";

    /// <summary>When off or on vacation: the day they are back (messages wait for their first working stretch from then); null when not said (they wait for the next day's).</summary>
    public LocalDate? AwayUntil { get; init; }

    /// <summary>Whether <paramref name="address"/> is one of the professional's email addresses (case-insensitive).</summary>
    public bool OwnsAddress(string? address) =>
        address is not null && Addresses.Any(a => string.Equals(a, address.Trim(), StringComparison.OrdinalIgnoreCase));
}
