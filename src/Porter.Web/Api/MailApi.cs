using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MimeKit;
using NodaTime;
using Porter.Domain.Messages;
using Porter.Mail;
using Porter.Storage.Messages;

namespace Porter.Web.Api;

/// <summary>
/// <c>POST /api/v1/mail</c>: one email as it travels (<c>message/rfc822</c>), for forwarding rules, mail-server pipes
/// and imports. MimeKit reads it leniently; what still cannot be read as a message is refused with the reason, and
/// nothing is stored.
/// </summary>
internal static class MailApi
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGroup("/api/v1").RequireAuthorization().WithTags("api")
            .MapPost("/mail", Post)
            .Accepts<byte[]>("message/rfc822")
            .WithName("PostMail")
            .WithSummary("Decide and store one raw email (message/rfc822); a repeat of a stored Message-ID answers 200.");

    private static async Task<IResult> Post(HttpContext context, MessageStore store, IClock clock)
    {
        IncomingMessage message;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            if (buffer.Length == 0)
            {
                return Refuse("The body is empty: send the email itself as message/rfc822.");
            }

            buffer.Position = 0;
            using MimeMessage mime = await MimeMessage.LoadAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            message = MimeConversion.ToIncoming(mime, clock.GetCurrentInstant());
        }
        catch (Exception e) when (e is FormatException or ParseException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return Refuse($"This cannot be read as an email: {e.Message}");
        }

        if (message.From.Length == 0)
        {
            return Refuse("The email has no sender (From:).");
        }

        Acceptance accepted = await store.AcceptAsync(message, null, context.RequestAborted).ConfigureAwait(false);
        AcceptedResponse response = Shapes.Accepted(accepted);
        return accepted.Created ? Results.Accepted($"/api/v1/messages/{accepted.Record.Id}", response) : Results.Ok(response);
    }

    private static IResult Refuse(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The email was not stored.");
}
