using InstaIntel.Actors.Analysis;
using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Insights;
using InstaIntel.Domain.Stories;
using InstaIntel.Storage;
using InstaIntel.Storage.Insights;
using InstaIntel.Storage.Stories;

namespace InstaIntel.Actors.Processing.MediaAnalysis;

/// <summary>Settings of the profile insights step of <c>media-analysis</c>, bound from <c>InstaIntel:Processing:ProfileInsights</c>.</summary>
public sealed class ProfileInsightsSettings
{
    public const string Section = "InstaIntel:Processing:ProfileInsights";

    /// <summary>Profiles read in one run; the others wait for the next.</summary>
    public int BatchSize { get; set; } = 10;

    public void Validate()
    {
        if (BatchSize < 1) throw new InvalidOperationException($"{Section}:BatchSize must be at least 1");
    }
}

/// <summary>What the profile insights step works with.</summary>
public sealed record ProfileInsightsServices(ProfileInsightRepository Insights, BehaviorProfileRepository Behavior, AiRunner Runner, ProfileInsightsSettings Settings)
{
    public static ProfileInsightsServices Create(InstaIntelDbFactory database, AiRunner runner, ProfileInsightsSettings? settings = null)
    {
        settings ??= new ProfileInsightsSettings();
        settings.Validate();
        return new(new ProfileInsightRepository(database), new BehaviorProfileRepository(database), runner, settings);
    }
}

/// <summary>
/// After the media analyses of a run: each profile of the account whose media were analysed since its insight was last
/// refreshed (at most <see cref="ProfileInsightsSettings.BatchSize"/>) is read again. Its evidence's fingerprint equal to
/// that of the analysis its current insight came from means nothing changed that the insight reads: the insight is only
/// marked refreshed. Otherwise a <c>profile_insights</c> analysis runs through the <see cref="AiRunner"/> (a cache hit when
/// the same evidence was analysed before) and is projected into the insight tables and the profile's demographics, and
/// the behaviour profile is rebuilt from the profile's stories. A profile that fails is handed to
/// <paramref name="failed"/> (a failure record) and the others go on; a full rate-limit window ends the step for this run.
/// </summary>
public sealed class ProfileInsightsWork(ProfileInsightsServices services, Stats stats, Action<string, Exception>? failed = null)
{
    public async Task RunAsync(long accountId, CancellationToken cancellationToken)
    {
        var due = await services.Insights.ListStaleAsync(accountId, services.Settings.BatchSize, cancellationToken);
        stats.Add("profile_insights_due", due.Count);
        foreach (var profileId in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await RefreshAsync(accountId, profileId, cancellationToken);
            }
            catch (AiProvidersFailedException limited) when (limited.RateLimited)
            {
                stats.Add("profile_insights_rate_limited", 1);
                return;
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                stats.Add("profile_insights_failed", 1);
                failed?.Invoke($"{AnalyzableTypes.Profile}:{profileId}", error is AiProvidersFailedException providers ? providers.Cause : error);
            }
        }
    }

    private async Task RefreshAsync(long accountId, long profileId, CancellationToken cancellationToken)
    {
        if (await services.Insights.LoadSourcesAsync(profileId, cancellationToken) is not { } sources) return;
        var evidence = ProfileEvidence.From(sources.Profile, sources.Posts, sources.Stories, sources.PeopleCount);
        var fingerprint = evidence.Fingerprint();
        if (await services.Insights.FindCurrentAsync(profileId, cancellationToken) is { } current && current.MediaFingerprint == fingerprint)
        {
            await services.Insights.TouchAsync(current.InsightId, cancellationToken);
            stats.Add("profile_insights_current", 1);
            return;
        }

        var outcome = await services.Runner.RunAsync(new AiRequest(accountId, AnalyzableTypes.Profile, profileId, AiPurposes.ProfileInsights,
            AiApiCallCategory.ReportGeneration, fingerprint,
            Prompt: ProfileInsightPrompt.User(evidence), SystemPrompt: ProfileInsightPrompt.System, Input: evidence.ToJson()), cancellationToken);
        stats.Add(outcome.CacheHit ? "profile_insight_cache_hits" : "profile_insight_inferences", 1);
        var analysis = ProfileInsightAnalysis.FromJson(outcome.Analysis);
        var projected = await services.Insights.ProjectAsync(ProfileInsightProjection.From(analysis, outcome.AiAnalysisId, accountId, profileId), cancellationToken);
        stats.Add("profile_insights_projected", 1);
        stats.Add("profile_demographics_updated", projected.DemographicsChanged.Count(f => f != "persona_summary"));

        if (StoryBehaviorBuilder.Build(sources.Stories, sources.Profile.Username) is var (patterns, activity))
        {
            await services.Behavior.UpsertPatternsAsync(profileId, patterns, activity, outcome.AiAnalysisId, cancellationToken);
            stats.Add("behavior_profiles_updated", 1);
        }
    }
}
