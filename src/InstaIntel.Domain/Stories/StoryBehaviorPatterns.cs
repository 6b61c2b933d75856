using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Stories;

/// <summary>
/// The story-pattern keys of a profile's <c>behavioral_summary</c> (<c>instagram_profile_behavior_profiles</c>), next to the
/// face identity keys another writer owns: when the profile posts stories (UTC hours, weekdays), how often, what kind of
/// media, about what, and with whom (the handles its stories mention).
/// </summary>
public sealed record StoryBehaviorPatterns : JsonContract
{
    public const string CurrentVersion = "story_patterns_v1";

    public string StoryPatternsVersion { get; init; } = CurrentVersion;
    /// <summary>Stories per UTC hour, 24 entries from 00.</summary>
    public IReadOnlyList<int> PostingHours { get; init; } = [];
    public int? PeakHour { get; init; }
    /// <summary>Stories per weekday, 7 entries from Monday.</summary>
    public IReadOnlyList<int> WeekdayPattern { get; init; } = [];
    /// <summary>monday ... sunday.</summary>
    public string? PeakWeekday { get; init; }
    public StoryCadence StoryCadence { get; init; } = new();
    public MediaTypeMix MediaTypeMix { get; init; } = new();
    public IReadOnlyList<string> TypicalTopics { get; init; } = [];
    public IReadOnlyList<CoAppearance> CoAppearingPeople { get; init; } = [];
    public double AverageFacesPerStory { get; init; }
}

/// <summary>How often stories come: count, active days, the span they cover, and the typical gap between two.</summary>
public sealed record StoryCadence : JsonContract
{
    public int StoryCount { get; init; }
    public int ActiveDays { get; init; }
    public DateTime? FirstStoryAt { get; init; }
    public DateTime? LastStoryAt { get; init; }
    public double StoriesPerActiveDay { get; init; }
    public double? MedianGapHours { get; init; }
}

public sealed record MediaTypeMix : JsonContract
{
    public int Image { get; init; }
    public int Video { get; init; }
    public double VideoShare { get; init; }
}

/// <summary>A handle the profile's stories mention, and in how many stories.</summary>
public sealed record CoAppearance(string Username, int Stories);

/// <summary>Builds <see cref="StoryBehaviorPatterns"/> and the activity score from processed stories. Pure and deterministic.</summary>
public static class StoryBehaviorBuilder
{
    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <returns>null when the profile has no processed story to learn from.</returns>
    public static (StoryBehaviorPatterns Patterns, double ActivityScore)? Build(IEnumerable<InstagramStory> stories, string? ownerUsername = null)
    {
        var processed = stories.Where(s => s.ProcessingStatus == StoryProcessingStatus.Processed)
            .Select(s => (Story: s, At: DateTime.SpecifyKind(s.TakenAt ?? s.CreatedAt, DateTimeKind.Utc)))
            .OrderBy(s => s.At).ThenBy(s => s.Story.Id).ToList();
        if (processed.Count == 0) return null;

        var hours = new int[24];
        var weekdays = new int[7];
        foreach (var (_, at) in processed)
        {
            hours[at.Hour]++;
            weekdays[((int)at.DayOfWeek + 6) % 7]++;
        }
        var days = processed.Select(s => s.At.Date).Distinct().Count();
        var gaps = processed.Zip(processed.Skip(1), (a, b) => (b.At - a.At).TotalHours).OrderBy(g => g).ToList();
        var videos = processed.Count(s => string.Equals(s.Story.MediaType, "video", StringComparison.OrdinalIgnoreCase));
        var owner = ownerUsername?.ToLowerInvariant();
        var topics = processed
            .SelectMany(s => (s.Story.Metadata?.Hashtags ?? []).Concat(s.Story.Metadata?.ContentUnderstanding?.Topics ?? []).Select(t => t.TrimStart('#').ToLowerInvariant()).Distinct())
            .GroupBy(t => t, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).Take(8).ToList();
        var people = processed
            .SelectMany(s => (s.Story.Metadata?.Mentions ?? []).Select(m => m.TrimStart('@').ToLowerInvariant()).Where(m => m != owner).Distinct())
            .GroupBy(m => m, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(10).Select(g => new CoAppearance(g.Key, g.Count())).ToList();
        var first = processed[0].At;
        var last = processed[^1].At;
        var spanDays = Math.Max(1, (last.Date - first.Date).Days + 1);

        var patterns = new StoryBehaviorPatterns
        {
            PostingHours = hours,
            PeakHour = Array.IndexOf(hours, hours.Max()),
            WeekdayPattern = weekdays,
            PeakWeekday = Weekdays[Array.IndexOf(weekdays, weekdays.Max())],
            StoryCadence = new StoryCadence
            {
                StoryCount = processed.Count,
                ActiveDays = days,
                FirstStoryAt = first,
                LastStoryAt = last,
                StoriesPerActiveDay = Math.Round((double)processed.Count / days, 2),
                MedianGapHours = gaps.Count == 0 ? null : Math.Round(gaps[gaps.Count / 2], 2),
            },
            MediaTypeMix = new MediaTypeMix { Image = processed.Count - videos, Video = videos, VideoShare = Math.Round((double)videos / processed.Count, 4) },
            TypicalTopics = topics,
            CoAppearingPeople = people,
            AverageFacesPerStory = Math.Round(processed.Average(s => (double)(s.Story.Metadata?.FaceCount ?? 0)), 2),
        };
        // Regularity (share of days in the span with a story, at least a week) and volume (30 stories is full).
        var activity = Math.Round(0.6 * Math.Min(1, (double)days / Math.Max(7, spanDays)) + 0.4 * Math.Min(1, processed.Count / 30.0), 4);
        return (patterns, activity);
    }
}
