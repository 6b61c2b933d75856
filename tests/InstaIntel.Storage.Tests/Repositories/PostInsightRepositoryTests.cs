using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Insights;
using InstaIntel.Domain.Posts;
using InstaIntel.Storage.Feed;
using InstaIntel.Storage.Insights;
using InstaIntel.Storage.Tests.Support;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Tests.Repositories;

/// <summary>Post insights and entities projected from an analysis, on both engines.</summary>
public sealed class PostInsightRepositoryTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task An_analysis_projects_one_insight_with_its_entities_and_projecting_it_again_replaces_them(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var (postId, _) = await new FeedPostRepository(database.Factory()).CaptureAsync(new InstagramPost { InstagramAccountId = accountId, Shortcode = "F1", DetectedAt = DateTime.UtcNow });
        long analysisId;
        await using (var db = database.Factory().Open())
            analysisId = await db.InsertWithInt64IdentityAsync(new AiAnalysis
            {
                InstagramAccountId = accountId, AnalyzableType = AnalyzableTypes.FeedPost, AnalyzableId = postId, Purpose = "media_understanding",
                Provider = "local", Status = AiAnalysisStatus.Completed, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            });
        var insights = new PostInsightRepository(database.Factory());
        InstagramPostInsight Insight(string description) => new()
        {
            AiAnalysisId = analysisId, InstagramAccountId = accountId, InstagramPostId = postId, ImageDescription = description, Topics = ["beach"],
        };

        await insights.ProjectAsync(Insight("2 faces"), [new PostEntityDraft("hashtag", "beach", 1, null, "caption"), new PostEntityDraft("mention", "bob")]);
        var id = await insights.ProjectAsync(Insight("2 faces; text: hi"), [new PostEntityDraft("hashtag", "beach", 1, null, "caption")]);

        var stored = Assert.Single(await insights.ListForPostAsync(postId));
        Assert.Equal((id, "2 faces; text: hi", analysisId), (stored.Id, stored.ImageDescription, stored.AiAnalysisId));
        Assert.Equal(["beach"], stored.Topics!);
        var entity = Assert.Single(await insights.ListEntitiesAsync(id));
        Assert.Equal(("hashtag", "beach", analysisId, postId, "caption"), (entity.EntityType, entity.Value, entity.AiAnalysisId, entity.InstagramPostId, entity.SourceType));
    }
}
