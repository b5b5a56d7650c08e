using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Scheduling;
using Porter.Domain.Signals;
using Porter.Replies;

namespace Porter.Configuration;

/// <summary>The sections about the practice: professional, on-call, policy, channels, signals and clients.</summary>
public sealed partial class ConfigReader
{
    private static readonly (string Name, TextCue Cue)[] Cues =
    [
        ("urgentMatter", TextCue.UrgentMatter), ("markedUrgent", TextCue.MarkedUrgent), ("request", TextCue.Request),
        ("fyi", TextCue.Fyi), ("planChange", TextCue.PlanChange), ("personalInfoRequest", TextCue.PersonalInfoRequest),
        ("personalSocialContact", TextCue.PersonalSocialContact),
    ];

    private static readonly string[] SingleProfessionalSections = ["professional", "availability", "onCall"];

    private static readonly ImmutableArray<ChannelAgreement> BuiltInDefaultChannels =
        [new ChannelAgreement("email", ChannelRole.General, Duration.FromHours(16))];

    /// <summary>
    /// Reads the practice sections: the professionals (one as <c>professional</c>, <c>availability</c> and
    /// <c>onCall</c> at the top, or several under <c>professionals</c>), the organisation's policy, channels, signals,
    /// replies and clients; the configuration, when every professional's availability could be read (else only the
    /// problems count).
    /// </summary>
    private PorterConfig? ReadPractice(JsonElement root)
    {
        OrganisationPolicy policy = root.TryGetProperty("policy", out JsonElement pol) ? ReadPolicy(pol, "policy", null) : OrganisationPolicy.Default;
        List<ProfessionalSettings?> team = ReadTeam(root, policy);
        ImmutableArray<ChannelAgreement> defaults = root.TryGetProperty("defaultChannels", out JsonElement d)
            ? ReadChannels(d, "defaultChannels")
            : BuiltInDefaultChannels;
        TextRules rules = TextRules.Default;
        if (root.TryGetProperty("signals", out JsonElement s))
        {
            rules = rules.With(ReadRuleChanges(s, "signals"));
        }

        ReplyTemplates replies = root.TryGetProperty("replies", out JsonElement r) ? ReadReplies(r, "replies", ReplyTemplates.Default) : ReplyTemplates.Default;
        var clientReplies = new Dictionary<string, ReplyTemplates>(StringComparer.Ordinal);
        var clients = ImmutableArray.CreateBuilder<Client>();
        var clientRules = new Dictionary<string, IReadOnlyList<TextRuleChange>>(StringComparer.Ordinal);
        ForEach(root, "clients", "", (item, field) =>
        {
            // A client belongs to the professional it names, else to the first.
            ProfessionalSettings? owner = team.Count > 0 ? team[0] : null;
            if (item.ValueKind == JsonValueKind.Object && String(item, "professional", field, required: false) is { } named)
            {
                owner = team.FirstOrDefault(t => t?.Professional.Id == named);
                if (owner is null && team.All(t => t is not null))
                {
                    Problem($"{field}.professional", $"no professional has the id '{named}' (the ids: {string.Join(", ", team.Select(t => t!.Professional.Id))})");
                }
            }

            Client? client = ReadClient(item, field, owner?.Availability.Zone);
            var changes = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("signals", out JsonElement cs)
                ? ReadRuleChanges(cs, $"{field}.signals")
                : null;
            if (client is not null)
            {
                if (clients.Any(c => c.Id == client.Id))
                {
                    Problem($"{field}.id", $"another client already has the id '{client.Id}'");
                }

                client = client with { ProfessionalId = owner?.Professional.Id ?? "" };
                clients.Add(client);
                if (changes is not null)
                {
                    clientRules[client.Id] = changes;
                }

                if (item.TryGetProperty("replies", out JsonElement cr))
                {
                    // A client's own templates are written in the client's language.
                    string language = CultureInfo.GetCultureInfo(client.Locale).TwoLetterISOLanguageName;
                    clientReplies[client.Id] = ReadReplies(cr, $"{field}.replies", replies) with { Language = language };
                }
            }
        });

        return team.Count == 0 || team.Any(t => t is null)
            ? null
            : new PorterConfig(file, [.. team.OfType<ProfessionalSettings>()], policy, clients.ToImmutable(), defaults, rules, clientRules, replies, clientReplies);
    }

