using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Porter.Configuration;
using Porter.Web.Dashboard;
using Porter.Application.Changes;

namespace Porter.Web.Api;

/// <summary>
/// The practice as a whole, for programs: its version and porter.json's text (GET), or a new porter.json in its place
/// (PUT), checked by the same reader as at start (400 with every problem as <c>porter.json:line: field: reason</c>,
/// nothing saved), recorded as a new version by the API key's name, taken up at once here and within a second by the
/// other instances.
/// </summary>
internal static class PracticeApi
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder api = routes.MapGroup("/api/v1").RequireAuthorization().WithTags("api");
        api.MapGet("/practice", Get).WithName("GetPractice").WithSummary("The practice in force: its version and porter.json's text.");
        api.MapPut("/practice", Put).Accepts<string>("application/json").WithName("PutPractice")
            .WithSummary("Replace the practice with a porter.json (checked; every problem named; a new version on record).");
    }

    private static async Task<IResult> Get(PracticeState state, CancellationToken cancellationToken) =>
        Results.Ok(new PracticeResponse(state.Version, await state.ReadFileAsync(cancellationToken).ConfigureAwait(false)));

    private static async Task<IResult> Put(HttpContext context, PracticeState state)
    {
        using var reader = new StreamReader(context.Request.Body);
        string json = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        PracticeSaved saved = await state.SaveAsync(json, $"api key {Accounts.Accounts.ActorOf(context.User)}", context.RequestAborted).ConfigureAwait(false);
        if (saved.Problems is { Count: > 0 } problems)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["porter.json"] = [.. problems.Select(p => p.ToString())] },
                title: "The practice was not saved.");
        }

        return Results.Ok(new PracticeResponse(state.Version, json));
    }
}

/// <summary>The practice in force.</summary>
/// <param name="Version">Its version (the change record's id).</param>
/// <param name="Document">porter.json's text.</param>
public sealed record PracticeResponse(long? Version, string Document);
