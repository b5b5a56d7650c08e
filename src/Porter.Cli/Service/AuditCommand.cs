using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Porter.Domain.ChangeLog;
using Porter.Storage;
using Porter.Storage.ChangeLog;
using Porter.Storage.Model;

namespace Porter.Cli.Service;

/// <summary><c>porter audit verify</c>: checks every organisation's change log chain; exits 1 naming the first entry tampered with.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        Option<string> sqlite = DatabaseOptions.Sqlite();
        Option<string?> postgres = DatabaseOptions.Postgres();
        var verify = new Command("verify", "Check the clients' change logs: every entry whole, in its place, none deleted or slipped in (exit 1 names the first that is not).") { sqlite, postgres };
        verify.SetAction(async (parseResult, cancellationToken) =>
        {
            StorageOptions storage = DatabaseOptions.From(parseResult, sqlite, postgres);
            await StorageSetup.MigrateAsync(storage, cancellationToken).ConfigureAwait(false);
            await using PorterDb db = StorageSetup.Open(storage);
            List<PlanChangeRecord> records = await db.PlanChanges.IgnoreQueryFilters().AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            Dictionary<long, string> names = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken).ConfigureAwait(false);
            TextWriter output = parseResult.InvocationConfiguration.Output;
            int broken = 0;
            foreach (IGrouping<long, PlanChangeRecord> chain in records.GroupBy(r => r.OrganisationId))
            {
                List<SealedEntry> entries = [.. chain.Select(EfChangeLog.Entry)];
                string organisation = names.GetValueOrDefault(chain.Key, $"organisation {chain.Key}");
                if (ChangeChain.Verify(entries) is { } problem)
                {
                    parseResult.InvocationConfiguration.Error.WriteLine($"porter: {organisation}: {problem.Description}");
                    broken++;
                }
                else
                {
                    output.WriteLine($"{organisation}: {entries.Count} entries, the chain is whole (last hash {entries[^1].Hash}).");
                }
            }

            if (records.Count == 0)
            {
                output.WriteLine("No change log entries yet.");
            }

            return broken == 0 ? 0 : 1;
        });

        return new Command("audit", "Check what Porter keeps tamper-evident.") { verify };
    }
}
