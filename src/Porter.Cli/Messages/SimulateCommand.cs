using System.CommandLine;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Porter.Cli.Hours;
using Porter.Cli.Output;
using Porter.Application.Messages;
using Porter.Configuration;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;
using Porter.Replies;
using Spectre.Console;

namespace Porter.Cli.Messages;

/// <summary><c>porter simulate</c>: what Porter would decide for one message, and why.</summary>
internal static class SimulateCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        Option<string> config = HoursOptions.Config();
        var message = new Option<string>("--message", "-m")
        {
            Description = "The message: an .eml file, or a .json file with channel, from, to, subject, body and receivedAt.",
            Required = true,
            HelpName = "FILE",
        };
        var at = new Option<string?>("--at")
        {
            Description = "Decide as if it arrived at this instant (ISO-8601, e.g. 2026-11-24T23:10:00Z) instead of its own date.",
            HelpName = "INSTANT",
        };
        var history = new Option<string[]>("--history")
        {
            Description = "Earlier messages (.eml or .json files; give it once per file), decided first in the order they arrived, so the automatic-reply window and the thread show.",
            HelpName = "FILE",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json") { Description = "Print the decision as JSON." };
        var command = new Command("simulate", "Show what Porter would decide for one message, with its reasons.") { config, message, at, history, json };
        command.SetAction(parseResult =>
        {
            TextWriter error = parseResult.InvocationConfiguration.Error;
            if (HoursOptions.Load(parseResult, config) is not { } loaded || !CheckPractice(loaded, error))
            {
                return 2;
            }

            IncomingMessage? incoming = MessageFile.Read(parseResult.GetValue(message)!, out string? readError);
            if (incoming is null)
            {
                error.WriteLine($"porter: --message: {readError}");
                return 2;
            }

            if (parseResult.GetValue(at) is { } atText)
            {
                ParseResult<OffsetDateTime> parsed = OffsetDateTimePattern.ExtendedIso.Parse(atText);
                if (!parsed.Success)
                {
                    error.WriteLine($"porter: --at: '{atText}' is not an instant with an offset, such as 2026-11-24T23:10:00Z");
                    return 2;
                }

                incoming = incoming with { ReceivedAt = parsed.Value.ToInstant() };
            }
            else if (readError is not null || incoming.ReceivedAt == Instant.MinValue)
            {
                error.WriteLine($"porter: --message: {readError ?? "no receivedAt: give the arrival time with --at"}");
                return 2;
            }

            var earlier = new List<IncomingMessage>();
            foreach (string file in parseResult.GetValue(history) ?? [])
            {
                if (MessageFile.Read(file, out string? historyError) is not { } item || item.ReceivedAt == Instant.MinValue)
                {
                    error.WriteLine($"porter: --history {file}: {historyError ?? "no receivedAt: each earlier message needs its arrival time"}");
                    return 2;
                }

                earlier.Add(item);
            }

            // The professional it is for decides: whose client wrote, else whom it was addressed to, else the first.
            Organisation organisation = loaded.ToOrganisation();
            Practice practice = organisation.PracticeFor(incoming);
            Replayed replayed = Intake.Replay(organisation, earlier, incoming);
            Decision decision = replayed.Decided.Decision;
            RenderedReply? reply = decision.AutoReply is { } plan
                ? new ReplyRenderer(loaded.RepliesFor(decision.ClientId)).Render(plan, incoming, practice.Professional, practice.Clients.FirstOrDefault(c => c.Id == decision.ClientId))
                : null;
            if (parseResult.GetValue(json))
            {
                Dictionary<string, object?> shape = ToJson(decision, practice, reply);
                shape["history"] = new Dictionary<string, object?>
                {
                    ["earlier"] = replayed.Earlier,
                    ["lastAutoReply"] = replayed.LastAutoReply is { } lastReply ? InstantPattern.General.Format(lastReply) : null,
                    ["inReplyTo"] = replayed.Thread?.MessageId,
                };
                parseResult.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(shape, Json));
            }
            else
            {
                Explain(Terminal.For(parseResult), decision, incoming, practice, reply, replayed);
            }

            return 0;
        });
        return command;
    }

    /// <summary>Decisions on email need the professional's addresses; say so plainly when they are missing.</summary>
    internal static bool CheckPractice(PorterConfig config, TextWriter error)
    {
        for (int i = 0; i < config.Professionals.Length; i++)
        {
            if (config.Professionals[i].Professional.Addresses.IsEmpty)
            {
                string field = config.Professionals.Length == 1 ? "professional.addresses" : $"professionals[{i}].addresses";
                error.WriteLine($"porter: {config.Source}: {field} is needed to decide on messages (mail not addressed to the professional is never answered)");
                return false;
            }
        }

        return true;
    }

    private static Dictionary<string, object?> ToJson(Decision d, Practice practice, RenderedReply? text) => new()
    {
        ["decision"] = Name(d.Kind),
        ["priority"] = d.Priority.ToString().ToLowerInvariant(),
        ["deadline"] = d.Deadline is { } deadline ? InstantPattern.General.Format(deadline) : null,
        ["holdUntil"] = d.HoldUntil is { } hold ? InstantPattern.General.Format(hold) : null,
        ["client"] = d.ClientId,
        ["professional"] = practice.Professional.Id,
        ["reminded"] = d.Reminded,
        ["autoReply"] = d.AutoReply is { } r ? new Dictionary<string, object?>
        {
            ["to"] = r.To,
            ["offeredTime"] = r.OfferedTime is { } o ? InstantPattern.General.Format(o) : null,
            ["offeredTimeLocal"] = r.OfferedTimeInClientZone is { } z ? Terminal.IsoWithOffset.Format(z.ToOffsetDateTime()) : null,
            ["urgentChannel"] = r.UrgentChannel,
            ["reminderChannel"] = r.ReminderChannel,
            ["inReplyTo"] = r.InReplyTo,
            ["subject"] = text?.Subject,
            ["body"] = text?.Body,
        } : null,
        ["signals"] = d.Signals.Select(SignalNames.Name).ToArray(),
        ["reasons"] = d.Reasons.Select(x => new Dictionary<string, string> { ["rule"] = x.Rule, ["fact"] = x.Fact }).ToArray(),
        ["timeZone"] = practice.Calendar.Zone.Id,
    };

    private static void Explain(IAnsiConsole console, Decision d, IncomingMessage m, Practice practice, RenderedReply? text, Replayed replayed)
    {
        DateTimeZone zone = practice.Calendar.Zone;
        DateTimeZone clientZone = practice.Clients.FirstOrDefault(c => c.Id == d.ClientId)?.Zone ?? zone;
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow("Message", Markup.Escape($"{m.Channel} from {m.From}, {Terminal.Format(m.ReceivedAt.InZone(zone))} ({zone.Id}){(m.Subject.Length > 0 ? $": \"{m.Subject}\"" : "")}"));
        grid.AddRow("For", Markup.Escape($"{practice.Professional.Name} ({practice.Professional.Id})"));
        if (replayed.Earlier > 0)
        {
            grid.AddRow("History", Markup.Escape($"{replayed.Earlier} earlier message{(replayed.Earlier == 1 ? "" : "s")} decided first" +
                (replayed.LastAutoReply is { } lastReply ? $"; the last automatic reply to this sender went {Terminal.Format(lastReply.InZone(practice.Calendar.Zone))}" : "; no automatic reply to this sender among them")));
        }

        if (replayed.Thread is { } thread)
        {
            grid.AddRow("Thread", Markup.Escape($"answers \"{thread.Subject}\" of {Terminal.Format(thread.ReceivedAt.InZone(practice.Calendar.Zone))}"));
        }

        grid.AddRow("[bold]Decision[/]", $"[bold]{Name(d.Kind)}[/]{(d.Reminded ? " (with a reminder of the agreed channel)" : "")}, priority {d.Priority.ToString().ToLowerInvariant()}");
        if (d.HoldUntil is { } hold)
        {
            grid.AddRow("Held until", Terminal.Format(hold.InZone(zone)));
        }

        if (d.Deadline is { } deadline)
        {
            grid.AddRow("Deadline", $"{Terminal.Format(deadline.InZone(zone))} ({zone.Id}); {Terminal.Format(deadline.InZone(clientZone))} for the client ({clientZone.Id})");
        }

        if (d.AutoReply is { } reply)
        {
            string offer = reply.OfferedTimeInClientZone is { } z ? $"offers {Terminal.Format(z)} ({z.Zone.Id})" : "no time offered";
            grid.AddRow("Automatic reply", Markup.Escape($"to {reply.To}: {offer}{(reply.ReminderChannel is { } c ? $"; reminds of {c}" : "")}{(reply.UrgentChannel is { } u ? $"; emergencies: {u}" : "")}"));
        }

        if (text is not null)
        {
            grid.AddRow("", Markup.Escape($"Subject: {text.Subject}\n\n{text.Body}"));
        }

        grid.AddRow("Signals", d.Signals.IsEmpty ? "none" : string.Join(", ", d.Signals.Select(SignalNames.Name)));
        grid.AddRow("Reasons", Markup.Escape(string.Join('\n', d.Reasons.Select((r, i) => $"{i + 1}. {r}"))));
        console.Write(grid);
    }

    internal static string Name(DecisionKind kind) => kind switch
    {
        DecisionKind.Deliver => "deliver",
        DecisionKind.Hold => "hold",
        DecisionKind.Escalate => "escalate",
        _ => "never-answer",
    };
}
