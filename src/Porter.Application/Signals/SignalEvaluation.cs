using System.Collections.Immutable;
using Porter.Domain.Decisions;

namespace Porter.Application.Signals;

/// <summary>Precision and recall of one label over a labelled set.</summary>
/// <param name="Label">The label, such as <c>plan_change</c>.</param>
/// <param name="TruePositives">Flagged and labelled.</param>
/// <param name="FalsePositives">Flagged, not labelled.</param>
/// <param name="FalseNegatives">Labelled, not flagged.</param>
public sealed record LabelScore(string Label, int TruePositives, int FalsePositives, int FalseNegatives)
{
    /// <summary>Of the messages flagged, the share that should have been (1 when nothing was flagged).</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>Of the messages that should have been flagged, the share that were (1 when none should).</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>How many messages carry the label.</summary>
    public int Labelled => TruePositives + FalseNegatives;
}

/// <summary>A message whose flags differ from its labels.</summary>
/// <param name="Id">The message's id in the set.</param>
/// <param name="Label">The label.</param>
/// <param name="Missed">True when the label was missed; false when it was flagged wrongly.</param>
/// <param name="Text">The message text, for reading.</param>
public sealed record LabelMiss(string Id, string Label, bool Missed, string Text);

/// <summary>
/// Measures the text rules behind Porter's signals against messages labelled by a person: which labels each
/// decision flags (its text signals, and whether it saw an urgent matter) against the labels given.
/// </summary>
public sealed class SignalEvaluation
{
    /// <summary>The labels measured: the text signals and the urgent-matter rule.</summary>
    public static readonly ImmutableArray<string> Labels =
        ["urgent_matter", "personal_info_request", "personal_social_contact", "out_of_scope", "plan_change", "fyi"];

    private readonly Dictionary<string, (int Tp, int Fp, int Fn)> counts = Labels.ToDictionary(l => l, _ => (0, 0, 0), StringComparer.Ordinal);
    private readonly List<LabelMiss> misses = [];

    /// <summary>How many messages were measured.</summary>
    public int Messages { get; private set; }

    /// <summary>The scores, one per label.</summary>
    public IEnumerable<LabelScore> Scores => Labels.Select(l => new LabelScore(l, counts[l].Tp, counts[l].Fp, counts[l].Fn));

    /// <summary>Every disagreement between flags and labels.</summary>
    public IReadOnlyList<LabelMiss> Misses => misses;

    /// <summary>The labels a decision flags.</summary>
    public static ImmutableHashSet<string> Flags(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var flags = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (SignalKind signal in decision.Signals)
        {
            if (signal is not (SignalKind.AfterHours or SignalKind.WrongChannel))
            {
                flags.Add(signal.Name());
            }
        }

        // Every urgent matter the rules see is a reason of its own, whatever the decision then is.
        if (decision.Reasons.Any(r => r.Rule == "urgent-matter"))
        {
            flags.Add("urgent_matter");
        }

        return flags.ToImmutable();
    }

    /// <summary>Scores one message by the labels its decision flags.</summary>
    public void Add(string id, string text, IReadOnlySet<string> labels, Decision decision) => Add(id, text, labels, Flags(decision));

    /// <summary>Scores one message by the labels flagged for it (by the rules, a model, or both).</summary>
    public void Add(string id, string text, IReadOnlySet<string> labels, IReadOnlySet<string> flags)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(flags);
        Messages++;
        foreach (string label in Labels)
        {
            bool expected = labels.Contains(label), flagged = flags.Contains(label);
            var (tp, fp, fn) = counts[label];
            counts[label] = (tp + (expected && flagged ? 1 : 0), fp + (!expected && flagged ? 1 : 0), fn + (expected && !flagged ? 1 : 0));
            if (expected != flagged)
            {
                misses.Add(new LabelMiss(id, label, expected, text));
            }
        }
    }
}
