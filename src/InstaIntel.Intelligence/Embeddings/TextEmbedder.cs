using InstaIntel.Intelligence.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace InstaIntel.Intelligence.Embeddings;

/// <summary>
/// Sentence vectors from all-MiniLM-L6-v2 (384-d): BERT word pieces (lower-cased), at most 256 tokens with [CLS] and
/// [SEP], the last hidden states averaged over real tokens (attention mask), L2-normalised.
/// </summary>
public sealed class TextEmbedder
{
    /// <summary>The model was trained on 256-token inputs; longer text is cut.</summary>
    public const int MaxTokens = 256;

    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] Outputs = ["last_hidden_state"];

    private readonly ModelRegistry _registry;
    private readonly Lazy<BertTokenizer> _tokenizer;

    public TextEmbedder(ModelRegistry registry)
    {
        _registry = registry;
        _tokenizer = new Lazy<BertTokenizer>(() => BertTokenizer.Create(
            registry.Verified(ModelNames.TextVocabulary).Path,
            new BertOptions { LowerCaseBeforeTokenization = true }));
    }

    /// <summary>The version every text embedding carries.</summary>
    public string Version => _registry.Verified(ModelNames.TextEmbedder).Version;

    /// <summary>The token ids the model sees: [CLS], at most 254 word pieces, [SEP].</summary>
    public IReadOnlyList<int> Tokenize(string text)
    {
        var tokenizer = _tokenizer.Value;
        var pieces = tokenizer.EncodeToIds(text, addSpecialTokens: false);
        var ids = new List<int>(Math.Min(pieces.Count, MaxTokens - 2) + 2) { tokenizer.ClassificationTokenId };
        ids.AddRange(pieces.Take(MaxTokens - 2));
        ids.Add(tokenizer.SeparatorTokenId);
        return ids;
    }

    /// <summary>CPU-bound and synchronous (about 5 ms a sentence): call <see cref="EmbedAsync"/> from actors.</summary>
    public Embedding Embed(string text)
    {
        var ids = Tokenize(text);
        var count = ids.Count;
        var inputIds = ids.Select(i => (long)i).ToArray();
        var mask = Enumerable.Repeat(1L, count).ToArray();
        var types = new long[count];
        long[] shape = [1, count];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var attention = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typeIds = OrtValue.CreateTensorValueFromMemory(types, shape);
        var pooled = OnnxInvoker.Run(_registry, ModelNames.TextEmbedder, InputNames, [idsValue, attention, typeIds], Outputs, outputs =>
        {
            // Mean pooling over the tokens the mask marks as real (all of them here: one unpadded sentence).
            var states = outputs[0].GetTensorDataAsSpan<float>();
            var hidden = (int)outputs[0].GetTensorTypeAndShape().Shape[2];
            var sums = new float[hidden];
            var real = 0;
            for (var t = 0; t < count; t++)
            {
                if (mask[t] == 0)
                    continue;
                real++;
                for (var h = 0; h < hidden; h++)
                    sums[h] += states[t * hidden + h];
            }
            for (var h = 0; h < hidden; h++)
                sums[h] /= real;
            return sums;
        });
        return Embedding.Normalise(pooled, Version);
    }

    public Task<Embedding> EmbedAsync(string text, CancellationToken cancellationToken = default) =>
        Task.Run(() => Embed(text), cancellationToken);
}
