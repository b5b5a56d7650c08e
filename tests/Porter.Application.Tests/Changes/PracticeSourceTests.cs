using NodaTime;
using Porter.Application.Changes;

namespace Porter.Application.Tests.Changes;

/// <summary>At start, the database's version is the practice; porter.json wins only when it is the first, or was edited after the version and says something else.</summary>
public class PracticeSourceTests
{
    private static readonly Instant Recorded = Instant.FromUtc(2026, 11, 24, 10, 0);

    [Fact]
    public void NoVersionYet_TheFileSeedsIt() =>
        Assert.Equal(StartWith.TheFile, PracticeSource.Choose(null, Recorded, fileDiffers: false, fileIsTheVersion: false));

    [Fact]
    public void AFileEditedAfterTheVersion_AndDifferent_IsTakenIn() =>
        Assert.Equal(StartWith.TheFile, PracticeSource.Choose(Recorded, Recorded + Duration.FromMinutes(1), fileDiffers: true, fileIsTheVersion: false));

    [Fact]
    public void AnOlderDifferentFile_IsOverwrittenByTheVersion() =>
        Assert.Equal(StartWith.TheVersionWrittenBack, PracticeSource.Choose(Recorded, Recorded - Duration.FromDays(2), fileDiffers: true, fileIsTheVersion: false));

    [Fact]
    public void ANewerFileThatSaysTheSame_KeepsTheVersion_AndIsRewrittenOnlyIfItsTextDiffers()
    {
        Assert.Equal(StartWith.TheVersionWrittenBack, PracticeSource.Choose(Recorded, Recorded + Duration.FromHours(1), fileDiffers: false, fileIsTheVersion: false));
        Assert.Equal(StartWith.TheVersion, PracticeSource.Choose(Recorded, Recorded + Duration.FromHours(1), fileDiffers: false, fileIsTheVersion: true));
    }
}
