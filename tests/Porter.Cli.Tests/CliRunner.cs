using System.CommandLine;

namespace Porter.Cli.Tests;

/// <summary>Runs the real <c>porter</c> command tree in-process, capturing what it writes.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = PorterCommand.Create(Clock).Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
