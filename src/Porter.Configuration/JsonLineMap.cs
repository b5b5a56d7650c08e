using System.Text;
using System.Text.Json;

namespace Porter.Configuration;

/// <summary>
/// The line on which each value of a JSON document starts, keyed by its path (<c>availability.weekly.mon[1]</c>),
/// so that a problem found after parsing can still point at a line of the file.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, int> lines = new(StringComparer.Ordinal);

    private JsonLineMap()
    {
    }

    /// <summary>The 1-based line where the value at <paramref name="path"/> starts, if known.</summary>
    public int? LineOf(string path)
    {
        // A problem about a part of a value (hours.mon[0] of a missing key, say) points at the nearest known parent.
        for (string p = path; p.Length > 0; p = Parent(p))
        {
            if (lines.TryGetValue(p, out int line))
            {
                return line;
            }
        }

        return null;
    }

    /// <summary>Maps a document that has already parsed (it is valid JSON with comments and trailing commas).</summary>
    public static JsonLineMap Create(byte[] utf8)
    {
        var map = new JsonLineMap();
        var lineStarts = new List<int> { 0 };
        for (int i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        int LineAt(long offset)
        {
            int index = lineStarts.BinarySearch((int)offset);
            return (index >= 0 ? index : ~index - 1) + 1;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new Stack<(string Path, bool IsArray, int NextIndex)>();
        string? pendingProperty = null;

        string CurrentValuePath()
        {
            if (path.Count == 0)
            {
                return "";
            }

            var (parent, isArray, next) = path.Pop();
            string result = isArray ? $"{parent}[{next}]" : Join(parent, pendingProperty ?? "");
            path.Push((parent, isArray, isArray ? next + 1 : next));
            return result;
        }

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingProperty = reader.GetString();
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                {
                    string valuePath = CurrentValuePath();
                    map.lines.TryAdd(valuePath, LineAt(reader.TokenStartIndex));
                    path.Push((valuePath, reader.TokenType == JsonTokenType.StartArray, 0));
                    break;
                }

                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    path.Pop();
                    break;
                default:
                    map.lines.TryAdd(CurrentValuePath(), LineAt(reader.TokenStartIndex));
                    break;
            }
        }

        return map;
    }

    private static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    private static string Parent(string path)
    {
        int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    /// <summary>Encodes text as UTF-8 without a byte order mark.</summary>
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
