using System.Globalization;
using System.Net;
using System.Text;
using Porter.Domain.Decisions;
using Porter.Domain.Reviews;
using Porter.Domain.Scheduling;
using ScottPlot;

namespace Porter.Reports;

/// <summary>A review's chart: its name (in addresses and mail), what it shows, and the words for those who cannot see it.</summary>
/// <param name="Name">Its name: <c>after-hours</c>, <c>promises</c>, <c>signals</c>, <c>load</c>, <c>arrivals</c>.</param>
/// <param name="Caption">What it shows.</param>
/// <param name="Alt">Its text alternative.</param>
public sealed record ReviewChart(string Name, string Caption, string Alt);

/// <summary>
/// A review as people read it: its charts (SVG on the page, PNG in mail), and the mail's text and HTML with the
/// figures per client and the suggested changes.
/// </summary>
public static class ReviewReport
{
    /// <summary>The boundary signals a review counts per client (after hours has its own chart; news is welcome).</summary>
    public static readonly IReadOnlyList<SignalKind> BoundarySignals =
        [SignalKind.WrongChannel, SignalKind.PersonalInfoRequest, SignalKind.PersonalSocialContact, SignalKind.OutOfScope, SignalKind.PlanChange];

    /// <summary>Every review's charts, in the order shown.</summary>
    public static readonly IReadOnlyList<ReviewChart> ChartsShown =
    [
        new("after-hours", "After-hours share: of each client's messages, how many arrived outside your hours.", "Bar chart: share of each client's messages that arrived outside working hours"),
        new("promises", "Promises kept: answered within the promised response time (only messages answered, or past their deadline, count).", "Bar chart: share of each client's messages answered within the promise"),
        new("signals", "Boundary signals per client, by kind.", "Stacked bar chart: boundary signals per client by kind"),
        new("load", "Load in working time (time logged on messages, and meetings) against the time the agreement includes.", "Bar chart: each client's load in working hours beside the hours included"),
        new("arrivals", "When messages arrived, by weekday and hour in your time zone.", "Heatmap of arrivals by weekday and hour"),
    ];

    /// <summary>The chart named <paramref name="name"/> of <paramref name="review"/>, or null for an unknown name.</summary>
    public static byte[]? Chart(Review review, string name, ChartFormat format)
    {
        ArgumentNullException.ThrowIfNull(review);
        var clients = review.Clients.Where(c => c.ClientId is not null || c.Messages > 0).ToList();
        List<string> names = [.. clients.Select(c => c.Name)];
        using Plot? plot = name switch
        {
            "after-hours" => Charts.BarsPlot([.. clients.Select(c => (c.Name, 100 * c.AfterHoursShare))], $"Messages outside your hours, {review.Period}", "% of their messages"),
            "promises" => Charts.BarsPlot(
                [.. clients.Where(c => c.Settled > 0).Select(c => (c.Name, 100.0 * c.OnTime / c.Settled))], $"Answered within the promise, {review.Period}", "% on time"),
            "signals" => Charts.StackedPlot(
                names,
                [.. BoundarySignals.Select((s, i) => (Words(s), Palette[i], (IReadOnlyList<double>)[.. clients.Select(c => (double)c.Count(s))]))],
                $"Boundary signals, {review.Period}",
                "messages"),
            "load" => Charts.GroupedPlot(
                names,
                [
                    ("load", Colors.SteelBlue, [.. clients.Select(c => c.Load.TotalHours)]),
                    ("included", Colors.Gray, [.. clients.Select(c => c.Allowance?.TotalHours ?? 0)]),
                ],
                $"Load in working hours, {review.Period}",
                "hours"),
            "arrivals" => Charts.HeatmapPlot(review.Arrivals, $"When messages arrived, {review.Period}"),
            _ => null,
        };
        return plot is null ? null : Charts.Render(plot, format);
    }

    /// <summary>The review as plain text (the mail's text part), ending with the link to the page.</summary>
    public static string Text(Review review, string professional, string link)
    {
        ArgumentNullException.ThrowIfNull(review);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Hello {professional},\n\nYour review of {review.Period.Kind.Title().ToLowerInvariant()}: {review.Period}.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{Summary(review)}\n\nPer client:\n");
        foreach (ClientFigures client in review.Clients)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {client.Name}: {Line(client)}\n");
        }

