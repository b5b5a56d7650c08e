namespace Porter.Cli.Tests;

/// <summary>Where the repository and the shared test data (../shared beside the repository) are.</summary>
internal static class TestPaths
{
    public static string Repository { get; } = FindRepository();

    /// <summary>The shared folder: PORTER_SHARED when set, else ../shared beside the repository.</summary>
    public static string Shared =>
        Environment.GetEnvironmentVariable("PORTER_SHARED") is { Length: > 0 } shared
            ? shared
            : Path.GetFullPath(Path.Combine(Repository, "..", "shared"));

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Porter.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository (Porter.slnx) above " + AppContext.BaseDirectory);
    }
}
