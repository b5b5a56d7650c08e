using Porter.Application.Access;

namespace Porter.Application.Tests;

/// <summary>What each role may do, on their own professional's work and on another's: the one table every page and endpoint asks.</summary>
public class ViewerTests
{
    private static readonly Viewer Owner = new(1, PersonRole.Owner, null);
    private static readonly Viewer OwnerWhoIsSam = new(1, PersonRole.Owner, "sam");
    private static readonly Viewer Kim = new(1, PersonRole.Professional, "kim");
    private static readonly Viewer KimsAssistant = new(1, PersonRole.Assistant, "kim");

    [Theory]
    [InlineData(Deed.Read, true, true, true, false, true, false)]
    [InlineData(Deed.Draft, true, true, true, false, true, false)]
    [InlineData(Deed.Answer, true, true, true, false, false, false)]
    [InlineData(Deed.Correct, true, true, true, false, false, false)]
    [InlineData(Deed.SetStatus, true, true, true, false, false, false)]
    [InlineData(Deed.ChangeAgreement, true, true, true, false, false, false)]
    public void EachRole_OnItsOwnProfessionalsWork_AndOnAnothers(Deed deed, bool ownerOnKims, bool ownerOnSams, bool kimOnKims, bool kimOnSams, bool assistantOnKims, bool assistantOnSams)
    {
        Assert.Equal(ownerOnKims, Owner.May(deed, "kim"));
        Assert.Equal(ownerOnSams, OwnerWhoIsSam.May(deed, "sam"));
        Assert.Equal(kimOnKims, Kim.May(deed, "kim"));
        Assert.Equal(kimOnSams, Kim.May(deed, "sam"));
        Assert.Equal(assistantOnKims, KimsAssistant.May(deed, "kim"));
        Assert.Equal(assistantOnSams, KimsAssistant.May(deed, "sam"));
    }

    [Fact]
    public void OnlyOwners_ChangeThePracticeAsAWhole_AndSeeEveryDesk()
    {
        Assert.True(Owner.May(Deed.ChangePractice, null));
        Assert.True(OwnerWhoIsSam.May(Deed.ChangePractice, null));
        Assert.False(Kim.May(Deed.ChangePractice, null));
        Assert.False(KimsAssistant.May(Deed.ChangePractice, null));

        Assert.Null(Owner.Desk);
        Assert.Null(OwnerWhoIsSam.Desk);
        Assert.Equal("kim", Kim.Desk);
        Assert.Equal("kim", KimsAssistant.Desk);

        // A professional or assistant with no professional on record sees nobody's work.
        var lost = new Viewer(1, PersonRole.Professional, null);
        Assert.Equal("", lost.Desk);
        Assert.False(lost.Sees("kim"));
        Assert.False(lost.Sees(null));
    }

    [Theory]
    [InlineData("owner", true)]
    [InlineData("Assistant", true)]
    [InlineData("PROFESSIONAL", true)]
    [InlineData("admin", false)]
    [InlineData("1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Roles_AreReadByName(string? text, bool known) => Assert.Equal(known, Viewer.TryParseRole(text, out _));
}
