using System.Collections.Frozen;
using System.Collections.Immutable;
using NodaTime;

namespace Porter.Application.Understanding;

/// <summary>
/// A professional's correction of what Porter read in a message: the labels it really carries (none for an ordinary
/// request). Kept as a labelled example of that professional's practice, it takes part in their next decisions.
/// </summary>
/// <param name="Id">Its id (0 before it is stored).</param>
/// <param name="ProfessionalId">Whose practice it teaches (the professional the message was for).</param>
/// <param name="MessageId">The stored message corrected; a newer correction of the same message replaces it.</param>
/// <param name="Text">The message's text (subject and body), as the model reads it.</param>
/// <param name="Labels">The labels it carries, of <see cref="Corrections.Labels"/>.</param>
/// <param name="By">Who corrected it.</param>
/// <param name="At">When.</param>
public sealed record Correction(long Id, string ProfessionalId, long? MessageId, string Text, ImmutableArray<string> Labels, string By, Instant At)
{
    /// <summary>The correction as a labelled example (id <c>c</c> and its number, so reasons tell it from the labelled set).</summary>
    public LabelledExample AsExample() => new($"c{Id}", Text, Labels, IsCorrection: true);
}

/// <summary>Port: where corrections are kept (the storage adapter: <c>corrections</c>, shared by every instance on one database).</summary>
public interface ICorrectionStore
{
    /// <summary>Keeps a correction; returns it with its id.</summary>
    Task<Correction> AddAsync(Correction correction, CancellationToken cancellationToken);

    /// <summary>The corrections kept after the one with id <paramref name="id"/>, oldest first: what instances read to stay in step.</summary>
    Task<IReadOnlyList<Correction>> AfterAsync(long id, CancellationToken cancellationToken);

    /// <summary>The corrections of one stored message, newest first.</summary>
    Task<IReadOnlyList<Correction>> OfMessageAsync(long messageId, CancellationToken cancellationToken);
}

/// <summary>The use case "correct what Porter read": check the labels, keep the correction, teach the model at once.</summary>
public static class Corrections
{
    /// <summary>The labels in the order people read them.</summary>
    public static readonly ImmutableArray<string> InOrder = ["urgent_matter", "personal_info_request", "personal_social_contact", "out_of_scope", "plan_change", "fyi"];

    /// <summary>The labels a correction can carry: the signals the phrase rules and the model look for.</summary>
    public static readonly FrozenSet<string> Labels = InOrder.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Keeps the correction and, when the model is on, teaches it (the next decision on this instance uses it; other instances within their next look).</summary>
    /// <exception cref="ArgumentException">A label is not one of <see cref="Labels"/>; the message names it.</exception>
    public static async Task<Correction> CorrectAsync(ICorrectionStore store, TextUnderstanding? understanding, Correction correction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(correction);
        if (correction.Labels.FirstOrDefault(l => !Labels.Contains(l)) is { } unknown)
        {
            throw new ArgumentException($"\"{unknown}\" is not a label Porter reads; use {string.Join(", ", InOrder)}.", nameof(correction));
        }

        Correction kept = await store.AddAsync(correction with { Labels = [.. correction.Labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] }, cancellationToken).ConfigureAwait(false);
        understanding?.Learn([kept], cancellationToken);
        return kept;
    }
}