        text.Append("\nSuggested changes to the agreements:\n");
        if (review.Suggestions.IsEmpty)
        {
            text.Append("- None: the agreements held this period.\n");
        }

        foreach (Suggestion suggestion in review.Suggestions)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {suggestion.Text}\n  Because: {suggestion.Because}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\nThe review with its charts: {link}\n");
        return text.ToString();
    }

    /// <summary>The review as HTML for mail: the text's content with the charts, each an image of content id <c>NAME@porter</c>.</summary>
    public static string Html(Review review, string professional, string link)
    {
        ArgumentNullException.ThrowIfNull(review);
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif;max-width:900px\">");
        html.Append(CultureInfo.InvariantCulture, $"<p>Hello {E(professional)},</p><h1 style=\"font-size:1.3em\">{E(review.Period.Kind.Title())}: {E(review.Period.ToString())}</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(Summary(review))}</p><h2 style=\"font-size:1.1em\">Suggested changes to the agreements</h2><ul>");
        if (review.Suggestions.IsEmpty)
        {
            html.Append("<li>None: the agreements held this period.</li>");
        }

        foreach (Suggestion suggestion in review.Suggestions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(suggestion.Text)}<br><small>Because: {E(suggestion.Because)}</small></li>");
        }

        html.Append("</ul><h2 style=\"font-size:1.1em\">Per client</h2><ul>");
        foreach (ClientFigures client in review.Clients)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><strong>{E(client.Name)}</strong>: {E(Line(client))}</li>");
        }

        html.Append("</ul>");
        foreach (ReviewChart chart in ChartsShown)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><img src=\"cid:{chart.Name}@porter\" alt=\"{E(chart.Alt)}\" width=\"{Charts.Width}\" style=\"max-width:100%;height:auto\"><br><small>{E(chart.Caption)}</small></p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(link)}\">The review in Porter</a></p></body></html>");
        return html.ToString();
    }

    /// <summary>"14 messages, 5 outside your hours (36 %); 9 of 11 answered within the promise."</summary>
    public static string Summary(Review review)
    {
        ArgumentNullException.ThrowIfNull(review);
        int settled = review.Clients.Sum(c => c.Settled), onTime = review.Clients.Sum(c => c.OnTime);
        string afterHours = review.Messages == 0 ? "" : $" ({Percent((double)review.AfterHours / review.Messages)})";
        string promises = settled == 0 ? "no promise was settled yet" : $"{onTime} of {settled} answered within the promise";
        return $"{review.Messages} messages, {review.AfterHours} outside your hours{afterHours}; {promises}.";
    }

    /// <summary>One client's figures in a line.</summary>
    public static string Line(ClientFigures client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var parts = new List<string> { $"{client.Messages} messages, {client.AfterHours} after hours ({Percent(client.AfterHoursShare)})" };
        parts.Add(client.Settled == 0 ? "no promise settled" : $"promises kept {client.OnTime} of {client.Settled}");
        var signals = BoundarySignals.Where(s => client.Count(s) > 0).Select(s => $"{Words(s)} {client.Count(s)}").ToList();
        parts.Add(signals.Count == 0 ? "no boundary signals" : string.Join(", ", signals));
        parts.Add(client.Allowance is { } allowance ? $"load {Spans.Of(client.Load)} of {Spans.Of(allowance)} included" : $"load {Spans.Of(client.Load)}");
        if (client.OverlapPerDay is { } overlap)
        {
            parts.Add($"hours overlap {Spans.Of(overlap)} a working day");
        }

        return string.Join("; ", parts);
    }

    /// <summary>A signal in words: "wrong channel".</summary>
    public static string Words(SignalKind signal) => signal.Name().Replace('_', ' ').Replace(" request", "", StringComparison.Ordinal);

    private static readonly Color[] Palette = [Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.Crimson, Colors.SlateGray];

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + " %";
}
