using System.Text.Json.Nodes;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Posts.Metadata;

namespace InstaIntel.Domain.Tests.Posts;

public sealed class PostAiPipelineTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Stall = TimeSpan.FromMinutes(10);

    [Fact]
    public void A_picture_needs_visual_face_ocr_then_metadata_and_a_video_also_its_video_step()
    {
        Assert.Equal(["visual", "face", "ocr", "metadata"], PostAiPipeline.Start("r1", isVideo: false, "test", T0).RequiredSteps);
        var video = PostAiPipeline.Start("r2", isVideo: true, "test", T0);
        Assert.Equal(["visual", "face", "ocr", "video", "metadata"], video.RequiredSteps);
        Assert.All(video.Steps!.Values, s => Assert.Equal(AiPipelineStepStatus.Queued, s.Status));
        Assert.Equal((AiPipelineStatus.Running, "r2"), (video.Status, video.RunId));
    }

    [Fact]
    public void Every_media_step_succeeded_completes_the_run_and_consolidates_their_results_into_metadata()
    {
        var run = PostAiPipeline.Start("r1", false, "test", T0);
        foreach (var step in new[] { "visual", "face", "ocr" })
        {
            run = PostAiPipeline.StepStarted(run, step, T0);
            run = PostAiPipeline.StepSucceeded(run, step, new JsonObject { ["step"] = step }, T0.AddSeconds(1));
        }

        var (done, status) = PostAiPipeline.Finalize(run, T0.AddSeconds(2), Stall);

        Assert.Equal((AiPipelineStatus.Completed, ProfilePostAiStatus.Analyzed), (done.Status, status));
        var metadata = done.Steps!["metadata"];
        Assert.Equal(AiPipelineStepStatus.Succeeded, metadata.Status);
        Assert.Equal("face", (string?)metadata.Result!["face"]!["step"]);
        Assert.Equal(T0.AddSeconds(2), done.FinishedAt);
        Assert.All(done.Steps.Values.Where(s => s != metadata), s => Assert.Equal(1, s.Attempts));
    }

    [Fact]
    public void Until_every_media_step_is_terminal_the_finalizer_gives_no_outcome()
    {
        var run = PostAiPipeline.StepSucceeded(PostAiPipeline.StepStarted(PostAiPipeline.Start("r1", false, "test", T0), "visual", T0), "visual", null, T0);
        run = PostAiPipeline.StepStarted(run, "face", T0);

        var (pending, status) = PostAiPipeline.Finalize(run, T0.AddMinutes(1), Stall);

        Assert.Null(status);
        Assert.Equal(AiPipelineStatus.Running, pending.Status);
        Assert.Equal(AiPipelineStepStatus.Queued, pending.Steps!["metadata"].Status);
    }

    [Fact]
    public void A_failed_step_fails_the_run_naming_it_and_a_stalled_step_fails_as_stalled()
    {
        var run = PostAiPipeline.Start("r1", true, "test", T0);
        run = PostAiPipeline.StepFailed(PostAiPipeline.StepStarted(run, "ocr", T0), "ocr", "model error", T0);
        run = PostAiPipeline.StepSkipped(run, "video", "static video", T0);
        run = PostAiPipeline.StepSucceeded(PostAiPipeline.StepStarted(run, "visual", T0), "visual", null, T0);
        run = PostAiPipeline.StepStarted(run, "face", T0); // never finishes

        var (failed, status) = PostAiPipeline.Finalize(run, T0 + Stall + TimeSpan.FromSeconds(1), Stall);

        Assert.Equal((AiPipelineStatus.Failed, ProfilePostAiStatus.Failed), (failed.Status, status));
        Assert.StartsWith("stalled", failed.Steps!["face"].Error);
        Assert.Equal(["ocr", "face"], failed.Details!["failed_steps"]!.AsArray().Select(n => (string)n!).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal(AiPipelineStepStatus.Skipped, failed.Steps["metadata"].Status);
        Assert.Equal(AiPipelineStepStatus.Skipped, failed.Steps["video"].Status);
    }

    [Fact]
    public void Work_on_a_terminal_step_or_a_finished_run_is_skipped_never_repeated()
    {
        var run = PostAiPipeline.Start("r1", false, "test", T0);
        run = PostAiPipeline.StepSucceeded(PostAiPipeline.StepStarted(run, "visual", T0), "visual", new JsonObject { ["first"] = true }, T0);

        Assert.Same(run, PostAiPipeline.StepStarted(run, "visual", T0.AddMinutes(1)));
        Assert.Same(run, PostAiPipeline.StepFailed(run, "visual", "late error", T0.AddMinutes(1)));

        foreach (var step in new[] { "face", "ocr" }) run = PostAiPipeline.StepSucceeded(PostAiPipeline.StepStarted(run, step, T0), step, null, T0);
        var (done, _) = PostAiPipeline.Finalize(run, T0, Stall);
        Assert.Same(done, PostAiPipeline.StepStarted(done, "face", T0.AddMinutes(2)));
        var (again, status) = PostAiPipeline.Finalize(done, T0.AddMinutes(3), Stall);
        Assert.Same(done, again);
        Assert.Equal(ProfilePostAiStatus.Analyzed, status);
    }
}
