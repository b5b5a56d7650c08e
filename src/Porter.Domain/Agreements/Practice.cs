using System.Collections.Frozen;
using System.Collections.Immutable;
using NodaTime;
using Porter.Domain.Scheduling;
using Porter.Domain.Signals;

namespace Porter.Domain.Agreements;

/// <summary>
/// Everything a decision needs about the professional's practice, prepared once: the professional, their business
/// calendar, on-call duty, organisation policy, clients with their agreements, and the text rules per client.
/// </summary>
/// <threadsafety>Immutable after construction; safe to share.</threadsafety>
public sealed class Practice
{
    private readonly FrozenDictionary<string, Client> clientsByIdentity;
    private readonly FrozenDictionary<string, (TextRules Rules, TextRule? OutOfScope, TextScanner Scanner)> rulesByClient;
    private readonly TextScanner organisationScanner;
    private readonly FrozenDictionary<string, BusinessCalendar> clientCalendars;

    /// <summary>The hours assumed for a client whose own are not known: 08:00 to 20:00 in their zone, so nothing is offered at night.</summary>
    public static readonly (LocalTime From, LocalTime To) AssumedClientHours = (new LocalTime(8, 0), new LocalTime(20, 0));

    /// <summary>Prepares a practice.</summary>
    /// <param name="professional">The professional.</param>
    /// <param name="availability">When they work.</param>
    /// <param name="onCall">Who is on call, if anyone.</param>
    /// <param name="policy">The organisation's rules.</param>
    /// <param name="clients">The clients and their agreements.</param>
    /// <param name="defaultChannels">The agreement for senders who are not known clients.</param>
    /// <param name="rules">The organisation's text rules (Porter's defaults with its changes).</param>
    /// <param name="clientRuleChanges">Per client id, changes to the text rules.</param>
    /// <param name="colleagues">The organisation's other professionals (mail to or from them is the organisation's own).</param>
    public Practice(
        Professional professional,
        Availability availability,
        OnCallDuty? onCall,
        OrganisationPolicy policy,
        IEnumerable<Client> clients,
        IEnumerable<ChannelAgreement> defaultChannels,
        TextRules rules,
        IReadOnlyDictionary<string, IReadOnlyList<TextRuleChange>>? clientRuleChanges = null,
        IEnumerable<Professional>? colleagues = null)
    {
        ArgumentNullException.ThrowIfNull(availability);
        ArgumentNullException.ThrowIfNull(rules);
        Professional = professional;
        Calendar = new BusinessCalendar(availability);
        OnCall = onCall;
        OnCallCalendar = onCall?.Hours is { } hours ? new BusinessCalendar(hours) : null;
        Policy = policy;
        Clients = [.. clients];
        DefaultChannels = [.. defaultChannels];
        Rules = rules;
        Colleagues = colleagues is null ? [] : [.. colleagues];
        organisationScanner = rules.Scanner(null);

        var identities = new Dictionary<string, Client>(StringComparer.OrdinalIgnoreCase);
        foreach (Client client in Clients)
        {
            foreach (ClientContact contact in client.Contacts)
            {
                foreach (string identity in contact.Emails.Concat(contact.ChatHandles).Select(NormaliseIdentity).Concat(contact.Phones.Select(NormalisePhone)))
                {
                    identities.TryAdd(identity, client);
                }
            }
        }

        clientsByIdentity = identities.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        clientCalendars = Clients.ToFrozenDictionary(
            c => c.Id,
            c => new BusinessCalendar(c.Hours ?? Availability.Daily(c.Zone, AssumedClientHours.From, AssumedClientHours.To)),
            StringComparer.Ordinal);
        rulesByClient = Clients.ToFrozenDictionary(
            c => c.Id,
            c =>
            {
                TextRules clientRules = clientRuleChanges is not null && clientRuleChanges.TryGetValue(c.Id, out var changes) ? rules.With(changes) : rules;
                TextRule? outOfScope = OutOfScopeRule(c.Scope);
                return (clientRules, outOfScope, clientRules.Scanner(outOfScope));
            },
            StringComparer.Ordinal);
    }

    /// <summary>The professional.</summary>
    public Professional Professional { get; }

    /// <summary>The organisation's other professionals.</summary>
    public ImmutableArray<Professional> Colleagues { get; }

    /// <summary>The professional's business calendar.</summary>
    public BusinessCalendar Calendar { get; }

