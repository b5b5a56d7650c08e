using System.Text.RegularExpressions;
using Porter.Reports;

namespace Porter.Web.Tests;

/// <summary>The charts as the pages show them: a sharp heatmap, text in the page's own fonts.</summary>
public class ChartsTests
{
    [Fact]
    public void TheHeatmap_IsDrawnSharp_InThePagesFonts()
    {
        var counts = new long[7, 24];
        counts[1, 23] = 5;

        string svg = Charts.Heatmap(counts, "When messages arrive");

        // Every bitmap (the cells, the colour bar) is drawn with hard edges, not smoothed by the browser into a blur.
        MatchCollection images = Regex.Matches(svg, "<image [^>]*>");
        Assert.NotEmpty(images);
        Assert.All(images, i => Assert.Contains("image-rendering:pixelated", i.Value, StringComparison.Ordinal));
        // Text in the stack porter.css sets for the page, never the serif ScottPlot found first.
        string[] fonts = [.. Regex.Matches(svg, "font-family=\"([^\"]*)\"").Select(m => m.Groups[1].Value).Distinct()];
        Assert.Equal([Charts.PageFonts], fonts);
        string css;
        using (Stream stream = typeof(Porter.Web.Dashboard.DashboardSetup).Assembly.GetManifestResourceStream("assets/porter.css")!)
        using (var reader = new StreamReader(stream))
        {
            css = reader.ReadToEnd();
        }

        Assert.Contains(Charts.PageFonts.Replace("'", "\"", StringComparison.Ordinal), css, StringComparison.Ordinal);
    }

    [Fact]
    public void Bars_AreInThePagesFonts_Too() =>
        Assert.All(Regex.Matches(Charts.Bars([("Northwind", 50), ("Fabrikam", 100)], "Answered within the promise", "% on time"), "font-family=\"([^\"]*)\""),
            m => Assert.Equal(Charts.PageFonts, m.Groups[1].Value));
}
