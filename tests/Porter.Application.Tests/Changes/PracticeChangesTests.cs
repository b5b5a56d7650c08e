using Porter.Application.Changes;

namespace Porter.Application.Tests.Changes;

/// <summary>What changed between two versions of porter.json, field by field, as a person would say it.</summary>
public class PracticeChangesTests
{
    private const string Before = """
        {
          // Sam's hours
          "availability": { "timeZone": "Europe/London", "weekly": { "mon": ["09:00-17:00"], "tue": ["09:00-17:00"] }, "holidays": ["2026-12-24"] },
          "policy": { "autoReplyWindowDays": 7 },
          "replies": { "hold": "Hi" },
        }
        """;

    [Fact]
    public void NothingButCommentsAndLayout_IsNoChange()
    {
        string same = """{"availability":{"timeZone":"Europe/London","weekly":{"mon":["09:00-17:00"],"tue":["09:00-17:00"]},"holidays":["2026-12-24"]},"policy":{"autoReplyWindowDays":7},"replies":{"hold":"Hi"}}""";
        Assert.Empty(PracticeChanges.Between(Before, same));
        Assert.Equal("no setting changed (comments or layout only)", PracticeChanges.Summary([]));
    }

    [Fact]
    public void EachChangedField_IsNamedByItsPath_WithItsValueBeforeAndAfter_ListsWhole()
    {
        string after = Before
            .Replace("\"tue\": [\"09:00-17:00\"]", "\"tue\": [\"09:00-12:00\", \"13:00-20:00\"]", StringComparison.Ordinal)
            .Replace("[\"2026-12-24\"]", "[\"2026-12-24\", \"2026-12-31\"]", StringComparison.Ordinal)
            .Replace("\"replies\": { \"hold\": \"Hi\" },", "", StringComparison.Ordinal)
            .Replace("\"policy\": { \"autoReplyWindowDays\": 7 },", "\"policy\": { \"autoReplyWindowDays\": 7, \"afterHoursEmergencies\": \"on-call\" },", StringComparison.Ordinal);

        IReadOnlyList<FieldChange> changes = PracticeChanges.Between(Before, after);

        Assert.Equal(
            [
                new FieldChange("availability.weekly.tue", "[\"09:00-17:00\"]", "[\"09:00-12:00\",\"13:00-20:00\"]"),
                new FieldChange("availability.holidays", "[\"2026-12-24\"]", "[\"2026-12-24\",\"2026-12-31\"]"),
                new FieldChange("policy.afterHoursEmergencies", null, "\"on-call\""),
                new FieldChange("replies", "{\"hold\":\"Hi\"}", null),
            ],
            changes);
        Assert.Equal("availability.weekly.tue, availability.holidays, policy.afterHoursEmergencies, replies", PracticeChanges.Summary(changes));
        Assert.Equal("availability.weekly.tue, availability.holidays and 2 more", PracticeChanges.Summary(changes, most: 2));
    }

    [Fact]
    public void TheFirstVersion_IsEveryTopLevelSection_Added()
    {
        IReadOnlyList<FieldChange> changes = PracticeChanges.Between(null, Before);
        Assert.Equal(["availability", "policy", "replies"], changes.Select(c => c.Path));
        Assert.All(changes, c => Assert.Null(c.Before));
    }

    [Fact]
    public void NotJson_IsAnError() =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => PracticeChanges.Between(Before, "{ not json"));
}
