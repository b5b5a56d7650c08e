using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Porter.Web.Hosting;

/// <summary>
/// Caps request bodies at the configured size on every server: through the server's own limit where it has one
/// (Kestrel), else by counting what is read. Too large answers 413 with a problem document; nothing is stored.
/// </summary>
internal static class BodyLimit
{
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

        await next(context).ConfigureAwait(false);
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
