using Microsoft.EntityFrameworkCore;
using Porter.Storage;
using Porter.Testing;

namespace Porter.Cli.Tests.Service;

public sealed class ImportAndKeyCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("porter-cli-").FullName;

    private string Database => Path.Combine(folder, "porter.db");

    [Fact]
    public async Task Import_TheDemoMailboxTwice_StoresEachMessageOnce()
    {
        string config = Path.Combine(RepositoryPaths.Samples, "porter.json");
        string mailbox = Path.Combine(RepositoryPaths.Samples, "mailbox", "demo.mbox");

        (int code, string output, _) = CliRunner.Run("import", "--config", config, "--database", Database, mailbox);
        (int again, string second, _) = CliRunner.Run("import", "--config", config, "--database", Database, mailbox);

        Assert.Equal((0, 0), (code, again));
        Assert.Equal("36 stored, 0 already stored, 0 unreadable", output.Trim());
        Assert.Equal("0 stored, 36 already stored, 0 unreadable", second.Trim());
        await using PorterDb db = StorageSetup.Open(StorageOptions.Sqlite(Database));
        Assert.Equal(36, await db.Messages.CountAsync());
        Assert.Contains(await db.Messages.Select(m => m.Decision).Distinct().ToListAsync(), d => d == "hold");
    }

    [Fact]
    public void Serve_APracticeWithNoWorkingTime_IsRefusedAtStart_WithTheLine()
    {
        string config = Path.Combine(folder, "porter.json");
        File.WriteAllText(config, "{\n  \"availability\": {\n    \"timeZone\": \"Europe/London\",\n    \"weekly\": { \"mon\": [] }\n  }\n}\n");

        (int code, _, string error) = CliRunner.Run("serve", "--config", config, "--database", Database, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, code);
        Assert.Contains("porter.json:4: availability.weekly: no working hours in the week", error, StringComparison.Ordinal);
    }

    [Fact]
    public void PracticeImport_ThenExport_GivesTheFileBack_AndABadFileIsRefusedWithItsLines()
    {
        string config = Path.Combine(RepositoryPaths.Samples, "porter.json");

        (int imported, string said, _) = CliRunner.Run("practice", "import", config, "--database", Database);
        (int again, string second, _) = CliRunner.Run("practice", "import", config, "--database", Database);
        (int exported, string text, _) = CliRunner.Run("practice", "export", "--database", Database);

        Assert.Equal((0, 0, 0), (imported, again, exported));
        Assert.Equal("Imported porter.json as version 1 of the practice.", said.Trim());
        Assert.Equal("The practice is already this file (version 1); nothing new was saved.", second.Trim());
        Assert.Equal(File.ReadAllText(config), text);

        string bad = Path.Combine(folder, "bad.json");
        File.WriteAllText(bad, "{\n  \"availability\": {\n    \"timeZone\": \"Mars/Base\",\n    \"weekly\": { \"mon\": [\"09:00-17:00\"] }\n  }\n}\n");
        (int refused, _, string error) = CliRunner.Run("practice", "import", bad, "--database", Database);
        Assert.Equal(1, refused);
        Assert.Contains("bad.json:3: availability.timeZone: unknown time zone 'Mars/Base'", error, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(config), CliRunner.Run("practice", "export", "--database", Database).Output);

        (int missing, _, string none) = CliRunner.Run("practice", "export", "--version", "99", "--database", Database);
        Assert.Equal(1, missing);
        Assert.Contains("there is no version 99", none, StringComparison.Ordinal);
    }

    [Fact]
    public void PracticeImportThenExport_RoundTripsATeamOfProfessionals()
    {
        string team = Path.Combine(RepositoryPaths.Samples, "team", "porter.json");

        (int imported, string said, _) = CliRunner.Run("practice", "import", team, "--database", Database);
        (int exported, string text, _) = CliRunner.Run("practice", "export", "--database", Database);

        Assert.Equal((0, 0), (imported, exported));
        Assert.Equal("Imported porter.json as version 1 of the practice.", said.Trim());
        Assert.Equal(File.ReadAllText(team), text);
    }

    [Fact]
    public async Task UserCreate_WithARole_NeedsTheProfessional_AndKeepsBoth()
    {
        (int missing, _, string why) = CliRunner.Run("user", "create", "--email", "ari@riverastudio.example", "--role", "assistant", "--database", Database);
        (int unknown, _, string what) = CliRunner.Run("user", "create", "--email", "ari@riverastudio.example", "--role", "admin", "--database", Database);
        (int made, _, _) = CliRunner.Run("user", "create", "--email", "ari@riverastudio.example", "--role", "assistant", "--professional", "kim", "--database", Database);

        Assert.Equal((1, 1, 0), (missing, unknown, made));
        Assert.Contains("An assistant needs the professional whose work they do (--professional).", why, StringComparison.Ordinal);
        Assert.Contains("--role: 'admin' is not a role (owner, professional, assistant)", what, StringComparison.Ordinal);
        await using PorterDb db = StorageSetup.Open(StorageOptions.Sqlite(Database));
        var ari = await db.Users.SingleAsync(u => u.Email == "ari@riverastudio.example");
        Assert.Equal((Porter.Application.Access.PersonRole.Assistant, "kim"), (ari.Role, ari.ProfessionalId));
    }

    [Fact]
    public void ApiKeyCreate_PrintsAKeyOnce_AndRefusesTheSameNameTwice()
    {
        (int code, string key, _) = CliRunner.Run("api-key", "create", "--name", "zapier", "--database", Database);
        (int again, _, string error) = CliRunner.Run("api-key", "create", "--name", "zapier", "--database", Database);

        Assert.Equal(0, code);
        Assert.StartsWith("porter_", key.Trim(), StringComparison.Ordinal);
        Assert.Equal(1, again);
        Assert.Contains("exists already", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserCreate_PrintsAGeneratedPasswordOnce_RefusesDoublesAndShortPasswords()
    {
        (int code, string output, _) = CliRunner.Run("user", "create", "--email", "sam@riverastudio.example", "--database", Database);
        (int again, _, string doubled) = CliRunner.Run("user", "create", "--email", "sam@riverastudio.example", "--database", Database);
        (int other, _, _) = CliRunner.Run("user", "create", "--email", "riley@otheragency.example", "--organisation", "Other Agency", "--database", Database);

        Assert.Equal(0, code);
        string password = output.Trim().Split(' ')[^1];
        Assert.Equal(20, password.Length);
        Assert.Equal(1, again);
        Assert.Contains("already taken", doubled, StringComparison.Ordinal);
        Assert.Equal(0, other);
        await using PorterDb db = StorageSetup.Open(StorageOptions.Sqlite(Database));
        var users = await db.Users.OrderBy(u => u.Email).Select(u => new { u.Email, u.OrganisationId, u.PasswordHash }).ToListAsync();
        Assert.Equal(2, users.Count);
        Assert.NotEqual(users[0].OrganisationId, users[1].OrganisationId);
        Assert.All(users, u => Assert.DoesNotContain(password, u.PasswordHash ?? "", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
