using System.Text.Json;
using NodaTime;
using Porter.Application.Messages;
using Porter.Application.Understanding;
using Porter.Configuration;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;
using Porter.Testing;

namespace Porter.Understanding.Tests;

/// <summary>
/// "Accept a message" with the real model, taught by the first labelled set: an emergency in ordinary words on the
/// urgent channel after hours reaches on-call, explained by the examples it resembles; list mail never asks the model.
/// </summary>
public sealed class IntakeWithTheModelTests : IDisposable
{
    private readonly MiniLmEncoder encoder = new();

    [Fact]
    public void AnEmergencyInOrdinaryWords_ReachesOnCall_AndListMailSkipsTheModel()
    {
        var examples = LabelledExamples.Parse(File.ReadLines(Path.Combine(RepositoryPaths.Samples, "labelled", "messages.jsonl")));
        var understanding = new TextUnderstanding(encoder, NearestExamples.Learn(encoder, examples, CancellationToken.None));
        var organisation = ConfigReader.Load(Path.Combine(RepositoryPaths.Samples, "porter.json"), DateTimeZoneProviders.Tzdb).ToOrganisation();
        Instant night = Instant.FromUtc(2026, 11, 25, 2, 0);
        var asked = new List<IncomingMessage>();
        IReadOnlyList<Understood> Read(IncomingMessage m, string professional)
        {
            asked.Add(m);
            return understanding.Read(m, professional);
        }

        var sms = new IncomingMessage("sms", "+1 212 555 0142", [], night, "", "nobody can buy anything on the shop rn, cart just spins forever", []);
        Decided byRules = Intake.DecideFor(organisation, null, sms, night, null);
        Decided withModel = Intake.DecideFor(organisation, null, sms, night, null, Read);

        Assert.Equal(DecisionKind.Hold, byRules.Decision.Kind);
        Assert.Equal(DecisionKind.Escalate, withModel.Decision.Kind);
        Assert.Contains(withModel.Decision.Reasons, r => r.Rule == "model" && r.Fact.Contains("reads like #", StringComparison.Ordinal));

        var list = new IncomingMessage("email", "jordan@northwind.example", ["sam@riverastudio.example"], night, "Digest", "the site is down again", [new MessageHeader("List-Id", "<x.lists.example>")]);
        Assert.Equal(DecisionKind.NeverAnswer, Intake.DecideFor(organisation, null, list, night, null, Read).Decision.Kind);
        Assert.Equal([sms], asked);
    }

    public void Dispose() => encoder.Dispose();
}
