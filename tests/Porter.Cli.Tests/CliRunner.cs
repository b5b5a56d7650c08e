using System.CommandLine;
using NodaTime;
using NodaTime.Testing;

namespace Porter.Cli.Tests;

/// <summary>Runs the real <c>porter</c> command tree in-process with a fixed clock, capturing what it writes.</summary>
internal static class CliRunner
{
    /// <summary>"Now" for every command run by the tests: Sunday 2026-11-22 19:00 UTC.</summary>
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 19, 0);

    public static (int ExitCode, string Output, string Error) Run(params string[] args) => RunAt(Now, args);

    public static (int ExitCode, string Output, string Error) RunAt(Instant now, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = PorterCommand.Create(new FakeClock(now)).Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
