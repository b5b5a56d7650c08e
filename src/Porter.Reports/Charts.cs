using ScottPlot;

namespace Porter.Reports;

/// <summary>The charts of Porter's reports, drawn with ScottPlot as SVG (no browser script needed).</summary>
public static class Charts
{
    private static readonly string[] Days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    /// <summary>Arrivals by weekday and hour: a heatmap, Monday at the top.</summary>
    public static string Heatmap(long[,] counts, string title)
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

        using var plot = new Plot();
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
        return plot.GetSvgXml(900, 360);
    }

    /// <summary>A bar per label.</summary>
    public static string Bars(IReadOnlyList<(string Label, double Value)> bars, string title, string yLabel)
    {
        ArgumentNullException.ThrowIfNull(bars);
        using var plot = new Plot();
        var series = plot.Add.Bars([.. bars.Select(b => b.Value)]);
        series.Color = Colors.SteelBlue;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, bars.Count).Select(i => (double)i)], [.. bars.Select(b => b.Label)]);
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.YLabel(yLabel);
        return plot.GetSvgXml(900, 360);
    }
}
