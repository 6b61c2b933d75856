using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.History;

/// <summary>
/// <c>history_build</c> in the profile's behaviour-profile metadata: the last build of the profile's narrative
/// (<c>instagram_profile_history_chunks</c>), which comment generation and the workspace queue wait for.
/// </summary>
public sealed record ProfileHistoryBuild : JsonContract
{
    public const string CurrentVersion = "history_v1";

    /// <summary>completed (the chunks are the current narrative).</summary>
    public string? Status { get; init; }
    public string? Version { get; init; }
    public DateTime? BuiltAt { get; init; }
    public int ChunkCount { get; init; }
    public int EntryCount { get; init; }
    public int WordCount { get; init; }
    public int WordsPerChunk { get; init; }
    public DateTime? StartsAt { get; init; }
    public DateTime? EndsAt { get; init; }

    /// <summary>The newest analysis the build saw: media analysed after it make the history stale.</summary>
    public DateTime? SourcesUpdatedAt { get; init; }
}
