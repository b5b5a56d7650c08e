using System.Runtime.CompilerServices;
using NodaTime;
using NodaTime.TimeZones;

namespace Porter.Domain.Scheduling;

/// <summary>
/// The working periods of an <see cref="Availability"/> as UTC tick segments, indexed so that every question
/// costs a couple of binary searches whatever the span: the time line is cut into fixed blocks of 128 UTC days,
/// each built on first use and holding its periods with running totals of business time.
/// </summary>
/// <remarks>
/// <para>Periods are clipped at block edges, so a period crossing an edge is two adjacent periods; adjacent
/// periods behave as one stretch in every operation. Empty periods are never stored.</para>
/// <para>Local times are turned into instants with NodaTime's <see cref="Resolvers.LenientResolver"/>: a wall
/// time in a spring-forward gap moves forward by the length of the gap, an ambiguous wall time takes its earlier
/// occurrence.</para>
/// </remarks>
/// <threadsafety>Safe for concurrent use: blocks are immutable once published.</threadsafety>
internal sealed class Timeline
{
    /// <summary>The length of one block.</summary>
    internal const long BlockTicks = 128 * NodaConstants.TicksPerDay;

    /// <summary>The first instant the time line covers.</summary>
    internal static readonly Instant MinInstant = Instant.FromUtc(1900, 1, 1, 0, 0);

    private static readonly long OriginTicks = MinInstant.ToUnixTimeTicks();
    private static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;
    private static readonly int BlockCount =
        (int)(((Instant.FromUtc(2300, 1, 1, 0, 0).ToUnixTimeTicks() - OriginTicks) + BlockTicks - 1) / BlockTicks);

    private readonly Availability availability;
    private readonly DateTimeZone zone;
    private readonly Block?[] blocks = new Block?[BlockCount];

    internal Timeline(Availability availability)
    {
        this.availability = availability;
        zone = availability.Zone;
    }

    /// <summary>The instant just after the last one the time line covers.</summary>
    internal static Instant EndInstant => Instant.FromUnixTimeTicks(OriginTicks + (BlockCount * BlockTicks));

    /// <summary>Whether <paramref name="t"/> lies in a period (start inclusive, end exclusive).</summary>
    internal bool Contains(long t)
    {
        Block b = BlockAt(t, out _);
        int i = b.LastStartAtOrBefore(t, b.Count - 1);
        return i >= 0 && t < b.Ends[i];
    }

    /// <summary>
    /// The instant at which <paramref name="amount"/> ticks of business time have passed after <paramref name="t"/>.
    /// When the amount runs out exactly at the end of a period, the answer is the start of the next one; an
    /// amount of zero gives <paramref name="t"/> when it is in hours, else the next opening.
    /// </summary>
    internal long Add(long t, long amount)
    {
        Block b = BlockAt(t, out int k);
        long c = b.BusinessTicksBefore(t) + amount;
        while (c >= b.Total)
        {
            c -= b.Total;
            b = BlockOrThrow(++k);
        }

        int j = b.FirstCumEndAfter(c);
        return b.Starts[j] + (c - b.CumStart[j]);
    }

    /// <summary>
    /// The instant <paramref name="amount"/> ticks of business time before <paramref name="t"/>. When the amount
    /// runs out exactly at the start of a period, the answer is that start; an amount of zero gives
    /// <paramref name="t"/> when it is in hours or exactly at a closing, else the previous closing.
    /// </summary>
    internal long Subtract(long t, long amount)
    {
        Block b = BlockAt(t, out int k);
        int limit = b.LastStartAtOrBefore(t, b.Count - 1);
        long c = (limit < 0 ? 0 : b.CumStart[limit] + Math.Min(t, b.Ends[limit]) - b.Starts[limit]) - amount;
        while (c < 0 || limit < 0)
        {
            b = BlockOrThrow(--k);
            c += b.Total;
            limit = b.Count - 1;
        }

        int j = b.LastCumStartAtOrBefore(c, limit);
        return b.Starts[j] + (c - b.CumStart[j]);
    }

