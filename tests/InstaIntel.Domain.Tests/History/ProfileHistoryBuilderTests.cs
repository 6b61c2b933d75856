using System.Text.Json.Nodes;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.History;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Posts.Metadata;
using InstaIntel.Domain.Stories;

namespace InstaIntel.Domain.Tests.History;

public sealed class ProfileHistoryBuilderTests
{
    private static readonly DateTime T0 = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    private static InstagramProfilePost Post(long id, DateTime at, string caption, string? ocr = null, int faces = 0) => new()
    {
        Id = id, Shortcode = $"P{id}", Caption = caption, TakenAt = at, CreatedAt = at,
        Metadata = ocr is null ? null : new ProfilePostMetadata { OcrAnalysis = new OcrAnalysis { OcrText = ocr } },
        Analysis = new JsonObject { ["face_count"] = faces, ["people"] = new JsonArray(7, 9) },
    };

    private static InstagramStory Story(long id, DateTime at, string storyId, string? ocr = null) => new()
    {
        Id = id, StoryId = storyId, MediaType = "image", TakenAt = at, CreatedAt = at, ProcessingStatus = StoryProcessingStatus.Processed,
        Metadata = new StoryMetadata { OcrText = ocr, FaceCount = 2, Hashtags = ["#surf"], Mentions = ["bob"], ProcessingMetadata = new JsonObject { ["people"] = new JsonArray(3) } },
    };

    private static InstagramProfileEvent Event(long id, DateTime at, string kind, string? storyId = null, string? reply = null) => new()
    {
        Id = id, Kind = kind, ExternalId = $"{kind}:{id}", OccurredAt = at, DetectedAt = at,
        Metadata = new ProfileEventMetadata { StoryId = storyId, ReplyComment = reply },
    };

    [Fact]
    public void Entries_are_ordered_by_time_and_tell_captions_text_read_and_people()
    {
        var entries = ProfileHistoryBuilder.Entries(
            [Post(1, T0.AddHours(2), "Sunday surf #beach", ocr: "LAST DAY 50% OFF", faces: 2)],
            [Story(10, T0, "s1", ocr: "good morning")],
            [Event(20, T0.AddHours(1), ProfileEventKinds.StoryReplySent, reply: "nice waves!")]);

        Assert.Equal([HistoryEntryKind.Story, HistoryEntryKind.Event, HistoryEntryKind.Post], entries.Select(e => e.Kind));
        Assert.Contains("\"good morning\"", entries[0].Text);
        Assert.Contains("person #3", entries[0].Text);
        Assert.Contains("#surf @bob", entries[0].Text);
        Assert.Contains("Story reply sent: \"nice waves!\"", entries[1].Text);
        Assert.Contains("\"Sunday surf #beach\"", entries[2].Text);
        Assert.Contains("\"LAST DAY 50% OFF\"", entries[2].Text);
        Assert.Contains("2 faces", entries[2].Text);
        Assert.Contains("person #7, person #9", entries[2].Text);
    }

    [Fact]
    public void A_story_event_whose_story_is_stored_is_told_once_by_the_story()
    {
        var entries = ProfileHistoryBuilder.Entries([], [Story(10, T0, "s1")],
            [Event(20, T0, ProfileEventKinds.StoryDownloaded, storyId: "s1"), Event(21, T0, ProfileEventKinds.StoryDownloaded, storyId: "gone")]);

        Assert.Equal([(HistoryEntryKind.Story, 10L), (HistoryEntryKind.Event, 21L)], entries.Select(e => (e.Kind, e.SourceId)));
    }

    [Fact]
    public void Chunks_hold_whole_entries_up_to_the_word_target_with_counts_and_time_range()
    {
        // Each post line is 2 (time stamp) + 2 ("Posted Pn:") + 10 caption words = 14 words.
        var posts = Enumerable.Range(1, 10).Select(i => Post(i, T0.AddDays(i), string.Join(' ', Enumerable.Repeat("word", 10)))).ToList();
        foreach (var p in posts) p.Analysis = null;
        var entries = ProfileHistoryBuilder.Entries(posts, [], []);
        Assert.All(entries, e => Assert.Equal(14, ProfileHistoryBuilder.WordCount($"[2026-11-01 09:00] {e.Text}")));

        var chunks = ProfileHistoryBuilder.Chunk(entries, wordsPerChunk: 50);

        Assert.Equal([1, 2, 3, 4], chunks.Select(c => c.Sequence));
        Assert.Equal([3, 3, 3, 1], chunks.Select(c => c.EntryCount));
        Assert.Equal([42, 42, 42, 14], chunks.Select(c => c.WordCount));
        Assert.All(chunks, c => Assert.Equal(c.WordCount, ProfileHistoryBuilder.WordCount(c.Content)));
        Assert.Equal((T0.AddDays(1), T0.AddDays(3)), (chunks[0].StartsAt, chunks[0].EndsAt));
        Assert.Equal((T0.AddDays(10), T0.AddDays(10)), (chunks[3].StartsAt, chunks[3].EndsAt));
        Assert.Equal(10, chunks.Sum(c => c.PostCount));
    }

    [Fact]
    public void The_default_target_is_about_500_words_and_an_overlong_entry_is_cut_to_one_chunk()
    {
        var longCaption = string.Join(' ', Enumerable.Repeat("long", 900));
        var posts = new[] { Post(1, T0, longCaption), Post(2, T0.AddDays(1), "short one") };

        var chunks = ProfileHistoryBuilder.Build(posts, [], []);

        Assert.Equal(2, chunks.Count);
        Assert.Equal(ProfileHistoryBuilder.DefaultWordsPerChunk, chunks[0].WordCount);
        Assert.EndsWith("…", chunks[0].Content);
        Assert.Equal(1, chunks[1].EntryCount);
    }

    [Fact]
    public void Building_the_same_rows_twice_gives_the_same_chunks()
    {
        var posts = new[] { Post(2, T0.AddDays(1), "b"), Post(1, T0, "a") };
        var stories = new[] { Story(5, T0, "s5", "hello") };

        Assert.Equal(ProfileHistoryBuilder.Build(posts, stories, [], 30), ProfileHistoryBuilder.Build(Enumerable.Reverse(posts), stories, [], 30));
    }

    [Fact]
    public void No_rows_build_no_chunks()
    {
        Assert.Empty(ProfileHistoryBuilder.Build([], [], []));
    }
}
