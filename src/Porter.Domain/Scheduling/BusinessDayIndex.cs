using NodaTime;

namespace Porter.Domain.Scheduling;

/// <summary>
/// Counts business days (see <see cref="Availability.IsBusinessDay"/>) in blocks of 128 local dates with running
/// totals, so that "the n-th business day after D" costs a binary search whatever n is.
/// </summary>
/// <threadsafety>Safe for concurrent use: blocks are immutable once published.</threadsafety>
internal sealed class BusinessDayIndex
{
    private const int BlockDays = 128;
    private static readonly LocalDate Origin = new(1899, 1, 1);
    private static readonly int BlockCount = (Period.DaysBetween(Origin, new LocalDate(2301, 1, 1)) / BlockDays) + 1;

    private readonly Availability availability;
    private readonly int[]?[] blocks = new int[]?[BlockCount];

    internal BusinessDayIndex(Availability availability) => this.availability = availability;

    /// <summary>The <paramref name="n"/>-th business day after <paramref name="date"/>; for n = 0, the first business day on or after it.</summary>
    internal LocalDate After(LocalDate date, int n)
    {
        (int k, int index) = Locate(date);
        int[] cumulative = BlockOrThrow(k);
        int target = n == 0 ? CountBefore(cumulative, index) + 1 : cumulative[index] + n;
        return Find(k, target);
    }

    /// <summary>The <paramref name="n"/>-th business day before <paramref name="date"/>; for n = 0, the last business day on or before it.</summary>
    internal LocalDate Before(LocalDate date, int n)
    {
        (int k, int index) = Locate(date);
        int[] cumulative = BlockOrThrow(k);
        int target = n == 0 ? cumulative[index] : CountBefore(cumulative, index) - n + 1;
        return Find(k, target);
    }

    private static int CountBefore(int[] cumulative, int index) => index == 0 ? 0 : cumulative[index - 1];

    /// <summary>The earliest date whose running count (relative to block <paramref name="k"/>) reaches <paramref name="target"/>.</summary>
    private LocalDate Find(int k, int target)
    {
        int[] cumulative = BlockOrThrow(k);
        while (target > cumulative[BlockDays - 1])
        {
            target -= cumulative[BlockDays - 1];
            cumulative = BlockOrThrow(++k);
        }

        while (target <= 0)
        {
            cumulative = BlockOrThrow(--k);
            target += cumulative[BlockDays - 1];
        }

        int index = Array.BinarySearch(cumulative, target);
        if (index < 0)
        {
            index = ~index;
        }
        else
        {
            while (index > 0 && cumulative[index - 1] == target)
            {
                index--;
            }
        }

        return Origin.PlusDays((k * BlockDays) + index);
    }

    private static (int Block, int Index) Locate(LocalDate date)
    {
        int days = Period.DaysBetween(Origin, date);
        if (days < 0 || days >= BlockCount * BlockDays)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, "Business days are counted between 1899 and 2300.");
        }

        return (days / BlockDays, days % BlockDays);
    }

    private int[] BlockOrThrow(int k)
    {
        if ((uint)k >= (uint)blocks.Length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(k), "Business days are counted between 1899 and 2300; the calculation ran out of that range (are there any business days left in that direction?).");
        }

        int[]? block = Volatile.Read(ref blocks[k]);
        if (block is null)
        {
            block = new int[BlockDays];
            LocalDate first = Origin.PlusDays(k * BlockDays);
            int running = 0;
            for (int i = 0; i < BlockDays; i++)
            {
                if (availability.IsBusinessDay(first.PlusDays(i)))
                {
                    running++;
                }

                block[i] = running;
            }

            Interlocked.CompareExchange(ref blocks[k], block, null);
            block = blocks[k]!;
        }

        return block;
    }
}
