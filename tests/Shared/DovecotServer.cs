namespace Porter.Testing;

/// <summary>
/// A real IMAP server on loopback: Debian's Dovecot (dovecot-imapd), a standalone instance with its own config, one
/// user (alice / secret) with a Maildir, run as the system user vmail (created when missing; Dovecot will not keep mail
/// as root). ../shared/DEPENDENCIES.md, section 4, shows the setup this follows.
/// </summary>
public sealed class DovecotServer : IAsyncLifetime
{
    public const string User = "alice";
    public const string Password = "secret";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "porter-dovecot-" + Guid.NewGuid().ToString("N")[..8]);

    public int Port { get; private set; }

    private string Config => Path.Combine(folder, "dovecot.conf");

    public async Task InitializeAsync()
    {
        Port = Loopback.FreePort();
        if (Environment.UserName == "root")
        {
            await Loopback.RunAsync("/bin/sh", "-c \"id vmail >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin vmail\"");
        }

        string home = Path.Combine(folder, "home", User);
        Directory.CreateDirectory(Path.Combine(home, "Maildir"));
        Directory.CreateDirectory(Path.Combine(folder, "run"));
        Directory.CreateDirectory(Path.Combine(folder, "state"));
        await File.WriteAllTextAsync(Path.Combine(folder, "users"), $"{User}:{{PLAIN}}{Password}\n");
        await File.WriteAllTextAsync(Config, $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{folder}}/run
            state_dir = {{folder}}/state
            log_path = {{folder}}/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{folder}}/users
            }
            userdb {
              driver = static
              args = uid=vmail gid=vmail home={{home}}
            }
            mail_location = maildir:~/Maildir
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            """);
        await Loopback.RunAsync("chmod", $"755 {folder}");
        await Loopback.RunAsync("chown", $"-R vmail:vmail {Path.Combine(folder, "home")}");
        await Loopback.RunAsync("/usr/sbin/dovecot", $"-c {Config}");
        await Loopback.WaitForPortAsync(Port);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Loopback.RunAsync("/usr/bin/doveadm", $"-c {Config} stop");
        }
        finally
        {
            await Task.Delay(200);
            Directory.Delete(folder, recursive: true);
        }
    }
}
