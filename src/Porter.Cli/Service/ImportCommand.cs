using System.CommandLine;
using NodaTime;
using Porter.Application.Messages;
using Porter.Configuration;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Mail;
using Porter.Storage;
using Porter.Storage.Messages;
using Porter.Web.Hosting;

namespace Porter.Cli.Service;

/// <summary><c>porter import</c>: an mbox, Maildir, folder of .eml or one .eml into the service's database.</summary>
internal static class ImportCommand
{
    public static Command Create(IClock clock)
    {
        Option<string> config = Hours.HoursOptions.Config();
        Option<string> sqlite = DatabaseOptions.Sqlite();
        Option<string?> postgres = DatabaseOptions.Postgres();
        Argument<string> mailbox = new("MAILBOX") { Description = "An mbox or mboxrd file, a Maildir, a folder of .eml files or one .eml (.gz read directly)." };
        var command = new Command("import", "Decide and store the messages of a mailbox, as the service would on arrival (now); each Message-ID once.")
        {
            config, sqlite, postgres, mailbox,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output;
            TextWriter error = parseResult.InvocationConfiguration.Error;
            StorageOptions storage = DatabaseOptions.From(parseResult, sqlite, postgres);
            try
            {
                using SingleInstanceLock? held = storage.SqlitePath is { } path ? SingleInstanceLock.Take(path) : null;
                Organisation organisation = ConfigReader.Load(parseResult.GetValue(config)!, DateTimeZoneProviders.Tzdb).ToOrganisation();
                await StorageSetup.MigrateAsync(storage, cancellationToken).ConfigureAwait(false);
                await using var store = new MessageStore(storage, Intake.Over(() => (organisation, null)), clock);
                int stored = 0, repeats = 0, unreadable = 0;
                var pending = new List<Task<Acceptance>>();
                foreach (MailboxItem item in Mailbox.Read(parseResult.GetValue(mailbox)!, cancellationToken))
                {
                    if (item.Message is null)
                    {
                        unreadable++;
                        error.WriteLine($"porter import: {item.Source}: {item.Error}");
                        continue;
                    }

                    pending.Add(store.AcceptAsync(MimeConversion.ToIncoming(item.Message, clock.GetCurrentInstant()), null, cancellationToken));
                    if (pending.Count == 512)
                    {
                        Count(await Task.WhenAll(pending).ConfigureAwait(false));
                        pending.Clear();
                    }
                }

                Count(await Task.WhenAll(pending).ConfigureAwait(false));
                output.WriteLine($"{stored} stored, {repeats} already stored, {unreadable} unreadable");
                return unreadable > 0 && stored + repeats == 0 ? 1 : 0;

                void Count(Acceptance[] done)
                {
                    stored += done.Count(a => a.Created);
                    repeats += done.Count(a => !a.Created);
                }
            }
            catch (Exception e) when (e is InvalidOperationException or ConfigException or IOException)
            {
                error.WriteLine($"porter import: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
