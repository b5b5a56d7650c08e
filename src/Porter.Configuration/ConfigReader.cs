using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Porter.Domain.Scheduling;

namespace Porter.Configuration;

/// <summary>
/// Reads a Porter configuration file: JSON (comments and trailing commas allowed) that follows
/// docs/schema/porter.schema.json. Every problem is reported with its file, line and field; nothing is guessed.
/// </summary>
/// <remarks>docs/configuration.md describes the format.</remarks>
public sealed partial class ConfigReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The window in which recurring holidays of iCalendar feeds are expanded, when the config gives none.</summary>
    public static readonly DateInterval DefaultHolidayWindow = new(new LocalDate(2000, 1, 1), new LocalDate(2099, 12, 31));

    private readonly IDateTimeZoneProvider zones;
    private readonly List<ConfigProblem> problems = [];
    private string file = "";
    private Func<string, string> readFile = _ => throw new FileNotFoundException("no folder to read from");
    private JsonLineMap lines = null!;

    private ConfigReader(IDateTimeZoneProvider zones) => this.zones = zones;

    /// <summary>Loads and checks the configuration file at <paramref name="path"/>.</summary>
    /// <exception cref="ConfigException">The file cannot be read or has problems; each is listed.</exception>
    public static PorterConfig Load(string path, IDateTimeZoneProvider zones)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException([new ConfigProblem(path, null, "", $"cannot read the file: {e.Message}")]);
        }

        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", zones);
    }

    /// <summary>Checks configuration text; relative paths in it (holiday calendars) resolve against <paramref name="baseDirectory"/>.</summary>
    /// <exception cref="ConfigException">The text has problems; each is listed.</exception>
    public static PorterConfig Parse(string json, string fileName, string baseDirectory, IDateTimeZoneProvider zones) =>
        Parse(json, fileName, relative => File.ReadAllText(Path.GetFullPath(Path.Combine(baseDirectory, relative))), zones);

    /// <summary>
    /// Checks configuration text whose relative paths (holiday calendars) are read by <paramref name="readFile"/>
    /// (from a folder, or from the files kept with a version of the practice in the database); it throws
    /// <see cref="IOException"/> for a file it does not have.
    /// </summary>
    /// <exception cref="ConfigException">The text has problems; each is listed.</exception>
    public static PorterConfig Parse(string json, string fileName, Func<string, string> readFile, IDateTimeZoneProvider zones)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(readFile);
        var reader = new ConfigReader(zones) { file = fileName, readFile = readFile };
        return reader.Read(json);
    }

    /// <summary>
    /// Checks configuration text whose holiday calendars are <paramref name="files"/> (by the path written in it, as
    /// <see cref="FilesBeside"/> gathers them or a version of the practice keeps them); a calendar not among them is a
    /// problem of its field.
    /// </summary>
    /// <exception cref="ConfigException">The text has problems; each is listed.</exception>
    public static PorterConfig Parse(string json, string fileName, IReadOnlyDictionary<string, string> files, IDateTimeZoneProvider zones)
    {
        ArgumentNullException.ThrowIfNull(files);
        return Parse(json, fileName, relative => files.TryGetValue(relative, out string? text) ? text : throw new FileNotFoundException($"{relative} is not beside {fileName}"), zones);
    }

    /// <summary>The files a configuration names (its holiday calendars) that exist in <paramref name="folder"/>, by the path written in it, with their text.</summary>
    public static Dictionary<string, string> FilesBeside(string json, string folder)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string relative in ReferencedFiles(json))
        {
            string full = Path.GetFullPath(Path.Combine(folder, relative));
            if (File.Exists(full))
            {
                files[relative] = File.ReadAllText(full);
            }
        }

        return files;
    }

    /// <summary>The relative paths of the files a configuration refers to (its holiday calendars), as written in it; none when it is not JSON.</summary>
    public static IReadOnlyList<string> ReferencedFiles(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            IEnumerable<JsonElement> availabilities = root.TryGetProperty("availability", out JsonElement one) ? [one] : [];
            if (root.TryGetProperty("professionals", out JsonElement team) && team.ValueKind == JsonValueKind.Array)
            {
                availabilities = availabilities.Concat(team.EnumerateArray()
                    .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("availability", out _))
                    .Select(p => p.GetProperty("availability")));
            }

            return [.. availabilities
                .Where(a => a.ValueKind == JsonValueKind.Object && a.TryGetProperty("holidayCalendars", out JsonElement c) && c.ValueKind == JsonValueKind.Array)
                .SelectMany(a => a.GetProperty("holidayCalendars").EnumerateArray())
                .Select(c => c.ValueKind == JsonValueKind.String ? c.GetString() : c.ValueKind == JsonValueKind.Object && c.TryGetProperty("path", out JsonElement p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null)
                .OfType<string>()
                .Where(p => p.Length > 0)
                .Distinct(StringComparer.Ordinal)];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private PorterConfig Read(string json)
    {
        byte[] utf8 = JsonLineMap.Utf8(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException e)
        {
            string reason = e.Message.Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
            throw new ConfigException([new ConfigProblem(file, (int?)(e.LineNumber + 1), "", $"not valid JSON: {reason}")]);
        }

        using (document)
        {
            lines = JsonLineMap.Create(utf8);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                Problem("", "expected a JSON object at the top of the file");
                throw new ConfigException(problems);
            }

            CheckKeys(root, "", "$schema", "availability", "professional", "professionals", "onCall", "policy", "booking", "defaultChannels", "signals", "replies", "clients");
            PorterConfig? config = ReadPractice(root);
            if (config is not null && root.TryGetProperty("booking", out JsonElement booking))
            {
                config = config with { Booking = ReadBooking(booking, "booking") };
            }

            return problems.Count > 0 || config is null ? throw new ConfigException(problems) : config;
        }
    }

    private BookingRules ReadBooking(JsonElement element, string field)
    {
        BookingRules d = BookingRules.Default;
        if (!ExpectKind(element, JsonValueKind.Object, field, "an object"))
        {
            return d;
        }

        CheckKeys(element, field, "slotMinutes", "bufferMinutes", "minimumNoticeHours", "maxPerDay", "maxPerWeek", "horizonDays");
        int Whole(string name, int fallback, int min, int max)
        {
            if (!element.TryGetProperty(name, out JsonElement value))
            {
                return fallback;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) && n >= min && n <= max)
            {
                return n;
            }

            Problem($"{field}.{name}", $"expected a whole number from {min} to {max}");
            return fallback;
        }

        return new BookingRules(
            Duration.FromMinutes(Whole("slotMinutes", (int)d.SlotLength.TotalMinutes, 5, 480)),
            Duration.FromMinutes(Whole("bufferMinutes", (int)d.Buffer.TotalMinutes, 0, 240)),
            Duration.FromHours(Whole("minimumNoticeHours", (int)d.MinimumNotice.TotalHours, 0, 720)),
            Whole("maxPerDay", d.MaxPerDay, 1, 100),
            Whole("maxPerWeek", d.MaxPerWeek, 1, 500),
            Whole("horizonDays", d.HorizonDays, 1, 180));
    }

    private Availability? ReadAvailability(JsonElement element, string field)
    {
        if (!ExpectKind(element, JsonValueKind.Object, field, "an object"))
        {
            return null;
        }

        CheckKeys(element, field, "timeZone", "weekly", "holidays", "holidayCalendars", "overrides", "vacations", "temporaryHours", "breaks");
        var builder = new AvailabilityBuilder(zones, $"{field}.timeZone");
        if (String(element, "timeZone", field) is { } zone)
        {
            builder.SetTimeZone(zone, $"{field}.timeZone");
        }

        if (element.TryGetProperty("weekly", out JsonElement weekly))
        {
            foreach (var (day, start, end, dayField) in ReadWeek(weekly, $"{field}.weekly"))
            {
                builder.AddWeekly(day, start, end, dayField);
            }
        }

        ForEach(element, "holidays", field, (item, itemField) =>
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                if (ParseDate(item, itemField) is { } date)
                {
                    builder.AddHoliday(date, null);
                }

                return;
            }

            if (ExpectKind(item, JsonValueKind.Object, itemField, "a date or {\"date\", \"name\"}"))
            {
                CheckKeys(item, itemField, "date", "name");
                if (Date(item, "date", itemField, required: true) is { } date)
                {
                    builder.AddHoliday(date, String(item, "name", itemField, required: false));
                }
            }
        });

        ForEach(element, "holidayCalendars", field, (item, itemField) => ReadHolidayCalendar(item, itemField, builder));

        ForEach(element, "overrides", field, (item, itemField) =>
        {
            if (!ExpectKind(item, JsonValueKind.Object, itemField, "an object"))
            {
                return;
            }

            CheckKeys(item, itemField, "date", "hours", "closed", "note");
            LocalDate? date = Date(item, "date", itemField, required: true);
            bool hasHours = item.TryGetProperty("hours", out JsonElement hours);
            bool closed = item.TryGetProperty("closed", out JsonElement closedElement) && closedElement.ValueKind == JsonValueKind.True;
            if (hasHours == closed)
            {
                Problem(itemField, "give either \"hours\" (the hours that day) or \"closed\": true");
                return;
            }

            var intervals = hasHours ? ReadIntervals(hours, $"{itemField}.hours") : [];
            if (date is { } d)
            {
                builder.AddOverride(d, intervals, String(item, "note", itemField, required: false), itemField);
            }
        });

        ForEach(element, "vacations", field, (item, itemField) =>
        {
            if (!ExpectKind(item, JsonValueKind.Object, itemField, "an object"))
            {
                return;
            }

            CheckKeys(item, itemField, "from", "to", "note");
            LocalDate? from = Date(item, "from", itemField, required: true);
            LocalDate? to = Date(item, "to", itemField, required: true);
            if (from is { } f && to is { } t)
            {
                builder.AddVacation(f, t, String(item, "note", itemField, required: false), itemField);
            }
        });

        ForEach(element, "temporaryHours", field, (item, itemField) =>
        {
            if (!ExpectKind(item, JsonValueKind.Object, itemField, "an object"))
            {
                return;
            }

            CheckKeys(item, itemField, "name", "from", "to", "weekly");
            string name = String(item, "name", itemField) ?? "";
            LocalDate? from = Date(item, "from", itemField, required: true);
            LocalDate? to = Date(item, "to", itemField, required: true);
            var days = new Dictionary<IsoDayOfWeek, IReadOnlyList<(LocalTime, LocalTime, string)>>();
            if (item.TryGetProperty("weekly", out JsonElement week))
            {
                if (ExpectKind(week, JsonValueKind.Object, $"{itemField}.weekly", "an object"))
                {
                    CheckKeys(week, $"{itemField}.weekly", [.. WeekdayNames.Names]);
                    foreach (var (key, day) in WeekdayNames.All)
                    {
                        if (week.TryGetProperty(key, out JsonElement list))
                        {
                            days[day] = ReadIntervals(list, $"{itemField}.weekly.{key}", allowNightShift: true);
                        }
                    }
                }
            }
            else
            {
                Problem(itemField, "\"weekly\" is required: the hours that replace the usual ones");
            }

            if (from is { } f && to is { } t)
            {
                builder.AddTemporaryHours(f, t, name, days, itemField);
            }
        });

        ForEach(element, "breaks", field, (item, itemField) =>
        {
            if (!ExpectKind(item, JsonValueKind.Object, itemField, "an object"))
            {
                return;
            }

            CheckKeys(item, itemField, "date", "hours", "note");
            LocalDate? date = Date(item, "date", itemField, required: true);
            if (!item.TryGetProperty("hours", out JsonElement hours))
            {
                Problem(itemField, "\"hours\" is required: the time taken out of that day");
                return;
            }

            foreach (var (start, end, intervalField) in ReadIntervals(hours, $"{itemField}.hours"))
            {
                if (date is { } d)
                {
                    builder.AddBreak(d, start, end, intervalField);
                }
            }
        });

        bool built = builder.TryBuild(out Availability? availability);
        foreach (AvailabilityProblem problem in builder.Problems)
        {
            Problem(problem.Field, problem.Message);
        }

        // A practice with no working week can never open: every deadline and every offered time would be "never".
        if (built && availability!.Weekly.IsEmpty)
        {
            Problem($"{field}.weekly", "no working hours in the week: give the hours of at least one day (such as \"mon\": [\"09:00-17:00\"]); holidays, vacations and overrides are exceptions to a working week");
            return null;
        }

        return built ? availability : null;
    }

    private IEnumerable<(IsoDayOfWeek Day, LocalTime Start, LocalTime End, string Field)> ReadWeek(JsonElement week, string field)
    {
        if (!ExpectKind(week, JsonValueKind.Object, field, "an object with keys mon, tue, wed, thu, fri, sat, sun"))
        {
            yield break;
        }

        CheckKeys(week, field, [.. WeekdayNames.Names]);
        foreach (var (key, day) in WeekdayNames.All)
        {
            if (week.TryGetProperty(key, out JsonElement list))
            {
                foreach (var (start, end, intervalField) in ReadIntervals(list, $"{field}.{key}", allowNightShift: true))
                {
                    yield return (day, start, end, intervalField);
                }
            }
        }
    }

    private void ReadHolidayCalendar(JsonElement item, string itemField, AvailabilityBuilder builder)
    {
        string? relative;
        DateInterval window = DefaultHolidayWindow;
        string pathField = itemField;
        if (item.ValueKind == JsonValueKind.String)
        {
            relative = item.GetString();
        }
        else if (ExpectKind(item, JsonValueKind.Object, itemField, "a file path or {\"path\", \"from\", \"to\"}"))
        {
            CheckKeys(item, itemField, "path", "from", "to");
            relative = String(item, "path", itemField);
            pathField = $"{itemField}.path";
            LocalDate from = Date(item, "from", itemField, required: false) ?? window.Start;
            LocalDate to = Date(item, "to", itemField, required: false) ?? window.End;
            if (to < from)
            {
                Problem(itemField, $"ends ({to:uuuu-MM-dd}) before it starts ({from:uuuu-MM-dd})");
                return;
            }

            window = new DateInterval(from, to);
        }
        else
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(relative))
        {
            return;
        }

        try
        {
            HolidayImport import = HolidayCalendar.Read(readFile(relative), window);
            foreach (Holiday holiday in import.Holidays)
            {
                builder.AddHoliday(holiday.Date, holiday.Name);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Problem(pathField, $"cannot read holiday calendar {relative}: {e.Message}");
        }
        catch (FormatException e)
        {
            Problem(pathField, $"{relative} is {e.Message}");
        }
    }

    private List<(LocalTime Start, LocalTime End, string Field)> ReadIntervals(JsonElement list, string field, bool allowNightShift = false)
    {
        var result = new List<(LocalTime, LocalTime, string)>();
        if (!ExpectKind(list, JsonValueKind.Array, field, "a list of \"HH:mm-HH:mm\" intervals"))
        {
            return result;
        }

        int i = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            string itemField = $"{field}[{i++}]";
            if (!ExpectKind(item, JsonValueKind.String, itemField, "an interval like \"09:00-17:00\""))
            {
                continue;
            }

            string text = item.GetString()!;
            string[] parts = text.Split(['-', '–'], StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
            {
                Problem(itemField, $"'{text}' is not an interval like \"09:00-17:00\"");
                continue;
            }

            string? startProblem = DailyInterval.TryParseClockTime(parts[0], false, out LocalTime start);
            string? endProblem = DailyInterval.TryParseClockTime(parts[1], true, out LocalTime end);
            if ((startProblem ?? endProblem) is { } problem)
            {
                Problem(itemField, problem);
                continue;
            }

            if (!allowNightShift && end != LocalTime.Midnight && end <= start)
            {
                Problem(itemField, $"ends ({parts[1]}) before it starts ({parts[0]}); on a single date an interval cannot cross midnight");
                continue;
            }

            result.Add((start, end, itemField));
        }

        return result;
    }

    private void ForEach(JsonElement parent, string name, string parentField, Action<JsonElement, string> read)
    {
        if (!parent.TryGetProperty(name, out JsonElement list))
        {
            return;
        }

        string field = parentField.Length == 0 ? name : $"{parentField}.{name}";
        if (!ExpectKind(list, JsonValueKind.Array, field, "a list"))
        {
            return;
        }

        int i = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            read(item, $"{field}[{i++}]");
        }
    }

    private string? String(JsonElement parent, string name, string parentField, bool required = true)
    {
        string field = parentField.Length == 0 ? name : $"{parentField}.{name}";
        if (!parent.TryGetProperty(name, out JsonElement value))
        {
            if (required)
            {
                Problem(field, "is required");
            }

            return null;
        }

        return ExpectKind(value, JsonValueKind.String, field, "a string") ? value.GetString() : null;
    }

    private LocalDate? Date(JsonElement parent, string name, string parentField, bool required)
    {
        string field = $"{parentField}.{name}";
        if (!parent.TryGetProperty(name, out JsonElement value))
        {
            if (required)
            {
                Problem(field, "is required (a date, YYYY-MM-DD)");
            }

            return null;
        }

        return ParseDate(value, field);
    }

    private LocalDate? ParseDate(JsonElement value, string field)
    {
        if (!ExpectKind(value, JsonValueKind.String, field, "a date, YYYY-MM-DD"))
        {
            return null;
        }

        ParseResult<LocalDate> result = LocalDatePattern.Iso.Parse(value.GetString()!);
        if (result.Success)
        {
            return result.Value;
        }

        Problem(field, $"'{value.GetString()}' is not a date (expected YYYY-MM-DD, e.g. 2026-12-25)");
        return null;
    }

    private bool ExpectKind(JsonElement value, JsonValueKind kind, string field, string what)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

        Problem(field, $"expected {what}, found {Describe(value.ValueKind)}");
        return false;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        _ => "null",
    };

    private void CheckKeys(JsonElement element, string field, params string[] known)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                string path = field.Length == 0 ? property.Name : $"{field}.{property.Name}";
                Problem(path, $"unknown field (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    private void Problem(string field, string message) => problems.Add(new ConfigProblem(file, lines?.LineOf(field), field, message));
}
