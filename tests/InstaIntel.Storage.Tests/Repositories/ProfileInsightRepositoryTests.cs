using System.Text.Json.Nodes;
using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Insights;
using InstaIntel.Domain.Stories;
using InstaIntel.Storage.Insights;
using InstaIntel.Storage.Stories;
using InstaIntel.Storage.Tests.Support;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Tests.Repositories;

/// <summary>Profile insights, strategies and evidences projected from an analysis; demographics; behaviour profiles; on both engines.</summary>
public sealed class ProfileInsightRepositoryTests
{
    private static async Task<long> AnalysisAsync(TestDatabase database, long accountId, long profileId, string fingerprint)
    {
        await using var db = database.Factory().Open();
        return await db.InsertWithInt64IdentityAsync(new AiAnalysis
        {
            InstagramAccountId = accountId, AnalyzableType = AnalyzableTypes.Profile, AnalyzableId = profileId, Purpose = "profile_insights",
            Provider = "local", Status = AiAnalysisStatus.Completed, MediaFingerprint = fingerprint, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        });
    }

    private static ProfileInsightProjection Projection(long analysisId, long accountId, long profileId, string tone, double ageConfidence, params string[] signals) =>
        ProfileInsightProjection.From(new ProfileInsightAnalysis
        {
            Summary = "bob: personal profile", ProfileType = "personal", Tone = tone, PrimaryLanguage = "en", SecondaryLanguages = ["pt"],
            Signals = signals.Select(s => new ProfileSignal("interest", s, 0.7, $"#{s} in 2 posts", "hashtag", "instagram_profile_posts:1", null)).ToList(),
            Demographics = new ProfileDemographics { Age = new DemographicEstimate("23", ageConfidence, "23 y/o", "bio"), PersonaSummary = $"persona {ageConfidence}" },
            MessageStrategy = new ProfileMessageStrategy { BestTopics = ["surf"], Dos = ["Ask about surf"], CtaStyle = "question_based" },
        }.Normalize(), analysisId, accountId, profileId);

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Projecting_an_analysis_twice_leaves_one_set_of_rows_linked_to_it(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var profileId = await Parents.ProfileAsync(database, accountId, "bob");
        var analysisId = await AnalysisAsync(database, accountId, profileId, "f1");
        var insights = new ProfileInsightRepository(database.Factory());

        await insights.ProjectAsync(Projection(analysisId, accountId, profileId, "calm", 0.9, "surf", "coffee", "food"));
        var projected = await insights.ProjectAsync(Projection(analysisId, accountId, profileId, "playful", 0.9, "surf", "coffee"));

        var insight = Assert.Single(await insights.ListForProfileAsync(profileId));
        Assert.Equal((projected.InsightId, analysisId, "playful", "en"), (insight.Id, insight.AiAnalysisId, insight.Tone, insight.PrimaryLanguage));
        Assert.Equal(["pt"], insight.SecondaryLanguages!);
        Assert.Equal("playful", insight.RawAnalysis!["tone"]!.GetValue<string>());
        var strategy = (await insights.FindStrategyAsync(insight.Id))!;
        Assert.Equal((analysisId, profileId, "question_based"), (strategy.AiAnalysisId, strategy.InstagramProfileId, strategy.CtaStyle));
        Assert.Equal(["surf"], strategy.BestTopics!);
        var evidences = await insights.ListEvidencesAsync(insight.Id);
        Assert.Equal(["surf", "coffee"], evidences.Select(e => e.Value));
        Assert.All(evidences, e => Assert.Equal((analysisId, profileId, "hashtag"), (e.AiAnalysisId, e.InstagramProfileId, e.SourceType)));
        await using var db = database.Factory().Open();
        Assert.Equal(1, await db.InstagramProfileMessageStrategies.CountAsync(s => s.InstagramProfileId == profileId));
        Assert.Equal(2, await db.InstagramProfileSignalEvidences.CountAsync(e => e.InstagramProfileId == profileId));
        Assert.Equal(("f1", insight.Id), ((await insights.FindCurrentAsync(profileId))!.MediaFingerprint, (await insights.FindCurrentAsync(profileId))!.InsightId));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_newer_analysis_adds_a_current_insight_and_demographics_move_only_when_more_confident(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var profileId = await Parents.ProfileAsync(database, accountId, "bob");
        var insights = new ProfileInsightRepository(database.Factory());

        var first = await insights.ProjectAsync(Projection(await AnalysisAsync(database, accountId, profileId, "f1"), accountId, profileId, "calm", 0.6, "surf"));
        var weaker = await insights.ProjectAsync(Projection(await AnalysisAsync(database, accountId, profileId, "f2"), accountId, profileId, "calm", 0.5, "surf"));
        await using (var db = database.Factory().Open())
        {
            var profile = await db.InstagramProfiles.FirstAsync(p => p.Id == profileId);
            Assert.Equal((23, 0.6, "persona 0.6"), (profile.AiEstimatedAge, profile.AiAgeConfidence, profile.AiPersonaSummary));
            Assert.NotNull(profile.AiLastAnalyzedAt);
        }
        Assert.Equal(["age", "persona_summary"], first.DemographicsChanged);
        Assert.Empty(weaker.DemographicsChanged);

        var stronger = await insights.ProjectAsync(Projection(await AnalysisAsync(database, accountId, profileId, "f3"), accountId, profileId, "calm", 0.9, "surf"));
        Assert.Equal(["age", "persona_summary"], stronger.DemographicsChanged);
        await using var check = database.Factory().Open();
        var updated = await check.InstagramProfiles.FirstAsync(p => p.Id == profileId);
        Assert.Equal((0.9, "persona 0.9"), (updated.AiAgeConfidence, updated.AiPersonaSummary));
        Assert.Equal(3, (await insights.ListForProfileAsync(profileId)).Count); // history: one insight per analysis
        Assert.Equal(stronger.InsightId, (await insights.FindCurrentAsync(profileId))!.InsightId);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Profiles_are_stale_when_media_were_analysed_after_their_insight(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var withStory = await Parents.ProfileAsync(database, accountId, "bob");
        var without = await Parents.ProfileAsync(database, accountId, "carol");
        var stories = new StoryRepository(database.Factory());
        var storyId = await stories.UpsertIngestedAsync(new InstagramStory { InstagramAccountId = accountId, InstagramProfileId = withStory, StoryId = "s1" });
        var insights = new ProfileInsightRepository(database.Factory());
        Assert.Empty(await insights.ListStaleAsync(accountId, 10)); // pending media do not count

        await stories.RecordProcessedAsync(storyId, new StoryMetadata { OcrText = "hi" });
        Assert.Equal([withStory], await insights.ListStaleAsync(accountId, 10));
        Assert.Empty(await insights.ListStaleAsync(accountId, 0));

        await insights.ProjectAsync(Projection(await AnalysisAsync(database, accountId, withStory, "f1"), accountId, withStory, "calm", 0.6));
        Assert.Empty(await insights.ListStaleAsync(accountId, 10));

        await stories.RecordProcessedAsync(storyId, new StoryMetadata { OcrText = "hi again" });
        Assert.Equal([withStory], await insights.ListStaleAsync(accountId, 10));
        await insights.TouchAsync((await insights.FindCurrentAsync(withStory))!.InsightId);
        Assert.Empty(await insights.ListStaleAsync(accountId, 10));
        Assert.Null(await insights.FindCurrentAsync(without));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task The_behaviour_profile_stays_one_row_and_keeps_the_face_identity_keys(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var profileId = await Parents.ProfileAsync(database, accountId, "bob");
        await using (var db = database.Factory().Open())
            await db.InsertAsync(new InstagramProfileBehaviorProfile
            {
                InstagramProfileId = profileId, BehavioralSummary = new JsonObject { ["face_identity_profile"] = new JsonObject { ["person_id"] = 4 } },
                Metadata = new JsonObject { ["face_identity_version"] = "v1" }, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            });
        var behaviour = new BehaviorProfileRepository(database.Factory());
        var at = new DateTime(2026, 11, 2, 20, 0, 0, DateTimeKind.Utc);
        InstagramStory Story(long id) => new() { Id = id, StoryId = $"s{id}", TakenAt = at, CreatedAt = at, ProcessingStatus = StoryProcessingStatus.Processed, Metadata = new StoryMetadata { Hashtags = ["surf"] } };

        var (once, activityOnce) = StoryBehaviorBuilder.Build([Story(1)])!.Value;
        await behaviour.UpsertPatternsAsync(profileId, once, activityOnce, 11);
        var (twice, activityTwice) = StoryBehaviorBuilder.Build([Story(1), Story(2)])!.Value;
        await behaviour.UpsertPatternsAsync(profileId, twice, activityTwice, 12);

        await using var check = database.Factory().Open();
        var row = Assert.Single(await check.InstagramProfileBehaviorProfiles.Where(b => b.InstagramProfileId == profileId).ToListAsync());
        Assert.Equal(4, row.BehavioralSummary!["face_identity_profile"]!["person_id"]!.GetValue<int>());
        Assert.Equal("v1", row.Metadata!["face_identity_version"]!.GetValue<string>());
        Assert.Equal(12, row.Metadata[BehaviorProfileRepository.AiAnalysisIdKey]!.GetValue<long>());
        Assert.Equal(activityTwice, row.ActivityScore);
        var patterns = (await behaviour.FindPatternsAsync(profileId))!;
        Assert.Equal((2, 20, "monday"), (patterns.StoryCadence.StoryCount, patterns.PeakHour, patterns.PeakWeekday));
        Assert.Equal(["surf"], patterns.TypicalTopics);
    }
}
