using NodaTime;
using Porter.Domain.Decisions;
using Porter.Domain.Signals;

namespace Porter.Domain.Tests.Signals;

/// <summary>A client's boundary signals over weeks: one is noise, the same one week after week is a pattern.</summary>
public class SignalPatternsTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 2, 12, 0);

    [Fact]
    public void AfterHoursInThreeWeeks_IsAPattern_OnePersonalRequestIsNot_AndOldOnesAreForgotten()
    {
        (string, Instant, IReadOnlyCollection<SignalKind>)[] messages =
        [
            ("northwind", Now - Duration.FromDays(1), [SignalKind.AfterHours]),
            ("northwind", Now - Duration.FromDays(2), [SignalKind.AfterHours, SignalKind.PersonalInfoRequest]),
            ("northwind", Now - Duration.FromDays(9), [SignalKind.AfterHours]),
            ("northwind", Now - Duration.FromDays(16), [SignalKind.AfterHours, SignalKind.Fyi]),
            ("northwind", Now - Duration.FromDays(70), [SignalKind.OutOfScope]),
            ("fabrikam", Now - Duration.FromDays(3), [SignalKind.PlanChange]),
        ];

        ClientPattern northwind = Assert.Single(SignalPatterns.Of(messages, Now, London));

        Assert.Equal("northwind", northwind.ClientId);
        Assert.Equal([new SignalCount(SignalKind.AfterHours, 4, 3), new SignalCount(SignalKind.PersonalInfoRequest, 1, 1)], northwind.Signals.ToArray());
        Assert.Equal([SignalKind.AfterHours], northwind.Recurring.ToArray());
        Assert.Equal("wrote after hours 4 times in 3 of the last 8 weeks; asked for personal information once in 1 of the last 8 weeks. " +
            "A pattern worth a conversation: wrote after hours.", northwind.Summary);
    }

    [Fact]
    public void TwoMessagesInOneWeek_AreOneWeek()
    {
        (string, Instant, IReadOnlyCollection<SignalKind>)[] messages =
        [
            ("northwind", Instant.FromUtc(2026, 11, 30, 22, 0), [SignalKind.WrongChannel]),
            ("northwind", Instant.FromUtc(2026, 12, 1, 22, 0), [SignalKind.WrongChannel]),
        ];

        Assert.Equal(new SignalCount(SignalKind.WrongChannel, 2, 1), Assert.Single(Assert.Single(SignalPatterns.Of(messages, Now, London)).Signals));
    }
}
