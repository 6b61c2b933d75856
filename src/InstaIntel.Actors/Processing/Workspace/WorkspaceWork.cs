using System.Text.Json.Nodes;
using InstaIntel.Actors.Analysis;
using InstaIntel.Actors.Analysis.Comments;
using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Comments;
using InstaIntel.Domain.History;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Posts.Metadata;
using InstaIntel.Domain.Workspace;
using InstaIntel.Domain.Events;
using InstaIntel.Storage.Events;
using InstaIntel.Storage.History;
using InstaIntel.Storage.Posts;

namespace InstaIntel.Actors.Processing.Workspace;

/// <summary>What the workspace queue works with.</summary>
public sealed record WorkspaceServices(ProfilePostRepository Posts, ProfileEventRepository Events, ProfileHistoryRepository History, CommentGenerator Comments,
    WorkspaceSettings Settings,
    int WordsPerChunk = ProfileHistoryBuilder.DefaultWordsPerChunk,
    Storage.Profiles.ProfileRepository? Profiles = null);

/// <summary>
/// Drives the workspace queue for one account (BEHAVIOUR.md §6): each recent post that is due is decided by the pure
/// <see cref="WorkspaceQueue"/> from its facts (media stored, analysis state, the profile's history and pending media),
/// and the step it is ready for runs under its lock: the profile's history is built, then the comments are generated and
/// scored. Every state is written to <c>metadata.workspace_actions</c> before the work it announces, so a crash leaves a
/// lock that expires instead of a post that looks finished.
/// </summary>
public sealed class WorkspaceWork(WorkspaceServices services, Stats stats)
{
    /// <summary>
    /// The stat telling the coordinator when to look at the queue again: seconds until the earliest waiting post is due,
    /// or a story comment left for a later run may go ahead (absent when nothing waits).
    /// </summary>
    public const string RecheckInSecondsStat = "workspace_recheck_in_s";

    private readonly Dictionary<long, (HistorySources Sources, ProfileHistoryBuild? Build)> _profiles = [];
    private bool _storyCommentsDeferred;
    private readonly Dictionary<long, bool> _pages = [];

    public async Task RunAsync(long accountId, DateTime now, CancellationToken cancellationToken)
    {
        var settings = services.Settings;
        var due = (await services.Posts.ListRecentAsync(accountId, now - settings.RecentWithin, cancellationToken))
            .Where(p => WorkspaceQueue.IsDue(p.Metadata?.WorkspaceActions, now))
            .Take(settings.BatchSize)
            .ToList();
        foreach (var post in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await AdvanceAsync(accountId, post, now, cancellationToken);
        }
        stats.Add("workspace_posts_due", due.Count);
        await RunStoryCommentsAsync(accountId, cancellationToken);

        if (await RecheckAtAsync(accountId, now, cancellationToken) is { } recheckAt)
            stats.Add(RecheckInSecondsStat, (int)Math.Clamp(Math.Ceiling((recheckAt - now).TotalSeconds), 1, int.MaxValue));
    }

    /// <summary>When the queue has something to do again: its earliest waiting post, or a deferred story comment's retry.</summary>
    private async Task<DateTime?> RecheckAtAsync(long accountId, DateTime now, CancellationToken cancellationToken)
    {
        var settings = services.Settings;
        DateTime? earliest = _storyCommentsDeferred ? now + settings.RetryAfter : null;
        foreach (var post in await services.Posts.ListRecentAsync(accountId, now - settings.RecentWithin, cancellationToken))
        {
            // A post the queue has not looked at yet (beyond this run's batch) is due now.
            var state = post.Metadata?.WorkspaceActions;
            if (state is not null && WorkspaceQueue.IsTerminal(state.Status)) continue;
            var at = state?.LockUntil ?? state?.NextRunAt ?? now;
            if (earliest is null || at < earliest) earliest = at;
        }
        return earliest;
    }

