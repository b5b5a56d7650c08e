using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Porter.Storage;
using Porter.Testing;

namespace Porter.Web.Tests;

/// <summary>
/// Every file of ../shared/corpus/mime-edge (malformed MIME, TNEF, partial messages, mbox fragments) posted to the real
/// service as an email: each is stored or refused with a reason, and the service stays up and keeps working.
/// </summary>
public sealed class MalformedMailTests(SqliteDatabases databases) : IClassFixture<SqliteDatabases>
{
    [Fact]
    public async Task MimeEdgeCorpus_EachStoredOrRefusedWithAReason_ServiceStaysUp()
    {
        StorageOptions storage = await databases.CreateAsync();
        string key = await ServiceProcess.PrepareAsync(storage, "corpus");

        await using ServiceProcess service = await ServiceProcess.StartAsync(storage);
        using var client = new HttpClient { BaseAddress = service.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        string[] files = Directory.GetFiles(Path.Combine(RepositoryPaths.Shared, "corpus", "mime-edge"), "*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var outcomes = new Dictionary<HttpStatusCode, int>();
        foreach (string file in files)
        {
            using var content = new ByteArrayContent(await File.ReadAllBytesAsync(file));
            content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
            HttpResponseMessage response = await client.PostAsync("/api/v1/mail", content);
            Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity,
                $"{Path.GetFileName(file)}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
            {
                JsonElement problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
            }

            outcomes[response.StatusCode] = outcomes.GetValueOrDefault(response.StatusCode) + 1;
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        await using PorterDb check = StorageSetup.Open(storage);
        Assert.Equal(outcomes.GetValueOrDefault(HttpStatusCode.Accepted), await check.Messages.CountAsync());
        Assert.True(outcomes.GetValueOrDefault(HttpStatusCode.Accepted) > files.Length / 2, string.Join(", ", outcomes));
    }
}
