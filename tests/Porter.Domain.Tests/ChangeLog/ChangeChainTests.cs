using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.ChangeLog;

namespace Porter.Domain.Tests.ChangeLog;

/// <summary>The change log's hash chain: intact chains verify; each kind of tampering is found at the entry it touched.</summary>
public class ChangeChainTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 12, 2, 10, 0);

    [Fact]
    public void AnIntactChain_Verifies_AndAnEmptyOneToo()
    {
        Assert.Null(ChangeChain.Verify(Chain(5)));
        Assert.Null(ChangeChain.Verify([]));
    }

    [Fact]
    public void AnEditedEntry_IsNamed()
    {
        List<SealedEntry> chain = Chain(5);
        chain[2] = chain[2] with { Entry = chain[2].Entry with { What = "Launch moved to March" } };

        Assert.Equal(new ChainProblem(3, Tampering.Edited, "entry 3 was edited: its content no longer matches its hash"), ChangeChain.Verify(chain));
    }

    [Fact]
    public void AnEntryEditedAndSealedAgain_IsNamed_ByTheNextOnesLink()
    {
        List<SealedEntry> chain = Chain(5);
        chain[1] = ChangeChain.Seal(chain[1].Previous, chain[1].Entry with { What = "nothing changed" });

        ChainProblem problem = ChangeChain.Verify(chain)!;
        Assert.Equal((2L, Tampering.Edited), (problem.Sequence, problem.How));
    }

    [Fact]
    public void ADeletedEntry_IsNamed()
    {
        List<SealedEntry> chain = Chain(5);
        chain.RemoveAt(3);

        Assert.Equal(new ChainProblem(4, Tampering.Deleted, "entry 4 was deleted: entry 5 follows entry 3"), ChangeChain.Verify(chain));
        Assert.Equal(Tampering.Deleted, ChangeChain.Verify(Chain(3).Skip(1).ToList())!.How);
    }

    [Fact]
    public void ReorderedEntries_AreNamed()
    {
        List<SealedEntry> chain = Chain(5);
        (chain[1], chain[2]) = (chain[2], chain[1]);

        Assert.Equal(new ChainProblem(2, Tampering.Reordered, "entry 2 was reordered: entry 3 stands before it"), ChangeChain.Verify(chain));
    }

    [Fact]
    public void AnInsertedEntry_IsNamed()
    {
        List<SealedEntry> chain = Chain(4);
        chain.Add(ChangeChain.Seal(chain[1].Hash, Entry(3) with { What = "a change nobody asked for" }));

        Assert.Equal(new ChainProblem(3, Tampering.Inserted, "entry 3 was inserted: a second entry 3 stands after entry 4"), ChangeChain.Verify(chain));
    }

    [Property(MaxTest = 200)]
    public Property AnySingleTampering_IsFound_AtTheEntryTouched_AndNamedForWhatItWas() =>
        Prop.ForAll(Gen.Choose(2, 12).SelectMany(n => Gen.Choose(0, n - 1).SelectMany(i => Gen.Choose(0, 3).Select(how => (n, i, how)))).ToArbitrary(), c =>
        {
            (int n, int i, int how) = c;
            List<SealedEntry> chain = Chain(n);
            long touched = i + 1;
            switch (how)
            {
                case 0:
                    chain[i] = chain[i] with { Entry = chain[i].Entry with { AskedBy = "someone else" } };
                    break;
                case 1:
                    chain.RemoveAt(i);
                    if (i == n - 1)
                    {
                        return true; // the last entry removed leaves a shorter, intact chain: receipts show that, not the chain
                    }

                    break;
                case 2:
                    int j = i == n - 1 ? i - 1 : i + 1;
                    (chain[i], chain[j]) = (chain[j], chain[i]);
                    touched = Math.Min(i, j) + 1;
                    break;
                default:
                    chain.Add(ChangeChain.Seal(chain[^1].Hash, Entry(i + 1) with { What = "forged" }));
                    touched = i + 1;
                    break;
            }

            ChainProblem? problem = ChangeChain.Verify(chain);
            return problem is not null && problem.Sequence == touched && problem.How == (Tampering)how;
        });

    [Fact]
    public void Milestones_MoveOnlyThroughChanges_EachDelayLinkedToItsChange()
    {
        var client = new Client("northwind", "Northwind", DateTimeZoneProviders.Tzdb["America/New_York"], null, "en-US", null, [], [], null, null,
            [new Milestone("Logo concepts", new LocalDate(2026, 12, 4), "in-progress"), new Milestone("Brand guidelines", new LocalDate(2027, 1, 22), "planned")], new Scope([], []));
        (ImmutableArray<MilestoneMove> first, string? none) = ClientPlan.Moves(client, [], [("Logo concepts", new LocalDate(2026, 12, 11))]);
        Assert.Null(none);
        ChangeEntry one = Entry(1) with { Moves = first };
        (ImmutableArray<MilestoneMove> second, _) = ClientPlan.Moves(client, [one], [("Logo concepts", new LocalDate(2026, 12, 18))]);
        ChangeEntry two = Entry(2) with { Moves = second };

        MilestoneNow logo = ClientPlan.Milestones(client, [one, two])[0];
        Assert.Equal(new LocalDate(2026, 12, 18), logo.Due);
        Assert.Equal(14, logo.DelayDays);
        Assert.Equal([(1L, 7), (2L, 7)], logo.MovedBy.Select(m => (m.Change, m.Move.Days)));
        Assert.Equal(new LocalDate(2026, 12, 11), second[0].From);
        Assert.Equal(new LocalDate(2027, 1, 22), ClientPlan.Milestones(client, [one, two])[1].Due);
        Assert.Contains("no milestone \"Website\"", ClientPlan.Moves(client, [], [("Website", new LocalDate(2027, 1, 1))]).Problem, StringComparison.Ordinal);

        ChangeEntry confirmed = Entry(3) with { Kind = ChangeEntryKind.Confirmed, Refers = 1 };
        ChangeEntry corrected = Entry(4) with { Kind = ChangeEntryKind.Corrected, Refers = 2, What = "We said the 15th" };
        ImmutableArray<ChangeNow> changes = ClientPlan.Changes("northwind", [one, two, confirmed, corrected]);
        Assert.True(changes[0].Confirmed);
        Assert.True(changes[1].Corrected);
    }

    private static ChangeEntry Entry(long sequence) =>
        new(sequence, "northwind", ChangeEntryKind.Change, null, $"Change {sequence}", "jordan@northwind.example", At, "porter", At.Plus(Duration.FromMinutes(sequence)), [], null);

    private static List<SealedEntry> Chain(int count)
    {
        var chain = new List<SealedEntry>();
        string previous = ChangeChain.Genesis;
        for (int i = 1; i <= count; i++)
        {
            SealedEntry sealedEntry = ChangeChain.Seal(previous, Entry(i));
            chain.Add(sealedEntry);
            previous = sealedEntry.Hash;
        }

        return chain;
    }
}
