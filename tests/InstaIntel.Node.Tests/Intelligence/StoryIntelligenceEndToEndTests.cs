using System.Text.Json;
using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Comments;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.Stories;
using InstaIntel.Node.Tests.Dashboard;
using InstaIntel.Storage;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InstaIntel.Node.Tests.Intelligence;

/// <summary>
/// Issue 5 end to end: a node runs continuous processing on the simulator's demo network in Chromium and analyses what it
/// captured with the ONNX models; every story then has its analysis, its faces linked to people, the OCR text of its
/// overlay, and a comment suggestion or the policy block that stopped one.
/// </summary>
[Collection(DemoNodeCollection.Name)]
public sealed class StoryIntelligenceEndToEndTests(DashboardFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task Every_captured_story_gets_its_analysis_faces_people_ocr_and_a_comment_suggestion_or_a_policy_block()
    {
        var factory = fixture.Node.Services.GetRequiredService<InstaIntelDbFactory>();
        var stories = await WaitUntilEveryStoryHasItsCommentAsync(factory);
        Assert.NotEmpty(stories);

        await using var db = factory.Open();
        var network = fixture.Simulator.Network;
        var analyses = await db.AiAnalyses.Where(a => a.AnalyzableType == AnalyzableTypes.Story).ToListAsync();
        var faces = await db.InstagramStoryFaces.ToListAsync();
        var (photos, ocrRead) = (0, 0);
        var (videos, videoCaptionsRead) = (0, 0);
        foreach (var (story, storyEvent) in stories)
        {
            var metadata = story.Metadata!;
            // The analysis: an ai_analyses row of this story (an inference, or a cache hit pointing at one).
            var analysisId = (long)metadata.ProcessingMetadata!["ai_analysis_id"]!;
            var analysis = analyses.Single(a => a.Id == analysisId);
            Assert.Equal((story.Id, AiAnalysisStatus.Completed), (analysis.AnalyzableId, analysis.Status));
            Assert.NotNull(metadata.ContentUnderstanding);

            // Faces: one row per detected face; every confidently detected face is linked to a person.
            var own = faces.Where(f => f.InstagramStoryId == story.Id).ToList();
            Assert.Equal(metadata.FaceCount, own.Count);
            Assert.Equal(metadata.LinkedFaceCount, own.Count(f => f.InstagramStoryPersonId is not null));
            Assert.All(own.Where(f => f.DetectorConfidence >= 0.8), f => Assert.NotNull(f.InstagramStoryPersonId));

            // OCR: a photo story's overlay (@handle #hashtag, rendered by the simulator) is read into the metadata; a video
            // story plays one of the simulator's clips, whose frames carry the clip's own caption.
            Assert.NotNull(metadata.OcrText);
            var truth = network.FindStory(long.Parse(story.StoryId));
            Assert.NotNull(truth);
            if (truth!.IsVideo)
            {
                videos++;
                var caption = ClipCaptionTag(fixture.Simulator.Media.ClipFor(truth.Pk));
                if (metadata.OcrText!.Contains(caption, StringComparison.OrdinalIgnoreCase)) videoCaptionsRead++;
                else output.WriteLine($"video story {story.StoryId}: clip caption {caption}, OCR read \"{metadata.OcrText}\"");
                // A video is sampled with ffmpeg and its key frames read: the summary goes with the story.
                var video = metadata.ProcessingMetadata!["video_processing"]!;
                Assert.True((double)video["duration_seconds"]! > 0, $"story {story.StoryId}: a video without a duration");
                Assert.NotEmpty(video["analysed_frames"]!.AsArray());
                Assert.Contains(metadata.ProcessingPath, new[] { "static_video", "dynamic_video" });
            }
            else
            {
                photos++;
                if (metadata.OcrText!.Contains("#" + truth.Hashtag, StringComparison.OrdinalIgnoreCase)) ocrRead++;
                else output.WriteLine($"story {story.StoryId} ({truth.Visual.Scene}): overlay \"{truth.Visual.OverlayText}\", OCR read \"{metadata.OcrText}\"");
            }

            // The comment: generated and scored, or blocked with the policy's recorded reason.
            var comment = storyEvent.LlmCommentMetadata!;
            if (storyEvent.LlmCommentStatus == LlmCommentStatus.Completed)
            {
                Assert.False(string.IsNullOrWhiteSpace(storyEvent.LlmGeneratedComment), $"story {story.StoryId}: completed without a comment");
                Assert.NotNull(storyEvent.LlmCommentRelevanceScore);
                Assert.NotEmpty(comment.RankedCandidates!);
            }
            else
            {
                Assert.Equal(LlmCommentStatus.Skipped, storyEvent.LlmCommentStatus);
                Assert.Equal(Domain.Posts.Metadata.CommentGenerationPolicyStatus.Blocked, comment.CommentGenerationPolicy!.Status);
                Assert.False(string.IsNullOrEmpty(comment.CommentGenerationPolicy.BlockedReasonCode), $"story {story.StoryId}: blocked without a reason");
            }
        }
        Assert.Contains(faces, f => f.InstagramStoryPersonId is not null);

        // Insights: each story's profile has its insight, message strategy and behaviour profile, from one profile analysis.
        var profileAnalyses = await db.AiAnalyses.Where(a => a.Purpose == Actors.Analysis.AiPurposes.ProfileInsights && a.Status == AiAnalysisStatus.Completed)
            .Select(a => a.Id).ToListAsync();
        foreach (var profileId in stories.Select(s => s.Story.InstagramProfileId).Distinct())
        {
            var insight = (await db.InstagramProfileInsights.Where(i => i.InstagramProfileId == profileId).ToListAsync()).MaxBy(i => i.Id)!;
            Assert.Contains(insight.AiAnalysisId, profileAnalyses);
            Assert.True(await db.InstagramProfileMessageStrategies.AnyAsync(m => m.InstagramProfileId == profileId && m.AiAnalysisId == insight.AiAnalysisId),
                $"profile {profileId} has no message strategy from its insight's analysis");
            var behaviour = await db.InstagramProfileBehaviorProfiles.SingleAsync(b => b.InstagramProfileId == profileId);
            Assert.NotNull(behaviour.ActivityScore);
        }
        output.WriteLine($"{stories.Count} stories: {faces.Count} faces, OCR read the overlay's hashtag on {ocrRead} of {photos} photos and the clip's caption on {videoCaptionsRead} of {videos} videos, " +
                         $"{stories.Count(s => s.Event.LlmCommentStatus == LlmCommentStatus.Completed)} comments, " +
                         $"{stories.Count(s => s.Event.LlmCommentStatus == LlmCommentStatus.Skipped)} blocked");
        // The overlays are clean rendered text over photos: nearly all must be read.
        Assert.True(ocrRead >= photos * 9 / 10, $"OCR read the overlay's hashtag on only {ocrRead} of {photos} photo stories");
        Assert.True(videoCaptionsRead >= videos * 9 / 10, $"OCR read the clip's caption on only {videoCaptionsRead} of {videos} video stories");
    }

    /// <summary>
    /// A word of the caption scripts/ensure-test-assets.sh draws into a clip: "#tracking" on dlib's tracking frames,
    /// "#friends #weekend" on the group photo, "@person #story" on a person's portrait.
    /// </summary>
    private static string ClipCaptionTag(string clip) => Path.GetFileNameWithoutExtension(clip) switch
    {
        var name when name.EndsWith("-frames", StringComparison.Ordinal) => "#tracking",
        var name when name.EndsWith("-group", StringComparison.Ordinal) => "#weekend",
        _ => "#story",
    };

    /// <summary>The processed stories with their events, once none of them waits for analysis or a comment any more.</summary>
    private async Task<List<(InstagramStory Story, InstagramProfileEvent Event)>> WaitUntilEveryStoryHasItsCommentAsync(InstaIntelDbFactory factory)
    {
        var until = DateTime.UtcNow + Deadline;
        var state = "";
        while (true)
        {
            await using (var db = factory.Open())
            {
                var rows = await (from s in db.InstagramStories
                                  join e in db.InstagramProfileEvents on s.SourceEventId equals e.Id
                                  select new { s, e }).ToListAsync();
                var waiting = rows.Count(r => r.s.ProcessingStatus != StoryProcessingStatus.Processed
                                              || r.e.LlmCommentStatus is not (LlmCommentStatus.Completed or LlmCommentStatus.Skipped or LlmCommentStatus.Failed));
                state = string.Join(", ", rows.GroupBy(r => $"{r.s.ProcessingStatus}/{r.e.LlmCommentStatus}").Select(g => $"{g.Key}: {g.Count()}"));
                // The profiles' insights are projected in the same run, after their media.
                var storyProfiles = rows.Select(r => r.s.InstagramProfileId).Distinct().ToList();
                var withInsight = await db.InstagramProfileInsights.Where(i => storyProfiles.Contains(i.InstagramProfileId))
                    .Select(i => i.InstagramProfileId).Distinct().CountAsync();
                state += $"; {withInsight} of {storyProfiles.Count} profiles with an insight";
                if (rows.Count > 0 && waiting == 0 && withInsight == storyProfiles.Count)
                {
                    Assert.All(rows, r => Assert.True(r.e.LlmCommentStatus != LlmCommentStatus.Failed, $"story {r.s.StoryId}: comment failed: {r.e.LlmCommentLastError}"));
                    return rows.Select(r => (r.s, r.e)).ToList();
                }
            }
            if (DateTime.UtcNow > until)
                Assert.Fail($"{Deadline.TotalMinutes} min after the demo started, stories still wait for analysis or their comment: {state}");
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }
}
