using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

using Porter.Application.Changes;

namespace Porter.Web.Dashboard;

/// <summary>
/// Edits to porter.json as a JSON tree, for the settings forms: the document is read (comments and trailing commas
/// allowed, as at start), one part changed, and written back indented. Comments do not survive a form's edit; the
/// whole-file editor keeps the text exactly as typed.
/// </summary>
public static class ConfigEdits
{
    private static readonly JsonDocumentOptions Reading = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly JsonSerializerOptions Writing = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Changes one part of porter.json as a tree (<see cref="PracticeState.EditAsync"/> under its lock): false from
    /// <paramref name="edit"/> means no change. Throws <see cref="System.Text.Json.JsonException"/> when the file is not JSON.
    /// </summary>
    public static Task<ConfigEditResult> EditAsync(this PracticeState state, Func<JsonObject, bool> edit, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(edit);
        return state.EditAsync(
            text =>
            {
                JsonObject root = Read(text);
                return edit(root) ? Write(root) : null;
            },
            actor,
            cancellationToken);
    }

    /// <summary>The document as a tree (an empty object when the text is not a JSON object).</summary>
    public static JsonObject Read(string json) =>
        JsonNode.Parse(json, documentOptions: Reading) as JsonObject ?? [];

    /// <summary>The tree as text.</summary>
    public static string Write(JsonObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return root.ToJsonString(Writing) + "\n";
    }

    /// <summary>The object at <paramref name="name"/> under <paramref name="parent"/>, made when absent.</summary>
    public static JsonObject Section(JsonObject parent, string name)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (parent[name] is JsonObject found)
        {
            return found;
        }

        var made = new JsonObject();
        parent[name] = made;
        return made;
    }

    /// <summary>The array at <paramref name="name"/> under <paramref name="parent"/>, made when absent.</summary>
    public static JsonArray List(JsonObject parent, string name)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (parent[name] is JsonArray found)
        {
            return found;
        }

        var made = new JsonArray();
        parent[name] = made;
        return made;
    }

    /// <summary>"09:00-12:30, 13:30-17:30" as the JSON array of ranges porter.json uses (empty text: no hours).</summary>
    public static JsonArray Ranges(string? text) =>
        [.. (text ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => (JsonNode?)JsonValue.Create(r.Replace(" ", "", StringComparison.Ordinal)))];

    /// <summary>A JSON array of ranges as "09:00-12:30, 13:30-17:30".</summary>
    public static string Text(JsonNode? ranges) =>
        ranges is JsonArray array ? string.Join(", ", array.Select(r => r?.GetValue<string>() ?? "")) : "";
}
