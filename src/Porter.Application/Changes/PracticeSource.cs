using NodaTime;

namespace Porter.Application.Changes;

/// <summary>What an instance does with porter.json at start, given the latest version on record.</summary>
public enum StartWith
{
    /// <summary>Record the file as a new version and use it: there is none yet, or the file was changed after it.</summary>
    TheFile,

    /// <summary>Use the version on record; porter.json already says the same.</summary>
    TheVersion,

    /// <summary>Use the version on record and write it to porter.json, which is older and says something else (another instance, or the dashboard, changed the practice since).</summary>
    TheVersionWrittenBack,
}

/// <summary>
/// Which is the practice at start, the database's latest version or porter.json (the use case "start serving a
/// practice", without its I/O): the database is the practice, and the file its way in and out. The file wins only when
/// there is no version yet, or when it was written after the latest version was recorded and says something else (it
/// was edited by hand while Porter was stopped); otherwise the version is used, and written back to a file that differs.
/// </summary>
public static class PracticeSource
{
    /// <summary>The choice.</summary>
    /// <param name="latestRecorded">When the latest version was recorded; null when there is none.</param>
    /// <param name="fileWritten">When porter.json was last written.</param>
    /// <param name="fileDiffers">Whether porter.json (with its calendars) says something else than the latest version; false when there is none.</param>
    /// <param name="fileIsTheVersion">Whether porter.json's text is exactly the latest version's (comments and layout included).</param>
    public static StartWith Choose(Instant? latestRecorded, Instant fileWritten, bool fileDiffers, bool fileIsTheVersion) =>
        latestRecorded is not { } recorded || (fileDiffers && fileWritten > recorded)
            ? StartWith.TheFile
            : fileIsTheVersion ? StartWith.TheVersion : StartWith.TheVersionWrittenBack;
}