    /// <summary>Business ticks in <c>[from, to]</c>; zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    internal long Between(long from, long to)
    {
        if (to <= from)
        {
            return 0;
        }

        Block a = BlockAt(from, out int ka);
        Block b = BlockAt(to, out int kb);
        long total = b.BusinessTicksBefore(to) - a.BusinessTicksBefore(from);
        for (int k = ka; k < kb; k++)
        {
            total += BlockOrThrow(k).Total;
        }

        return total;
    }

    /// <summary>
    /// The first working moment at or after <paramref name="x"/>: <paramref name="x"/> itself when in hours or exactly
    /// at a closing, else the next opening. A break that starts exactly at an opening or ends exactly at a closing
    /// leaves that instant behind as a zero-length moment that counts here (the reference's behaviour, see docs/business-time.md).
    /// </summary>
    internal long FirstMomentAtOrAfter(long x)
    {
        Block b = BlockAt(x, out int k);
        if (x == b.Start && k > 0)
        {
            Block previous = BlockOrThrow(k - 1);
            if (previous.Count > 0 && previous.Ends[previous.Count - 1] == x)
            {
                return x;
            }
        }

        while (true)
        {
            int j = b.FirstEndAtOrAfter(x);
            int r = b.FirstRemnantAtOrAfter(x);
            long real = j >= 0 ? Math.Max(b.Starts[j], x) : long.MaxValue;
            long remnant = r >= 0 ? b.Remnants[r] : long.MaxValue;
            if (real != long.MaxValue || remnant != long.MaxValue)
            {
                return Math.Min(real, remnant);
            }

            b = BlockOrThrow(++k);
        }
    }

    /// <summary>
    /// The last working moment at or before <paramref name="x"/>: <paramref name="x"/> itself when in hours or exactly
    /// at an opening, else the previous closing (zero-length moments left by breaks count, as above).
    /// </summary>
    internal long LastMomentAtOrBefore(long x)
    {
        Block b = BlockAt(x, out int k);
        while (true)
        {
            int j = b.LastStartAtOrBefore(x, b.Count - 1);
            int r = b.LastRemnantAtOrBefore(x);
            long real = j >= 0 ? Math.Min(b.Ends[j], x) : long.MinValue;
            long remnant = r >= 0 ? b.Remnants[r] : long.MinValue;
            if (real != long.MinValue || remnant != long.MinValue)
            {
                return Math.Max(real, remnant);
            }

            b = BlockOrThrow(--k);
        }
    }

    /// <summary>The periods that overlap <c>[from, to)</c>, clipped to it, adjacent ones merged.</summary>
    internal IEnumerable<(long Start, long End)> Stretches(long from, long to)
    {
        long? openStart = null;
        long openEnd = 0;
        int k = BlockIndex(from);
        while (k < BlockCount && OriginTicks + (k * BlockTicks) < to)
        {
            Block b = BlockOrThrow(k++);
            for (int i = 0; i < b.Count; i++)
            {
                long s = Math.Max(b.Starts[i], from);
                long e = Math.Min(b.Ends[i], to);
                if (e <= s)
                {
                    continue;
                }

                if (openStart is not null && s == openEnd)
                {
                    openEnd = e;
                    continue;
                }

                if (openStart is not null)
                {
                    yield return (openStart.Value, openEnd);
                }

                openStart = s;
                openEnd = e;
            }
        }

        if (openStart is not null)
        {
            yield return (openStart.Value, openEnd);
        }
    }

