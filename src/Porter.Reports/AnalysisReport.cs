using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Porter.Application.Analysis;
using Porter.Domain.Decisions;

namespace Porter.Reports;

/// <summary>Writes the result of <c>porter analyze</c>: a JSON summary, CSV files, and an HTML page with charts.</summary>
public sealed class AnalysisReport(MailboxAnalysis analysis, string mailbox, double seconds, long bytes)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string[] SignalColumns = [.. Porter.Domain.Decisions.SignalNames.All.Select(s => s.Name())];

    /// <summary>The summary as JSON: messages, malformed, afterHours, autoReplies, decisions per kind, and per client.</summary>
    public string ToJson()
    {
        var summary = Summary(analysis.Overall);
        summary["mailbox"] = mailbox;
        summary["malformed"] = analysis.MalformedCount;
        summary["seconds"] = Math.Round(seconds, 3);
        summary["megabytesPerSecond"] = seconds > 0 ? Math.Round(bytes / 1e6 / seconds, 1) : 0;
        summary["clients"] = analysis.Groups.Select(g =>
        {
            var client = Summary(analysis.ByClient[g]);
            client["id"] = g;
            client["name"] = analysis.NameOf(g);
            return client;
        }).ToList();
        summary["malformedMessages"] = analysis.Malformed.Select(m => new Dictionary<string, string> { ["source"] = m.Source, ["reason"] = m.Reason }).ToList();
        return JsonSerializer.Serialize(summary, JsonOptions);
    }

    /// <summary>Writes index.html, summary.csv, heatmap.csv and malformed.csv into <paramref name="directory"/>.</summary>
    /// <returns>The path of index.html.</returns>
    public string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "summary.csv"), SummaryCsv(), Encoding.UTF8);
        File.WriteAllText(Path.Combine(directory, "heatmap.csv"), HeatmapCsv(), Encoding.UTF8);
        File.WriteAllText(Path.Combine(directory, "malformed.csv"), MalformedCsv(), Encoding.UTF8);
        string html = Path.Combine(directory, "index.html");
        File.WriteAllText(html, Html(), Encoding.UTF8);
        return html;
    }

    private static Dictionary<string, object> Summary(AnalysisTally t) => new()
    {
        ["messages"] = t.Messages,
        ["afterHours"] = t.AfterHours,
        ["afterHoursShare"] = Math.Round(t.AfterHoursShare, 4),
        ["autoReplies"] = t.AutoReplies,
        ["decisions"] = new Dictionary<string, long>
        {
            ["deliver"] = t.Count(DecisionKind.Deliver),
            ["hold"] = t.Count(DecisionKind.Hold),
            ["escalate"] = t.Count(DecisionKind.Escalate),
            ["neverAnswer"] = t.Count(DecisionKind.NeverAnswer),
        },
        ["reminded"] = t.Reminded,
        ["interruptionsSaved"] = t.InterruptionsSaved,
        ["ownAfterHoursReplies"] = t.OwnAfterHoursReplies,
        ["signals"] = SignalColumns.Select((name, i) => (name, t.Signals[i])).ToDictionary(p => p.name, p => p.Item2),
    };

    private string SummaryCsv()
    {
        var csv = new StringBuilder();
        csv.AppendLine("group,name,messages,after_hours,after_hours_share,deliver,hold,escalate,never_answer,reminded,auto_replies,interruptions_saved,own_after_hours_replies," + string.Join(',', SignalColumns.Select(s => "signal_" + s)));
        void Row(string group, string name, AnalysisTally t) => csv.AppendLine(string.Join(',',
            [Csv(group), Csv(name), .. new[] { t.Messages, t.AfterHours }.Select(Number), t.AfterHoursShare.ToString("0.####", CultureInfo.InvariantCulture),
             .. t.Decisions.Select(Number), Number(t.Reminded), Number(t.AutoReplies), Number(t.InterruptionsSaved), Number(t.OwnAfterHoursReplies), .. t.Signals.Select(Number)]));
        Row("(all)", "All messages", analysis.Overall);
        foreach (string group in analysis.Groups)
        {
            Row(group, analysis.NameOf(group), analysis.ByClient[group]);
        }

        return csv.ToString();
    }

    private string HeatmapCsv()
    {
        var csv = new StringBuilder("group,weekday,hour,messages\n");
        string[] days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        foreach ((string group, AnalysisTally t) in new[] { ("(all)", analysis.Overall) }.Concat(analysis.Groups.Select(g => (g, analysis.ByClient[g]))))
        {
            for (int d = 0; d < 7; d++)
            {
                for (int h = 0; h < 24; h++)
                {
                    csv.Append(Csv(group)).Append(',').Append(days[d]).Append(',').Append(h.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Number(t.Heatmap[d, h])).Append('\n');
                }
            }
        }

        return csv.ToString();
    }

    private string MalformedCsv()
    {
        var csv = new StringBuilder("source,reason\n");
        foreach (MalformedMessage m in analysis.Malformed)
        {
            csv.Append(Csv(m.Source)).Append(',').Append(Csv(m.Reason)).Append('\n');
        }

        return csv.ToString();
    }

    private string Html()
    {
        AnalysisTally all = analysis.Overall;
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Porter analysis</title>")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}")
            .Append("table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right}")
            .Append("th:first-child,td:first-child{text-align:left}figure{margin:1em 0}svg{max-width:100%;height:auto}svg image{image-rendering:pixelated}")
            .Append(".scroll{overflow-x:auto}</style></head><body>");
        html.Append("<h1>What Porter would have done</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Mailbox <code>{E(mailbox)}</code>: {all.Messages:N0} messages analysed, {analysis.MalformedCount:N0} malformed, ")
            .Append(CultureInfo.InvariantCulture, $"{all.AfterHoursShare:P1} arrived outside working hours ({analysis.Practice.Calendar.Zone.Id}).</p>");
        html.Append("<h2>Per client</h2><div class=\"scroll\"><table><tr><th>Client</th><th>Messages</th><th>After hours</th><th>Delivered</th><th>Held</th><th>Escalated</th><th>Never answered</th><th>Reminded</th><th>Automatic replies</th><th>Interruptions saved</th><th>Own after-hours replies</th></tr>");
        foreach ((string name, AnalysisTally t) in new[] { ("All messages", all) }.Concat(analysis.Groups.Select(g => (analysis.NameOf(g), analysis.ByClient[g]))))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(name)}</td><td>{t.Messages:N0}</td><td>{t.AfterHours:N0} ({t.AfterHoursShare:P0})</td><td>{t.Count(DecisionKind.Deliver):N0}</td><td>{t.Count(DecisionKind.Hold):N0}</td><td>{t.Count(DecisionKind.Escalate):N0}</td><td>{t.Count(DecisionKind.NeverAnswer):N0}</td><td>{t.Reminded:N0}</td><td>{t.AutoReplies:N0}</td><td>{t.InterruptionsSaved:N0}</td><td>{t.OwnAfterHoursReplies:N0}</td></tr>");
        }

        html.Append("</table></div>");
        html.Append("<figure>").Append(Charts.Heatmap(all.Heatmap, "When messages arrive")).Append("<figcaption>Arrivals by weekday and hour, in the professional's time zone.</figcaption></figure>");
        html.Append("<figure>").Append(Charts.Bars(
            [("delivered", all.Count(DecisionKind.Deliver)), ("held", all.Count(DecisionKind.Hold)), ("escalated", all.Count(DecisionKind.Escalate)), ("never answered", all.Count(DecisionKind.NeverAnswer)), ("reminded", all.Reminded), ("auto-replies", all.AutoReplies)],
            "Decisions", "messages")).Append("</figure>");
        if (analysis.Groups.Length > 1)
        {
            html.Append("<figure>").Append(Charts.Bars([.. analysis.Groups.Select(g => (analysis.NameOf(g), 100 * analysis.ByClient[g].AfterHoursShare))], "After-hours share per client", "% of messages")).Append("</figure>");
        }

        html.Append("<h2>Signals</h2><table><tr><th>Signal</th><th>Messages</th></tr>");
        for (int i = 0; i < SignalColumns.Length; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{SignalColumns[i]}</td><td>{all.Signals[i]:N0}</td></tr>");
        }

        html.Append("</table>");
        if (analysis.MalformedCount > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Malformed messages ({analysis.MalformedCount:N0})</h2><table><tr><th>Where</th><th>Why</th></tr>");
            foreach (MalformedMessage m in analysis.Malformed)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(m.Source)}</td><td style=\"text-align:left\">{E(m.Reason)}</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<p>Files: <a href=\"summary.csv\">summary.csv</a>, <a href=\"heatmap.csv\">heatmap.csv</a>, <a href=\"malformed.csv\">malformed.csv</a>.</p></body></html>");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
