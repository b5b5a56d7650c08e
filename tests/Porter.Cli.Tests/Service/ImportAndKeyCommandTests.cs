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
    public void ApiKeyCreate_PrintsAKeyOnce_AndRefusesTheSameNameTwice()
    {
        (int code, string key, _) = CliRunner.Run("api-key", "create", "--name", "zapier", "--database", Database);
        (int again, _, string error) = CliRunner.Run("api-key", "create", "--name", "zapier", "--database", Database);

        Assert.Equal(0, code);
        Assert.StartsWith("porter_", key.Trim(), StringComparison.Ordinal);
        Assert.Equal(1, again);
        Assert.Contains("exists already", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
