using System.CommandLine;
using System.Diagnostics;
using Porter.Application.Analysis;
using Porter.Cli.Hours;
using Porter.Cli.Output;
using Porter.Domain.Decisions;
using Porter.Mail;
using Porter.Reports;
using Spectre.Console;

namespace Porter.Cli.Messages;

/// <summary><c>porter analyze</c>: what Porter would have done with every message of a real mailbox.</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        Option<string> config = HoursOptions.Config();
        var mailbox = new Argument<string>("MAILBOX")
        {
            Description = "An mbox or mboxrd file, a Maildir, a folder of .eml files or one .eml file; .gz files are read directly.",
        };
        var report = new Option<string?>("--report")
        {
            Description = "Also write an HTML report with charts, and CSV files, into this folder.",
            HelpName = "DIR",
        };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON (messages, malformed, afterHours, autoReplies, decisions, clients…)." };
        var command = new Command("analyze", "Decide every message of a mailbox as if it arrived then, and report what Porter would have done.")
        {
            config, mailbox, report, json,
        };
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(Run(parseResult, config, mailbox, report, json, cancellationToken)));
        return command;
    }

    private static int Run(ParseResult parseResult, Option<string> config, Argument<string> mailbox, Option<string?> report, Option<bool> json, CancellationToken cancellationToken)
    {
        TextWriter error = parseResult.InvocationConfiguration.Error;
        if (HoursOptions.Load(parseResult, config) is not { } loaded || !SimulateCommand.CheckPractice(loaded, error))
        {
            return 2;
        }

        string path = parseResult.GetValue(mailbox)!;
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            error.WriteLine($"porter: no mailbox at {path}");
            return 2;
        }

        var analysis = new MailboxAnalysis(loaded.ToPractice());
        IAnsiConsole console = Terminal.For(parseResult);
        bool progress = !parseResult.GetValue(json) && console.Profile.Capabilities.Interactive;
        long bytes = 0;
        long start = Stopwatch.GetTimestamp();

        void ReadAll(Action<long>? tick)
        {
            foreach (MailboxItem item in Mailbox.Read(path, cancellationToken))
            {
                bytes += item.Bytes;
                MailboxAnalyzer.Analyze(analysis, item);
                tick?.Invoke(item.Index);
            }
        }

        if (progress)
        {
            console.Progress().Columns(new SpinnerColumn(), new TaskDescriptionColumn(), new ElapsedTimeColumn()).Start(ctx =>
            {
                ProgressTask task = ctx.AddTask("Reading messages").IsIndeterminate();
                ReadAll(n =>
                {
                    if (n % 200 == 0)
                    {
                        task.Description = $"Read {n:N0} messages";
                    }
                });
                task.StopTask();
            });
        }
        else
        {
            ReadAll(null);
        }

        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var result = new AnalysisReport(analysis, path, seconds, bytes);
        string? html = parseResult.GetValue(report) is { } dir ? result.Write(dir) : null;
        if (parseResult.GetValue(json))
        {
            parseResult.InvocationConfiguration.Output.WriteLine(result.ToJson());
        }
        else
        {
            Print(console, analysis, seconds, bytes, html);
        }

        return 0;
    }

    private static void Print(IAnsiConsole console, MailboxAnalysis analysis, double seconds, long bytes, string? html)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Client", "Messages", "After hours", "Delivered", "Held", "Escalated", "Never answered", "Reminded", "Auto-replies", "Interruptions saved");
        foreach ((string name, AnalysisTally t) in new[] { ("All messages", analysis.Overall) }.Concat(analysis.Groups.Select(g => (analysis.NameOf(g), analysis.ByClient[g]))))
        {
            table.AddRow(Markup.Escape(name), $"{t.Messages:N0}", $"{t.AfterHours:N0} ({t.AfterHoursShare:P0})", $"{t.Count(DecisionKind.Deliver):N0}", $"{t.Count(DecisionKind.Hold):N0}",
                $"{t.Count(DecisionKind.Escalate):N0}", $"{t.Count(DecisionKind.NeverAnswer):N0}", $"{t.Reminded:N0}", $"{t.AutoReplies:N0}", $"{t.InterruptionsSaved:N0}");
        }

        console.Write(table);
        console.MarkupLine($"Malformed: {analysis.MalformedCount:N0}. Your own after-hours replies: {analysis.Overall.OwnAfterHoursReplies:N0}. Read {bytes / 1e6:N1} MB in {seconds:N1} s.");
        foreach (MalformedMessage m in analysis.Malformed.Take(10))
        {
            console.MarkupLine($"  [grey]{Markup.Escape(m.Source)}: {Markup.Escape(m.Reason)}[/]");
        }

        if (html is not null)
        {
            console.MarkupLine($"Report: {Markup.Escape(html)}");
        }
    }
}
