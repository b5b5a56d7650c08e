using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Porter.Domain.Agreements;
using Porter.Storage;
using Porter.Storage.Model;
using Porter.Web.Actions;
using Porter.Application.Changes;

namespace Porter.Web.Api;

/// <summary>A reply the professional writes to a message.</summary>
/// <param name="Body">The text.</param>
/// <param name="Subject">The subject; "Re: " and the message's subject when absent.</param>
/// <param name="SendAt">When to send it (ISO-8601 instant); in working hours, now; after hours, at the next working window.</param>
public sealed record ReplyRequest(string? Body, string? Subject, string? SendAt);

/// <summary>A queued reply: which action sends it, when, and why then.</summary>
public sealed record ReplyResponse(long ActionId, string DueAt, string Why);

/// <summary>
/// Replies written by the professional. Written after hours, a reply waits for the next working window, like Gmail's
/// schedule send, so clients stop learning that midnight gets answers; if the client writes again before it goes, it
/// is held for review instead of sent.
/// </summary>
internal static class RepliesApi
{

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGroup("/api/v1").RequireAuthorization().WithTags("api")
            .MapPost("/messages/{id:long}/replies", Post)
            .WithName("PostReply")
            .WithSummary("Queue a reply to a message: sent now in working hours, else at the next working window (or at sendAt).");

    private static async Task<Results<Accepted<ReplyResponse>, NotFound, ValidationProblem>> Post(
        long id, ReplyRequest request, IDbContextFactory<PorterDb> contexts, PracticeState practice, IClock clock, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Body))
        {
            problems["body"] = ["Required: the text of the reply."];
        }

        ParseResult<Instant>? sendAt = request.SendAt is { Length: > 0 } text ? OffsetDateTimePattern.ExtendedIso.Parse(text).Convert(o => o.ToInstant()) : null;
        if (sendAt is { Success: false })
        {
            problems["sendAt"] = [$"\"{request.SendAt}\" is not an ISO-8601 instant with an offset."];
        }

        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        MessageRecord? message = await db.Messages.FirstOrDefaultAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            return TypedResults.NotFound();
        }

        if (!string.Equals(message.Channel, "email", StringComparison.OrdinalIgnoreCase))
        {
            problems["channel"] = [$"Porter sends replies by email; {message.Channel} has no outgoing adapter."];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems);
        }

        (ActionRecord action, Instant due, string why) = ScheduledReplies.Queue(message, Dashboard.StoredPractice.Of(practice.Current, message), clock.GetCurrentInstant(), request.Body!, request.Subject, sendAt is { Success: true } at ? at.Value : null);
        ScheduledReplies.MarkAnswered(message, clock.GetCurrentInstant(), due);
        db.Actions.Add(action);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted($"/api/v1/actions/{action.Id}", new ReplyResponse(action.Id, InstantPattern.ExtendedIso.Format(due), why));
    }
}
