namespace Porter.Configuration;

/// <summary>A problem with a configuration file: where it is and what is wrong.</summary>
/// <param name="File">The file, as the user named it.</param>
/// <param name="Line">The 1-based line, where known.</param>
/// <param name="Field">The path of the field, such as <c>availability.weekly.mon[1]</c>; empty for the whole file.</param>
/// <param name="Message">What is wrong, in words a person can act on.</param>
public sealed record ConfigProblem(string File, int? Line, string Field, string Message)
{
    /// <summary>Formats the problem as <c>file:line: field: message</c>, the way compilers report errors.</summary>
    public override string ToString() =>
        $"{File}{(Line is { } line ? $":{line}" : "")}: {(Field.Length > 0 ? Field + ": " : "")}{Message}";
}

/// <summary>A configuration that could not be loaded, with every problem found.</summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigException(IReadOnlyList<ConfigProblem> problems)
        : base(string.Join(Environment.NewLine, problems)) => Problems = problems;

    /// <summary>Creates the exception with a message.</summary>
    public ConfigException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConfigException(string message)
        : base(message) => Problems = [];

    /// <summary>Creates the exception with a message and cause.</summary>
    public ConfigException(string message, Exception innerException)
        : base(message, innerException) => Problems = [];

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }
}
