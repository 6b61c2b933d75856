using InstaIntel.Domain.Events;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Stories;

namespace InstaIntel.Domain.History;

/// <summary>
/// Whether a profile's built history still tells everything: it is stale once a post, story or event was added, or a
/// media analysed, after the build. Row <c>updated_at</c> is not used: the queue's own metadata writes would make every
/// history stale.
/// </summary>
public static class HistoryFreshness
{
    public static DateTime? SourcesChangedAt(IEnumerable<InstagramProfilePost> posts, IEnumerable<InstagramStory> stories, IEnumerable<InstagramProfileEvent> events) =>
        posts.SelectMany(p => new[] { p.CreatedAt, p.AnalyzedAt ?? DateTime.MinValue })
            .Concat(stories.SelectMany(s => new[] { s.CreatedAt, s.ProcessedAt ?? DateTime.MinValue }))
            .Concat(events.Select(e => e.CreatedAt))
            .Where(t => t != DateTime.MinValue)
            .Select(t => (DateTime?)t)
            .Max();

    /// <summary>Null when current; else why not (history_not_built, history_stale).</summary>
    public static string? NotCurrentReason(ProfileHistoryBuild? build, DateTime? sourcesChangedAt) =>
        build is not { Status: "completed" } ? "history_not_built"
        : sourcesChangedAt is { } changed && !(build.SourcesUpdatedAt >= changed) ? "history_stale"
        : null;
}
