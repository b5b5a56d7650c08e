using Porter.Testing;
using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace Porter.Configuration.Tests;

/// <summary>The published JSON Schema and the reader agree: the sample passes both, and what the schema refuses the reader refuses too.</summary>
public class SchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(RepositoryPaths.Root, "docs", "schema", "porter.schema.json")).GetAwaiter().GetResult());

    /// <summary>Porter allows comments and trailing commas; the validator does not, so they are stripped first.</summary>
    private static string Plain(string json) =>
        JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.ToJsonString();

    [Fact]
    public void Sample_IsValidAgainstTheSchema()
    {
        string json = File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "porter.json"));
        Assert.Empty(Schema.Value.Validate(Plain(json)));
    }

    [Fact]
    public void TeamSample_IsValidAgainstTheSchema()
    {
        string json = File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "team", "porter.json"));
        Assert.Empty(Schema.Value.Validate(Plain(json)));
    }

    [Theory]
    [InlineData("""{ "availability": { "timeZone": "Europe/London", "weekly": { "mon": ["9-5"] } } }""")]
    [InlineData("""{ "availability": { "timeZone": "Europe/London" }, "professionals": [{ "name": "A", "availability": { "timeZone": "Europe/London" } }] }""")]
    [InlineData("""{ "professionals": [] }""")]
    [InlineData("""{ "professionals": [{ "name": "A" }] }""")]
    [InlineData("""{ "professionals": [{ "id": "Not An Id", "name": "A", "availability": { "timeZone": "Europe/London" } }] }""")]
    [InlineData("""{ "availability": { "timeZone": "Europe/London", "weekly": { "funday": [] } } }""")]
    [InlineData("""{ "availability": { "timeZone": "Europe/London", "holidays": ["25/12/2026"] } }""")]
    [InlineData("""{ "availability": { "timeZone": "Europe/London", "overrides": [{ "date": "2026-12-24" }] } }""")]
    [InlineData("""{ "availability": { "timeZone": "Europe/London", "breaks": [{ "date": "2026-12-24" }] } }""")]
    [InlineData("""{ "availability": { "weekly": {} } }""")]
    [InlineData("""{ "availabilty": {} }""")]
    public void InvalidConfig_IsRefusedBySchemaAndReader(string json)
    {
        Assert.NotEmpty(Schema.Value.Validate(json));
        Assert.Throws<ConfigException>(() => ConfigReader.Parse(json, "porter.json", RepositoryPaths.Samples, NodaTime.DateTimeZoneProviders.Tzdb));
    }
}
