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
    /// <summary>Sends each message; returns, per message, null when sent or the error.</summary>
    public async Task<IReadOnlyList<Exception?>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var outcomes = new Exception?[messages.Count];
        if (messages.Count == 0)
        {
            return outcomes;
        }

        using var client = new SmtpClient();
        await client.ConnectAsync(options.Host, options.Port, MailSecurity.Parse(options.Security), cancellationToken).ConfigureAwait(false);
        if (options.User is { Length: > 0 } user)
        {
            await client.AuthenticateAsync(user, options.Password ?? "", cancellationToken).ConfigureAwait(false);
        }

        for (int i = 0; i < messages.Count; i++)
        {
            try
            {
                await client.SendAsync(messages[i], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException)
            {
                outcomes[i] = e;
                if (!client.IsConnected)
                {
                    await client.ConnectAsync(options.Host, options.Port, MailSecurity.Parse(options.Security), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        return outcomes;
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
