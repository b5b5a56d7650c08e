using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Porter.Domain.Messages;
using Porter.Storage;
using Porter.Storage.Messages;
using Porter.Storage.Model;

namespace Porter.Web.Api;

/// <summary>The REST API under <c>/api/v1</c>: messages in, decisions, the queue, actions, clients.</summary>
internal static class MessagesApi
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder api = routes.MapGroup("/api/v1").RequireAuthorization().WithTags("api");
        api.MapPost("/messages", PostMessage)
            .WithName("PostMessage")
            .WithSummary("Decide and store a message (202), or find the one already stored with the same Message-ID or channel and externalId (200).");
        api.MapGet("/messages/{id:long}", GetMessage).WithName("GetMessage").WithSummary("A message with its decision and reasons.");
        api.MapGet("/messages", ListMessages).WithName("ListMessages").WithSummary("Messages, newest first; filter by decision.");
        api.MapGet("/queue", Queue).WithName("Queue").WithSummary("What waits for an answer, by deadline, then priority.");
        api.MapGet("/actions", Actions).WithName("Actions").WithSummary("Actions owed (pending=true) or all, by due time.");
        api.MapGet("/ping", () => TypedResults.NoContent()).WithName("Ping").WithSummary("Nothing: an authenticated empty answer, to measure the server itself.");
    }

    private static async Task<Results<Accepted<AcceptedResponse>, Ok<AcceptedResponse>, ValidationProblem>> PostMessage(
        MessageRequest request, MessageStore store, IClock clock, CancellationToken cancellationToken)
    {
        if (Validate(request, clock.GetCurrentInstant()) is not { } message)
        {
            return TypedResults.ValidationProblem(Problems(request));
        }

        Acceptance accepted = await store.AcceptAsync(message, request.ExternalId, cancellationToken).ConfigureAwait(false);
        AcceptedResponse response = Shapes.Accepted(accepted);
        return accepted.Created
            ? TypedResults.Accepted($"/api/v1/messages/{accepted.Record.Id}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<MessageResponse>, NotFound>> GetMessage(long id, IDbContextFactory<PorterDb> contexts, CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        MessageRecord? found = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);
        return found is null ? TypedResults.NotFound() : TypedResults.Ok(Shapes.Message(found, created: false));
    }

    private static async Task<Ok<MessageResponse[]>> ListMessages(IDbContextFactory<PorterDb> contexts, string? decision, int? limit, CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        IQueryable<MessageRecord> query = db.Messages.AsNoTracking();
        if (!string.IsNullOrEmpty(decision))
        {
            query = query.Where(m => m.Decision == decision);
        }

        List<MessageRecord> found = await query.OrderByDescending(m => m.Id).Take(Math.Clamp(limit ?? 100, 1, 1000)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(found.Select(m => Shapes.Message(m, created: false)).ToArray());
    }

    /// <summary>Delivered and escalated messages, and held ones whose window has opened, not yet answered; soonest deadline first, then priority.</summary>
    private static async Task<Ok<QueueItem[]>> Queue(IDbContextFactory<PorterDb> contexts, IClock clock, int? limit, CancellationToken cancellationToken)
    {
        Instant now = clock.GetCurrentInstant();
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        List<MessageRecord> found = await db.Messages.AsNoTracking().Waiting(now)
            .OrderBy(m => m.Deadline == null)
            .ThenBy(m => m.Deadline)
            .ThenByDescending(m => m.PriorityRank)
            .ThenBy(m => m.Id)
            .Take(Math.Clamp(limit ?? 100, 1, 1000))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(found.Select(Shapes.Queue).ToArray());
    }

    private static async Task<Ok<ActionResponse[]>> Actions(IDbContextFactory<PorterDb> contexts, bool? pending, CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        IQueryable<ActionRecord> query = db.Actions.AsNoTracking();
        if (pending == true)
        {
            query = query.Where(a => a.DoneAt == null);
        }

        List<ActionRecord> found = await query.OrderBy(a => a.DueAt).ThenBy(a => a.Id).Take(1000).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(found.Select(Shapes.Action).ToArray());
    }

    /// <summary>The message, or null when the request has problems (see <see cref="Problems"/>).</summary>
    internal static IncomingMessage? Validate(MessageRequest request, Instant now)
    {
        if (Problems(request).Count > 0)
        {
            return null;
        }

        Instant receivedAt = request.ReceivedAt is { Length: > 0 } text ? OffsetDateTimePattern.ExtendedIso.Parse(text).Value.ToInstant() : now;
        return new IncomingMessage(
            request.Channel!.Trim().ToLowerInvariant(),
            request.From!.Trim(),
            Recipients(request.To),
            receivedAt,
            request.Subject ?? "",
            request.Body ?? "",
            request.Headers is { Count: > 0 } headers ? [.. headers.Select(h => new MessageHeader(h.Key, h.Value))] : ImmutableArray<MessageHeader>.Empty,
            request.ReturnPath,
            string.IsNullOrWhiteSpace(request.MessageId) ? null : request.MessageId.Trim());
    }

    /// <summary>Everything wrong with a request, by field.</summary>
    internal static Dictionary<string, string[]> Problems(MessageRequest request)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Channel) || request.Channel.Length > 64)
        {
            problems["channel"] = ["Required: the channel it came in on, such as email, sms or chat (at most 64 characters)."];
        }

        if (string.IsNullOrWhiteSpace(request.From) || request.From.Length > 512)
        {
            problems["from"] = ["Required: the sender's address, number or handle (at most 512 characters)."];
        }

        if (request.To is { } to && to.ValueKind is not (JsonValueKind.String or JsonValueKind.Array or JsonValueKind.Null))
        {
            problems["to"] = ["A string (comma-separated) or an array of strings."];
        }
        else if (request.To is { ValueKind: JsonValueKind.Array } array && array.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            problems["to"] = ["Every recipient must be a string."];
        }

        if (request.ReceivedAt is { Length: > 0 } receivedAt && !OffsetDateTimePattern.ExtendedIso.Parse(receivedAt).Success)
        {
            problems["receivedAt"] = [$"\"{receivedAt}\" is not an ISO-8601 instant with an offset, such as 2026-11-24T23:10:00Z."];
        }

        if (request.ExternalId is { Length: > 256 })
        {
            problems["externalId"] = ["At most 256 characters."];
        }

        if (request.MessageId is { Length: > 998 })
        {
            problems["messageId"] = ["At most 998 characters (RFC 5322's line limit)."];
        }

        if (string.IsNullOrWhiteSpace(request.Subject) && string.IsNullOrWhiteSpace(request.Body))
        {
            problems["body"] = ["A message needs a subject or a body."];
        }

        return problems;
    }

    private static ImmutableArray<string> Recipients(JsonElement? to) => to switch
    {
        { ValueKind: JsonValueKind.String } s => [.. s.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        { ValueKind: JsonValueKind.Array } a => [.. a.EnumerateArray().Select(e => e.GetString()!.Trim()).Where(e => e.Length > 0)],
        _ => [],
    };
}
