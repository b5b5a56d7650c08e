using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Porter.Storage.Messages;

namespace Porter.Web.Hosting;

/// <summary>
/// Caps request bodies at the configured size on every server: through the server's own limit where it has one
/// (Kestrel), else by counting what is read. Too large answers 413 with a problem document, whether the size was
/// declared (Content-Length) or only found out while reading (a chunked body); nothing is stored.
/// </summary>
internal static class BodyLimit
{
    /// <summary>Answers 503 with Retry-After when the message store is full (<see cref="MessageStoreFullException"/>): nothing was stored, try again shortly.</summary>
    public static IApplicationBuilder UseOverloadAnswer(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (MessageStoreFullException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            await context.Response.WriteAsJsonAsync(
                new { title = "Porter is busy.", status = 503, detail = e.Message },
                options: null,
                contentType: "application/problem+json").ConfigureAwait(false);
        }
    });

    public static IApplicationBuilder UseBodyLimit(this IApplicationBuilder app, long maxBytes) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength > maxBytes)
        {
            await TooLarge(context, maxBytes).ConfigureAwait(false);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes;
        }
        else
        {
            context.Request.Body = new CountingStream(context.Request.Body, maxBytes);
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            // A chunked body that grew past the limit while being read: the same 413 as a declared one.
            context.Response.Clear();
            await TooLarge(context, maxBytes).ConfigureAwait(false);
            return;
        }

        // The JSON binder of the API answers a body that grew too large with a bare 413: the same words here too.
        if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await TooLarge(context, maxBytes).ConfigureAwait(false);
        }
    });

    private static Task TooLarge(HttpContext context, long maxBytes)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return context.Response.WriteAsJsonAsync(
            new { title = "The message is too large.", status = 413, detail = $"Requests are limited to {maxBytes:N0} bytes; nothing was stored." },
            options: null,
            contentType: "application/problem+json");
    }

    private sealed class CountingStream(Stream inner, long maxBytes) : Stream
    {
        private long read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            read += n;
            return read > maxBytes
                ? throw new BadHttpRequestException($"Requests are limited to {maxBytes:N0} bytes; nothing was stored.", StatusCodes.Status413PayloadTooLarge)
                : n;
        }
    }
}
