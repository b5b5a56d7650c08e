using System.Collections.Frozen;
using System.Reflection;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;
using Porter.Domain.Scheduling;
using Scriban;
using Scriban.Runtime;

namespace Porter.Replies;

/// <summary>
/// Gentle replies to boundary signals, offered in the reply composer for the professional to edit and send: a
/// request for personal information, personal social-media contact, work outside the agreed scope, after-hours
/// pressure. Each says no to the thing, yes to the person, and points to what was agreed (Templates/boundary-*.liquid).
/// </summary>
public static class BoundaryReplies
{
    private static readonly FrozenDictionary<SignalKind, Template> Templates = new Dictionary<SignalKind, Template>
    {
        [SignalKind.PersonalInfoRequest] = Load("boundary-personal-info.liquid"),
        [SignalKind.PersonalSocialContact] = Load("boundary-social-contact.liquid"),
        [SignalKind.OutOfScope] = Load("boundary-out-of-scope.liquid"),
        [SignalKind.AfterHours] = Load("boundary-after-hours.liquid"),
    }.ToFrozenDictionary();

    /// <summary>The signals a reply is offered for, in the order they are offered.</summary>
    public static IReadOnlyList<SignalKind> Signals { get; } = [SignalKind.PersonalInfoRequest, SignalKind.PersonalSocialContact, SignalKind.OutOfScope, SignalKind.AfterHours];

    /// <summary>The reply to <paramref name="signal"/> for <paramref name="message"/>, written at <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentException">No reply is offered for that signal.</exception>
    public static string Render(SignalKind signal, IncomingMessage message, Practice practice, Client? client, Instant now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(practice);
        if (!Templates.TryGetValue(signal, out Template? template))
        {
            throw new ArgumentException($"No reply is offered for {signal}.", nameof(signal));
        }

        System.Collections.Immutable.ImmutableArray<ChannelAgreement> agreed = client is { Channels.IsDefaultOrEmpty: false } ? client.Channels : practice.DefaultChannels;
        ChannelAgreement? general = agreed.FirstOrDefault(c => c.Role == ChannelRole.General);
        ChannelAgreement? urgent = agreed.FirstOrDefault(c => c.Role == ChannelRole.Urgent);
        var values = new ScriptObject
        {
            { "first_name", ReplyRenderer.FirstName(message, client) },
            { "professional", practice.Professional.Name },
            { "client", client?.Name ?? "" },
            { "general_channel_phrase", ReplyRenderer.Naming(general?.Channel ?? "email") },
            { "hours", WeekHours(practice, client?.Zone ?? practice.Calendar.Zone, now) },
        };
        if (client is { } known && known.Scope.Services.Length > 0)
        {
            values.Add("services", string.Join(", ", known.Scope.Services));
        }

        if (urgent is not null)
        {
            values.Add("urgent_channel_phrase", ReplyRenderer.HowToUse(urgent.Channel));
            values.Add("urgent_channel", urgent.Channel);
        }

        var context = new Scriban.TemplateContext { StrictVariables = false };
        context.PushGlobal(values);
        return template.Render(context).Replace("\r\n", "\n", StringComparison.Ordinal).Trim() + "\n";
    }

    /// <summary>The professional's hours over the coming week, in <paramref name="zone"/>: "Mon-Thu 09:00-12:30 13:30-17:30, Fri 09:00-13:00 (your time, America/New_York)".</summary>
    public static string WeekHours(Practice practice, DateTimeZone zone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(practice);
        ArgumentNullException.ThrowIfNull(zone);
        LocalDate first = now.InZone(practice.Calendar.Zone).Date.PlusDays(1);
        var runs = new List<(LocalDate From, LocalDate To, string Hours)>();
        for (LocalDate day = first; day < first.PlusDays(7); day = day.PlusDays(1))
        {
            string hours = ScheduleDigest.Hours(practice.Calendar, day, zone);
            if (hours == "off")
            {
                continue;
            }

            if (runs.Count > 0 && runs[^1].Hours == hours && runs[^1].To.PlusDays(1) == day)
            {
                runs[^1] = (runs[^1].From, day, hours);
            }
            else
            {
                runs.Add((day, day, hours));
            }
        }

        string Days((LocalDate From, LocalDate To, string Hours) run) =>
            run.From == run.To ? Name(run.From) : $"{Name(run.From)}-{Name(run.To)}";
        string said = runs.Count == 0 ? "no fixed hours this week" : string.Join(", ", runs.Select(r => $"{Days(r)} {r.Hours}"));
        return zone == practice.Calendar.Zone ? $"{said} ({zone.Id} time)" : $"{said} (your time, {zone.Id})";
    }

    private static string Name(LocalDate date) => date.DayOfWeek.ToString()[..3];

    private static Template Load(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name) ?? throw new InvalidOperationException($"missing template resource {name}");
        using var reader = new StreamReader(stream);
        Template template = Template.ParseLiquid(reader.ReadToEnd());
        return template.HasErrors ? throw new FormatException($"{name}: {string.Join("; ", template.Messages)}") : template;
    }
}
