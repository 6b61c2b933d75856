using System.Text.Json.Nodes;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Posts.Metadata;
using InstaIntel.Domain.Stories;
using InstaIntel.Storage.Migrations;
using InstaIntel.Storage.Schema;
using InstaIntel.Storage.Tests.Support;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace InstaIntel.Storage.Tests.Mapping;

/// <summary>The seed's JSON metadata contracts: typed on the way in, equal on the way out, stored as real JSON.</summary>
public sealed class JsonContractTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Every_metadata_contract_the_seed_indexes_reads_back_equal(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        await using var db = database.Factory().Open();
        var rows = await SampleRows.InsertEveryTableAsync(db);

        var post = await db.InstagramProfilePosts.FirstAsync(p => p.Id == rows["instagram_profile_posts"].Id);
        var postEvent = await db.InstagramProfileEvents.FirstAsync(e => e.Id == rows["instagram_profile_events"].Id);
        var story = await db.InstagramStories.FirstAsync(s => s.Id == rows["instagram_stories"].Id);
        var person = await db.InstagramStoryPeople.FirstAsync(p => p.Id == rows["instagram_story_people"].Id);
        var storyFace = await db.InstagramStoryFaces.FirstAsync(f => f.Id == rows["instagram_story_faces"].Id);
        var postFace = await db.InstagramPostFaces.FirstAsync(f => f.Id == rows["instagram_post_faces"].Id);

        Assert.Empty(DeepEqual.Differences(ContractSamples.ProfilePost, post.Metadata, "profile post metadata"));
        Assert.Empty(DeepEqual.Differences(ContractSamples.ProfileEvent, postEvent.Metadata, "event metadata"));
        Assert.Empty(DeepEqual.Differences(ContractSamples.LlmComment, postEvent.LlmCommentMetadata, "llm_comment_metadata"));
        Assert.Empty(DeepEqual.Differences(ContractSamples.Story, story.Metadata, "story metadata"));
        Assert.Empty(DeepEqual.Differences(ContractSamples.StoryPerson, person.Metadata, "story person metadata"));
        Assert.Equal(ContractSamples.Embedding, person.CanonicalEmbedding);
        Assert.Equal(ContractSamples.Embedding, storyFace.Embedding);
        Assert.Equal(ContractSamples.Box, postFace.BoundingBox);

        // Typed, not just carried: the nested contracts come back as their types with their values.
        Assert.Equal(AiPipelineStepStatus.Succeeded, post.Metadata!.AiPipeline!.Steps!["visual"].Status);
        Assert.Equal(WorkspaceActionStatus.WaitingPostAnalysis, post.Metadata.WorkspaceActions!.Status);
        Assert.Equal(CommentGenerationPolicyStatus.Blocked, post.Metadata.CommentGenerationPolicy!.Status);
        Assert.Equal("build_history", post.Metadata.HistoryBuild!.FaceRefresh!.RequestedBy);
        Assert.Equal(0.93, post.Metadata.OcrAnalysis!.OcrBlocks![0].Confidence);
        Assert.Equal(VideoProcessingMode.DynamicVideo, post.Metadata.VideoProcessing!.ProcessingMode);
        Assert.Equal("validated_story_intelligence_v3", postEvent.LlmCommentMetadata!.Pipeline);
        Assert.Equal("surfboard", story.Metadata!.ContentUnderstanding!.Objects![0]);
        Assert.Equal(3, person.Metadata!.FaceAttributes!.GenderCounts!["female"]);
    }

    [Fact]
    public void Contract_samples_set_every_property_so_the_round_trip_covers_all_of_them()
    {
        var unset = new List<string>();
        foreach (var (name, contract) in ContractSamples.All)
            FindUnset(contract, name, unset);
        Assert.True(unset.Count == 0, string.Join("\n", unset));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Json_columns_are_jsonb_on_PostgreSQL_and_text_on_SQLite_with_the_seeds_snake_case_keys(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        await using var db = database.Factory().Open();
        var rows = await SampleRows.InsertEveryTableAsync(db);
        var jsonColumns = SchemaMigrator.DescribeSchema()
            .SelectMany(t => t.Columns.Where(c => c.Type == ColumnType.Json).Select(c => (Table: t.Name, Column: c.Name)))
            .ToList();

        var wrongStorage = new List<string>();
        foreach (var (table, column) in jsonColumns)
        {
            var storage = engine == DatabaseEngine.PostgreSql
                ? await db.ExecuteAsync<string>($"SELECT pg_typeof({column})::text FROM {table} WHERE id = @id", new DataParameter("id", rows[table].Id))
                : await db.ExecuteAsync<string>($"SELECT typeof({column}) FROM {table} WHERE id = @id", new DataParameter("id", rows[table].Id));
            if (storage != (engine == DatabaseEngine.PostgreSql ? "jsonb" : "text"))
                wrongStorage.Add($"{table}.{column} is stored as {storage}");
        }
        Assert.True(jsonColumns.Count > 40, $"only {jsonColumns.Count} JSON columns found");
        Assert.Empty(wrongStorage);

        // The database can read into the JSON: keys are the seed's snake_case, enums inside are its strings.
        var postId = new DataParameter("id", rows["instagram_profile_posts"].Id);
        Assert.Equal(ContractSamples.ProfilePost.AiPipeline!.RunId, await JsonPath(db, engine, "ai_pipeline", "run_id", postId));
        Assert.Equal("waiting_post_analysis", await JsonPath(db, engine, "workspace_actions", "status", postId));
        Assert.Equal("dynamic_video", await JsonPath(db, engine, "video_processing", "processing_mode", postId));
        Assert.Equal("low_relevance_suggestions", await JsonPath(db, engine, "comment_generation_policy", "blocked_reason_code", postId));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Keys_the_contract_does_not_declare_survive_a_read_and_a_write(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        await using var db = database.Factory().Open();
        var rows = await SampleRows.InsertEveryTableAsync(db);
        var postId = rows["instagram_profile_posts"].Id;
        const string stored = """
            {
              "download_status": "downloaded",
              "future_contract": { "level": 3, "tags": ["a", "b"] },
              "ai_pipeline": { "run_id": "r-1", "status": "running", "steps": { "visual": { "status": "queued", "gpu_lane": 2 } }, "added_later": true },
              "ocr_analysis": { "ocr_text": "hi", "ocr_blocks": [ { "text": "hi", "language": "en" } ] }
            }
            """;
        var cast = engine == DatabaseEngine.PostgreSql ? "CAST(@json AS jsonb)" : "@json";
        await db.ExecuteAsync($"UPDATE instagram_profile_posts SET metadata = {cast} WHERE id = @id", new DataParameter("json", stored), new DataParameter("id", postId));

        // Code that knows nothing of those keys reads the row, changes one contract and writes it back.
        var post = await db.InstagramProfilePosts.FirstAsync(p => p.Id == postId);
        Assert.Equal("downloaded", post.Metadata!.AdditionalFields!["download_status"].GetString());
        Assert.Equal(AiPipelineStepStatus.Queued, post.Metadata.AiPipeline!.Steps!["visual"].Status);
        var changed = post.Metadata with { WorkspaceActions = new WorkspaceActions { Status = WorkspaceActionStatus.Ready, SuggestionsCount = 2 } };
        await db.InstagramProfilePosts.Where(p => p.Id == postId).Set(p => p.Metadata, changed).UpdateAsync();

        var text = engine == DatabaseEngine.PostgreSql ? "metadata::text" : "metadata";
        var written = JsonNode.Parse(await db.ExecuteAsync<string>($"SELECT {text} FROM instagram_profile_posts WHERE id = @id", new DataParameter("id", postId)))!;
        var original = JsonNode.Parse(stored)!;
        Assert.True(JsonNode.DeepEquals(original["future_contract"], written["future_contract"]), written.ToJsonString());
        Assert.Equal("downloaded", (string?)written["download_status"]);
        Assert.True((bool?)written["ai_pipeline"]!["added_later"]);
        Assert.Equal(2, (int?)written["ai_pipeline"]!["steps"]!["visual"]!["gpu_lane"]);
        Assert.Equal("en", (string?)written["ocr_analysis"]!["ocr_blocks"]![0]!["language"]);
        Assert.Equal("ready", (string?)written["workspace_actions"]!["status"]);
    }

    private static Task<string> JsonPath(InstaIntelDb db, DatabaseEngine engine, string contract, string key, DataParameter id) =>
        db.ExecuteAsync<string>(
            engine == DatabaseEngine.PostgreSql
                ? $"SELECT metadata->'{contract}'->>'{key}' FROM instagram_profile_posts WHERE id = @id"
                : $"SELECT json_extract(metadata, '$.{contract}.{key}') FROM instagram_profile_posts WHERE id = @id",
            id);

    private static object? ValueOfEntry(object? item) =>
        item is not null && item.GetType().IsGenericType && item.GetType().GetGenericTypeDefinition() == typeof(KeyValuePair<,>)
            ? item.GetType().GetProperty("Value")!.GetValue(item)
            : item;

    // Reference-typed and nullable properties of the contract graph must all be set in the samples.
    private static void FindUnset(object value, string path, List<string> unset)
    {
        if (value is string || value is System.Collections.IEnumerable || value is JsonNode || value.GetType().IsValueType) return;
        foreach (var property in value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.Name != "AdditionalFields"))
        {
            var child = property.GetValue(value);
            if (child is null)
                unset.Add($"{path}.{property.Name}");
            else if (child is System.Collections.IEnumerable sequence and not string and not JsonNode)
            {
                var items = sequence.Cast<object?>().ToList();
                if (items.Count == 0) unset.Add($"{path}.{property.Name} (empty)");
                foreach (var item in items.Select(ValueOfEntry).OfType<Domain.Common.JsonContract>())
                    FindUnset(item, $"{path}.{property.Name}[]", unset);
            }
            else
                FindUnset(child, $"{path}.{property.Name}", unset);
        }
    }
}
