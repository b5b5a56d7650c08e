using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Scheduling;
using Porter.Storage;
using Porter.Storage.Model;
using Porter.Application.Changes;

namespace Porter.Web.Actions;

/// <summary>
/// At start-up, and whenever the practice changes (<see cref="PracticeState.OnChanged"/>: saved in the
/// browser, through the API or on another instance), compares the working hours of the next
/// <see cref="Horizon"/> days with those last announced; when they differ, queues one email per client contact saying
/// which days change and the new hours in the client's own zone. The first start only records the schedule. The
/// record and the emails are written in one transaction, and the record is replaced only if it is still the one
/// read, so two instances starting together announce once.
/// </summary>
public sealed class ScheduleAnnouncer(
    IDbContextFactory<PorterDb> contexts, PracticeState state, IClock clock, ILogger<ScheduleAnnouncer> logger) : IHostedService
{
    /// <summary>How far ahead changes are looked for.</summary>
    public const int Horizon = 90;

    private const string Key = "schedule.announced";

    /// <summary>Announces what changed while Porter was stopped, then follows every change to the practice (saved here or on another instance).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        state.OnChanged(AnnounceChangesAsync);
        return AnnounceChangesAsync(cancellationToken);
    }

    /// <summary>Queues announcements of the days whose hours changed since the last announcement, each professional's to their own clients; returns how many were queued.</summary>
    public async Task<int> AnnounceChangesAsync(CancellationToken cancellationToken)
    {
        Organisation organisation = state.Current;
        int queued = 0;
        foreach (Practice practice in organisation.Practices)
        {
            // The first professional's schedule is kept under the key used before there were several.
            string key = practice == organisation.First ? Key : $"{Key}:{practice.Professional.Id}";
            queued += await AnnounceChangesAsync(practice, key, cancellationToken).ConfigureAwait(false);
        }

        return queued;
    }

    private async Task<int> AnnounceChangesAsync(Practice practice, string key, CancellationToken cancellationToken)
    {
        Instant now = clock.GetCurrentInstant();
        LocalDate today = now.InZone(practice.Calendar.Zone).Date;
        string digest = ScheduleDigest.Of(practice.Calendar, today, Horizon);
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        SettingRecord? announced = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, cancellationToken).ConfigureAwait(false);
        if (announced is null)
        {
            db.Settings.Add(new SettingRecord { Key = key, Value = digest });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }

        IReadOnlyList<LocalDate> changed = ScheduleDigest.ChangedDates(announced.Value, digest);
        if (changed.Count == 0 && announced.Value == digest)
        {
            return 0;
        }

        int replaced = await db.Settings.Where(s => s.Key == key && s.Value == announced.Value)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Value, digest), cancellationToken).ConfigureAwait(false);
        if (replaced == 0)
        {
            return 0; // another instance got there first
        }

        int queued = 0;
        if (changed.Count > 0)
        {
            foreach (Client client in practice.Clients)
            {
                foreach (ClientContact contact in client.Contacts)
                {
                    foreach (string email in contact.Emails.Take(1))
                    {
                        var announcement = new Announcement(email, contact.Name, $"{practice.Professional.Name}'s working hours are changing", Body(practice, client, contact, changed), practice.Professional.Id);
                        db.Actions.Add(new ActionRecord
                        {
                            Kind = ActionKind.Announce,
                            DueAt = now,
                            Payload = JsonSerializer.Serialize(announcement, JsonSerializerOptions.Web),
                        });
                        queued++;
                    }
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (queued > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("{Professional}'s working hours change on {Days} day(s) ahead; {Count} announcement(s) queued", practice.Professional.Name, changed.Count, queued);
        }

        return queued;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Body(Practice practice, Client client, ClientContact contact, IReadOnlyList<LocalDate> changed)
    {
        var text = new StringBuilder();
        string first = contact.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? contact.Name;
        text.Append("Hello ").Append(first).AppendLine(",").AppendLine();
        text.AppendLine("A quick note so nothing catches you by surprise: my working hours change on these days");
        text.Append("(times in your zone, ").Append(client.Zone.Id).AppendLine("):").AppendLine();
        foreach (LocalDate date in changed.Take(30))
        {
            text.Append("  ").Append(ScheduleDigest.Day(date)).Append(": ").AppendLine(ScheduleDigest.Hours(practice.Calendar, date, client.Zone) switch
            {
                "off" => "not working",
                string hours => hours,
            });
        }

        if (changed.Count > 30)
        {
            text.Append("  … and ").Append(changed.Count - 30).AppendLine(" more days.");
        }

        text.AppendLine().AppendLine("Everything else about how we work together stays the same.").AppendLine().AppendLine("Best,").AppendLine(practice.Professional.Name);
        return text.ToString();
    }
}
