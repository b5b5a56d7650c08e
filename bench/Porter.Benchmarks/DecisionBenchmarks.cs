using System.Collections.Immutable;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using NodaTime;
using Porter.Configuration;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;
using Porter.Testing;

namespace Porter.Benchmarks;

/// <summary>
/// Decisions per second in-process: the 212 labelled client messages (samples/labelled), each decided once in hours
/// and once after hours, plus list mail that rule 1 settles from its headers. The reported time is per decision.
/// </summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private const int Messages = 424;
    private Practice practice = null!;
    private Practice withoutTextRules = null!;
    private Organisation team = null!;
    private IncomingMessage[] teamMessages = [];
    private IncomingMessage[] clientMessages = [];
    private IncomingMessage[] listMail = [];

    [GlobalSetup]
    public void Setup()
    {
        PorterConfig config = ConfigReader.Load(Path.Combine(RepositoryPaths.Samples, "porter.json"), DateTimeZoneProviders.Tzdb);
        practice = config.ToPractice();
        var none = Enum.GetValues<Porter.Domain.Signals.TextCue>().Select(c => new Porter.Domain.Signals.TextRuleChange(c, [], [], true));
        withoutTextRules = new Practice(config.First.Professional, config.First.Availability, config.First.OnCall, config.Policy,
            config.Clients.Select(c => c with { Scope = new Scope([], []) }), config.DefaultChannels, Porter.Domain.Signals.TextRules.Default.With(none));
        Instant inHours = Instant.FromUtc(2026, 11, 24, 11, 0), afterHours = Instant.FromUtc(2026, 11, 24, 23, 10);
        var messages = new List<IncomingMessage>();
        foreach (string line in File.ReadLines(Path.Combine(RepositoryPaths.Samples, "labelled", "messages.jsonl")))
        {
            JsonElement row = JsonDocument.Parse(line).RootElement;
            foreach (Instant at in new[] { inHours, afterHours })
            {
                messages.Add(new IncomingMessage(row.GetProperty("channel").GetString()!, row.GetProperty("from").GetString()!, ["sam@riverastudio.example"], at,
                    row.GetProperty("subject").GetString()!, row.GetProperty("body").GetString()!, ImmutableArray<MessageHeader>.Empty));
            }
        }

        clientMessages = [.. messages];
        listMail = [.. clientMessages.Select(m => m with { Headers = [new MessageHeader("List-Id", "<designers.lists.example>"), new MessageHeader("Precedence", "bulk")] })];

        // The same messages to a practice of two (samples/team): half from Kim's client to Kim, half from Sam's to Sam.
        team = ConfigReader.Load(Path.Combine(RepositoryPaths.Samples, "team", "porter.json"), DateTimeZoneProviders.Tzdb).ToOrganisation();
        teamMessages = [.. clientMessages.Select((m, i) => i % 2 == 0
            ? m with { From = "maya@contoso.example", Recipients = ["kim@riverastudio.example"] }
            : m with { From = "jordan@northwind.example", Recipients = ["sam@riverastudio.example"] })];
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int DecideClientMessages() => DecideAll(clientMessages);

    [Benchmark(OperationsPerInvoke = Messages)]
    public int DecideListMail() => DecideAll(listMail);

    /// <summary>The same client messages with every text rule emptied: what a decision costs besides reading the words.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public int DecideWithoutTextRules() => DecideAll(clientMessages, withoutTextRules);

    /// <summary>The client messages through a practice of two professionals: which professional, then their decision.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public int DecideForATeam()
    {
        int held = 0;
        foreach (IncomingMessage message in teamMessages)
        {
            held += DecisionCore.Decide(team.PracticeFor(message), message, message.ReceivedAt).Kind == DecisionKind.Hold ? 1 : 0;
        }

        return held;
    }

    private int DecideAll(IncomingMessage[] messages, Practice? against = null)
    {
        int held = 0;
        foreach (IncomingMessage message in messages)
        {
            held += DecisionCore.Decide(against ?? practice, message, message.ReceivedAt).Kind == DecisionKind.Hold ? 1 : 0;
        }

        return held;
    }
}
