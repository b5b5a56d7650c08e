using System.Text.Json;
using System.Text.Json.Nodes;

namespace Porter.Application.Changes;

/// <summary>One thing that changed: where (a path such as <c>availability.weekly.tue</c>), what it was and what it is, as JSON (null when absent).</summary>
/// <param name="Path">The place in porter.json's shape.</param>
/// <param name="Before">The value before, as JSON text; null when there was none.</param>
/// <param name="After">The value after, as JSON text; null when it was removed.</param>
public sealed record FieldChange(string Path, string? Before, string? After);

/// <summary>
/// What changed between two versions of the practice (porter.json's shape): every object member that was added,
/// removed or changed, by its path; lists are compared whole (a list of holidays that gained one is one change, with
/// the list before and after), so each change reads as a person would say it. Comments and layout are not changes.
/// </summary>
public static class PracticeChanges
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The changes from <paramref name="before"/> (null: nothing yet) to <paramref name="after"/>, in document order.</summary>
    /// <exception cref="JsonException">Either text is not JSON.</exception>
    public static IReadOnlyList<FieldChange> Between(string? before, string after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<FieldChange>();
        // The first version: each top-level section, added (an empty document before it).
        Compare("", before is null ? new JsonObject() : Parse(before), Parse(after), changes);
        return changes;
    }

    /// <summary>The changed paths in a few words, for lists and logs: "availability.weekly.tue, replies.hold".</summary>
    public static string Summary(IReadOnlyList<FieldChange> changes, int most = 8)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return changes.Count == 0
            ? "no setting changed (comments or layout only)"
            : string.Join(", ", changes.Take(most).Select(c => c.Path.Length == 0 ? "(everything)" : c.Path)) + (changes.Count > most ? $" and {changes.Count - most} more" : "");
    }

    private static JsonNode? Parse(string text) => JsonNode.Parse(text, documentOptions: Lenient);

    private static void Compare(string path, JsonNode? before, JsonNode? after, List<FieldChange> changes)
    {
        if (before is JsonObject b && after is JsonObject a)
        {
            foreach ((string name, JsonNode? value) in a)
            {
                Compare(Join(path, name), b.TryGetPropertyValue(name, out JsonNode? old) ? old : null, value, changes);
            }

            foreach ((string name, JsonNode? value) in b)
            {
                if (!a.ContainsKey(name))
                {
                    changes.Add(new FieldChange(Join(path, name), value?.ToJsonString(), null));
                }
            }

            return;
        }

        if (!JsonNode.DeepEquals(before, after))
        {
            changes.Add(new FieldChange(path, before?.ToJsonString(), after?.ToJsonString()));
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
