using System.Collections.Immutable;
using Porter.Domain.Agreements;
using Porter.Domain.Scheduling;
using Porter.Domain.Signals;
using Porter.Replies;

namespace Porter.Configuration;

/// <summary>A loaded, checked Porter configuration: an organisation of one or more professionals and their clients.</summary>
/// <param name="Source">Where it was read from.</param>
/// <param name="Professionals">The professionals, in the order written; the first takes mail that is nobody else's.</param>
/// <param name="Policy">The organisation's rules.</param>
/// <param name="Clients">The clients and their agreements, each with its professional (<see cref="Client.ProfessionalId"/>).</param>
/// <param name="DefaultChannels">The agreement for senders who are not known clients.</param>
/// <param name="Rules">The organisation's text rules (Porter's defaults with its changes).</param>
/// <param name="ClientRuleChanges">Per client id, changes to the text rules.</param>
/// <param name="Replies">The organisation's reply templates (Porter's defaults where not given).</param>
/// <param name="ClientReplies">Per client id, that client's reply templates.</param>
public sealed record PorterConfig(
    string Source,
    ImmutableArray<ProfessionalSettings> Professionals,
    OrganisationPolicy Policy,
    ImmutableArray<Client> Clients,
    ImmutableArray<ChannelAgreement> DefaultChannels,
    TextRules Rules,
    IReadOnlyDictionary<string, IReadOnlyList<TextRuleChange>> ClientRuleChanges,
    ReplyTemplates Replies,
    IReadOnlyDictionary<string, ReplyTemplates> ClientReplies)
{
    /// <summary>How clients book time on the booking page.</summary>
    public BookingRules Booking { get; init; } = BookingRules.Default;

    /// <summary>The first professional (the only one of a single-professional practice).</summary>
    public ProfessionalSettings First => Professionals[0];

    /// <summary>The professional with that id, if any.</summary>
    public ProfessionalSettings? Find(string id) => Professionals.FirstOrDefault(p => p.Professional.Id == id);

    /// <summary>The reply templates for a client (its own where it has them, else the organisation's).</summary>
    public ReplyTemplates RepliesFor(string? clientId) =>
        clientId is not null && ClientReplies.TryGetValue(clientId, out ReplyTemplates? templates) ? templates : Replies;

    /// <summary>The same configuration with one professional's status changed.</summary>
    public PorterConfig WithStatus(string professionalId, ProfessionalStatus status, NodaTime.LocalDate? awayUntil = null) => this with
    {
        Professionals = [.. Professionals.Select(p => p.Professional.Id == professionalId ? p with { Professional = p.Professional with { Status = status, AwayUntil = awayUntil } } : p)],
    };

    /// <summary>Prepares the practices that decisions are made against, one per professional.</summary>
    public Organisation ToOrganisation()
    {
        ImmutableArray<Professional> everyone = [.. Professionals.Select(p => p.Professional)];
        return new Organisation(Professionals.Select(p => new Practice(
            p.Professional,
            p.Availability,
            p.OnCall,
            p.Policy,
            Clients.Where(c => c.ProfessionalId == p.Professional.Id),
            DefaultChannels,
            Rules,
            ClientRuleChanges,
            everyone.Where(o => o.Id != p.Professional.Id))));
    }

    /// <summary>The first professional's practice, for tools that look at one practice (a single professional's, the usual case).</summary>
    public Practice ToPractice() => ToOrganisation().First;
}

/// <summary>One professional of the organisation: who they are, when they work, who is on call for them, and their rules.</summary>
/// <param name="Professional">Who they are.</param>
/// <param name="Availability">When they work.</param>
/// <param name="OnCall">Who is on call for them, if anyone.</param>
/// <param name="Policy">Their rules: the organisation's, or stricter.</param>
public sealed record ProfessionalSettings(Professional Professional, Availability Availability, OnCallDuty? OnCall, OrganisationPolicy Policy);
