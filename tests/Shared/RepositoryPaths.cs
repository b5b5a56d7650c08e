namespace Porter.Testing;

/// <summary>
/// Where the repository and the shared test data are, for tests and benchmarks (linked into each project).
/// The shared folder is PORTER_SHARED when set, else ../shared beside the repository; the product never reads it.
/// </summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootFolder = new(Find);

    public static string Root => RootFolder.Value;

    public static string Samples => Path.Combine(Root, "samples");

    public static string Shared =>
        Environment.GetEnvironmentVariable("PORTER_SHARED") is { Length: > 0 } shared
            ? shared
            : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string Find()
    {
        // Test hosts and BenchmarkDotNet run copies of the assembly from deep inside bin/: walk up to Porter.slnx.
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