    /// <summary>The professionals, in the order written; null for one whose availability could not be read.</summary>
    private List<ProfessionalSettings?> ReadTeam(JsonElement root, OrganisationPolicy policy)
    {
        var team = new List<ProfessionalSettings?>();
        if (root.TryGetProperty("professionals", out JsonElement list))
        {
            foreach (string single in SingleProfessionalSections.Where(n => root.TryGetProperty(n, out _)))
            {
                Problem(single, "give the professionals either under \"professionals\" or as \"professional\", \"availability\" and \"onCall\" at the top, not both");
            }

            if (list.ValueKind == JsonValueKind.Array && list.GetArrayLength() == 0)
            {
                Problem("professionals", "list at least one professional");
            }

            var ids = new HashSet<string>(StringComparer.Ordinal);
            ForEach(root, "professionals", "", (item, field) =>
            {
                if (!ExpectKind(item, JsonValueKind.Object, field, "an object"))
                {
                    return;
                }

                CheckKeys(item, field, "id", "name", "addresses", "identities", "status", "awayUntil", "availability", "onCall", "policy");
                ProfessionalSettings? member = ReadMember(item, item, field, $"{field}.availability", $"{field}.onCall", policy);
                string id = item.TryGetProperty("id", out JsonElement i) && i.ValueKind == JsonValueKind.String ? i.GetString()!
                    : IdFrom(item.TryGetProperty("name", out JsonElement n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "");
                if (!ids.Add(id))
                {
                    Problem($"{field}.id", $"another professional already has the id '{id}'");
                }

                team.Add(member);
            });

            return team;
        }

        if (root.TryGetProperty("availability", out _))
        {
            JsonElement professional = root.TryGetProperty("professional", out JsonElement p) ? p : default;
            if (professional.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined))
            {
                ExpectKind(professional, JsonValueKind.Object, "professional", "an object");
                professional = default;
            }

            if (professional.ValueKind == JsonValueKind.Object)
            {
                CheckKeys(professional, "professional", "id", "name", "addresses", "identities", "status", "awayUntil", "policy");
            }

            team.Add(ReadMember(professional, root, "professional", "availability", "onCall", policy));
        }
        else
        {
            Problem("availability", "is required: when do you work? (see docs/configuration.md)");
        }

        return team;
    }

    /// <summary>One professional: who (<paramref name="person"/>), their hours and on-call (in <paramref name="duty"/>), their own policy within the organisation's.</summary>
    private ProfessionalSettings? ReadMember(JsonElement person, JsonElement duty, string field, string availabilityField, string onCallField, OrganisationPolicy organisation)
    {
        Professional professional = person.ValueKind == JsonValueKind.Object
            ? ReadProfessional(person, field)
            : new Professional("", [], [], ProfessionalStatus.Available) { Id = IdFrom("") };
        Availability? availability = duty.TryGetProperty("availability", out JsonElement a) ? ReadAvailability(a, availabilityField) : null;
        if (!duty.TryGetProperty("availability", out _))
        {
            Problem(availabilityField, "is required: when does this professional work? (see docs/configuration.md)");
        }

        OnCallDuty? onCall = duty.TryGetProperty("onCall", out JsonElement o) ? ReadOnCall(o, onCallField, availability?.Zone) : null;
        OrganisationPolicy own = person.ValueKind == JsonValueKind.Object && person.TryGetProperty("policy", out JsonElement pol)
            ? ReadPolicy(pol, $"{field}.policy", organisation)
            : organisation;
        return availability is null ? null : new ProfessionalSettings(professional, availability, onCall, own);
    }

    private Professional ReadProfessional(JsonElement element, string field)
    {
        string name = String(element, "name", field) ?? "";
        string id = String(element, "id", field, required: false) ?? IdFrom(name);
        if (!ClientIdPattern().IsMatch(id))
        {
            Problem($"{field}.id", $"'{id}' is not an id: use lowercase letters, digits and dashes");
        }

        ImmutableArray<string> addresses = Strings(element, "addresses", field, EmailLike);
        ImmutableArray<string> identities = Strings(element, "identities", field, null);
        ProfessionalStatus status = ProfessionalStatus.Available;
        if (String(element, "status", field, required: false) is { } text)
        {
            status = text switch
            {
                "available" => ProfessionalStatus.Available,
                "focus" => ProfessionalStatus.Focus,
                "off" => ProfessionalStatus.Off,
                "vacation" => ProfessionalStatus.Vacation,
                _ => Bad(ProfessionalStatus.Available, $"{field}.status", $"'{text}' is not a status (available, focus, off, vacation)"),
            };
        }

        LocalDate? awayUntil = Date(element, "awayUntil", field, required: false);
        if (awayUntil is not null && status is not (ProfessionalStatus.Off or ProfessionalStatus.Vacation))
        {
            Problem($"{field}.awayUntil", "says when an away professional is back: give it with \"status\": \"off\" or \"vacation\"");
        }

        return new Professional(name, addresses, identities, status) { Id = id, AwayUntil = awayUntil };
    }

