using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Profiles;
using InstaIntel.Domain.Stories;

namespace InstaIntel.Domain.Insights;

/// <summary>
/// The input of a <c>profile_insights</c> analysis: what the profile says about itself and what its analysed media
/// showed. Its <see cref="Fingerprint"/> is the analysis' <c>media_fingerprint</c>, so an unchanged profile is a cache
/// hit (or, when its current insight already came from it, no analysis at all).
/// </summary>
public sealed record ProfileEvidence
{
    /// <summary>Changing what evidence holds or how the composer reads it changes every fingerprint.</summary>
    public const string Version = "profile_evidence_v1";

    public const int MaxPosts = 30;
    public const int MaxStories = 50;
    public const int MaxTextLength = 500;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Username { get; init; } = "";
    public string? FullName { get; init; }
    public string? Bio { get; init; }
    public int? FollowersCount { get; init; }
    public bool Following { get; init; }
    public bool FollowsYou { get; init; }
    public bool? CanMessage { get; init; }
    public IReadOnlyList<MediaEvidence> Posts { get; init; } = [];
    public IReadOnlyList<MediaEvidence> Stories { get; init; } = [];
    /// <summary>People the face pipeline keeps for the profile (its owner and those who appear with them).</summary>
    public int PeopleCount { get; init; }

    public IEnumerable<MediaEvidence> Media => Posts.Concat(Stories);

    /// <summary>SHA-256 (hex) of the evidence and its version.</summary>
    public string Fingerprint()
    {
        var bytes = Encoding.UTF8.GetBytes(Version + "\n" + JsonSerializer.Serialize(this, Json));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, Json)!.AsObject();

    public static ProfileEvidence FromJson(JsonObject json) =>
        json.Deserialize<ProfileEvidence>(Json) ?? throw new InvalidDataException("empty profile evidence");

    /// <summary>
    /// The evidence of a profile from its row, its analysed posts (newest <see cref="MaxPosts"/>) and processed stories
    /// (newest <see cref="MaxStories"/>); texts are cut at <see cref="MaxTextLength"/> characters, times are UTC.
    /// </summary>
    public static ProfileEvidence From(InstagramProfile profile, IEnumerable<InstagramProfilePost> posts, IEnumerable<InstagramStory> stories, int peopleCount) => new()
    {
        Username = profile.Username,
        FullName = Cut(profile.DisplayName),
        Bio = Cut(profile.Bio),
        FollowersCount = profile.FollowersCount,
        Following = profile.Following,
        FollowsYou = profile.FollowsYou,
        CanMessage = profile.CanMessage,
        Posts = posts.Where(p => p.AiStatus == ProfilePostAiStatus.Analyzed)
            .OrderByDescending(p => p.TakenAt ?? p.CreatedAt).ThenByDescending(p => p.Id).Take(MaxPosts)
            .Select(Of).ToList(),
        Stories = stories.Where(s => s.ProcessingStatus == StoryProcessingStatus.Processed)
            .OrderByDescending(s => s.TakenAt ?? s.CreatedAt).ThenByDescending(s => s.Id).Take(MaxStories)
            .Select(Of).ToList(),
        PeopleCount = peopleCount,
    };

    private static MediaEvidence Of(InstagramProfilePost post)
    {
        var analysis = post.Analysis;
        return new MediaEvidence(
            $"instagram_profile_posts:{post.Id}",
            Utc(post.TakenAt ?? post.CreatedAt),
            post.MediaContentType?.StartsWith("video/", StringComparison.OrdinalIgnoreCase) == true ? "video" : "image",
            Cut(post.Caption),
            Cut(Text(analysis?["ocr_text"])),
            Strings(analysis?["hashtags"]),
            Strings(analysis?["mentions"]),
            analysis?["face_count"] is JsonValue v && v.TryGetValue<int>(out var faces) ? faces : 0);
    }

    private static MediaEvidence Of(InstagramStory story) => new(
        $"instagram_stories:{story.Id}",
        Utc(story.TakenAt ?? story.CreatedAt),
        string.Equals(story.MediaType, "video", StringComparison.OrdinalIgnoreCase) ? "video" : "image",
        Cut(story.Metadata?.StoryPayload?.Caption),
        Cut(story.Metadata?.OcrText),
        story.Metadata?.Hashtags ?? [],
        story.Metadata?.Mentions ?? [],
        story.Metadata?.FaceCount ?? 0);

    private static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);

    private static string? Cut(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        return trimmed.Length > MaxTextLength ? trimmed[..MaxTextLength] : trimmed;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(Text).OfType<string>().ToList() : [];
}

/// <summary>One analysed post or story as evidence: its row (<c>table:id</c>), time, type, texts, tags and face count.</summary>
public sealed record MediaEvidence(
    string Ref,
    DateTime TakenAt,
    string MediaType,
    string? Caption,
    string? OcrText,
    IReadOnlyList<string> Hashtags,
    IReadOnlyList<string> Mentions,
    int FaceCount)
{
    public bool IsStory => Ref.StartsWith("instagram_stories:", StringComparison.Ordinal);
}
