using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Testing;
using Porter.Application.Changes;
using Porter.Configuration;
using Porter.Domain.Agreements;
using Porter.Testing;

namespace Porter.Application.Tests.Changes;

/// <summary>
/// "Change the practice" in the application layer, over its two ports held in memory (the storage and disk adapters
/// are tested against the real database and files in Porter.Web.Tests): what is recorded, who hears of it, and what a
/// bad document leaves alone.
/// </summary>
public class PracticeStateTests
{
    private static readonly string Team = File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "team", "porter.json"));

    [Fact]
    public async Task TheFirstStart_RecordsTheFile_AndEachSavedChangeIsANewVersionThatListenersHear()
    {
        var (state, versions, file) = Start(Team);
        await state.LoadAsync(CancellationToken.None);
        Assert.Equal(1, state.Version);
        Assert.Equal(PracticeState.FileActor, versions.Records[0].Actor);
        Assert.Equal(["sam", "kim"], state.Current.Practices.Select(p => p.Professional.Id));

        int heard = 0;
        state.OnChanged(_ => Task.FromResult(++heard));
        JsonNode changed = JsonNode.Parse(Team, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        changed["professionals"]![1]!["availability"]!["weekly"]!["fri"] = new JsonArray("08:00-12:00");
        PracticeSaved saved = await state.SaveAsync(changed.ToJsonString(), "owner@riverastudio.example", CancellationToken.None);

        Assert.Empty(saved.Problems);
        Assert.Equal(1, heard);
        Assert.Equal(2, state.Version);
        Assert.Equal(changed.ToJsonString(), file.Text);
        Assert.True(state.Current.Find("kim")!.Calendar.IsOpen(Instant.FromUtc(2026, 12, 4, 15, 0))); // Friday 10:00 in Toronto
    }

    [Fact]
    public async Task ALooserRuleForAProfessional_IsRefused_AndNothingIsWrittenOrRecorded()
    {
        var (state, versions, file) = Start(Team);
        await state.LoadAsync(CancellationToken.None);
        int heard = 0;
        state.OnChanged(_ => Task.FromResult(++heard));

        string looser = Team.Replace("\"afterHoursEmergencies\": \"hold\", \"autoReplyWindowDays\": 14", "\"afterHoursEmergencies\": \"on-call\", \"autoReplyWindowDays\": 2", StringComparison.Ordinal);
        Assert.NotEqual(Team, looser);
        PracticeSaved saved = await state.SaveAsync(looser, "kim@riverastudio.example", CancellationToken.None);

        // Kim may hold emergencies the organisation would page (stricter, or as strict: fine); a shorter reply window is looser.
        Assert.Equal("professionals[1].policy.autoReplyWindowDays", Assert.Single(saved.Problems).Field);
        Assert.Equal(Team, file.Text);
        Assert.Single(versions.Records);
        Assert.Equal(0, heard);
        Assert.False(state.Current.Find("kim")!.Policy.AfterHoursEmergenciesToOnCall);
    }

    [Fact]
    public async Task EachProfessionalsStatus_IsTheirs_AndOnRecordByName()
    {
        var (state, versions, _) = Start(Team);
        await state.LoadAsync(CancellationToken.None);

        Assert.True(await state.SetStatusAsync("kim", ProfessionalStatus.Vacation, "kim@riverastudio.example", CancellationToken.None));
        Assert.False(await state.SetStatusAsync("nobody", ProfessionalStatus.Off, "x", CancellationToken.None));

        Assert.Equal(ProfessionalStatus.Vacation, state.Current.Find("kim")!.Professional.Status);
        Assert.Equal(ProfessionalStatus.Available, state.Current.Find("sam")!.Professional.Status);
        Assert.Equal("vacation", versions.Statuses["kim"]);
        FieldChange change = Assert.Single(versions.StatusChanges);
        Assert.Equal(new FieldChange("professionals[kim].status", "\"available\"", "\"vacation\""), change);

        // Another instance starting on the same database takes the status up.
        var (other, _, _) = Start(Team, versions);
        await other.LoadAsync(CancellationToken.None);
        Assert.Equal(ProfessionalStatus.Vacation, other.Current.Find("kim")!.Professional.Status);
    }

    private static (PracticeState State, MemoryVersions Versions, MemoryFile File) Start(string text, MemoryVersions? versions = null)
    {
        var file = new MemoryFile(text, Instant.FromUtc(2026, 12, 1, 9, 0));
        versions ??= new MemoryVersions();
        var clock = new FakeClock(Instant.FromUtc(2026, 12, 2, 9, 0));
        PorterConfig config = ConfigReader.Parse(text, "porter.json", new Dictionary<string, string>(), DateTimeZoneProviders.Tzdb);
        return (new PracticeState(config, file, versions, clock), versions, file);
    }

    private sealed class MemoryFile(string text, Instant writtenAt) : IPracticeFile
    {
        public string Text { get; private set; } = text;

        public string Name => "porter.json";

        public Instant WrittenAt => writtenAt;

        public Task<string> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Text);

        public Dictionary<string, string> FilesBeside(string document) => [];

        public Task WriteBesideAsync(string relative, string text, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task WriteAsync(string document, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken)
        {
            Text = document;
            return Task.CompletedTask;
        }
    }

    private sealed class MemoryVersions : IPracticeVersions
    {
        public List<PracticeVersion> Records { get; } = [];

        public Dictionary<string, string> Statuses { get; } = new(StringComparer.Ordinal);

        public List<FieldChange> StatusChanges { get; } = [];

        private long last;

        public Task<PracticeVersion?> LatestAsync(CancellationToken cancellationToken) => Task.FromResult(Records.LastOrDefault());

        public Task<long> RecordAsync(string document, IReadOnlyDictionary<string, string> files, string actor, Instant at, CancellationToken cancellationToken)
        {
            if (Records.LastOrDefault() is { } latest && !latest.DiffersFrom(document, files))
            {
                return Task.FromResult(latest.Id);
            }

            Records.Add(new PracticeVersion(++last, at, actor, document, files));
            return Task.FromResult(last);
        }

        public Task<long> LastChangeAsync(CancellationToken cancellationToken) => Task.FromResult(last);

        public Task<IReadOnlyDictionary<string, string>> StatusesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyDictionary<string, string>>(Statuses);

        public Task SetStatusAsync(string professionalId, string status, FieldChange? change, string actor, Instant at, CancellationToken cancellationToken)
        {
            Statuses[professionalId] = status;
            if (change is not null)
            {
                StatusChanges.Add(change);
                last++;
            }

            return Task.CompletedTask;
        }
    }
}
