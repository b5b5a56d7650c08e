using Porter.Application.Understanding;

namespace Porter.Understanding.Tests;

/// <summary>The local model, really loaded and run: texts that mean alike lie closer than texts that do not, in other words.</summary>
public sealed class MiniLmEncoderTests : IDisposable
{
    private readonly MiniLmEncoder encoder = new();

    [Fact]
    public void Vectors_AreUnitLength_OnePerText()
    {
        IReadOnlyList<float[]> vectors = encoder.Encode(["Our website is down", "Thanks for the lovely logo"], CancellationToken.None);

        Assert.Equal(2, vectors.Count);
        Assert.All(vectors, v => Assert.Equal(384, v.Length));
        Assert.All(vectors, v => Assert.InRange(Math.Sqrt(v.Sum(x => (double)x * x)), 0.99, 1.01));
        Assert.Empty(encoder.Encode([], CancellationToken.None));
    }

    [Fact]
    public void AnEmergencyInOtherWords_IsNearerToAnEmergency_ThanToNewsOrARequest()
    {
        IReadOnlyList<float[]> v = encoder.Encode(
        [
            "nobody can buy anything on the shop, the cart just spins forever",
            "Checkout is broken - nobody can pay on the shop right now",
            "The printed bags arrived and they look great, just sharing",
            "Could you send the logo files as SVG?",
        ], CancellationToken.None);

        float Similarity(int a, int b) => v[a].Zip(v[b], (x, y) => x * y).Sum();
        Assert.True(Similarity(0, 1) > Similarity(0, 2) + 0.1f, $"{Similarity(0, 1)} vs {Similarity(0, 2)}");
        Assert.True(Similarity(0, 1) > Similarity(0, 3) + 0.1f, $"{Similarity(0, 1)} vs {Similarity(0, 3)}");
    }

    [Fact]
    public void TheClassifier_SuggestsTheLabelOfTheNearestExamples_AndSaysWhich()
    {
        LabelledExample[] examples =
        [
            new("1", "Our website is down, customers see a blank page", ["urgent_matter"]),
            new("2", "Payments are failing on every order, please help", ["urgent_matter"]),
            new("3", "The shop is offline and nobody can check out", ["urgent_matter"]),
            new("4", "Could you send the invoice for November?", []),
            new("5", "The bags arrived, they look lovely!", ["fyi"]),
        ];
        NearestExamples nearest = NearestExamples.Learn(encoder, examples, CancellationToken.None);

        Suggestion suggestion = Assert.Single(nearest.Suggest(encoder.Encode(["card payments are declined for everyone since this morning"], CancellationToken.None)[0]), s => s.Label == "urgent_matter");
        Assert.True(suggestion.Votes >= NearestExamples.Quorum);
        Assert.Contains(suggestion.Because, b => b.Example.Id == "2");
    }

    public void Dispose() => encoder.Dispose();
}
