using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;
using NodaTime;
using Porter.Domain.Messages;
using Porter.Mail;
using Porter.Storage;
using Porter.Storage.Messages;
using Porter.Storage.Model;

namespace Porter.Web.Ingestion;

/// <summary>One IMAP folder to read.</summary>
/// <param name="Host">The IMAP server.</param>
/// <param name="Port">Its port (993 for TLS, 143 for STARTTLS or plain).</param>
/// <param name="Security"><c>none</c>, <c>starttls</c>, <c>tls</c> or <c>auto</c>.</param>
/// <param name="User">The login.</param>
/// <param name="Password">The password.</param>
/// <param name="Folder">The folder (INBOX by default).</param>
public sealed record ImapOptions(string Host, int Port, string Security, string User, string Password, string Folder = "INBOX")
{
    /// <summary>The key its reading progress is stored under.</summary>
    public string Id => $"{User}@{Host}:{Port}/{Folder}";
}

/// <summary>
/// Reads the professional's IMAP folder into the message store: everything after the last UID taken, then IDLE until
/// the server says more has come (MailKit). Resumes by UID after a restart; when the folder's UIDVALIDITY changes
/// (the folder was rebuilt), starts over from the first message, and Message-IDs keep what was stored from being
/// stored twice. Progress is recorded only after the store has acknowledged a message, so a crash re-reads, never
/// skips. A message MimeKit cannot make sense of is logged with its UID and passed over; it stays on the server.
/// </summary>
internal sealed class ImapIngestion(
    ImapOptions options,
    MessageStore store,
    IDbContextFactory<PorterDb> contexts,
    IClock clock,
    ServiceOptions service,
    ILogger<ImapIngestion> logger) : BackgroundService
{
    private static readonly TimeSpan IdleRestart = TimeSpan.FromMinutes(9);

    /// <summary>How many times a message the store refuses is tried before it is passed over.</summary>
    private const int Attempts = 3;
    private readonly Dictionary<uint, int> failures = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan pause = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Nothing may stop the service: the folder is tried again after a pause (the server, or the database, may be back).
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning(e, "IMAP {Folder}: {Error}; trying again in {Pause}", options.Id, e.Message, pause);
                await Task.Delay(pause, stoppingToken).ConfigureAwait(false);
                pause = TimeSpan.FromSeconds(Math.Min(pause.TotalSeconds * 2, 300));
            }
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var client = new ImapClient();
        await client.ConnectAsync(options.Host, options.Port, MailSecurity.Parse(options.Security), stoppingToken).ConfigureAwait(false);
        await client.AuthenticateAsync(options.User, options.Password, stoppingToken).ConfigureAwait(false);
        IMailFolder folder = await client.GetFolderAsync(options.Folder, stoppingToken).ConfigureAwait(false);
        await folder.OpenAsync(FolderAccess.ReadOnly, stoppingToken).ConfigureAwait(false);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("IMAP {Folder}: connected (UIDVALIDITY {Validity})", options.Id, folder.UidValidity);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            await ReadNewAsync(folder, stoppingToken).ConfigureAwait(false);
            if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
            {
                await Task.Delay(TimeSpan.FromSeconds(30), stoppingToken).ConfigureAwait(false);
                await client.NoOpAsync(stoppingToken).ConfigureAwait(false);
                continue;
            }

            // IDLE until the folder grows (or a while passes: servers drop idle connections after 30 minutes).
            using var done = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            done.CancelAfter(IdleRestart);
            void Grew(object? sender, EventArgs e) => done.Cancel();
            folder.CountChanged += Grew;
            try
            {
                await client.IdleAsync(done.Token, stoppingToken).ConfigureAwait(false);
            }
            finally
            {
                folder.CountChanged -= Grew;
            }
        }

        await client.DisconnectAsync(quit: true, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task ReadNewAsync(IMailFolder folder, CancellationToken cancellationToken)
    {
        MailboxStateRecord state = await LoadStateAsync(folder.UidValidity, cancellationToken).ConfigureAwait(false);
        IList<UniqueId> uids = await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId((uint)state.LastUid + 1), UniqueId.MaxValue)), cancellationToken).ConfigureAwait(false);
        foreach (UniqueId uid in uids.Where(u => u.Id > state.LastUid).OrderBy(u => u.Id))
        {
            IncomingMessage? message = null;
            try
            {
                IList<IMessageSummary> summary = await folder.FetchAsync([uid], MessageSummaryItems.Size | MessageSummaryItems.InternalDate, cancellationToken).ConfigureAwait(false);
                Instant arrived = summary.Count > 0 && summary[0].InternalDate is { } internalDate ? Instant.FromDateTimeOffset(internalDate) : clock.GetCurrentInstant();
                if (summary.Count > 0 && summary[0].Size > service.MaxMessageBytes)
                {
                    logger.LogWarning("IMAP {Folder}: UID {Uid} is {Size:N0} bytes, over the limit of {Limit:N0}; its headers are taken, its body is not", options.Id, uid, summary[0].Size, service.MaxMessageBytes);
                    HeaderList headers = await folder.GetHeadersAsync(uid, cancellationToken).ConfigureAwait(false);
                    using var stub = new MimeMessage(headers) { Body = new TextPart("plain") { Text = $"(The message was {summary[0].Size:N0} bytes, over Porter's limit; read it in your mail program.)" } };
                    message = MimeConversion.ToIncoming(stub, arrived) with { ReceivedAt = arrived };
                }
                else
                {
                    using MimeMessage mime = await folder.GetMessageAsync(uid, cancellationToken).ConfigureAwait(false);
                    message = MimeConversion.ToIncoming(mime, arrived) with { ReceivedAt = arrived };
                }
            }
            catch (Exception e) when (e is FormatException or ParseException or ArgumentException or InvalidOperationException)
            {
                logger.LogError(e, "IMAP {Folder}: UID {Uid} cannot be read as a message and is passed over (it stays on the server)", options.Id, uid);
            }

            if (message is not null)
            {
                try
                {
                    // Received: when the message reached this mailbox, as the server says (INTERNALDATE); the decision is made now.
                    await store.AcceptAsync(message with { Channel = "email" }, $"imap:{folder.UidValidity}:{uid.Id}:{options.Id}", waitWhenFull: true, cancellationToken).ConfigureAwait(false);
                    failures.Remove(uid.Id);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be down (then the folder is read again later, from this UID), or may refuse this
                    // one message: after a few tries it is passed over, logged, and left on the server.
                    int failed = failures[uid.Id] = failures.GetValueOrDefault(uid.Id) + 1;
                    if (failed < Attempts)
                    {
                        throw;
                    }

                    logger.LogError(e, "IMAP {Folder}: UID {Uid} was refused {Times} times and is passed over (it stays on the server)", options.Id, uid, failed);
                    failures.Remove(uid.Id);
                }
            }

            await SaveStateAsync(state, folder.UidValidity, uid.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<MailboxStateRecord> LoadStateAsync(uint uidValidity, CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        MailboxStateRecord? state = await db.MailboxStates.AsNoTracking().FirstOrDefaultAsync(s => s.Id == options.Id, cancellationToken).ConfigureAwait(false);
        if (state is not null && state.UidValidity != uidValidity)
        {
            logger.LogWarning("IMAP {Folder}: UIDVALIDITY changed from {Old} to {New}; reading the folder from the start (Message-IDs prevent doubles)", options.Id, state.UidValidity, uidValidity);
            state.UidValidity = uidValidity;
            state.LastUid = 0;
        }

        return state ?? new MailboxStateRecord { Id = options.Id, UidValidity = uidValidity, LastUid = 0 };
    }

    private async Task SaveStateAsync(MailboxStateRecord state, uint uidValidity, uint uid, CancellationToken cancellationToken)
    {
        state.UidValidity = uidValidity;
        state.LastUid = uid;
        state.UpdatedAt = clock.GetCurrentInstant();
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        bool exists = await db.MailboxStates.AnyAsync(s => s.Id == state.Id, cancellationToken).ConfigureAwait(false);
        if (exists)
        {
            db.MailboxStates.Update(state);
        }
        else
        {
            db.MailboxStates.Add(state);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
