using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Porter.Application.Access;
using Porter.Configuration;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;
using Porter.Replies;
using Porter.Web.Actions;
using Porter.Web.Dashboard;
using Microsoft.EntityFrameworkCore;
using Porter.Storage.Model;
using Porter.Application.Changes;

namespace Porter.Web.Pages.Dashboard;

/// <summary>
/// Settings in the browser: the weekly hours, holidays (and holiday calendars imported from iCalendar files),
/// date overrides, vacations, the reply templates with a preview, and the whole porter.json (edit, import, export).
/// Every change is checked by the same reader as the file at start, written to porter.json itself, takes effect at
/// once, and changed working hours are announced to clients.
/// </summary>
public sealed partial class SettingsModel(TenantData tenant, PracticeState state, IClock clock) : PracticePageModel(tenant)
{
    /// <summary>The weekdays as porter.json names them.</summary>
    public static readonly string[] Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    /// <summary>The largest file taken by the imports.</summary>
    private const long MaxUpload = 2 * 1024 * 1024;

    /// <summary>porter.json as a tree, for the forms.</summary>
    public JsonObject Document { get; private set; } = [];

    /// <summary>The file's text, for the whole-file editor.</summary>
    public string Text { get; private set; } = "";

    /// <summary>What was saved, in words.</summary>
    public string? Saved { get; private set; }

    /// <summary>Why nothing was saved: the reader's problems, with lines.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>How many of the latest changes the history shows.</summary>
    public const int HistoryLength = 20;

    /// <summary>The latest changes on record (without their documents), newest first.</summary>
    public IReadOnlyList<ChangeRecord> History { get; private set; } = [];

    /// <summary>The version in force.</summary>
    public long? Version => state.Version;

    /// <summary>The professional's zone, for the history's times.</summary>
    public DateTimeZone Zone => Chosen.Calendar.Zone;

    /// <summary>
    /// The professional whose hours and on-call the page edits (<c>?professional=ID</c>): any, for an owner (the first
    /// when none is named); their own, for a professional.
    /// </summary>
    [BindProperty(SupportsGet = true, Name = "professional")]
    public string? ProfessionalId { get; set; }

    /// <summary>The practice of the professional whose hours the page edits.</summary>
    public Practice Chosen => ProfessionalId is { Length: > 0 } id && state.Current.Find(id) is { } named ? named : Tenant.Practice ?? state.Current.First;

    /// <summary>Every professional the person may edit the hours of (a chooser shows when there are several).</summary>
    public IReadOnlyList<Practice> Editable => [.. state.Current.Practices.Where(p => Tenant.May(Deed.ChangeAgreement, p.Professional.Id))];

    /// <summary>Whether the person may change the practice as a whole (policy, booking, templates, the file): owners.</summary>
    public bool MayChangePractice => Tenant.May(Deed.ChangePractice, null);

    /// <summary>The handlers of a professional's own sections (hours, holidays, overrides, vacations, breaks, on-call); the rest are the organisation's.</summary>
    private static readonly HashSet<string> OwnSections = new(StringComparer.Ordinal) { "", "Weekly", "AddHoliday", "AddOverride", "AddVacation", "AddBreak", "OnCall", "Remove", "ImportHolidays" };

    /// <summary>The part of porter.json that holds the chosen professional's availability and on-call: the top (one professional) or their entry under "professionals".</summary>
    private JsonObject Duty(JsonObject root)
    {
        if (root["professionals"] is JsonArray team)
        {
            int index = state.Current.Practices.IndexOf(Chosen);
            return index >= 0 && index < team.Count && team[index] is JsonObject own ? own : [];
        }

        return root;
    }

    /// <summary>A rendered preview of the reply templates.</summary>
    public RenderedReply? Preview { get; private set; }

    /// <summary>The templates shown in the editor (the organisation's).</summary>
    public ReplyTemplates Templates => state.Config.Replies;

    /// <summary>A section of porter.json (an empty one when absent).</summary>
    public JsonObject SectionOf(string name) => Document[name] as JsonObject ?? [];

    /// <summary>The booking rules in force.</summary>
    public Porter.Domain.Scheduling.BookingRules Booking => state.Config.Booking;

    /// <summary>The chosen professional's on-call section (an empty one when absent).</summary>
    public JsonObject OnCall => Duty(Document)["onCall"] as JsonObject ?? [];

    /// <summary>The chosen professional's availability section.</summary>
    public JsonObject Availability => Duty(Document)["availability"] as JsonObject ?? [];