    /// <summary>Who is on call, if anyone.</summary>
    public OnCallDuty? OnCall { get; }

    /// <summary>The on-call hours as a calendar, when on-call duty has hours of its own.</summary>
    public BusinessCalendar? OnCallCalendar { get; }

    /// <summary>The organisation's rules.</summary>
    public OrganisationPolicy Policy { get; }

    /// <summary>The clients.</summary>
    public ImmutableArray<Client> Clients { get; }

    /// <summary>The agreement for senders who are not known clients.</summary>
    public ImmutableArray<ChannelAgreement> DefaultChannels { get; }

    /// <summary>The organisation's text rules.</summary>
    public TextRules Rules { get; }

    /// <summary>
    /// The first instant at or after <paramref name="from"/> when the professional works and the client is in their own
    /// hours (their <c>hours</c>, else <see cref="AssumedClientHours"/> in their zone): the time offered to them and the
    /// time a reply written after hours goes. Without a client, the professional's next working moment; when the two
    /// never meet within eight weeks, the professional's (the client's hours cannot be honoured then).
    /// </summary>
    public Instant NextMutualOpening(Instant from, Client? client)
    {
        Instant mine = Calendar.PlusBusinessTime(from, Duration.Zero);
        if (client is null || !clientCalendars.TryGetValue(client.Id, out BusinessCalendar? theirs))
        {
            return mine;
        }

        Instant limit = from + Duration.FromDays(56);
        for (Instant t = mine; t < limit;)
        {
            Instant both = theirs.PlusBusinessTime(t, Duration.Zero);
            if (both == t)
            {
                return t;
            }

            t = Calendar.PlusBusinessTime(both, Duration.Zero);
        }

        return mine;
    }

    /// <summary>The client's own hours as a calendar: their <c>hours</c>, else <see cref="AssumedClientHours"/> in their zone.</summary>
    public BusinessCalendar CalendarOf(Client client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return clientCalendars.TryGetValue(client.Id, out BusinessCalendar? theirs)
            ? theirs
            : new BusinessCalendar(client.Hours ?? Availability.Daily(client.Zone, AssumedClientHours.From, AssumedClientHours.To));
    }

    /// <summary>The client a sender identity belongs to, if any (email addresses and handles ignore case; phone numbers compare by digits).</summary>
    public Client? FindClient(string from)
    {
        ArgumentNullException.ThrowIfNull(from);
        if (clientsByIdentity.TryGetValue(NormaliseIdentity(from), out Client? client))
        {
            return client;
        }

        string phone = NormalisePhone(from);
        return phone.Length >= 6 && clientsByIdentity.TryGetValue(phone, out client) ? client : null;
    }

    /// <summary>The text rules that apply to a client's messages (or the organisation's, for unknown senders).</summary>
    public TextRules RulesFor(Client? client) => client is not null && rulesByClient.TryGetValue(client.Id, out var r) ? r.Rules : Rules;

    /// <summary>The rule that finds services outside a client's scope, or null when the scope is not written down.</summary>
    public TextRule? OutOfScopeRuleFor(Client? client) => client is not null && rulesByClient.TryGetValue(client.Id, out var r) ? r.OutOfScope : null;

    /// <summary>All of a client's text rules, searched together (slots as <see cref="TextRules.Scanner"/> says).</summary>
    internal TextScanner ScannerFor(Client? client) => client is not null && rulesByClient.TryGetValue(client.Id, out var r) ? r.Scanner : organisationScanner;

    private static TextRule? OutOfScopeRule(Scope scope)
    {
        if (scope.Services.IsDefaultOrEmpty && scope.Excluded.IsDefaultOrEmpty)
        {
            return null;
        }

        bool Included(string service) => scope.Services.Any(s =>
            s.Contains(service, StringComparison.OrdinalIgnoreCase) || service.Contains(s, StringComparison.OrdinalIgnoreCase));

        IEnumerable<string> outside = scope.Excluded.Concat(DefaultPhrases.ServiceCatalog.Where(s => !Included(s)));
        return new TextRule(TextCue.Request, outside, []);
    }

    private static string NormaliseIdentity(string identity)
    {
        string trimmed = identity.Trim().Trim('<', '>');
        return trimmed.StartsWith('@') ? trimmed[1..] : trimmed;
    }

    private static string NormalisePhone(string phone) => new([.. phone.Where(char.IsAsciiDigit)]);
}
