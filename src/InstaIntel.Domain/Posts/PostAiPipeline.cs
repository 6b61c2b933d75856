using System.Text.Json.Nodes;
using InstaIntel.Domain.Posts.Metadata;

namespace InstaIntel.Domain.Posts;

/// <summary>
/// The post analysis pipeline (<c>metadata.ai_pipeline</c>, BEHAVIOUR.md §6) as a pure state machine. A run has an id and
/// the steps its media type requires (<c>visual</c>, <c>face</c>, <c>ocr</c>, <c>video</c> for a video, then
/// <c>metadata</c>); each step moves queued -> running -> succeeded / failed / skipped. Work on a terminal step or a
/// finished run changes nothing: it is skipped, never repeated. <see cref="Finalize"/> is the single source of truth for
/// the outcome: it fails steps stalled past a timeout, consolidates the results once every media step is terminal, and
/// says which <c>ai_status</c> the post takes.
/// </summary>
public static class PostAiPipeline
{
    public const string Visual = "visual";
    public const string Face = "face";
    public const string Ocr = "ocr";
    public const string Video = "video";
    public const string Metadata = "metadata";

    /// <summary>The steps a media type requires, <c>metadata</c> last.</summary>
    public static IReadOnlyList<string> RequiredSteps(bool isVideo) =>
        isVideo ? [Visual, Face, Ocr, Video, Metadata] : [Visual, Face, Ocr, Metadata];

    /// <summary>A new run: every required step queued.</summary>
    public static AiPipeline Start(string runId, bool isVideo, string sourceJob, DateTime now)
    {
        var steps = RequiredSteps(isVideo);
        return new AiPipeline
        {
            RunId = runId,
            Status = AiPipelineStatus.Running,
            SourceJob = sourceJob,
            CreatedAt = now,
            UpdatedAt = now,
            RequiredSteps = steps,
            TaskFlags = steps.ToDictionary(s => s, _ => true),
            Steps = steps.ToDictionary(s => s, _ => new AiPipelineStep { Status = AiPipelineStepStatus.Queued, QueueName = "media-analysis", CreatedAt = now }),
        };
    }

    public static bool IsTerminal(AiPipelineStepStatus status) =>
        status is AiPipelineStepStatus.Succeeded or AiPipelineStepStatus.Failed or AiPipelineStepStatus.Skipped;

    /// <summary>A step starts: one attempt more. A step already finished, or a finished run, is left as it is.</summary>
    public static AiPipeline StepStarted(AiPipeline run, string step, DateTime now) =>
        Move(run, step, now, s => s with { Status = AiPipelineStepStatus.Running, Attempts = s.Attempts + 1, StartedAt = now, Error = null });

    public static AiPipeline StepSucceeded(AiPipeline run, string step, JsonObject? result, DateTime now) =>
        Move(run, step, now, s => s with { Status = AiPipelineStepStatus.Succeeded, FinishedAt = now, Result = result, Error = null });

    public static AiPipeline StepFailed(AiPipeline run, string step, string error, DateTime now) =>
        Move(run, step, now, s => s with { Status = AiPipelineStepStatus.Failed, FinishedAt = now, Error = error });

    /// <summary>A step with nothing to do for this media (the reason goes into its result).</summary>
    public static AiPipeline StepSkipped(AiPipeline run, string step, string reason, DateTime now) =>
        Move(run, step, now, s => s with { Status = AiPipelineStepStatus.Skipped, FinishedAt = now, Result = new JsonObject { ["reason"] = reason } });

    /// <summary>
    /// The finalizer: steps running since before <paramref name="now"/> - <paramref name="stallTimeout"/> fail as
    /// stalled; once every step but <c>metadata</c> is terminal, <c>metadata</c> consolidates their results and the run
    /// completes (every required step succeeded or skipped) or fails (naming the failed steps). Returns the run and the
    /// post's <c>ai_status</c> when the run has an outcome (null while steps are still under way).
    /// </summary>
    public static (AiPipeline Run, ProfilePostAiStatus? AiStatus) Finalize(AiPipeline run, DateTime now, TimeSpan stallTimeout)
    {
        if (run.Status != AiPipelineStatus.Running)
            return (run, run.Status == AiPipelineStatus.Completed ? ProfilePostAiStatus.Analyzed : ProfilePostAiStatus.Failed);
        var steps = new Dictionary<string, AiPipelineStep>(run.Steps ?? new Dictionary<string, AiPipelineStep>());
        foreach (var (name, step) in steps.ToList())
            if (step.Status == AiPipelineStepStatus.Running && step.StartedAt < now - stallTimeout)
                steps[name] = step with { Status = AiPipelineStepStatus.Failed, FinishedAt = now, Error = $"stalled: running for more than {stallTimeout}" };

        var mediaSteps = (run.RequiredSteps ?? []).Where(s => s != Metadata).ToList();
        if (mediaSteps.Any(s => !steps.TryGetValue(s, out var step) || !IsTerminal(step.Status)))
            return (run with { Steps = steps, UpdatedAt = now }, null);

        var failed = mediaSteps.Where(s => steps[s].Status == AiPipelineStepStatus.Failed).ToList();
        var consolidated = new JsonObject();
        foreach (var name in mediaSteps)
            consolidated[name] = steps[name].Result?.DeepClone() ?? new JsonObject { ["status"] = steps[name].Status.ToString().ToLowerInvariant() };
        var metadata = steps.GetValueOrDefault(Metadata) ?? new AiPipelineStep { CreatedAt = now };
        steps[Metadata] = failed.Count == 0
            ? metadata with { Status = AiPipelineStepStatus.Succeeded, Attempts = metadata.Attempts + 1, StartedAt = now, FinishedAt = now, Result = consolidated }
            : metadata with { Status = AiPipelineStepStatus.Skipped, FinishedAt = now, Result = new JsonObject { ["reason"] = "media_steps_failed" } };
        var details = new JsonObject
        {
            ["finalized_by"] = "post_ai_pipeline_finalizer",
            ["finalized_at"] = now,
            ["failed_steps"] = new JsonArray(failed.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
        };
        var finished = run with
        {
            Status = failed.Count == 0 ? AiPipelineStatus.Completed : AiPipelineStatus.Failed,
            Steps = steps,
            UpdatedAt = now,
            FinishedAt = now,
            Details = details,
        };
        return (finished, failed.Count == 0 ? ProfilePostAiStatus.Analyzed : ProfilePostAiStatus.Failed);
    }

    private static AiPipeline Move(AiPipeline run, string step, DateTime now, Func<AiPipelineStep, AiPipelineStep> change)
    {
        if (run.Status != AiPipelineStatus.Running || run.Steps is null || !run.Steps.TryGetValue(step, out var current) || IsTerminal(current.Status))
            return run;
        var steps = new Dictionary<string, AiPipelineStep>(run.Steps) { [step] = change(current) };
        return run with { Steps = steps, UpdatedAt = now };
    }
}