    /// <summary>A professional's id when none is written: their name in lowercase letters, digits and dashes ("me" when that leaves nothing).</summary>
    public static string IdFrom(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var id = new System.Text.StringBuilder(name.Length);
        foreach (char c in name.Normalize(System.Text.NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                id.Append(char.ToLowerInvariant(c));
            }
            else if ((char.IsWhiteSpace(c) || c is '-' or '_' or '.') && id.Length > 0 && id[^1] != '-')
            {
                id.Append('-');
            }
        }

        string result = id.ToString().TrimEnd('-');
        return result.Length == 0 ? "me" : result;
    }

    private OnCallDuty? ReadOnCall(JsonElement element, string field, DateTimeZone? zone)
    {
        if (!ExpectKind(element, JsonValueKind.Object, field, "an object"))
        {
            return null;
        }

        CheckKeys(element, field, "name", "email", "phone", "webhook", "hours", "people", "handover", "acknowledgeWithin", "pageRounds");
        var people = ImmutableArray.CreateBuilder<OnCallPerson>();
        ForEach(element, "people", field, (item, itemField) =>
        {
            if (ExpectKind(item, JsonValueKind.Object, itemField, "an object"))
            {
                CheckKeys(item, itemField, "name", "email", "phone");
                var person = new OnCallPerson(String(item, "name", itemField) ?? "", String(item, "email", itemField, required: false), String(item, "phone", itemField, required: false));
                if (person.Email is null && person.Phone is null)
                {
                    Problem(itemField, "say how they are paged: \"email\" or \"phone\"");
                }

                people.Add(person);
            }
        });

        bool rotation = element.TryGetProperty("people", out _);
        string? webhook = String(element, "webhook", field, required: false);
        string name;
        string? email, phone;
        if (rotation)
        {
            if (element.TryGetProperty("name", out _) || element.TryGetProperty("email", out _) || element.TryGetProperty("phone", out _))
            {
                Problem(field, "give who is on call either as \"name\", \"email\" and \"phone\" or as \"people\" taking turns, not both");
            }

            if (people.Count == 0)
            {
                Problem($"{field}.people", "name at least one person");
            }

            OnCallPerson? first = people.Count > 0 ? people[0] : null;
            (name, email, phone) = (first?.Name ?? "", first?.Email, first?.Phone);
        }
        else
        {
            name = String(element, "name", field) ?? "";
            email = String(element, "email", field, required: false);
            phone = String(element, "phone", field, required: false);
            if (email is null && phone is null && webhook is null)
            {
                Problem(field, "say how the person on call is reached: \"email\", \"phone\" or \"webhook\"");
            }
        }

        if (webhook is not null && !Uri.TryCreate(webhook, UriKind.Absolute, out _))
        {
            Problem($"{field}.webhook", $"'{webhook}' is not an absolute URL");
        }

        Cadence? handover = null;
        if (element.TryGetProperty("handover", out JsonElement ho))
        {
            handover = ExpectKind(ho, JsonValueKind.Object, $"{field}.handover", "an object") ? ReadCadenceObject(ho, $"{field}.handover") : null;
        }
        else if (people.Count > 1)
        {
            Problem($"{field}.handover", "people taking turns need a handover: { \"every\": \"1w\", \"on\": \"mon\", \"at\": \"09:00\" }");
        }

        Duration acknowledgeWithin = Duration.FromMinutes(15);
        if (String(element, "acknowledgeWithin", field, required: false) is { } ack && ParsePromise(ack, $"{field}.acknowledgeWithin") is { } within)
        {
            acknowledgeWithin = within;
        }

        int rounds = 2;
        if (element.TryGetProperty("pageRounds", out JsonElement r) && !(r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out rounds) && rounds is >= 1 and <= 5))
        {
            Problem($"{field}.pageRounds", "expected how many times round the rotation pages go: a whole number from 1 to 5");
            rounds = 2;
        }

