using System.Collections.Immutable;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Messages;
using Porter.Domain.Signals;
using Porter.Domain.Tests.Scheduling;

namespace Porter.Domain.Tests.Decisions;

/// <summary>A practice for decision tests: Sam in London (Mon–Fri 09:00–17:00) with one client, Acme in New York.</summary>
internal static class Practices
{
    public const string Sam = "sam@rivera.example";
    public const string Jo = "jo@acme.example";

    public static readonly Client Acme = new(
        "acme",
        "Acme Ltd",
        DateTimeZoneProviders.Tzdb["America/New_York"],
        null,
        "en-US",
        null,
        [new ClientContact("Jo", [Jo], ["+1 212 555 0100"], ["jo.acme"])],
        [
            new ChannelAgreement("sms", ChannelRole.Urgent, Duration.FromHours(1)),
            new ChannelAgreement("email", ChannelRole.General, Duration.FromHours(8)),
            new ChannelAgreement("chat", ChannelRole.Fyi, null),
            new ChannelAgreement("whatsapp", ChannelRole.NotUsed, null),
        ],
        "weekly, Monday 10:00",
        "one consolidated round of comments per milestone",
        [],
        new Scope(["logo design", "brand guidelines", "website design"], ["copywriting"]));

    public static Practice Create(
        ProfessionalStatus status = ProfessionalStatus.Available,
        bool onCall = true,
        bool emergenciesToOnCall = true) =>
        new(
            new Professional("Sam Rivera", [Sam, "hello@rivera.example"], ["+44 7700 900123"], status),
            Schedules.Build("Europe/London", "mon,tue,wed,thu,fri 09:00-17:00"),
            onCall ? new OnCallDuty("Alex", null, "alex@rivera.example", null, null) : null,
            new OrganisationPolicy(emergenciesToOnCall, 7),
            [Acme],
            [new ChannelAgreement("email", ChannelRole.General, Duration.FromHours(16))],
            TextRules.Default);

    /// <summary>Tuesday 24 Nov 2026 11:00 London: in hours.</summary>
    public static readonly Instant InHours = Instant.FromUtc(2026, 11, 24, 11, 0);

    /// <summary>Tuesday 24 Nov 2026 23:10 London: after hours.</summary>
    public static readonly Instant AfterHours = Instant.FromUtc(2026, 11, 24, 23, 10);

    public static IncomingMessage Email(string subject, string body, Instant at, string from = Jo, string to = Sam, params (string Name, string Value)[] headers) =>
        new("email", from, [to], at, subject, body, [.. headers.Select(h => new MessageHeader(h.Name, h.Value))], null, "<m1@acme.example>");

    public static IncomingMessage On(string channel, string body, Instant at, string from = Jo) =>
        new(channel, from, [], at, "", body, ImmutableArray<MessageHeader>.Empty);
}
