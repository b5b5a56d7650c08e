using Porter.Domain.Signals;

namespace Porter.Domain.Tests.Signals;

public class TextRulesTests
{
    [Theory]
    [InlineData("FYI the cups arrived", "fyi")]
    [InlineData("Thought  you’d like\nto know", "thought you'd like to know")]
    [InlineData("the fyingpan is hot", null)]
    [InlineData("see notes.fyi", "fyi")]
    public void FirstMatch_PhrasesAreWholeWordsIgnoringCaseSpacingAndApostrophes(string text, string? expected) =>
        Assert.Equal(expected, new TextRule(TextCue.Fyi, ["fyi", "thought you'd like to know"], []).FirstMatch(text));

    [Fact]
    public void FirstMatch_PatternsWithCapitalsStillIgnoreCase()
    {
        var rule = new TextRule(TextCue.UrgentMatter, [], [@"\bKILN\b.{0,20}\bfire\b"]);
        Assert.Equal("kiln is on fire", rule.FirstMatch("The KILN is on FIRE!"));
    }

    [Fact]
    public void FirstMatch_PatternWithLookaround_StillWorks()
    {
        var rule = new TextRule(TextCue.PersonalSocialContact, [], [@"\bfollowed\b(?!\s+the\s+brand)"]);
        Assert.NotNull(rule.FirstMatch("I followed you"));
        Assert.Null(rule.FirstMatch("I followed the brand page"));
    }

    [Fact]
    public void With_AddsOrReplacesTheDefaults()
    {
        TextRules changed = TextRules.Default.With([new TextRuleChange(TextCue.PlanChange, ["verschieben"], [], false)]);
        Assert.NotNull(changed.Match(TextCue.PlanChange, "Können wir verschieben?"));
        Assert.NotNull(changed.Match(TextCue.PlanChange, "Change of plan!"));
        TextRules replaced = TextRules.Default.With([new TextRuleChange(TextCue.PlanChange, ["verschieben"], [], true)]);
        Assert.Null(replaced.Match(TextCue.PlanChange, "Change of plan!"));
        Assert.Null(TextRules.Default.Match(TextCue.PlanChange, "Können wir verschieben?"));
    }

    [Fact]
    public void Construction_InvalidPattern_Throws() =>
        Assert.ThrowsAny<ArgumentException>(() => new TextRule(TextCue.Fyi, [], ["(unclosed"]));

    [Theory]
    [InlineData("going through")]
    [InlineData("Down")]
    [InlineData("")]
    public void Construction_HintNotOneLowerCaseWord_Throws(string hint) =>
        Assert.Throws<ArgumentException>(() => new TextRule(TextCue.UrgentMatter, [], [@"\bdown\b"], [hint]));
}