    /// <summary>
    /// The analysed stories' comments (<c>llm_comment_status</c> not_requested -> queued -> running -> completed / skipped /
    /// failed): a story of a profile whose other media still wait for analysis is left for a later run, as its history
    /// would not tell them yet; otherwise the history is brought up to date and the comment generated or blocked.
    /// </summary>
    private async Task RunStoryCommentsAsync(long accountId, CancellationToken cancellationToken)
    {
        foreach (var (storyEvent, story) in await services.Events.ListStoriesAwaitingCommentAsync(accountId, services.Settings.BatchSize, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (sources, build) = await ProfileAsync(story.InstagramProfileId, cancellationToken);
            var historyReason = HistoryFreshness.NotCurrentReason(build, sources.ChangedAt);
            if (historyReason is not null && sources.PendingAnalysis > 0)
            {
                stats.Add("story_comments_waiting_history", 1);
                _storyCommentsDeferred = true;
                continue;
            }
            if (storyEvent.LlmCommentStatus == LlmCommentStatus.NotRequested)
                await services.Events.MoveCommentAsync(storyEvent.Id, LlmCommentStatus.NotRequested, LlmCommentStatus.Queued, cancellationToken);
            if (!await services.Events.MoveCommentAsync(storyEvent.Id, LlmCommentStatus.Queued, LlmCommentStatus.Running, cancellationToken))
                continue; // another run took it
            if (historyReason is not null)
            {
                build = await services.History.RebuildAsync(accountId, story.InstagramProfileId, services.WordsPerChunk, cancellationToken);
                sources = await services.History.ReadSourcesAsync(story.InstagramProfileId, cancellationToken);
                _profiles[story.InstagramProfileId] = (sources, build);
                stats.Add("histories_built", 1);
                historyReason = HistoryFreshness.NotCurrentReason(build, sources.ChangedAt);
            }
            var chunks = await services.History.ListAsync(story.InstagramProfileId, cancellationToken);
            var evidence = CommentEvidenceFrom.Story(story, historyReason, chunks.Count, chunks.Count == 0 ? null : chunks[^1].Content);
            try
            {
                var result = await services.Comments.GenerateAsync(accountId, AnalyzableTypes.Story, story.Id, evidence, cancellationToken);
                var selected = result.Selected;
                var metadata = new LlmCommentMetadata
                {
                    CommentGenerationPolicy = result.Policy,
                    LocalStoryIntelligenceStatus = result.Blocked ? "policy_blocked" : "ok",
                    Pipeline = "workspace_comment_v1",
                    Source = result.Provider,
                    RankedCandidates = result.Ranked.Select(r => r.ToJson()).ToList(),
                    SelectedComment = selected?.Text,
                    SelectedRelevanceScore = selected?.Score,
                    // Only a high-confidence suggestion may go out without a person reading it first.
                    AutoPostAllowed = selected?.Confidence == RelevanceConfidence.High,
                    ManualReviewReason = selected is null ? null : selected.Confidence == RelevanceConfidence.High ? null : $"{selected.Confidence.ToString().ToLowerInvariant()}_confidence_relevance",
                };
                await services.Events.FinishCommentAsync(storyEvent.Id, result.Blocked ? LlmCommentStatus.Skipped : LlmCommentStatus.Completed, metadata,
                    selected?.Text, selected?.Score, result.Provider, result.Model, null, cancellationToken);
                stats.Add(result.Blocked ? "story_comments_blocked" : "story_comments_generated", 1);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                var message = $"{error.GetType().Name}: {error.Message}";
                await services.Events.FinishCommentAsync(storyEvent.Id, LlmCommentStatus.Failed,
                    new LlmCommentMetadata { LastFailure = new JsonObject { ["error"] = message, ["at"] = DateTime.UtcNow } }, null, null, null, null, message, cancellationToken);
                stats.Add("story_comments_failed", 1);
            }
        }
    }

    private async Task AdvanceAsync(long accountId, InstagramProfilePost post, DateTime now, CancellationToken cancellationToken)
    {
        var profileId = post.InstagramProfileId;
        var (sources, build) = await ProfileAsync(profileId, cancellationToken);
        var historyReason = HistoryFreshness.NotCurrentReason(build, sources.ChangedAt);
        var isPage = await IsPageAsync(profileId, cancellationToken);
        var decision = WorkspaceQueue.Decide(post.Metadata?.WorkspaceActions, Facts(post, sources, historyReason, isPage), now, services.Settings);
        if (decision.Step == WorkspaceStep.None)
        {
            await services.Posts.RecordWorkspaceAsync(post.Id, new ProfilePostMetadata
            {
                WorkspaceActions = decision.State,
                HistoryBuild = decision.State.Status == WorkspaceActionStatus.WaitingBuildHistory
                    ? HistoryState(post, "waiting", sources.PendingAnalysis > 0 ? "media_pending_analysis" : historyReason, build, now)
                    : null,
            }, cancellationToken: cancellationToken);
            stats.Add($"workspace_{SeedName(decision.State.Status)}", 1);
            return;
        }
        await services.Posts.RecordWorkspaceAsync(post.Id, new ProfilePostMetadata { WorkspaceActions = decision.State }, cancellationToken: cancellationToken);

        var state = decision.State;
        if (decision.Step == WorkspaceStep.BuildHistory)
        {
            build = await services.History.RebuildAsync(accountId, profileId, services.WordsPerChunk, cancellationToken);
            sources = await services.History.ReadSourcesAsync(profileId, cancellationToken);
            _profiles[profileId] = (sources, build);
            stats.Add("histories_built", 1);
            historyReason = HistoryFreshness.NotCurrentReason(build, sources.ChangedAt);
            decision = WorkspaceQueue.Decide(WorkspaceQueue.Release(state, now), Facts(post, sources, historyReason, isPage), now, services.Settings);
            state = decision.State;
            await services.Posts.RecordWorkspaceAsync(post.Id, new ProfilePostMetadata { WorkspaceActions = state }, cancellationToken: cancellationToken);
            if (decision.Step != WorkspaceStep.GenerateComments) return;
        }

        var chunks = await services.History.ListAsync(profileId, cancellationToken);
        var evidence = CommentEvidenceFrom.Post(post, historyReason, chunks.Count, chunks.Count == 0 ? null : chunks[^1].Content);
        var historyState = HistoryState(post, "completed", null, build, now) with { ChunkCount = chunks.Count };
        try
        {
            var result = await services.Comments.GenerateAsync(accountId, AnalyzableTypes.ProfilePost, post.Id, evidence, cancellationToken);
            state = result.Blocked
                ? WorkspaceQueue.CommentsBlocked(state, result.Policy.BlockedReasonCode ?? "blocked", result.Policy.BlockedReason, now)
                : WorkspaceQueue.CommentsGenerated(state, result.Ranked.Count, now);
            await services.Posts.RecordWorkspaceAsync(post.Id, new ProfilePostMetadata
            {
                WorkspaceActions = state,
                HistoryBuild = historyState,
                CommentGenerationPolicy = result.Policy,
            }, new JsonObject
            {
                ["comment_suggestions"] = new JsonArray(result.Ranked.Select(s => (JsonNode)s.ToJson()).ToArray()),
                ["comment_ai_analysis_id"] = result.AiAnalysisId,
                ["comment_provider"] = result.Provider,
                ["comment_model"] = result.Model,
            }, cancellationToken);
            stats.Add(result.Blocked ? "comments_blocked" : "comments_generated", 1);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            // A provider outage is retried at the next run; it does not fail the whole phase.
            var message = error is AiProvidersFailedException ? error.Message : $"{error.GetType().Name}: {error.Message}";
            state = WorkspaceQueue.CommentsFailed(state, message.Length > 240 ? message[..240] : message, now, services.Settings);
            await services.Posts.RecordWorkspaceAsync(post.Id, new ProfilePostMetadata { WorkspaceActions = state, HistoryBuild = historyState }, cancellationToken: cancellationToken);
            stats.Add("comments_failed", 1);
        }
    }

    private async Task<(HistorySources Sources, ProfileHistoryBuild? Build)> ProfileAsync(long profileId, CancellationToken cancellationToken)
    {
        if (_profiles.TryGetValue(profileId, out var known)) return known;
        var loaded = (await services.History.ReadSourcesAsync(profileId, cancellationToken), await services.History.FindBuildAsync(profileId, cancellationToken));
        _profiles[profileId] = loaded;
        return loaded;
    }

    /// <summary>Whether the profile is tagged a page (profile refresh tags business profiles so, unless a person tagged them otherwise).</summary>
    private async Task<bool> IsPageAsync(long profileId, CancellationToken cancellationToken)
    {
        if (services.Profiles is null) return false;
        if (_pages.TryGetValue(profileId, out var known)) return known;
        var isPage = (await services.Profiles.TagsOfAsync(profileId, cancellationToken)).Contains(Domain.Profiles.ProfileTag.WellKnown.Page);
        _pages[profileId] = isPage;
        return isPage;
    }

    private static WorkspacePostFacts Facts(InstagramProfilePost post, HistorySources sources, string? historyReason, bool isPage) => new(
        MediaStored: post.MediaBlobKey is not null,
        AiStatus: post.AiStatus,
        AnalysisFailure: post.AiPendingReasonCode,
        HistoryCurrent: historyReason is null,
        ProfileMediaPendingAnalysis: sources.PendingAnalysis,
        DeletedFromSource: post.Metadata?.AdditionalFields?.TryGetValue("deleted_from_source", out var deleted) == true && deleted.ValueKind == System.Text.Json.JsonValueKind.True,
        ProfileIsPage: isPage);

    private static HistoryBuild HistoryState(InstagramProfilePost post, string status, string? reason, ProfileHistoryBuild? build, DateTime now) =>
        (post.Metadata?.HistoryBuild ?? new HistoryBuild()) with
        {
            Status = status, ReasonCode = reason, ProfileHistoryBuiltAt = build?.BuiltAt, ChunkCount = build?.ChunkCount, UpdatedAt = now,
        };

    private static string SeedName(WorkspaceActionStatus status) => Domain.Common.SeedString.Of(status);
}
