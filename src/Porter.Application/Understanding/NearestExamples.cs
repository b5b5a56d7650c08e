using System.Collections.Immutable;

namespace Porter.Application.Understanding;

/// <summary>Port: turns sentences into unit-length vectors, so that texts that mean alike lie close (cosine = dot product).</summary>
public interface ISentenceEncoder
{
    /// <summary>One vector per text, in order.</summary>
    IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}

/// <summary>A message labelled by a person with the signals a careful reader would flag.</summary>
/// <param name="Id">Its id in its set.</param>
/// <param name="Text">Subject and body.</param>
/// <param name="Labels">The labels (urgent_matter, plan_change…); none for an ordinary request.</param>
/// <param name="IsCorrection">Whether a professional made it by correcting what Porter read in a message of theirs.</param>
public sealed record LabelledExample(string Id, string Text, ImmutableArray<string> Labels, bool IsCorrection = false);

/// <summary>A label the model suggests for a text, and why: the labelled examples nearest to it that carry the label.</summary>
/// <param name="Label">The label.</param>
/// <param name="Votes">How many of the nearest examples carry it.</param>
/// <param name="Because">Those examples, nearest first, with their similarity (cosine, -1 to 1).</param>
public sealed record Suggestion(string Label, int Votes, ImmutableArray<(LabelledExample Example, float Similarity)> Because);

/// <summary>
/// The small classifier over sentence embeddings: a text gets the labels that at least <see cref="Quorum"/> of its
/// <see cref="K"/> nearest labelled examples carry. Every suggestion is explained by those examples. k and the quorum
/// were chosen on the first labelled set (leave-one-out: 5 and 2), never on the second, which only measures.
/// </summary>
public sealed class NearestExamples
{
    /// <summary>How many neighbours vote.</summary>
    public const int K = 5;

    /// <summary>How many of them must carry a label for it to be suggested.</summary>
    public const int Quorum = 2;

    private readonly ImmutableArray<LabelledExample> examples;
    private readonly float[][] vectors;

    /// <summary>Prepares the classifier: the examples with their vectors (same order).</summary>
    public NearestExamples(IReadOnlyList<LabelledExample> examples, IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(vectors);
        if (examples.Count != vectors.Count)
        {
            throw new ArgumentException("One vector per example.", nameof(vectors));
        }

        this.examples = [.. examples];
        this.vectors = [.. vectors];
    }

    /// <summary>Encodes the examples once and prepares the classifier.</summary>
    public static NearestExamples Learn(ISentenceEncoder encoder, IReadOnlyList<LabelledExample> examples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(examples);
        return new NearestExamples(examples, encoder.Encode([.. examples.Select(e => e.Text)], cancellationToken));
    }

    /// <summary>The classifier with more examples (a professional's corrections), each with its vector.</summary>
    public NearestExamples With(IEnumerable<(LabelledExample Example, float[] Vector)> more)
    {
        ArgumentNullException.ThrowIfNull(more);
        var added = more.ToList();
        return new NearestExamples([.. examples, .. added.Select(m => m.Example)], [.. vectors, .. added.Select(m => m.Vector)]);
    }

    /// <summary>How many labelled examples it knows.</summary>
    public int Count => examples.Length;

    /// <summary>The labels suggested for a text's vector, each with the examples that voted for it.</summary>
    /// <param name="vector">The text's vector.</param>
    /// <param name="leaveOut">An example not to count (the text itself, when it is one of the examples: leave-one-out).</param>
    public ImmutableArray<Suggestion> Suggest(float[] vector, string? leaveOut = null)
    {
        ArgumentNullException.ThrowIfNull(vector);
        var nearest = new (int Index, float Similarity)[Math.Min(K, vectors.Length)];
        int filled = 0;
        for (int i = 0; i < vectors.Length; i++)
        {
            if (leaveOut is not null && string.Equals(examples[i].Text, leaveOut, StringComparison.Ordinal))
            {
                continue;
            }

            float similarity = Dot(vector, vectors[i]);
            if (filled < nearest.Length)
            {
                nearest[filled++] = (i, similarity);
                continue;
            }

            int weakest = 0;
            for (int j = 1; j < nearest.Length; j++)
            {
                if (nearest[j].Similarity < nearest[weakest].Similarity)
                {
                    weakest = j;
                }
            }

            if (similarity > nearest[weakest].Similarity)
            {
                nearest[weakest] = (i, similarity);
            }
        }

        Array.Sort(nearest, 0, filled, Comparer<(int Index, float Similarity)>.Create((a, b) => b.Similarity.CompareTo(a.Similarity)));
        return [.. nearest.Take(filled)
            .SelectMany(n => examples[n.Index].Labels.Select(label => (Label: label, n.Index, n.Similarity)))
            .GroupBy(x => x.Label, StringComparer.Ordinal)
            .Where(g => g.Count() >= Quorum)
            .Select(g => new Suggestion(g.Key, g.Count(), [.. g.Select(x => (examples[x.Index], x.Similarity))]))
            .OrderByDescending(s => s.Votes)];
    }

    internal static float Dot(float[] a, float[] b)
    {
        float sum = 0;
        int length = Math.Min(a.Length, b.Length);
        for (int i = 0; i < length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
