using ScottPlot;

namespace Porter.Reports;

/// <summary>How a chart is handed out: SVG for pages (no browser script needed), PNG for mail (mail readers show no SVG).</summary>
public enum ChartFormat
{
    /// <summary>SVG markup, UTF-8.</summary>
    Svg,

    /// <summary>A PNG image.</summary>
    Png,
}

/// <summary>The charts of Porter's reports and reviews, drawn with ScottPlot.</summary>
public static class Charts
{
    /// <summary>The size every chart is drawn at.</summary>
    public const int Width = 900, Height = 360;

    /// <summary>The dashboard's own font stack (porter.css): the charts' text is set in it, so they read like the page.</summary>
    public const string PageFonts = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

    private static readonly string[] Days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    /// <summary>Arrivals by weekday and hour: a heatmap, Monday at the top, as SVG.</summary>
    public static string Heatmap(long[,] counts, string title) => Svg(HeatmapPlot(counts, title));

    /// <summary>A bar per label, as SVG.</summary>
    public static string Bars(IReadOnlyList<(string Label, double Value)> bars, string title, string yLabel) => Svg(BarsPlot(bars, title, yLabel));

    /// <summary>The chart in <paramref name="format"/>.</summary>
    internal static byte[] Render(Plot plot, ChartFormat format) =>
        format == ChartFormat.Png
            ? plot.GetImageBytes(Width, Height, ImageFormat.Png)
            : System.Text.Encoding.UTF8.GetBytes(SvgOf(plot));

    private static string Svg(Plot plot)
    {
        using (plot)
        {
            return SvgOf(plot);
        }
    }

    /// <summary>
    /// The plot as SVG for a page: text in the page's fonts (ScottPlot names the one typeface it measured with), and
    /// bitmaps (a heatmap's cells, a colour bar) drawn with hard edges: a browser otherwise smooths a 24-by-7 image
    /// stretched to the chart's size into a blur.
    /// </summary>
    private static string SvgOf(Plot plot)
    {
        plot.Font.Set(Fonts.Sans);
        string svg = plot.GetSvgXml(Width, Height);
        svg = System.Text.RegularExpressions.Regex.Replace(svg, "font-family=\"[^\"]*\"", $"font-family=\"{PageFonts}\"");
        return svg.Replace("<image ", "<image style=\"image-rendering:pixelated\" ", StringComparison.Ordinal);
    }

    /// <summary>Arrivals by weekday and hour: a heatmap, Monday at the top.</summary>
    internal static Plot HeatmapPlot(long[,] counts, string title)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var data = new double[7, 24];
        for (int d = 0; d < 7; d++)
        {
            for (int h = 0; h < 24; h++)
            {
                data[d, h] = counts[d, h];
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heatmap);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, 7).Select(i => (double)(6 - i))], Days);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, 24).Where(h => h % 3 == 0).Select(h => (double)h)],
            [.. Enumerable.Range(0, 24).Where(h => h % 3 == 0).Select(h => $"{h:00}:00")]);
        plot.Title(title);
        plot.XLabel("hour of arrival (professional's time)");
        return plot;
    }

    /// <summary>A bar per label.</summary>
    internal static Plot BarsPlot(IReadOnlyList<(string Label, double Value)> bars, string title, string yLabel)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var plot = new Plot();
        var series = plot.Add.Bars([.. bars.Select(b => b.Value)]);
        series.Color = Colors.SteelBlue;
        Label(plot, bars.Select(b => b.Label).ToList(), title, yLabel);
        return plot;
    }

    /// <summary>Per label, one bar for each series side by side (load against what is included), with a legend.</summary>
    internal static Plot GroupedPlot(IReadOnlyList<string> labels, IReadOnlyList<(string Name, Color Color, IReadOnlyList<double> Values)> series, string title, string yLabel)
    {
        var plot = new Plot();
        double width = 0.8 / series.Count;
        for (int s = 0; s < series.Count; s++)
        {
            var bars = new List<Bar>();
            for (int i = 0; i < labels.Count; i++)
            {
                bars.Add(new Bar { Position = i - 0.4 + (width * (s + 0.5)), Value = series[s].Values[i], Size = width * 0.95, FillColor = series[s].Color });
            }

            plot.Add.Bars(bars).LegendText = series[s].Name;
        }

        plot.ShowLegend(Alignment.UpperRight);
        Label(plot, labels, title, yLabel);
        return plot;
    }

    /// <summary>Per label, the series stacked on each other (signals per client), with a legend.</summary>
    internal static Plot StackedPlot(IReadOnlyList<string> labels, IReadOnlyList<(string Name, Color Color, IReadOnlyList<double> Values)> series, string title, string yLabel)
    {
        var plot = new Plot();
        var bottoms = new double[labels.Count];
        foreach ((string name, Color color, IReadOnlyList<double> values) in series)
        {
            var bars = new List<Bar>();
            for (int i = 0; i < labels.Count; i++)
            {
                bars.Add(new Bar { Position = i, ValueBase = bottoms[i], Value = bottoms[i] + values[i], FillColor = color });
                bottoms[i] += values[i];
            }

            plot.Add.Bars(bars).LegendText = name;
        }

        plot.ShowLegend(Alignment.UpperRight);
        Label(plot, labels, title, yLabel);
        return plot;
    }

    private static void Label(Plot plot, IReadOnlyList<string> labels, string title, string yLabel)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, labels.Count).Select(i => (double)i)], [.. labels]);
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.YLabel(yLabel);
    }
}
