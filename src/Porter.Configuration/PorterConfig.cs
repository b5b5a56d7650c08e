using System.Collections.Immutable;
using Porter.Domain.Agreements;
using Porter.Domain.Scheduling;
using Porter.Domain.Signals;
using Porter.Replies;

namespace Porter.Configuration;

/// <summary>A loaded, checked Porter configuration.</summary>
/// <param name="Source">Where it was read from.</param>
/// <param name="Availability">When the professional works.</param>
/// <param name="Professional">Who the professional is.</param>
/// <param name="OnCall">Who is on call, if anyone.</param>
/// <param name="Policy">The organisation's rules.</param>
/// <param name="Clients">The clients and their agreements.</param>
/// <param name="DefaultChannels">The agreement for senders who are not known clients.</param>
/// <param name="Rules">The organisation's text rules (Porter's defaults with its changes).</param>
/// <param name="ClientRuleChanges">Per client id, changes to the text rules.</param>
/// <param name="Replies">The organisation's reply templates (Porter's defaults where not given).</param>
/// <param name="ClientReplies">Per client id, that client's reply templates.</param>
public sealed record PorterConfig(
    string Source,
    Availability Availability,
    Professional Professional,
    OnCallDuty? OnCall,
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

    /// <summary>The reply templates for a client (its own where it has them, else the organisation's).</summary>
    public ReplyTemplates RepliesFor(string? clientId) =>
        clientId is not null && ClientReplies.TryGetValue(clientId, out ReplyTemplates? templates) ? templates : Replies;

    /// <summary>Prepares the practice that decisions are made against.</summary>
    public Practice ToPractice() => new(Professional, Availability, OnCall, Policy, Clients, DefaultChannels, Rules, ClientRuleChanges);
}