        Availability? hours = element.TryGetProperty("hours", out JsonElement h) && zone is not null ? ReadWeeklyHours(h, $"{field}.hours", zone) : null;
        return new OnCallDuty(name, hours, email, phone, webhook)
        {
            People = rotation ? people.ToImmutable() : [],
            Handover = handover,
            AcknowledgeWithin = acknowledgeWithin,
            PageRounds = rounds,
        };
    }

    /// <summary>A rhythm given as its own object (<c>every</c>, <c>on</c>, <c>at</c>, <c>from</c>), its keys checked.</summary>
    private Cadence? ReadCadenceObject(JsonElement element, string field)
    {
        CheckKeys(element, field, "every", "on", "at", "from");
        return ReadCadence(element, field);
    }

    /// <summary>Reads a policy: the organisation's (<paramref name="organisation"/> null), or a professional's own, which starts from the organisation's and may only be stricter.</summary>
    private OrganisationPolicy ReadPolicy(JsonElement element, string field, OrganisationPolicy? organisation)
    {
        OrganisationPolicy start = organisation ?? OrganisationPolicy.Default;
        if (!ExpectKind(element, JsonValueKind.Object, field, "an object"))
        {
            return start;
        }

        CheckKeys(element, field, "afterHoursEmergencies", "autoReplyWindowDays");
        bool toOnCall = start.AfterHoursEmergenciesToOnCall;
        if (String(element, "afterHoursEmergencies", field, required: false) is { } text)
        {
            toOnCall = text switch
            {
                "on-call" => true,
                "hold" => false,
                _ => Bad(true, $"{field}.afterHoursEmergencies", $"'{text}' is not a choice (on-call, hold)"),
            };
        }

        int window = start.AutoReplyWindowDays;
        if (element.TryGetProperty("autoReplyWindowDays", out JsonElement w))
        {
            if (w.ValueKind != JsonValueKind.Number || !w.TryGetInt32(out window) || window < 1 || window > 365)
            {
                Problem($"{field}.autoReplyWindowDays", "expected a whole number of days from 1 to 365");
                window = start.AutoReplyWindowDays;
            }
        }

        var policy = new OrganisationPolicy(toOnCall, window);
        if (organisation is not null)
        {
            foreach ((string name, string reason) in organisation.Looser(policy))
            {
                Problem($"{field}.{name}", reason);
            }
        }

        return policy;
    }

    private Client? ReadClient(JsonElement element, string field, DateTimeZone? professionalZone)
    {
        if (!ExpectKind(element, JsonValueKind.Object, field, "an object"))
        {
            return null;
        }

        CheckKeys(element, field, "id", "professional", "name", "timeZone", "locale", "hours", "wishes", "contacts", "channels", "checkIns", "feedback", "checkInSchedule", "feedbackSchedule", "hoursPerMonth", "milestones", "scope", "signals", "replies");
        string id = String(element, "id", field) ?? "";
        if (id.Length > 0 && !ClientIdPattern().IsMatch(id))
        {
            Problem($"{field}.id", $"'{id}' is not an id: use lowercase letters, digits and dashes");
        }

        string name = String(element, "name", field) ?? id;
        DateTimeZone? zone = professionalZone;
        if (String(element, "timeZone", field, required: false) is { } zoneId)
        {
            zone = zones.GetZoneOrNull(zoneId);
            if (zone is null)
            {
                Problem($"{field}.timeZone", $"unknown time zone '{zoneId}' (use an IANA id such as America/New_York)");
            }
        }

        string locale = String(element, "locale", field, required: false) ?? "en-GB";
        try
        {
            _ = CultureInfo.GetCultureInfo(locale, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            Problem($"{field}.locale", $"'{locale}' is not a known locale (e.g. en-GB, en-US, de-DE)");
        }

        Availability? hours = element.TryGetProperty("hours", out JsonElement h) && zone is not null ? ReadWeeklyHours(h, $"{field}.hours", zone) : null;
        var contacts = ImmutableArray.CreateBuilder<ClientContact>();
        ForEach(element, "contacts", field, (item, itemField) =>
        {
            if (ExpectKind(item, JsonValueKind.Object, itemField, "an object"))
            {
                CheckKeys(item, itemField, "name", "emails", "phones", "chat");
                var contact = new ClientContact(
                    String(item, "name", itemField, required: false) ?? name,
                    Strings(item, "emails", itemField, EmailLike),
                    Strings(item, "phones", itemField, null),
                    Strings(item, "chat", itemField, null));
                if (contact.Emails.IsEmpty && contact.Phones.IsEmpty && contact.ChatHandles.IsEmpty)
                {
                    Problem(itemField, "give at least one of \"emails\", \"phones\" or \"chat\", so Porter can recognise their messages");
                }

                contacts.Add(contact);
            }
        });

        ImmutableArray<ChannelAgreement> channels = element.TryGetProperty("channels", out JsonElement ch) ? ReadChannels(ch, $"{field}.channels") : [];
        var milestones = ImmutableArray.CreateBuilder<Milestone>();
        ForEach(element, "milestones", field, (item, itemField) =>
        {
            if (ExpectKind(item, JsonValueKind.Object, itemField, "an object"))
            {
                CheckKeys(item, itemField, "name", "due", "status");
                string milestone = String(item, "name", itemField) ?? "";
                LocalDate? due = Date(item, "due", itemField, required: true);
                string status = String(item, "status", itemField, required: false) ?? "planned";
                if (due is { } d)
                {
                    milestones.Add(new Milestone(milestone, d, status));
                }
            }
        });

        Scope scope = new([], []);
        if (element.TryGetProperty("scope", out JsonElement sc) && ExpectKind(sc, JsonValueKind.Object, $"{field}.scope", "an object"))
        {
            CheckKeys(sc, $"{field}.scope", "services", "excluded");
            scope = new Scope(Strings(sc, "services", $"{field}.scope", null), Strings(sc, "excluded", $"{field}.scope", null));
        }

        CheckInSchedule? checkIns = null;
        if (element.TryGetProperty("checkInSchedule", out JsonElement ci) && ExpectKind(ci, JsonValueKind.Object, $"{field}.checkInSchedule", "an object"))
        {
            CheckKeys(ci, $"{field}.checkInSchedule", "every", "on", "at", "from", "send", "message");
            string send = String(ci, "send", $"{field}.checkInSchedule", required: false) ?? "reminder";
            string? message = String(ci, "message", $"{field}.checkInSchedule", required: false);
            if (send is not ("reminder" or "message"))
            {
                Problem($"{field}.checkInSchedule.send", $"'{send}' is not what a check-in can do: use reminder (an email to you) or message (the prepared message to the client)");
            }
            else if (send == "message" && string.IsNullOrWhiteSpace(message))
            {
                Problem($"{field}.checkInSchedule.message", "a check-in that sends the client a message needs the message");
            }
            else if (ReadCadence(ci, $"{field}.checkInSchedule") is { } cadence)
            {
                checkIns = new CheckInSchedule(cadence, send == "message" ? CheckInSend.Message : CheckInSend.Reminder, message);
            }
        }

        FeedbackSchedule? feedbackRounds = null;
        if (element.TryGetProperty("feedbackSchedule", out JsonElement fs) && ExpectKind(fs, JsonValueKind.Object, $"{field}.feedbackSchedule", "an object"))
        {
            CheckKeys(fs, $"{field}.feedbackSchedule", "every", "on", "at", "from", "question");
            string question = String(fs, "question", $"{field}.feedbackSchedule", required: false) ?? "How is our work together going? Is there anything you would like done differently?";
            if (ReadCadence(fs, $"{field}.feedbackSchedule") is { } cadence)
            {
                feedbackRounds = new FeedbackSchedule(cadence, question);
            }
        }

        Duration? monthlyHours = null;
        if (element.TryGetProperty("hoursPerMonth", out JsonElement hpm))
        {
            if (hpm.ValueKind == JsonValueKind.Number && hpm.TryGetDouble(out double included) && included > 0 && included <= 744)
            {
                monthlyHours = Duration.FromMinutes(Math.Round(included * 60));
            }
            else
            {
                Problem($"{field}.hoursPerMonth", "expected the working hours included per month: a number above 0, at most 744");
            }
        }

        return zone is null ? null : new Client(
            id,
            name,
            zone,
            hours,
            locale,
            String(element, "wishes", field, required: false),
            contacts.ToImmutable(),
            channels,
            String(element, "checkIns", field, required: false),
            String(element, "feedback", field, required: false),
            milestones.ToImmutable(),
            scope)
        {
            CheckIns = checkIns,
            FeedbackRounds = feedbackRounds,
            MonthlyHours = monthlyHours,
        };
    }

    /// <summary>A rhythm: <c>every</c> ("1w" to "12w"), <c>on</c> (mon…sun), <c>at</c> (HH:mm), <c>from</c> (a date in its first week; default 2026-01-05).</summary>
    private Cadence? ReadCadence(JsonElement element, string field)
    {
        string every = String(element, "every", field) ?? "";
        string on = String(element, "on", field) ?? "";
        string at = String(element, "at", field) ?? "";
        LocalDate from = Date(element, "from", field, required: false) ?? new LocalDate(2026, 1, 5);
        int weeks = 0;
        if (every.Length < 2 || every[^1] != 'w' || !int.TryParse(every[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out weeks) || weeks is < 1 or > 12)
        {
            Problem($"{field}.every", $"'{every}' is not a rhythm: use 1w (every week) to 12w");
            return null;
        }

        IsoDayOfWeek? day = on.ToLowerInvariant() switch
        {
            "mon" => IsoDayOfWeek.Monday, "tue" => IsoDayOfWeek.Tuesday, "wed" => IsoDayOfWeek.Wednesday, "thu" => IsoDayOfWeek.Thursday,
            "fri" => IsoDayOfWeek.Friday, "sat" => IsoDayOfWeek.Saturday, "sun" => IsoDayOfWeek.Sunday, _ => null,
        };
        if (day is null)
        {
            Problem($"{field}.on", $"'{on}' is not a weekday: use mon, tue, wed, thu, fri, sat or sun");
            return null;
        }

        if (!NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH':'mm").Parse(at).TryGetValue(default, out LocalTime time))
        {
            Problem($"{field}.at", $"'{at}' is not a time of day (HH:mm, such as 15:00)");
            return null;
        }

        return new Cadence(weeks, day.Value, time, from);
    }

    private ImmutableArray<ChannelAgreement> ReadChannels(JsonElement list, string field)
    {
        var channels = ImmutableArray.CreateBuilder<ChannelAgreement>();
        if (!ExpectKind(list, JsonValueKind.Array, field, "a list"))
        {
            return [];
        }

        int i = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            string itemField = $"{field}[{i++}]";
            if (!ExpectKind(item, JsonValueKind.Object, itemField, "an object"))
            {
                continue;
            }

            CheckKeys(item, itemField, "channel", "role", "promise");
            string channel = (String(item, "channel", itemField) ?? "").ToLowerInvariant();
            string roleText = String(item, "role", itemField) ?? "general";
            ChannelRole role = roleText switch
            {
                "urgent" => ChannelRole.Urgent,
                "general" => ChannelRole.General,
                "fyi" => ChannelRole.Fyi,
                "not-used" => ChannelRole.NotUsed,
                _ => Bad(ChannelRole.General, $"{itemField}.role", $"'{roleText}' is not a role (urgent, general, fyi, not-used)"),
            };
            Duration? promise = null;
            if (String(item, "promise", itemField, required: false) is { } promiseText)
            {
                promise = ParsePromise(promiseText, $"{itemField}.promise");
            }
            else if (role is ChannelRole.Urgent or ChannelRole.General)
            {
                Problem(itemField, $"{(role == ChannelRole.Urgent ? "an urgent" : "a general")} channel needs a \"promise\": the response time in business time, such as \"4h\"");
            }

            if (channels.Any(c => c.Channel == channel))
            {
                Problem($"{itemField}.channel", $"'{channel}' is listed twice");
            }

            channels.Add(new ChannelAgreement(channel, role, promise));
        }

        return channels.ToImmutable();
    }

    private Duration? ParsePromise(string text, string field)
    {
        Match match = PromisePattern().Match(text);
        if (match.Success && (match.Groups[1].Success || match.Groups[2].Success))
        {
            long hours = match.Groups[1].Success ? long.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : 0;
            long minutes = match.Groups[2].Success ? long.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture) : 0;
            Duration promise = Duration.FromHours(hours) + Duration.FromMinutes(minutes);
            if (promise > Duration.Zero && promise <= Duration.FromHours(10_000))
            {
                return promise;
            }
        }

        Problem(field, $"'{text}' is not a response time in business time (examples: 30m, 4h, 1h30m)");
        return null;
    }

    private List<TextRuleChange> ReadRuleChanges(JsonElement element, string field)
    {
        var changes = new List<TextRuleChange>();
        if (!ExpectKind(element, JsonValueKind.Object, field, "an object"))
        {
            return changes;
        }

        CheckKeys(element, field, [.. Cues.Select(c => c.Name)]);
        foreach ((string name, TextCue cue) in Cues)
        {
            if (!element.TryGetProperty(name, out JsonElement rule) || !ExpectKind(rule, JsonValueKind.Object, $"{field}.{name}", "an object"))
            {
                continue;
            }

            string ruleField = $"{field}.{name}";
            CheckKeys(rule, ruleField, "phrases", "patterns", "replace");
            ImmutableArray<string> phrases = Strings(rule, "phrases", ruleField, null);
            ImmutableArray<string> patterns = Strings(rule, "patterns", ruleField, null);
            for (int i = 0; i < patterns.Length; i++)
            {
                try
                {
                    _ = new Regex(patterns[i], RegexOptions.None, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException e)
                {
                    Problem($"{ruleField}.patterns[{i}]", $"not a valid regular expression: {e.Message}");
                }
            }

            bool replace = rule.TryGetProperty("replace", out JsonElement r) && r.ValueKind == JsonValueKind.True;
            changes.Add(new TextRuleChange(cue, phrases, patterns, replace));
        }

        return changes;
    }

    private ReplyTemplates ReadReplies(JsonElement element, string field, ReplyTemplates fallback)
    {
        if (!ExpectKind(element, JsonValueKind.Object, field, "an object with \"hold\" and/or \"reminder\" templates"))
        {
            return fallback;
        }

        CheckKeys(element, field, "hold", "reminder");
        string? Template(string name)
        {
            string? text = String(element, name, field, required: false);
            if (text is not null && ReplyRenderer.Check(text) is { } problem)
            {
                Problem($"{field}.{name}", $"not a valid Liquid template: {problem}");
                return null;
            }

            return text;
        }

        return new ReplyTemplates(Template("hold") ?? fallback.Hold, Template("reminder") ?? fallback.Reminder);
    }

    private Availability? ReadWeeklyHours(JsonElement week, string field, DateTimeZone zone)
    {
        var builder = new AvailabilityBuilder(zones);
        builder.SetTimeZone(zone.Id, field);
        foreach (var (day, start, end, dayField) in ReadWeek(week, field))
        {
            builder.AddWeekly(day, start, end, dayField);
        }

        if (builder.TryBuild(out Availability? availability))
        {
            return availability;
        }

        foreach (AvailabilityProblem problem in builder.Problems)
        {
            Problem(problem.Field, problem.Message);
        }

        return null;
    }

    private ImmutableArray<string> Strings(JsonElement parent, string name, string parentField, Func<string, string?>? check)
    {
        if (!parent.TryGetProperty(name, out JsonElement list))
        {
            return [];
        }

        string field = $"{parentField}.{name}";
        if (!ExpectKind(list, JsonValueKind.Array, field, "a list of strings"))
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<string>();
        int i = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            string itemField = $"{field}[{i++}]";
            if (ExpectKind(item, JsonValueKind.String, itemField, "a string"))
            {
                string value = item.GetString()!.Trim();
                if (check?.Invoke(value) is { } problem)
                {
                    Problem(itemField, problem);
                    continue;
                }

                result.Add(value);
            }
        }

        return result.ToImmutable();
    }

    private static string? EmailLike(string value) =>
        value.Length > 2 && value.IndexOf('@', 1) > 0 && value.IndexOf('@', 1) < value.Length - 1 && !value.Contains(' ', StringComparison.Ordinal)
            ? null
            : $"'{value}' is not an email address";

    private T Bad<T>(T fallback, string field, string message)
    {
        Problem(field, message);
        return fallback;
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex ClientIdPattern();

    [GeneratedRegex(@"^\s*(?:(\d{1,5})\s*h)?\s*(?:(\d{1,6})\s*m)?\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PromisePattern();
}
