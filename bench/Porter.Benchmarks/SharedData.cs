namespace Porter.Benchmarks;

/// <summary>Finds ../shared beside the repository (PORTER_SHARED overrides), for benchmarks over the shared vectors.</summary>
public static class SharedData
{
    public static string Folder
    {
        get
        {
            if (Environment.GetEnvironmentVariable("PORTER_SHARED") is { Length: > 0 } shared)
            {
                return shared;
            }

            // BenchmarkDotNet runs a copy of this program from deep inside bin/; walk up to the repository.
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Porter.slnx")))
                {
                    return Path.Combine(dir.FullName, "..", "shared");
                }
            }

            throw new InvalidOperationException("Set PORTER_SHARED to the shared folder.");
        }
    }
}
