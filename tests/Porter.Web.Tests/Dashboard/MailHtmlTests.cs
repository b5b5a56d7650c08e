using Porter.Web.Dashboard;

namespace Porter.Web.Tests.Dashboard;

public class MailHtmlTests
{
    [Theory]
    [InlineData("<p>Hi</p><script>alert(1)</script>", "<script")]
    [InlineData("<img src=x onerror=alert(1)>", "onerror")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "javascript:")]
    [InlineData("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>", "data:text")]
    [InlineData("<svg onload=alert(1)></svg>", "<svg")]
    [InlineData("<style>@import url(http://evil.example/x.css)</style>", "@import")]
    [InlineData("<div style=\"background:url(http://evil.example/bg.png)\">x</div>", "evil.example")]
    [InlineData("<img src=\"https://tracker.example/p.gif\">", "tracker.example")]
    [InlineData("<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>", "srcdoc")]
    [InlineData("<form action=\"https://evil.example\"><input name=p></form>", "<form")]
    public void Sanitize_RemovesWhatCouldRunOrFetch(string html, string gone) =>
        Assert.DoesNotContain(gone, MailHtml.Sanitize(html), StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void Sanitize_KeepsFormattingLinksAndInlineImages()
    {
        string shown = MailHtml.Sanitize("<p style=\"color:red\">Hi <b>there</b> <a href=\"https://northwind.example/brief\">brief</a> <img alt=logo src=\"data:image/png;base64,iVBORw0KGgo=\"></p>");
        Assert.Contains("<b>there</b>", shown, StringComparison.Ordinal);
        Assert.Contains("href=\"https://northwind.example/brief\"", shown, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo=\"", shown, StringComparison.Ordinal);
        Assert.Contains("color: rgba(255, 0, 0, 1)", shown, StringComparison.Ordinal);
    }
}
