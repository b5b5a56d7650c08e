using System.Collections.Immutable;
using NodaTime;
using Porter.Application.Messages;
using Porter.Application.Understanding;
using Porter.Configuration;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;
using Porter.Testing;

namespace Porter.Understanding.Tests;

/// <summary>
/// Corrections teach the real model: a message like one the professional corrected is read as they said, by the next
/// decision, for their practice only; the newer correction of a message replaces the older.
/// </summary>
public sealed class CorrectionTests(ModelFixture models) : IClassFixture<ModelFixture>
{
    private static readonly Instant Night = Instant.FromUtc(2026, 11, 25, 2, 0);
    private static readonly Organisation Practice = ConfigReader.Load(Path.Combine(RepositoryPaths.Samples, "porter.json"), DateTimeZoneProviders.Tzdb).ToOrganisation();

    [Fact]
    public void TheNextMessageLikeACorrectedOne_IsReadAsTheProfessionalSaid()
    {
        TextUnderstanding understanding = Fresh();
        string sam = Practice.First.Professional.Id;
        IncomingMessage first = Sms("The badge printer at the venue jammed again, nothing prints");
        IncomingMessage next = Sms("badge printer at the venue jammed AGAIN and nothing is printing");
        Decided before = Decide(understanding, next);

        understanding.Learn([Correct(1, sam, 10, first, "urgent_matter")]);
        Decided after = Decide(understanding, next);

        Assert.Equal(DecisionKind.Hold, before.Decision.Kind);
        Assert.Equal(DecisionKind.Escalate, after.Decision.Kind);
        Assert.Contains(after.Decision.Reasons, r => r.Rule == "correction" && r.Fact.Contains("#c1", StringComparison.Ordinal));

        // Another professional's practice is not taught by it; a message unlike it is read as before.
        Assert.DoesNotContain(understanding.Read(next, "kim"), u => u.How != Reading.Resembles);
        Assert.DoesNotContain(understanding.Read(Sms("Could you send the logo files as SVG?"), sam), u => u.How != Reading.Resembles);
    }

    [Fact]
    public void MarkedNotAnEmergency_ARewordingIsNotEscalated_ThoughThePhraseRulesMatch()
    {
        TextUnderstanding understanding = Fresh();
        string sam = Practice.First.Professional.Id;
        IncomingMessage staging = Sms("The staging site is down for the planned upgrade tonight, no action needed");
        Assert.Equal(DecisionKind.Escalate, Decide(understanding, staging).Decision.Kind);

        understanding.Learn([Correct(2, sam, 20, staging)]);
        Decided reworded = Decide(understanding, Sms("FYI the staging site is down tonight for the planned upgrade, nothing to do"));

        Assert.NotEqual(DecisionKind.Escalate, reworded.Decision.Kind);
        Assert.Contains(reworded.Decision.Reasons, r => r.Rule == "correction" && r.Fact.Contains("not UrgentMatter", StringComparison.Ordinal));
    }

    [Fact]
    public void TheNewerCorrectionOfAMessage_ReplacesTheOlder_AndKnownOnesAreNotLearntTwice()
    {
        TextUnderstanding understanding = Fresh();
        string sam = Practice.First.Professional.Id;
        IncomingMessage printer = Sms("The badge printer at the venue jammed again, nothing prints");

        understanding.Learn([Correct(3, sam, 30, printer, "urgent_matter")]);
        understanding.Learn([Correct(4, sam, 30, printer, "fyi"), Correct(3, sam, 30, printer, "urgent_matter")]);

        Assert.Equal(1, understanding.CorrectionCount);
        Assert.Equal(4, understanding.LastCorrection);
        IReadOnlyList<Understood> read = understanding.Read(printer, sam);
        Assert.Contains(read, u => u.What == UnderstoodAs.Fyi && u.How == Reading.CorrectedAs);
        Assert.Contains(read, u => u.What == UnderstoodAs.UrgentMatter && u.How == Reading.CorrectedNot);
    }

    [Fact]
    public void Rewordings_AreWithinReach_AndTheFirstSetsUnlikeMessagesAreNot()
    {
        IReadOnlyList<float[]> v = models.Quantized.Encode(
        [
            "The badge printer at the venue jammed again, nothing prints", "badge printer at the venue jammed AGAIN and nothing is printing",
            "The staging site is down for the planned upgrade tonight, no action needed", "FYI the staging site is down tonight for the planned upgrade, nothing to do",
        ], CancellationToken.None);
        Assert.True(Cosine(v[0], v[1]) >= TextUnderstanding.CorrectionReach, $"{Cosine(v[0], v[1])}");
        Assert.True(Cosine(v[2], v[3]) >= TextUnderstanding.CorrectionReach, $"{Cosine(v[2], v[3])}");

        IReadOnlyList<float[]> examples = models.Quantized.Encode([.. models.Examples.Select(e => e.Text)], CancellationToken.None);
        float closestUnlike = 0;
        for (int i = 0; i < examples.Count; i++)
        {
            for (int j = i + 1; j < examples.Count; j++)
            {
                if (!models.Examples[i].Labels.Order(StringComparer.Ordinal).SequenceEqual(models.Examples[j].Labels.Order(StringComparer.Ordinal)))
                {
                    closestUnlike = Math.Max(closestUnlike, Cosine(examples[i], examples[j]));
                }
            }
        }

        Assert.True(closestUnlike < TextUnderstanding.CorrectionReach, $"{closestUnlike}");
    }

    private TextUnderstanding Fresh() => new(models.Quantized, NearestExamples.Learn(models.Quantized, models.Examples, CancellationToken.None));

    private static Decided Decide(TextUnderstanding understanding, IncomingMessage message) =>
        Intake.DecideFor(Practice, null, message, Night, null, (m, professional) => understanding.Read(m, professional));

    private static IncomingMessage Sms(string body) => new("sms", "+1 212 555 0142", [], Night, "", body, []);

    private static Correction Correct(long id, string professional, long messageId, IncomingMessage message, params string[] labels) =>
        new(id, professional, messageId, message.Text, [.. labels], "sam@riverastudio.example", Night);

    private static float Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
