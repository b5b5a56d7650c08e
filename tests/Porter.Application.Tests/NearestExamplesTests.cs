using Porter.Application.Understanding;

namespace Porter.Application.Tests;

/// <summary>The classifier over sentence vectors, on vectors made by hand: k nearest vote, a quorum suggests, the voters explain.</summary>
public class NearestExamplesTests
{
    private static float[] V(params float[] x)
    {
        float norm = MathF.Sqrt(x.Sum(a => a * a));
        return [.. x.Select(a => a / norm)];
    }

    private static readonly LabelledExample[] Examples =
    [
        new("a", "site down", ["urgent_matter"]),
        new("b", "payments failing", ["urgent_matter"]),
        new("c", "news", ["fyi"]),
        new("d", "invoice please", []),
        new("e", "more news", ["fyi"]),
        new("f", "a request", []),
    ];

    private static readonly float[][] Vectors = [V(1, 0, 0), V(0.9f, 0.1f, 0), V(0, 1, 0), V(0, 0, 1), V(0.1f, 0.9f, 0), V(0, 0.1f, 0.9f)];

    [Fact]
    public void ALabelCarriedByTwoOfTheFiveNearest_IsSuggested_WithThoseTwoNearestFirst()
    {
        var nearest = new NearestExamples(Examples, Vectors);

        Suggestion urgent = Assert.Single(nearest.Suggest(V(1, 0.05f, 0)), s => s.Label == "urgent_matter");
        Assert.Equal(2, urgent.Votes);
        Assert.Equal(["a", "b"], urgent.Because.Select(b => b.Example.Id));
        Assert.True(urgent.Because[0].Similarity >= urgent.Because[1].Similarity);
    }

    [Fact]
    public void LeavingATextOut_RemovesItsOwnVote()
    {
        var nearest = new NearestExamples(Examples, Vectors);

        Assert.Contains(nearest.Suggest(V(1, 0, 0)), s => s.Label == "urgent_matter");
        Assert.DoesNotContain(nearest.Suggest(V(1, 0, 0), leaveOut: "site down"), s => s.Label == "urgent_matter");
    }

    [Fact]
    public void VectorsMustMatchExamples() =>
        Assert.Throws<ArgumentException>(() => new NearestExamples(Examples, Vectors[..3]));
}
