using System.Globalization;
using System.Reflection;
using Scriban;
using Scriban.Runtime;
using NodaTime;
using NodaTime.Text;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;

namespace Porter.Replies;

/// <summary>An automatic reply ready to send: subject and plain-text body.</summary>
/// <param name="Subject">The subject line.</param>
/// <param name="Body">The text.</param>
public sealed record RenderedReply(string Subject, string Body);

/// <summary>The templates for automatic replies; any may be replaced (organisation-wide or per client).</summary>
/// <param name="Hold">For a held message: offers a time, and may remind of the channel and name the urgent one.</param>
/// <param name="Reminder">For a message delivered in hours on the wrong channel: a gentle reminder.</param>
/// <param name="Language">The language the templates are written in (two letters); dates follow the client's locale when it is in this language.</param>
public sealed record ReplyTemplates(string Hold, string Reminder, string Language = "en")
{
    /// <summary>Porter's warm, professional defaults (Templates/*.liquid).</summary>
    public static ReplyTemplates Default { get; } = new(Resource("hold.liquid"), Resource("reminder.liquid"));

    private static string Resource(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"missing template resource {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>
/// Renders automatic replies from Liquid templates (Scriban's Liquid parser; docs/replies.md says why not Fluid). Dates and times are written in the client's zone and
/// locale ("Wednesday 25 November 2026 at 04:00" for en-GB, "Mittwoch, 25. November 2026" for de-DE).
/// </summary>
public sealed class ReplyRenderer
{
    private readonly Template hold;
    private readonly Template reminder;
    private readonly string language;

    /// <summary>Prepares the templates.</summary>
    /// <exception cref="FormatException">A template is not valid Liquid; the message says where.</exception>
    public ReplyRenderer(ReplyTemplates templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        hold = Parse(templates.Hold, "hold");
        language = templates.Language;
        reminder = Parse(templates.Reminder, "reminder");
    }

    /// <summary>Checks a template, returning the problem or null.</summary>
    public static string? Check(string template)
    {
        Template parsed = Template.ParseLiquid(template);
        return parsed.HasErrors ? string.Join("; ", parsed.Messages) : null;
    }

    /// <summary>Renders the reply for a decision's automatic-reply plan.</summary>
    public RenderedReply Render(AutoReplyPlan plan, IncomingMessage message, Professional professional, Client? client)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(professional);
        CultureInfo culture = Culture(client?.Locale, language);
        var values = new ScriptObject();
        values.Add("first_name", FirstName(message, client));
        values.Add("client", client?.Name ?? "");
        values.Add("professional", professional.Name);
        values.Add("subject", message.Subject);
        if (plan.OfferedTimeInClientZone is { } offer)
        {
            values.Add("offer_day", LocalDatePattern.Create("dddd", culture).Format(offer.Date));
            values.Add("offer_date", LocalDatePattern.Create("D", culture).Format(offer.Date));
            // ICU writes "4:00\u202FAM"; a plain space reads the same and survives every mail client.
            values.Add("offer_time", LocalTimePattern.Create("t", culture).Format(offer.TimeOfDay).Replace('\u202F', ' '));
            values.Add("offer_zone", offer.Zone.Id);
        }

        // Absent values stay absent (nil), so that {% if urgent_channel %} is false: an empty string is true in Liquid.
        if (plan.UrgentChannel is { } urgent)
        {
            values.Add("urgent_channel", urgent);
            values.Add("urgent_channel_phrase", HowToUse(urgent));
        }

        if (plan.Backup is { } backup)
        {
            values.Add("backup", backup);
        }

        if (plan.ReminderChannel is { } agreed)
        {
            values.Add("reminder_channel", agreed);
            values.Add("reminder_channel_phrase", Naming(agreed));
        }
        var context = new LiquidTemplateContext { StrictVariables = false };
        context.PushGlobal(values);
        Template template = plan.OffersTime ? hold : reminder;
        string body = template.Render(context).Replace("\r\n", "\n", StringComparison.Ordinal).Trim() + "\n";
        string subject = message.Subject.Length == 0 ? "Thanks for your message"
            : message.Subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? message.Subject : "Re: " + message.Subject;
        return new RenderedReply(subject, CollapseBlankLines(body));
    }

    private static Template Parse(string source, string name)
    {
        Template template = Template.ParseLiquid(source);
        return template.HasErrors ? throw new FormatException($"the {name} template: {string.Join("; ", template.Messages)}") : template;
    }

    /// <summary>The client's locale when it is in the templates' language (en-US dates for an American client); else the language's own.</summary>
    private static CultureInfo Culture(string? locale, string language)
    {
        CultureInfo fallback = CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : language);
        try
        {
            CultureInfo culture = CultureInfo.GetCultureInfo(locale ?? fallback.Name, predefinedOnly: true);
            return culture.TwoLetterISOLanguageName == language ? culture : fallback;
        }
        catch (CultureNotFoundException)
        {
            return fallback;
        }
    }

    internal static string FirstName(IncomingMessage message, Client? client)
    {
        ClientContact? contact = client?.Contacts.FirstOrDefault(c =>
            c.Emails.Contains(message.From, StringComparer.OrdinalIgnoreCase) || c.ChatHandles.Contains(message.From, StringComparer.OrdinalIgnoreCase));
        string? name = contact?.Name ?? client?.Contacts.FirstOrDefault()?.Name;
        return name is { Length: > 0 } ? name.Split(' ')[0] : "there";
    }

    /// <summary>"please … and it will reach someone": what to do on the channel.</summary>
    internal static string HowToUse(string? channel) => channel?.ToLowerInvariant() switch
    {
        null or "" => "",
        "sms" => "send me a text",
        "phone" => "call me",
        "email" => "email me",
        "chat" or "slack" => "send me a chat message",
        "whatsapp" => "send me a WhatsApp message",
        var other => $"use {other}",
    };

    /// <summary>"… works best for us": the channel as a noun.</summary>
    internal static string Naming(string? channel) => channel?.ToLowerInvariant() switch
    {
        null or "" => "",
        "sms" => "a text message",
        "phone" => "a phone call",
        "email" => "email",
        "chat" or "slack" => "chat",
        "whatsapp" => "WhatsApp",
        var other => other,
    };

    private static string CollapseBlankLines(string text)
    {
        while (text.Contains("\n\n\n", StringComparison.Ordinal))
        {
            text = text.Replace("\n\n\n", "\n\n", StringComparison.Ordinal);
        }

        return text;
    }
}
