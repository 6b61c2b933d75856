using InstaIntel.Domain.Stories;

namespace InstaIntel.Domain.Tests.Insights;

public sealed class StoryBehaviorBuilderTests
{
    private static readonly DateTime Monday = new(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc);

    private static InstagramStory Story(long id, DateTime at, string type = "image", string[]? hashtags = null, string[]? mentions = null, int faces = 0,
        StoryProcessingStatus status = StoryProcessingStatus.Processed) => new()
    {
        Id = id, StoryId = $"s{id}", MediaType = type, TakenAt = at, CreatedAt = at, ProcessingStatus = status,
        Metadata = new StoryMetadata { Hashtags = hashtags ?? [], Mentions = mentions ?? [], FaceCount = faces },
    };

    [Fact]
    public void Story_patterns_count_hours_weekdays_cadence_media_topics_and_people()
    {
        var stories = new[]
        {
            Story(1, Monday.AddHours(20), hashtags: ["#surf"], mentions: ["joana.w", "maria"], faces: 2),
            Story(2, Monday.AddHours(21), type: "video", hashtags: ["surf", "food"], mentions: ["joana.w"]),
            Story(3, Monday.AddDays(2).AddHours(20), hashtags: ["food"], faces: 1),
            Story(4, Monday.AddDays(2).AddHours(22), mentions: ["bob"]),
            Story(5, Monday.AddDays(3), status: StoryProcessingStatus.Pending), // not analysed: not counted
        };

        var (patterns, activity) = StoryBehaviorBuilder.Build(stories, ownerUsername: "maria")!.Value;

        Assert.Equal(24, patterns.PostingHours.Count);
        Assert.Equal((2, 1, 1), (patterns.PostingHours[20], patterns.PostingHours[21], patterns.PostingHours[22]));
        Assert.Equal(20, patterns.PeakHour);
        Assert.Equal([2, 0, 2, 0, 0, 0, 0], patterns.WeekdayPattern);
        Assert.Equal("monday", patterns.PeakWeekday);
        Assert.Equal((4, 2, 2.0), (patterns.StoryCadence.StoryCount, patterns.StoryCadence.ActiveDays, patterns.StoryCadence.StoriesPerActiveDay));
        Assert.Equal(2.0, patterns.StoryCadence.MedianGapHours); // gaps 1, 47, 2 h
        Assert.Equal((3, 1, 0.25), (patterns.MediaTypeMix.Image, patterns.MediaTypeMix.Video, patterns.MediaTypeMix.VideoShare));
        Assert.Equal(["food", "surf"], patterns.TypicalTopics);
        Assert.Equal([new CoAppearance("joana.w", 2), new CoAppearance("bob", 1)], patterns.CoAppearingPeople); // the owner is no co-appearance
        Assert.Equal(0.75, patterns.AverageFacesPerStory);
        Assert.InRange(activity, 0.01, 1);
    }

    [Fact]
    public void More_regular_stories_score_more_activity()
    {
        var daily = Enumerable.Range(0, 14).Select(d => Story(d + 1, Monday.AddDays(d).AddHours(9))).ToList();
        var once = new[] { Story(1, Monday.AddHours(9)) };
        Assert.True(StoryBehaviorBuilder.Build(daily)!.Value.ActivityScore > StoryBehaviorBuilder.Build(once)!.Value.ActivityScore);
    }

    [Fact]
    public void Without_processed_stories_there_is_no_pattern()
    {
        Assert.Null(StoryBehaviorBuilder.Build([Story(1, Monday, status: StoryProcessingStatus.Failed)]));
    }
}
