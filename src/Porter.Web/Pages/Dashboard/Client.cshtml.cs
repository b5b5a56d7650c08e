using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Porter.Configuration;
using Porter.Web.Actions;
using Porter.Web.Dashboard;
using Porter.Application.Changes;

namespace Porter.Web.Pages.Dashboard;

/// <summary>
/// A client and the agreement with them, edited in the browser: name, zone, locale, their own hours, wishes,
/// contacts, channels with their roles and promises, check-ins, feedback, milestones, scope, their own reply
/// templates. Saved into porter.json's <c>clients</c> like every setting (checked, written, live at once); what the
/// form does not show (a client's own signal phrases) is kept as it was.
/// </summary>
public sealed class ClientModel(TenantData tenant, PracticeState state) : PracticePageModel(tenant)
{
    /// <summary>How many empty rows each list offers for additions.</summary>
    public const int SpareRows = 2;

    /// <summary>The roles a channel can have, as porter.json spells them.</summary>
    public static readonly string[] Roles = ["general", "urgent", "fyi", "not-used"];

    /// <summary>The client's entry in porter.json (empty for a new client).</summary>
    public JsonObject Entry { get; private set; } = [];

    /// <summary>Whether this is a new client.</summary>
    public bool IsNew { get; private set; }

    /// <summary>Why nothing was saved.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Whether the person may change this agreement (an assistant reads it only).</summary>
    public bool MayChange { get; private set; }

    /// <summary>
    /// Checks the organisation (the base class), then the role: a client of a professional the person does not see is
    /// missing (404); an assistant, or a professional trying another's client, is refused any change (403).
    /// </summary>
    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        base.OnPageHandlerExecuting(context);
        if (context.Result is not null)
        {
            return;
        }

        string? clientId = context.HandlerArguments.TryGetValue("clientId", out object? value) ? value as string : null;
        Porter.Domain.Agreements.Client? client = clientId is null ? null : state.Current.Clients.FirstOrDefault(c => c.Id == clientId);
        string whose = client?.ProfessionalId ?? Tenant.Practice?.Professional.Id ?? "";
        if (client is not null && !Tenant.Viewer.Sees(whose))
        {
            context.Result = NotFound();
            return;
        }

