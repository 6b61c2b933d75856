using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Intelligence.Tests.Support;

namespace InstaIntel.Intelligence.Tests.Embeddings;

[Collection(ModelsCollection.Name)]
public sealed class TextEmbedderTests(ModelsFixture models)
{
    private readonly TextEmbedder _embedder = new(models.Registry);

    [Theory]
    [InlineData("A dog runs on the beach at sunset", "A puppy playing by the sea in the evening", "Quarterly tax filing deadline for small businesses")]
    [InlineData("Quarterly tax filing deadline for small businesses", "How to file your company taxes", "Pizza with extra cheese")]
    [InlineData("Great coffee at the new cafe downtown #latte", "This espresso bar makes the best cappuccino", "The match went to extra time and penalties")]
    public async Task Related_sentences_are_closer_than_unrelated_ones(string text, string related, string unrelated)
    {
        var anchor = await _embedder.EmbedAsync(text);

        var near = anchor.CosineSimilarity(_embedder.Embed(related));
        var far = anchor.CosineSimilarity(_embedder.Embed(unrelated));

        Assert.True(near > far + 0.2f, $"related {near:0.000}, unrelated {far:0.000}");
    }

    [Fact]
    public void Text_embeddings_are_384_unit_values_and_repeatable()
    {
        var first = _embedder.Embed("Sunset over the harbour");
        var second = _embedder.Embed("Sunset over the harbour");

        Assert.Equal(384, first.Dimensions);
        Assert.Equal(1f, VectorMath.Norm(first.Values.AsSpan()), 3);
        Assert.Equal(1f, first.CosineSimilarity(second), 5);
        Assert.Equal(_embedder.Version, first.Version);
    }

    [Fact]
    public void Long_text_is_cut_to_256_tokens_with_its_markers()
    {
        var longText = string.Join(' ', Enumerable.Repeat("the harbour at sunset is beautiful", 100));

        var tokens = _embedder.Tokenize(longText);
        var embedding = _embedder.Embed(longText);

        Assert.Equal(TextEmbedder.MaxTokens, tokens.Count);
        Assert.Equal(_embedder.Tokenize("")[0], tokens[0]);
        Assert.Equal(_embedder.Tokenize("")[^1], tokens[^1]);
        Assert.Equal(384, embedding.Dimensions);
    }

    [Fact]
    public void Upper_and_lower_case_read_the_same()
    {
        Assert.Equal(_embedder.Tokenize("Sunset HARBOUR"), _embedder.Tokenize("sunset harbour"));
    }
}