    /// <summary>Checks the organisation (the base class), and lets this page, alone, load Porter's own script (the templates' live preview).</summary>
    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        base.OnPageHandlerExecuting(context);
        if (context.Result is not null)
        {
            return;
        }

        // An owner edits everything; a professional their own hours and on-call; an assistant nothing.
        string handler = context.HandlerMethod?.Name ?? "";
        if (ProfessionalId is { Length: > 0 } id && (state.Current.Find(id) is null || !Tenant.Viewer.Sees(id)))
        {
            context.Result = NotFound();
        }
        else if (!MayChangePractice && !(OwnSections.Contains(handler) && Tenant.May(Deed.ChangeAgreement, Chosen.Professional.Id)))
        {
            context.Result = RoleRefusal.Forbidden(Tenant.Viewer.Role == Porter.Application.Access.PersonRole.Assistant
                ? "an assistant reads and drafts, and changes no settings"
                : "the organisation's settings (policy, booking, templates, the whole file) are the owner's");
        }

        context.HttpContext.Response.Headers.ContentSecurityPolicy = SecurityHeaders.SettingsContentSecurityPolicy;
    }

    /// <summary>The templates rendered for the live preview, as JSON (or the problem with them).</summary>
    public IActionResult OnPostPreviewJson(string? hold, string? reminder)
    {
        var templates = new ReplyTemplates(hold ?? "", reminder ?? "");
        if ((ReplyRenderer.Check(templates.Hold) ?? ReplyRenderer.Check(templates.Reminder)) is { } problem)
        {
            return new JsonResult(new { problem });
        }

        RenderedReply rendered = RenderPreview(templates);
        return new JsonResult(new { subject = rendered.Subject, body = rendered.Body });
    }

    /// <summary>Shows the settings.</summary>
    public async Task<IActionResult> OnGetAsync(string? saved, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        Saved = saved;
        return Page();
    }

    /// <summary>porter.json, to download.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        return File(System.Text.Encoding.UTF8.GetBytes(await state.ReadFileAsync(cancellationToken).ConfigureAwait(false)), "application/json", "porter.json");
    }

    /// <summary>The weekly hours: one line per day, such as "09:00-12:30, 13:30-17:30"; empty for a day off.</summary>
    public Task<IActionResult> OnPostWeeklyAsync(CancellationToken cancellationToken) =>
        EditAsync(root =>
        {
            JsonObject weekly = new();
            foreach (string day in Days)
            {
                JsonArray ranges = ConfigEdits.Ranges(Request.Form[day]);
                if (ranges.Count > 0)
                {
                    weekly[day] = ranges;
                }
            }

            ConfigEdits.Section(Duty(root), "availability")["weekly"] = weekly;
            return "Weekly hours saved.";
        }, cancellationToken);

    /// <summary>Adds a holiday.</summary>
    public Task<IActionResult> OnPostAddHolidayAsync(string? date, string? name, CancellationToken cancellationToken) =>
        EditAsync(root =>
        {
            var holiday = new JsonObject { ["date"] = date?.Trim() };
            if (!string.IsNullOrWhiteSpace(name))
            {
                holiday["name"] = name.Trim();
            }

            ConfigEdits.List(ConfigEdits.Section(Duty(root), "availability"), "holidays").Add(holiday);
            return $"Holiday {date} added.";
        }, cancellationToken);

    /// <summary>Adds a date override: other hours on one date, or closed.</summary>
    public Task<IActionResult> OnPostAddOverrideAsync(string? date, string? hours, bool closed, string? note, CancellationToken cancellationToken) =>
        EditAsync(root =>
        {
            var entry = new JsonObject { ["date"] = date?.Trim() };
            if (closed)
            {
                entry["closed"] = true;
            }
            else
            {
                entry["hours"] = ConfigEdits.Ranges(hours);
            }

            if (!string.IsNullOrWhiteSpace(note))
            {
                entry["note"] = note.Trim();
            }

            ConfigEdits.List(ConfigEdits.Section(Duty(root), "availability"), "overrides").Add(entry);
            return $"Override for {date} added.";
        }, cancellationToken);

    /// <summary>Adds a vacation.</summary>
    public Task<IActionResult> OnPostAddVacationAsync(string? from, string? to, string? note, CancellationToken cancellationToken) =>
        EditAsync(root =>
        {
            var entry = new JsonObject { ["from"] = from?.Trim(), ["to"] = to?.Trim() };
            if (!string.IsNullOrWhiteSpace(note))
            {
                entry["note"] = note.Trim();
            }

            ConfigEdits.List(ConfigEdits.Section(Duty(root), "availability"), "vacations").Add(entry);
            return $"Vacation {from} to {to} added.";
        }, cancellationToken);

    /// <summary>Adds a one-off break on a date (a dentist's appointment).</summary>
    public Task<IActionResult> OnPostAddBreakAsync(string? date, string? hours, string? note, CancellationToken cancellationToken) =>
        EditAsync(root =>
        {
            var entry = new JsonObject { ["date"] = date?.Trim(), ["hours"] = ConfigEdits.Ranges(hours) };
            if (!string.IsNullOrWhiteSpace(note))
            {
                entry["note"] = note.Trim();
            }

            ConfigEdits.List(ConfigEdits.Section(Duty(root), "availability"), "breaks").Add(entry);
            return $"Break on {date} added.";
        }, cancellationToken);

    /// <summary>Who is on call for real emergencies outside hours (empty name: nobody).</summary>
    public Task<IActionResult> OnPostOnCallAsync(
        string? name, string? email, string? phone, string? webhook, string? people,
        string? handoverEvery, string? handoverOn, string? handoverAt, string? handoverFrom, string? acknowledgeWithin, string? pageRounds,
        CancellationToken cancellationToken) =>
        EditAsync(root =>
        {
            List<JsonObject> rotation = RotationLines(people);
            if (string.IsNullOrWhiteSpace(name) && rotation.Count == 0)
            {
                Duty(root).Remove("onCall");
                return "Nobody is on call now.";
            }

            // On-call hours, if porter.json gives them, stay as they are. The reader checks the rest when it is saved.
            JsonObject duty = Duty(root);
            JsonObject onCall = duty["onCall"] as JsonObject ?? [];
            duty["onCall"] = onCall;
            foreach (string key in OnCallPeopleKeys)
            {
                onCall.Remove(key);
            }

            if (rotation.Count > 0)
            {
                onCall["people"] = new JsonArray([.. rotation]);
                if (!string.IsNullOrWhiteSpace(handoverEvery))
                {
                    var handover = new JsonObject { ["every"] = handoverEvery.Trim(), ["on"] = handoverOn?.Trim(), ["at"] = handoverAt?.Trim() };
                    if (!string.IsNullOrWhiteSpace(handoverFrom))
                    {
                        handover["from"] = handoverFrom.Trim();
                    }

                    onCall["handover"] = handover;
                }
            }
            else
            {
                onCall["name"] = name!.Trim();
                Set(onCall, "email", email);
                Set(onCall, "phone", phone);
            }

            Set(onCall, "webhook", webhook);
            Set(onCall, "acknowledgeWithin", acknowledgeWithin);
            onCall.Remove("pageRounds");
            if (!string.IsNullOrWhiteSpace(pageRounds))
            {
                onCall["pageRounds"] = Number(pageRounds);
            }

            return rotation.Count > 0 ? $"On-call rotation saved: {rotation.Count} people." : "On-call duty saved.";
        }, cancellationToken);

    /// <summary>The keys that say who is on call (one person, or people taking turns); a save replaces them all.</summary>
    private static readonly string[] OnCallPeopleKeys = ["name", "email", "phone", "people", "handover"];

    /// <summary>The people of a rotation, one per line: "Robin Lee, robin@studio.example, +44 7700 900001" (the email and phone each optional, told apart by the @).</summary>
    private static List<JsonObject> RotationLines(string? text)
    {
        var people = new List<JsonObject>();
        foreach (string line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] parts = line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            var person = new JsonObject { ["name"] = parts[0] };
            foreach (string part in parts.Skip(1))
            {
                person[part.Contains('@', StringComparison.Ordinal) ? "email" : "phone"] = part;
            }

            people.Add(person);
        }

        return people;
    }

    /// <summary>The people of the rotation as the form shows them, one per line.</summary>
    public static string RotationText(JsonObject onCall) =>
        onCall["people"] is JsonArray people
            ? string.Join("\n", people.OfType<JsonObject>().Select(p => string.Join(", ", new[] { Field(p, "name"), Field(p, "email"), Field(p, "phone") }.Where(x => x.Length > 0))))
            : "";

    private static void Set(JsonObject target, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            target.Remove(key);
        }
        else
        {
            target[key] = value.Trim();
        }
    }

    /// <summary>The organisation's policy.</summary>
    public Task<IActionResult> OnPostPolicyAsync(string? afterHoursEmergencies, string? autoReplyWindowDays, CancellationToken cancellationToken) =>
        EditAsync(root =>
        {
            root["policy"] = new JsonObject { ["afterHoursEmergencies"] = afterHoursEmergencies, ["autoReplyWindowDays"] = Number(autoReplyWindowDays) };
            return "Policy saved.";
        }, cancellationToken);

    /// <summary>The booking page's rules.</summary>
    public Task<IActionResult> OnPostBookingAsync(CancellationToken cancellationToken) =>
        EditAsync(root =>
        {
            var booking = new JsonObject();
            foreach (string key in BookingFields)
            {
                booking[key] = Number(Request.Form[key]);
            }

            root["booking"] = booking;
            return "Booking rules saved.";
        }, cancellationToken);

    /// <summary>The booking section's fields, as porter.json names them.</summary>
    public static readonly string[] BookingFields = ["slotMinutes", "bufferMinutes", "minimumNoticeHours", "maxPerDay", "maxPerWeek", "horizonDays"];

    /// <summary>A whole number as typed, or the text itself when it is not one (the reader then names the field).</summary>
    private static JsonValue? Number(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? JsonValue.Create(n) : JsonValue.Create(text ?? "");

    /// <summary>Removes one entry of a list (holidays, overrides, vacations, breaks, holiday calendars).</summary>
    public Task<IActionResult> OnPostRemoveAsync(string? list, int index, CancellationToken cancellationToken) =>
        EditAsync(root =>
        {
            if (list is not ("holidays" or "overrides" or "vacations" or "breaks" or "holidayCalendars")
                || ConfigEdits.Section(Duty(root), "availability")[list] is not JsonArray array || index < 0 || index >= array.Count)
            {
                return null;
            }

            array.RemoveAt(index);
            return "Removed.";
        }, cancellationToken);

    /// <summary>Imports a holiday calendar (.ics): kept beside porter.json under holidays/, and listed in it.</summary>
    public async Task<IActionResult> OnPostImportHolidaysAsync(IFormFile? calendar, CancellationToken cancellationToken)
    {
        if (calendar is null || calendar.Length == 0 || calendar.Length > MaxUpload)
        {
            return await FailAsync("Choose an iCalendar (.ics) file of at most 2 MB.", cancellationToken).ConfigureAwait(false);
        }

        string text;
        using (var reader = new StreamReader(calendar.OpenReadStream()))
        {
            text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        LocalDate today = clock.GetCurrentInstant().InZone(Chosen.Calendar.Zone).Date;
        HolidayImport found;
        try
        {
            found = HolidayCalendar.Read(text, new DateInterval(today, today.PlusYears(2)));
        }
        catch (FormatException e)
        {
            return await FailAsync($"{calendar.FileName}: {e.Message}", cancellationToken).ConfigureAwait(false);
        }

        string name = SafeName().Replace(Path.GetFileNameWithoutExtension(calendar.FileName), "-").Trim('-') is { Length: > 0 } n ? n : "holidays";
        string relative = $"holidays/{name}.ics";
        await state.WriteBesideAsync(relative, text, cancellationToken).ConfigureAwait(false);
        return await EditAsync(root =>
        {
            JsonArray calendars = ConfigEdits.List(ConfigEdits.Section(Duty(root), "availability"), "holidayCalendars");
            if (!calendars.Any(c => c?["path"]?.GetValue<string>() == relative))
            {
                calendars.Add(new JsonObject { ["path"] = relative });
            }

            return $"Imported {found.Holidays.Count} holidays from {calendar.FileName}.";
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves the organisation's reply templates (or shows a preview of them).</summary>
    public async Task<IActionResult> OnPostTemplatesAsync(string? hold, string? reminder, string? preview, CancellationToken cancellationToken)
    {
        var templates = new ReplyTemplates(hold ?? "", reminder ?? "");
        if (preview is not null)
        {
            await LoadAsync(cancellationToken).ConfigureAwait(false);
            string? problem = ReplyRenderer.Check(templates.Hold) ?? ReplyRenderer.Check(templates.Reminder);
            if (problem is not null)
            {
                Problems = [$"replies: {problem}"];
                return Page();
            }

            Preview = RenderPreview(templates);
            return Page();
        }

        return await EditAsync(root =>
        {
            root["replies"] = new JsonObject { ["hold"] = hold, ["reminder"] = reminder };
            return "Reply templates saved.";
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves the whole file as typed (comments kept).</summary>
    public Task<IActionResult> OnPostFileAsync(string? json, CancellationToken cancellationToken) =>
        SaveAsync(json ?? "", "porter.json saved.", cancellationToken);

    /// <summary>Imports a porter.json file in place of the current one.</summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0 || file.Length > MaxUpload)
        {
            return await FailAsync("Choose a porter.json file of at most 2 MB.", cancellationToken).ConfigureAwait(false);
        }

        using var reader = new StreamReader(file.OpenReadStream());
        return await SaveAsync(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false), $"Imported {file.FileName}.", cancellationToken).ConfigureAwait(false);
    }

    private RenderedReply RenderPreview(ReplyTemplates templates)
    {
        Practice practice = Chosen;
        Porter.Domain.Agreements.Client? client = practice.Clients.FirstOrDefault();
        string to = client?.Contacts.FirstOrDefault()?.Emails.FirstOrDefault() ?? "client@example.com";
        Instant now = clock.GetCurrentInstant();
        Instant offered = practice.Calendar.NextOpening(now);
        var plan = new AutoReplyPlan(to, offered, offered.InZone(client?.Zone ?? practice.Calendar.Zone), client?.ChannelWithRole(ChannelRole.Urgent)?.Channel, null, null);
        var message = new IncomingMessage("email", to, [.. practice.Professional.Addresses.Take(1)], now, "A question", "Could you look at this?", []);
        return new ReplyRenderer(templates).Render(plan, message, practice.Professional, client);
    }

    private async Task<IActionResult> EditAsync(Func<JsonObject, string?> edit, CancellationToken cancellationToken)
    {
        string? done = null;
        ConfigEditResult result;
        try
        {
            result = await state.EditAsync(root => (done = edit(root)) is not null, Porter.Web.Accounts.Accounts.ActorOf(User), cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return await FailAsync($"porter.json cannot be read as JSON ({e.Message}); fix it in the file editor below.", cancellationToken).ConfigureAwait(false);
        }

        return !result.Changed ? RedirectToPage(new { professional = ProfessionalId }) : await AfterSaveAsync(result.Json, new PracticeSaved(result.Problems, result.Announced), done!, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IActionResult> SaveAsync(string json, string done, CancellationToken cancellationToken)
    {
        PracticeSaved saved = await state.SaveAsync(json, Porter.Web.Accounts.Accounts.ActorOf(User), cancellationToken).ConfigureAwait(false);
        return await AfterSaveAsync(json, saved, done, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The page again with the problems (the text as it was to be written), or, once saved, a redirect that says what was announced.</summary>
    private async Task<IActionResult> AfterSaveAsync(string json, PracticeSaved saved, string done, CancellationToken cancellationToken)
    {
        if (saved.Problems is { Count: > 0 } problems)
        {
            await LoadAsync(cancellationToken).ConfigureAwait(false);
            Problems = [.. problems.Select(p => p.ToString())];
            Text = json;
            return Page();
        }

        int announced = saved.Announced;
        return RedirectToPage(new { saved = announced > 0 ? $"{done} Emails announcing the change in working hours are queued for clients ({announced}); each one's state shows on the queue page." : done, professional = ProfessionalId });
    }

    private async Task<IActionResult> FailAsync(string problem, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        Problems = [problem];
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // The history and the whole file name every professional's clients: the owner's to read.
        History = !MayChangePractice ? [] : await Tenant.Db.Changes.AsNoTracking().OrderByDescending(c => c.Id).Take(HistoryLength)
            .Select(c => new ChangeRecord { Id = c.Id, Subject = c.Subject, At = c.At, Actor = c.Actor, Summary = c.Summary, Changes = "" })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        Text = await state.ReadFileAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Document = ConfigEdits.Read(Text);
        }
        catch (JsonException)
        {
            Document = [];
        }
    }

    /// <summary>A calendar file's name, as a safe file name.</summary>
    [GeneratedRegex("[^A-Za-z0-9_-]+")]
    private static partial Regex SafeName();

    /// <summary>An entry's field as text, for the lists.</summary>
    public static string Field(JsonNode? entry, string name) =>
        entry?[name] switch
        {
            JsonArray ranges => ConfigEdits.Text(ranges),
            JsonValue value when value.TryGetValue(out bool b) => b ? "yes" : "no",
            JsonValue value => value.ToString(),
            _ => "",
        };

    /// <summary>How a weekday's hours read in the weekly form.</summary>
    public string Weekly(string day) => ConfigEdits.Text((Availability["weekly"] as JsonObject)?[day]);

    /// <summary>Today, for the date inputs' minimum.</summary>
    public string Today => clock.GetCurrentInstant().InZone(Chosen.Calendar.Zone).Date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}
