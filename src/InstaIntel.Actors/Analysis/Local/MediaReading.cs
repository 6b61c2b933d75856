using System.Text.Json;
using System.Text.Json.Nodes;

namespace InstaIntel.Actors.Analysis.Local;

/// <summary>
/// What the local analysers read from one media: the <c>analysis</c> of a <c>media_understanding</c> row. It holds
/// everything later steps need (face boxes and embeddings included), so a cache hit links faces without inference.
/// </summary>
public sealed record MediaReading
{
    public const string SchemaVersion = "media_understanding_v1";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>image or video.</summary>
    public string MediaType { get; init; } = "image";
    public int Width { get; init; }
    public int Height { get; init; }
    public IReadOnlyList<ReadFace> Faces { get; init; } = [];
    public string OcrText { get; init; } = "";
    public IReadOnlyList<ReadLine> OcrLines { get; init; } = [];
    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public IReadOnlyList<string> Mentions { get; init; } = [];
    public IReadOnlyList<float>? ImageEmbedding { get; init; }
    public string? ImageEmbeddingVersion { get; init; }
    /// <summary>MiniLM embedding of the text read, when there was any: for topics and relevance.</summary>
    public IReadOnlyList<float>? TextEmbedding { get; init; }
    public string? TextEmbeddingVersion { get; init; }
    public VideoReading? Video { get; init; }

    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, Json)!.AsObject();

    public static MediaReading FromJson(JsonObject analysis) =>
        analysis.Deserialize<MediaReading>(Json) ?? throw new InvalidDataException("an empty media reading");
}

/// <summary>A face of the picture (frame 0) or of a sampled video frame: box in pixels, confidence, embedding if large enough.</summary>
public sealed record ReadFace(int Frame, double TimestampSeconds, float X1, float Y1, float X2, float Y2, float Confidence,
    IReadOnlyList<float>? Embedding, string? EmbeddingVersion);

public sealed record ReadLine(int Frame, string Text, float Confidence, float X1, float Y1, float X2, float Y2);

/// <summary>The <c>video_processing</c> summary: static or dynamic, and which frames were analysed.</summary>
public sealed record VideoReading(bool IsStatic, double DurationSeconds, bool HasAudio, int FramesSampled, IReadOnlyList<int> AnalysedFrames,
    float MinAdjacentSimilarity, int Width, int Height);
