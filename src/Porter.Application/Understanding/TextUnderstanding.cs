using System.Collections.Frozen;
using System.Globalization;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;

namespace Porter.Application.Understanding;

/// <summary>
/// Reads a message's text with the sentence model and the labelled examples (<see cref="NearestExamples"/>): what it
/// resembles, as <see cref="Understood"/> items the decision uses where the phrase rules found nothing, each explained
/// by the examples that voted ("#2 "Payments are failing…" (0.71)").
/// </summary>
public sealed class TextUnderstanding(ISentenceEncoder encoder, NearestExamples examples)
{
    /// <summary>The labels of the labelled sets, as what the decision can use.</summary>
    private static readonly FrozenDictionary<string, UnderstoodAs> Labels = new Dictionary<string, UnderstoodAs>(StringComparer.Ordinal)
    {
        ["urgent_matter"] = UnderstoodAs.UrgentMatter,
        ["personal_info_request"] = UnderstoodAs.PersonalInfoRequest,
        ["personal_social_contact"] = UnderstoodAs.PersonalSocialContact,
        ["out_of_scope"] = UnderstoodAs.OutOfScope,
        ["plan_change"] = UnderstoodAs.PlanChange,
        ["fyi"] = UnderstoodAs.Fyi,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>What the model reads in the message (subject and body).</summary>
    public IReadOnlyList<Understood> Read(IncomingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        float[] vector = encoder.Encode([message.Text], cancellationToken)[0];
        return [.. examples.Suggest(vector)
            .Where(s => Labels.ContainsKey(s.Label))
            .Select(s => new Understood(Labels[s.Label], string.Join(", ", s.Because.Select(b =>
                string.Create(CultureInfo.InvariantCulture, $"#{b.Example.Id} \"{Short(b.Example.Text)}\" ({b.Similarity:0.00})")))))];
    }

    private static string Short(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
