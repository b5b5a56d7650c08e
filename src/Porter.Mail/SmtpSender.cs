using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Porter.Mail;

/// <summary>Where outgoing mail goes.</summary>
/// <param name="Host">The SMTP server.</param>
/// <param name="Port">Its port (587 for submission with STARTTLS, 465 for TLS, 25 for plain relay).</param>
/// <param name="Security"><c>none</c>, <c>starttls</c>, <c>tls</c>, or <c>auto</c> (MailKit decides by the port).</param>
/// <param name="User">The login, if the server wants one.</param>
/// <param name="Password">The password.</param>
public sealed record SmtpOptions(string Host, int Port = 587, string Security = "auto", string? User = null, string? Password = null);

/// <summary>Sends mail over SMTP with MailKit, one connection per batch of messages.</summary>
public sealed class SmtpSender(SmtpOptions options)
{
    /// <summary>
    /// Sends each message in turn and tells <paramref name="settled"/> of each as soon as the server has answered for
    /// it (null when it took it, else the error), before the next is sent: so the caller can record every send the
    /// moment it happens, and a crash mid-batch leaves at most the one message in flight unrecorded. When the server
    /// cannot be reached at all, the error is thrown and nothing was sent.
    /// </summary>
    public async Task SendAsync(IReadOnlyList<MimeMessage> messages, Func<int, Exception?, Task> settled, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(settled);
        if (messages.Count == 0)
        {
            return;
        }

        using var client = new SmtpClient();
        await client.ConnectAsync(options.Host, options.Port, MailSecurity.Parse(options.Security), cancellationToken).ConfigureAwait(false);
        if (options.User is { Length: > 0 } user)
        {
            await client.AuthenticateAsync(user, options.Password ?? "", cancellationToken).ConfigureAwait(false);
        }

        for (int i = 0; i < messages.Count; i++)
        {
            Exception? outcome = null;
            try
            {
                await client.SendAsync(messages[i], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException)
            {
                outcome = e;
            }

            await settled(i, outcome).ConfigureAwait(false);
            if (outcome is not null && !client.IsConnected)
            {
                await client.ConnectAsync(options.Host, options.Port, MailSecurity.Parse(options.Security), cancellationToken).ConfigureAwait(false);
            }
        }

        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>How a mail connection (SMTP or IMAP) is secured, as settings write it.</summary>
public static class MailSecurity
{
    /// <summary><c>none</c>, <c>starttls</c>, <c>tls</c>; anything else is <c>auto</c> (MailKit decides by the port).</summary>
    public static SecureSocketOptions Parse(string? security) => security?.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "tls" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
