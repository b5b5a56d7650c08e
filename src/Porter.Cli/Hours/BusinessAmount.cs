using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace Porter.Cli.Hours;

/// <summary>An amount of business time as a person writes it: <c>90m</c>, <c>4h</c>, <c>1h30m</c>, or <c>3d</c> (business days).</summary>
internal readonly partial record struct BusinessAmount(Duration Time, int Days)
{
    public bool IsDays => Days > 0;

    public static bool TryParse(string text, out BusinessAmount amount, out string? error)
    {
        amount = default;
        error = null;
        Match days = DaysPattern().Match(text);
        if (days.Success)
        {
            if (int.TryParse(days.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int d) && d <= 100_000)
            {
                amount = new BusinessAmount(Duration.Zero, d);
                return true;
            }
        }
        else
        {
            Match time = TimePattern().Match(text);
            if (time.Success && (time.Groups[1].Success || time.Groups[2].Success)
                && long.TryParse(time.Groups[1].Success ? time.Groups[1].ValueSpan : "0", NumberStyles.None, CultureInfo.InvariantCulture, out long h)
                && long.TryParse(time.Groups[2].Success ? time.Groups[2].ValueSpan : "0", NumberStyles.None, CultureInfo.InvariantCulture, out long m)
                && h <= 1_000_000 && m <= 60_000_000)
            {
                amount = new BusinessAmount(Duration.FromHours(h) + Duration.FromMinutes(m), 0);
                return true;
            }
        }

        error = $"'{text}' is not an amount of business time (examples: 90m, 4h, 1h30m, 3d for business days)";
        return false;
    }

    public override string ToString() => IsDays
        ? string.Create(CultureInfo.InvariantCulture, $"{Days} business day{(Days == 1 ? "" : "s")}")
        : $"{Output.Terminal.Format(Time)} of business time";

    [GeneratedRegex(@"^\s*(\d+)\s*d\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DaysPattern();

    [GeneratedRegex(@"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TimePattern();
}
