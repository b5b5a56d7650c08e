using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using NodaTime.Text;
using Porter.Domain.Agreements;
using Porter.Application.Changes;

namespace Porter.Web.Api;

/// <summary>A client and the agreement with them, as porter.json says.</summary>
public sealed record ClientResponse(
    string Id,
    string Name,
    string Zone,
    string Locale,
    string? Wishes,
    IReadOnlyList<ContactResponse> Contacts,
    IReadOnlyList<ChannelResponse> Channels,
    string? CheckInCadence,
    string? FeedbackProtocol,
    IReadOnlyList<MilestoneResponse> Milestones,
    ScopeResponse Scope);

/// <summary>A person at a client.</summary>
public sealed record ContactResponse(string Name, IReadOnlyList<string> Emails, IReadOnlyList<string> Phones, IReadOnlyList<string> ChatHandles);

/// <summary>A channel, what it is for, and the answer promised on it in business time (<c>8h</c>, <c>1h30m</c>).</summary>
public sealed record ChannelResponse(string Channel, string Role, string? Promise);

/// <summary>A milestone.</summary>
public sealed record MilestoneResponse(string Name, string Due, string Status);

/// <summary>What the client hired the professional for, and what not.</summary>
public sealed record ScopeResponse(IReadOnlyList<string> Services, IReadOnlyList<string> Excluded);

/// <summary><c>/api/v1/clients</c>: the clients and their agreements.</summary>
internal static class ClientsApi
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder api = routes.MapGroup("/api/v1").RequireAuthorization().WithTags("api");
        api.MapGet("/clients", (PracticeState practice) => TypedResults.Ok(practice.Current.Clients.Select(Shape).ToArray()))
            .WithName("Clients").WithSummary("The clients and their agreements.");
        api.MapGet("/clients/{id}", Results<Ok<ClientResponse>, NotFound> (string id, PracticeState practice) =>
                practice.Current.Clients.FirstOrDefault(c => c.Id == id) is { } client ? TypedResults.Ok(Shape(client)) : TypedResults.NotFound())
            .WithName("Client").WithSummary("One client's agreement: channels and promises, check-ins, feedback, milestones, scope.");
    }

    private static ClientResponse Shape(Client c) => new(
        c.Id,
        c.Name,
        c.Zone.Id,
        c.Locale,
        c.Wishes,
        [.. c.Contacts.Select(p => new ContactResponse(p.Name, p.Emails, p.Phones, p.ChatHandles))],
        [.. c.Channels.Select(ch => new ChannelResponse(ch.Channel, Role(ch.Role), ch.Promise is { } d ? Promise(d) : null))],
        c.CheckInCadence,
        c.FeedbackProtocol,
        [.. c.Milestones.Select(m => new MilestoneResponse(m.Name, LocalDatePattern.Iso.Format(m.Due), m.Status))],
        new ScopeResponse(c.Scope.Services, c.Scope.Excluded));

    private static string Role(ChannelRole role) => role switch
    {
        ChannelRole.General => "general",
        ChannelRole.Urgent => "urgent",
        ChannelRole.Fyi => "fyi",
        _ => "not-used",
    };

    private static string Promise(Duration d) =>
        (long)d.TotalMinutes % 60 == 0 ? $"{(long)d.TotalHours}h" : $"{(long)d.TotalHours}h{(long)d.TotalMinutes % 60}m";
}
