using Porter.Application.Changes;

namespace Porter.Application.Tests;

/// <summary>
/// The application layer owns the use cases behind ports: storage, web, mail and the CLI call into it, never the
/// other way. It references the domain and porter.json's format (Porter.Configuration), never an adapter.
/// </summary>
public class ApplicationBoundaryTests
{
    [Fact]
    public void Application_ReferencesNoAdapter()
    {
        string[] references = [.. typeof(PracticeState).Assembly.GetReferencedAssemblies().Select(a => a.Name!)];
        Assert.Contains("Porter.Domain", references);
        Assert.All(references, name => Assert.False(
            name is "Porter.Storage" or "Porter.Web" or "Porter.Mail" or "Porter.Cli" or "Porter.Reports" or "MailKit" or "MimeKit"
            || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || name.StartsWith("Npgsql", StringComparison.Ordinal),
            $"Porter.Application must not reference the adapter {name}"));
    }
}