    /// <summary>Turns a local date and a tick of its day (<see cref="NodaConstants.TicksPerDay"/> for 24:00) into UTC ticks.</summary>
    /// <remarks>
    /// The same answer as NodaTime's <see cref="Resolvers.LenientResolver"/> (a wall time in a gap moves forward by
    /// the length of the gap; an ambiguous one takes the earlier instant), computed from the zone intervals around
    /// the wall time so that it allocates nothing. Where two transitions fall within a day of it, NodaTime decides.
    /// </remarks>
    internal long Resolve(LocalDate date, long tickOfDay)
    {
        long wall = ((date.ToDateOnly().DayNumber - UnixEpochDayNumber) * NodaConstants.TicksPerDay) + tickOfDay;

        // Every instant this wall time could be lies within a day of "wall read as UTC" (offsets are under 18 hours).
        ZoneInterval before = zone.GetZoneInterval(Instant.FromUnixTimeTicks(wall - NodaConstants.TicksPerDay));
        if (!before.HasEnd || before.End.ToUnixTimeTicks() > wall + NodaConstants.TicksPerDay)
        {
            return wall - before.WallOffset.Ticks;
        }

        long transition = before.End.ToUnixTimeTicks();
        ZoneInterval after = zone.GetZoneInterval(before.End);
        if (after.HasEnd && after.End.ToUnixTimeTicks() <= wall + NodaConstants.TicksPerDay)
        {
            return ResolveWithNodaTime(date, tickOfDay);
        }

        long early = wall - before.WallOffset.Ticks;
        long late = wall - after.WallOffset.Ticks;
        if (early < transition)
        {
            return early; // unique, or the earlier of two in an overlap
        }

        // Valid after the transition; otherwise the wall time is in a gap and moves forward by its length.
        return late >= transition ? late : early;
    }