        MayChange = Tenant.May(Porter.Application.Access.Deed.ChangeAgreement, whose);
        if (!MayChange && (clientId is null || !HttpMethods.IsGet(context.HttpContext.Request.Method)))
        {
            context.Result = RoleRefusal.Forbidden("an assistant reads agreements and does not change them");
        }
    }

    /// <summary>The form, for a new client or an existing one.</summary>
    public async Task<IActionResult> OnGetAsync(string? clientId, CancellationToken cancellationToken)
    {
        JsonObject root = ConfigEdits.Read(await state.ReadFileAsync(cancellationToken).ConfigureAwait(false));
        if (clientId is null)
        {
            IsNew = true;
            return Page();
        }

        if (Find(root, clientId) is not { } entry)
        {
            return NotFound();
        }

        Entry = entry;
        return Page();
    }

    /// <summary>Saves the client (a new one is added at the end).</summary>
    public async Task<IActionResult> OnPostAsync(string? clientId, CancellationToken cancellationToken)
    {
        if (clientId is not null && Find(ConfigEdits.Read(await state.ReadFileAsync(cancellationToken).ConfigureAwait(false)), clientId) is null)
        {
            return NotFound();
        }

        JsonObject entry = [];
        ConfigEditResult result = await state.EditAsync(root =>
        {
            JsonArray clients = ConfigEdits.List(root, "clients");
            JsonObject? existing = clientId is null ? null : Find(root, clientId);
            entry = existing is null ? [] : (JsonObject)existing.DeepClone();
            Fill(entry, clientId);
            if (existing is null)
            {
                // A professional's new client is theirs (with several professionals; an owner's goes to the first).
                if (root["professionals"] is JsonArray && !Tenant.Viewer.SeesAll && Tenant.Practice is { } own)
                {
                    entry["professional"] = own.Professional.Id;
                }

                clients.Add(entry);
            }
            else
            {
                clients[clients.IndexOf(existing)] = entry;
            }

            return true;
        }, Porter.Web.Accounts.Accounts.ActorOf(User), cancellationToken).ConfigureAwait(false);
        if (result.Problems.Count > 0)
        {
            Entry = entry;
            IsNew = clientId is null;
            Problems = [.. result.Problems.Select(p => p.ToString())];
            return Page();
        }

        return RedirectToPage("/Dashboard/Clients", new { saved = $"{entry["name"]} saved." });
    }

    /// <summary>Removes the client from porter.json.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string clientId, CancellationToken cancellationToken)
    {
        JsonObject? entry = null;
        ConfigEditResult result = await state.EditAsync(root =>
        {
            entry = Find(root, clientId);
            return entry is not null && ConfigEdits.List(root, "clients").Remove(entry);
        }, Porter.Web.Accounts.Accounts.ActorOf(User), cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            return NotFound();
        }

        if (result.Problems.Count > 0)
        {
            Entry = entry;
            Problems = [.. result.Problems.Select(p => p.ToString())];
            return Page();
        }

        return RedirectToPage("/Dashboard/Clients", new { saved = $"{entry["name"]} removed." });
    }

    /// <summary>A field of the entry as text.</summary>
    public string Text(string name) => Value(Entry[name]);

    /// <summary>A list of strings under the entry (as one per line).</summary>
    public static string Lines(JsonNode? node) => node is JsonArray array ? string.Join("\n", array.Select(Value)) : "";

    /// <summary>The rows of a list under the entry, with spare empty rows.</summary>
    public IReadOnlyList<JsonObject> Rows(string name) =>
        [.. (Entry[name] as JsonArray ?? []).OfType<JsonObject>(), .. Enumerable.Range(0, SpareRows).Select(_ => new JsonObject())];

    /// <summary>A JSON value as text: strings as they are, lists comma-separated.</summary>
    public static string Value(JsonNode? node) =>
        node switch
        {
            null => "",
            JsonArray array => string.Join(", ", array.Select(Value)),
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            _ => node.ToJsonString(),
        };

    private static JsonObject? Find(JsonObject root, string clientId) =>
        (root["clients"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => Value(c["id"]) == clientId);

    /// <summary>Writes the form into the entry; empty optional fields are left out.</summary>
    private void Fill(JsonObject entry, string? clientId)
    {
        IFormCollection form = Request.Form;
        void Set(string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                entry.Remove(name);
            }
            else
            {
                entry[name] = value.Trim();
            }
        }

        JsonArray List(string? text, params char[] separators) =>
            [.. (text ?? "").Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => (JsonNode?)JsonValue.Create(s))];

        Set("id", clientId ?? form["id"]);
        Set("name", form["name"]);
        Set("timeZone", form["timeZone"]);
        Set("locale", form["locale"]);
        Set("wishes", form["wishes"]);
        Set("checkIns", form["checkIns"]);
        Set("feedback", form["feedback"]);

        var hours = new JsonObject();
        foreach (string day in SettingsModel.Days)
        {
            JsonArray ranges = ConfigEdits.Ranges(form[$"hours-{day}"]);
            if (ranges.Count > 0)
            {
                hours[day] = ranges;
            }
        }

        if (hours.Count > 0)
        {
            entry["hours"] = hours;
        }
        else
        {
            entry.Remove("hours");
        }

        var contacts = new JsonArray();
        var channels = new JsonArray();
        var milestones = new JsonArray();
        for (int i = 0; i < 100; i++)
        {
            if (!string.IsNullOrWhiteSpace(form[$"contact-{i}-name"]))
            {
                var contact = new JsonObject { ["name"] = form[$"contact-{i}-name"].ToString().Trim() };
                foreach ((string key, string field) in new[] { ("emails", "emails"), ("phones", "phones"), ("chat", "chat") })
                {
                    JsonArray values = List(form[$"contact-{i}-{field}"], ',');
                    if (values.Count > 0)
                    {
                        contact[key] = values;
                    }
                }

                contacts.Add(contact);
            }

            if (!string.IsNullOrWhiteSpace(form[$"channel-{i}-channel"]))
            {
                var channel = new JsonObject { ["channel"] = form[$"channel-{i}-channel"].ToString().Trim(), ["role"] = form[$"channel-{i}-role"].ToString() };
                if (!string.IsNullOrWhiteSpace(form[$"channel-{i}-promise"]))
                {
                    channel["promise"] = form[$"channel-{i}-promise"].ToString().Trim();
                }

                channels.Add(channel);
            }

            if (!string.IsNullOrWhiteSpace(form[$"milestone-{i}-name"]))
            {
                milestones.Add(new JsonObject
                {
                    ["name"] = form[$"milestone-{i}-name"].ToString().Trim(),
                    ["due"] = form[$"milestone-{i}-due"].ToString().Trim(),
                    ["status"] = string.IsNullOrWhiteSpace(form[$"milestone-{i}-status"]) ? "planned" : form[$"milestone-{i}-status"].ToString().Trim(),
                });
            }
        }

        entry["contacts"] = contacts;
        entry["channels"] = channels;
        if (milestones.Count > 0)
        {
            entry["milestones"] = milestones;
        }
        else
        {
            entry.Remove("milestones");
        }

        entry["scope"] = new JsonObject { ["services"] = List(form["services"], '\n', '\r'), ["excluded"] = List(form["excluded"], '\n', '\r') };
        if (!string.IsNullOrWhiteSpace(form["reply-hold"]) || !string.IsNullOrWhiteSpace(form["reply-reminder"]))
        {
            var replies = new JsonObject();
            foreach ((string key, string field) in new[] { ("hold", "reply-hold"), ("reminder", "reply-reminder") })
            {
                if (!string.IsNullOrWhiteSpace(form[field]))
                {
                    replies[key] = form[field].ToString();
                }
            }

            entry["replies"] = replies;
        }
        else
        {
            entry.Remove("replies");
        }
    }
}
