using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Porter.Storage;
using Porter.Testing;
using Porter.Web.Ingestion;

namespace Porter.Web.Tests;

/// <summary>Mail read from a real Dovecot over IMAP: existing mail, then IDLE; resumed by UID; UIDVALIDITY changes.</summary>
public sealed class ImapTests(SqliteDatabases databases, DovecotServer dovecot) : IClassFixture<SqliteDatabases>, IClassFixture<DovecotServer>
{
    [Fact]
    public async Task ReadsWhatIsThere_ThenNewMailWhileIdle_ThenResumesAfterARestart_StoringEachOnce()
    {
        string folder = "Clients-" + Guid.NewGuid().ToString("N")[..6];
        await AppendAsync(folder, create: true, Mail("m1"), Mail("m2"), Mail("m3"));
        StorageOptions storage = await databases.CreateAsync();
        ImapOptions[] mailbox = [new("127.0.0.1", dovecot.Port, "none", DovecotServer.User, DovecotServer.Password, folder)];

        await using (PorterFactory first = await PorterFactory.StartAsync(storage, mailboxes: mailbox))
        {
            first.Server.ToString(); // starts the host and its background services
            await WaitForCountAsync(first, 3);

            await AppendAsync(folder, create: false, Mail("m4"));
            await WaitForCountAsync(first, 4);
        }

        await AppendAsync(folder, create: false, Mail("m5"));
        await using PorterFactory second = await PorterFactory.StartAsync(storage, mailboxes: mailbox);
        second.Server.ToString();
        await WaitForCountAsync(second, 5);
        await Task.Delay(1000);
        await using PorterDb db = second.OpenDb();
        var stored = await db.Messages.Select(m => m.MessageId).ToListAsync();
        Assert.Equal(["<m1@northwind.example>", "<m2@northwind.example>", "<m3@northwind.example>", "<m4@northwind.example>", "<m5@northwind.example>"], stored.Order(StringComparer.Ordinal));
        Assert.All(await db.Messages.ToListAsync(), m => Assert.Equal(("email", "northwind"), (m.Channel, m.ClientId)));
    }

    [Fact]
    public async Task UidValidityChanges_ReadsTheFolderAgain_WithoutDoubles()
    {
        string folder = "Rebuilt-" + Guid.NewGuid().ToString("N")[..6];
        await AppendAsync(folder, create: true, Mail("r1"), Mail("r2"));
        StorageOptions storage = await databases.CreateAsync();
        ImapOptions[] mailbox = [new("127.0.0.1", dovecot.Port, "none", DovecotServer.User, DovecotServer.Password, folder)];
        await using (PorterFactory first = await PorterFactory.StartAsync(storage, mailboxes: mailbox))
        {
            first.Server.ToString();
            await WaitForCountAsync(first, 2);
        }

        // The folder is deleted and made again (a new UIDVALIDITY), with the old mail and one new message.
        using (ImapClient client = await ConnectAsync())
        {
            await (await client.GetFolderAsync(folder)).DeleteAsync();
        }

        await AppendAsync(folder, create: true, Mail("r1"), Mail("r2"), Mail("r3"));
        await AppendAsync(folder, create: false, new DateTimeOffset(2026, 11, 20, 22, 30, 0, TimeSpan.Zero), Mail("r4"));
        await using PorterFactory second = await PorterFactory.StartAsync(storage, mailboxes: mailbox);
        second.Server.ToString();
        await WaitForCountAsync(second, 4);
        await Task.Delay(1000);
        await using PorterDb db = second.OpenDb();
        Assert.Equal(4, await db.Messages.CountAsync());

        // Received when the server says it arrived (INTERNALDATE), not when Porter read it.
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 11, 20, 22, 30), (await db.Messages.SingleAsync(m => m.MessageId == "<r4@northwind.example>")).ReceivedAt);
        Assert.NotEqual(0, (await db.MailboxStates.SingleAsync()).UidValidity);
    }

    private static MimeMessage Mail(string id)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Jordan Lee", "jordan@northwind.example"));
        message.To.Add(new MailboxAddress("Sam Rivera", "sam@riverastudio.example"));
        message.Subject = $"Files {id}";
        message.MessageId = $"{id}@northwind.example";
        message.Body = new TextPart("plain") { Text = "Could you send the files?" };
        return message;
    }

    private async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", dovecot.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(DovecotServer.User, DovecotServer.Password);
        return client;
    }

    private Task AppendAsync(string folder, bool create, params MimeMessage[] messages) => AppendAsync(folder, create, null, messages);

    private async Task AppendAsync(string folder, bool create, DateTimeOffset? arrived, params MimeMessage[] messages)
    {
        using ImapClient client = await ConnectAsync();
        IMailFolder target = (create
            ? await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync(folder, isMessageFolder: true)
            : await client.GetFolderAsync(folder)) ?? throw new InvalidOperationException($"No folder {folder}.");
        await target.OpenAsync(FolderAccess.ReadWrite);
        foreach (MimeMessage message in messages)
        {
            await (arrived is { } date ? target.AppendAsync(message, MessageFlags.None, date) : target.AppendAsync(message, MessageFlags.None));
            message.Dispose();
        }

        await client.DisconnectAsync(true);
    }

    private static async Task WaitForCountAsync(PorterFactory factory, int count)
    {
        for (int i = 0; i < 200; i++)
        {
            await using PorterDb db = factory.OpenDb();
            if (await db.Messages.CountAsync() >= count)
            {
                return;
            }

            await Task.Delay(100);
        }

        await using PorterDb last = factory.OpenDb();
        Assert.Fail($"{await last.Messages.CountAsync()} messages stored; expected {count} within 20 s.");
    }
}