    private long ResolveWithNodaTime(LocalDate date, long tickOfDay)
    {
        if (tickOfDay >= NodaConstants.TicksPerDay)
        {
            date = date.PlusDays(1);
            tickOfDay -= NodaConstants.TicksPerDay;
        }

        LocalDateTime local = date + LocalTime.FromTicksSinceMidnight(tickOfDay);
        return zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant().ToUnixTimeTicks();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Block BlockAt(long t, out int k)
    {
        k = BlockIndex(t);
        return BlockOrThrow(k);
    }

    private static int BlockIndex(long t)
    {
        long relative = t - OriginTicks;
        if (relative < 0 || relative >= BlockCount * BlockTicks)
        {
            throw OutOfRange(Instant.FromUnixTimeTicks(t));
        }

        return (int)(relative / BlockTicks);
    }

    private Block BlockOrThrow(int k)
    {
        if ((uint)k >= (uint)blocks.Length)
        {
            throw OutOfRange(k < 0 ? MinInstant : EndInstant);
        }

        Block? b = Volatile.Read(ref blocks[k]);
        if (b is null)
        {
            Interlocked.CompareExchange(ref blocks[k], Build(k), null);
            b = blocks[k]!;
        }

        return b;
    }

    private static ArgumentOutOfRangeException OutOfRange(Instant at) => new(
        nameof(at),
        at,
        $"Business time is computed between {MinInstant} and {EndInstant}; the calculation reached {at} " +
        "(is there any working time left in that direction?).");

    private Block Build(int k)
    {
        long blockStart = OriginTicks + (k * BlockTicks);
        long blockEnd = blockStart + BlockTicks;
        LocalDate first = Instant.FromUnixTimeTicks(blockStart).InZone(zone).Date.PlusDays(-1);
        LocalDate last = Instant.FromUnixTimeTicks(blockEnd).InZone(zone).Date.PlusDays(1);
        var starts = new List<long>(512);
        var ends = new List<long>(512);
        var remnants = new List<long>();
        long lastEnd = long.MinValue;

        void Append(long s, long e)
        {
            s = Math.Max(Math.Max(s, blockStart), lastEnd);
            e = Math.Min(e, blockEnd);
            if (e > s)
            {
                starts.Add(s);
                ends.Add(e);
                lastEnd = e;
            }
        }

        for (LocalDate date = first; date <= last; date = date.PlusDays(1))
        {
            var hours = availability.HoursOn(date);
            if (hours.IsDefaultOrEmpty)
            {
                continue;
            }

            var breaks = availability.BreaksOn(date);
            foreach (DailyInterval interval in hours)
            {
                long s = Resolve(date, interval.StartTickOfDay);
                long e = Resolve(date, interval.EndTickOfDay);
                foreach (DailyInterval cut in breaks)
                {
                    long bs = Resolve(date, cut.StartTickOfDay);
                    long be = Resolve(date, cut.EndTickOfDay);
                    if (be <= s || bs >= e)
                    {
                        continue;
                    }

                    // A break starting exactly at an opening, or ending exactly at a closing, leaves that
                    // instant behind as a zero-length moment (the reference keeps such empty pieces).
                    if (bs == s && s >= blockStart && s < blockEnd)
                    {
                        remnants.Add(s);
                    }

                    if (be == e && e >= blockStart && e < blockEnd)
                    {
                        remnants.Add(e);
                    }

                    Append(s, bs);
                    s = Math.Max(s, be);
                }

                Append(s, e);
            }
        }

        remnants.Sort();
        return new Block(blockStart, blockEnd, [.. starts], [.. ends], [.. remnants]);
    }

    /// <summary>One block of the time line: sorted, disjoint periods with running totals.</summary>
    private sealed class Block
    {
        internal readonly long Start;
        internal readonly long End;
        internal readonly long[] Starts;
        internal readonly long[] Ends;
        internal readonly long[] CumStart;
        internal readonly long[] CumEnd;
        internal readonly int Count;
        internal readonly long Total;

        /// <summary>Zero-length moments left where a break starts at an opening or ends at a closing; only day arithmetic sees them.</summary>
        internal readonly long[] Remnants;

        internal Block(long start, long end, long[] starts, long[] ends, long[] remnants)
        {
            Remnants = remnants;
            Start = start;
            End = end;
            Starts = starts;
            Ends = ends;
            Count = starts.Length;
            CumStart = new long[Count];
            CumEnd = new long[Count];
            long running = 0;
            for (int i = 0; i < Count; i++)
            {
                CumStart[i] = running;
                running += ends[i] - starts[i];
                CumEnd[i] = running;
            }

            Total = running;
        }

        /// <summary>Business ticks from the block's start up to <paramref name="t"/>.</summary>
        internal long BusinessTicksBefore(long t)
        {
            int i = LastStartAtOrBefore(t, Count - 1);
            return i < 0 ? 0 : CumStart[i] + Math.Min(t, Ends[i]) - Starts[i];
        }

        /// <summary>The largest index i ≤ <paramref name="limit"/> with Starts[i] ≤ t, or -1.</summary>
        internal int LastStartAtOrBefore(long t, int limit) => LastAtOrBefore(Starts, t, limit);

        /// <summary>The largest index i ≤ <paramref name="limit"/> with CumStart[i] ≤ c, or -1.</summary>
        internal int LastCumStartAtOrBefore(long c, int limit) => LastAtOrBefore(CumStart, c, limit);

        /// <summary>The smallest index with CumEnd &gt; c (one exists when c &lt; Total).</summary>
        internal int FirstCumEndAfter(long c)
        {
            int lo = 0, hi = Count - 1;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (CumEnd[mid] > c)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            return lo;
        }

        /// <summary>The smallest index with Ends[i] ≥ x, or -1.</summary>
        internal int FirstEndAtOrAfter(long x)
        {
            int lo = 0, hi = Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (Ends[mid] >= x)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            return lo < Count ? lo : -1;
        }

        /// <summary>The smallest index with Remnants[i] ≥ x, or -1.</summary>
        internal int FirstRemnantAtOrAfter(long x)
        {
            int i = LastAtOrBefore(Remnants, x - 1, Remnants.Length - 1) + 1;
            return i < Remnants.Length ? i : -1;
        }

        /// <summary>The largest index with Remnants[i] ≤ x, or -1.</summary>
        internal int LastRemnantAtOrBefore(long x) => LastAtOrBefore(Remnants, x, Remnants.Length - 1);

        private static int LastAtOrBefore(long[] values, long v, int limit)
        {
            int lo = 0, hi = limit;
            int found = -1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >>> 1;
                if (values[mid] <= v)
                {
                    found = mid;
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return found;
        }
    }
}
