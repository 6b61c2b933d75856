using System.Text.Json;
using System.Text.Json.Serialization;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Stories;

/// <summary>
/// A face embedding (L2-normalised), stored as a plain JSON array of numbers in <c>embedding</c> and
/// <c>canonical_embedding</c>. Equal when the vectors are element-wise equal.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed record FaceEmbedding(IReadOnlyList<float> Values) : IJsonContract
{
    public int Dimensions => Values.Count;

    public bool Equals(FaceEmbedding? other) => other is not null && Values.SequenceEqual(other.Values);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in Values) hash.Add(value);
        return hash.ToHashCode();
    }

    private sealed class Converter : JsonConverter<FaceEmbedding>
    {
        public override FaceEmbedding Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(JsonSerializer.Deserialize<float[]>(ref reader, options) ?? []);

        public override void Write(Utf8JsonWriter writer, FaceEmbedding value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var number in value.Values) writer.WriteNumberValue(number);
            writer.WriteEndArray();
        }
    }
}
