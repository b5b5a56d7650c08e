namespace Porter.Web.Hosting;

/// <summary>
/// Refuses a second instance on the same SQLite file: the first holds <c>FILE.lock</c> open exclusively for its life
/// (the operating system lets go of it when the process ends, even by kill -9).
/// </summary>
public sealed class SingleInstanceLock : IDisposable
{
    private readonly FileStream stream;

    private SingleInstanceLock(FileStream stream) => this.stream = stream;

    /// <summary>Takes the lock for <paramref name="databasePath"/>.</summary>
    /// <exception cref="InvalidOperationException">Another instance holds it.</exception>
    public static SingleInstanceLock Take(string databasePath)
    {
        string path = Path.GetFullPath(databasePath) + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true))
            {
                writer.Write(Environment.ProcessId);
            }

            return new SingleInstanceLock(stream);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"Another Porter instance is using {Path.GetFullPath(databasePath)} (it holds {path}). One instance per SQLite file; use PostgreSQL to run several.", e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => stream.Dispose();
}
