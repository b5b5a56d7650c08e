using System.Collections.Immutable;
using NodaTime;
using Porter.Configuration;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;
using Porter.Testing;

namespace Porter.Replies.Tests;

/// <summary>The gentle replies offered in the composer for boundary signals, rendered for the demo practice's New York client.</summary>
public class BoundaryRepliesTests
{
    private static readonly Practice Practice = ConfigReader.Load(Path.Combine(RepositoryPaths.Samples, "porter.json"), DateTimeZoneProviders.Tzdb).ToPractice();
    private static readonly Client Northwind = Practice.Clients.Single(c => c.Id == "northwind");
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 24, 23, 10);
    private static readonly IncomingMessage FromPriya = new("email", "priya@northwind.example", ["sam@riverastudio.example"], Now, "Hi", "What's your home address?", ImmutableArray<MessageHeader>.Empty);

    [Fact]
    public void EachSignal_HasAReply_ThatNamesThePersonAndPointsToWhatWasAgreed()
    {
        string personal = BoundaryReplies.Render(SignalKind.PersonalInfoRequest, FromPriya, Practice, Northwind, Now);
        string social = BoundaryReplies.Render(SignalKind.PersonalSocialContact, FromPriya, Practice, Northwind, Now);
        string scope = BoundaryReplies.Render(SignalKind.OutOfScope, FromPriya, Practice, Northwind, Now);

        Assert.StartsWith("Hi Priya,", personal, StringComparison.Ordinal);
        Assert.Contains("rather not share them", personal, StringComparison.Ordinal);
        Assert.Contains("email", personal, StringComparison.Ordinal);
        Assert.Contains("personal social media for friends and family", social, StringComparison.Ordinal);
        Assert.Contains("(logo design, brand guidelines, packaging design)", scope, StringComparison.Ordinal);
        Assert.EndsWith("Sam Rivera\n", scope, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => BoundaryReplies.Render(SignalKind.Fyi, FromPriya, Practice, Northwind, Now));
    }

    [Fact]
    public void AfterHours_GivesTheWeeksHours_InTheClientsZone_AndTheUrgentChannel()
    {
        string reply = BoundaryReplies.Render(SignalKind.AfterHours, FromPriya, Practice, Northwind, Now);

        Assert.Contains("(your time, America/New_York)", reply, StringComparison.Ordinal);
        Assert.Contains("04:00-", reply, StringComparison.Ordinal); // Sam's 09:00 in London is 04:00 in New York
        Assert.Contains("If something truly can't wait, please send me a text", reply, StringComparison.Ordinal);
    }
}
