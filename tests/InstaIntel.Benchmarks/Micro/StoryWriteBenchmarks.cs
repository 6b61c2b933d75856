using System.Text.Json;
using BenchmarkDotNet.Attributes;
using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.Profiles;
using InstaIntel.Domain.Stories;
using InstaIntel.Storage;
using InstaIntel.Storage.Events;
using InstaIntel.Storage.Mapping;
using InstaIntel.Storage.Stories;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace InstaIntel.Benchmarks.Micro;

/// <summary>
/// The database side of story ingestion on SQLite: one story's transaction as <c>StoryIngestionActor</c> writes it,
/// and the keyed read its upserts make, through LINQ (linq2db renders a query with a string parameter afresh on
/// every execution) and as plain SQL (what the repositories use).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class StoryWriteBenchmarks
{
    private TestDatabase _database = null!;
    private InstaIntelDbFactory _factory = null!;
    private ProfileEventRepository _events = null!;
    private StoryRepository _stories = null!;
    private long _accountId;
    private long _profileId;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _database = TestDatabase.CreateAsync(DatabaseEngine.Sqlite, migrate: true).GetAwaiter().GetResult();
        _factory = _database.Factory();
        _events = new ProfileEventRepository(_factory);
        _stories = new StoryRepository(_factory);
        using var db = _factory.Open();
        var now = DateTime.UtcNow;
        _accountId = db.InsertWithInt64Identity(new InstagramAccount { Username = "bench", CreatedAt = now, UpdatedAt = now });
        _profileId = db.InsertWithInt64Identity(new InstagramProfile { InstagramAccountId = _accountId, Username = "author", CreatedAt = now, UpdatedAt = now });
        for (var i = 0; i < 100; i++) StoryWrite().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _database.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>A new story: its story_uploaded event, its row, its story_downloaded event and media key, one transaction.</summary>
    [Benchmark]
    public async Task StoryWrite()
    {
        var storyId = $"{Interlocked.Increment(ref _next)}";
        var url = $"https://cdn.example/{storyId}.jpg";
        await using var db = _factory.Open();
        await using var transaction = await db.BeginTransactionAsync();
        var uploaded = await _events.RecordAsync(db, _profileId, ProfileEventKinds.StoryUploaded, storyId, DateTime.UtcNow,
            new ProfileEventMetadata { Source = "story_tray", StoryId = storyId, OwnerUsername = "author", OwnerIgUserId = "1", MediaType = "image", ImageUrl = url, MediaUrl = url });
        var row = await _stories.UpsertIngestedAsync(db, new InstagramStory
        {
            InstagramAccountId = _accountId, InstagramProfileId = _profileId, SourceEventId = uploaded, StoryId = storyId, MediaType = "image",
            TakenAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddDays(1), ImageUrl = url, MediaUrl = url,
            Metadata = new StoryMetadata { IngestedAt = DateTime.UtcNow },
        });
        await _events.RecordAsync(db, _profileId, ProfileEventKinds.StoryDownloaded, storyId, DateTime.UtcNow, new ProfileEventMetadata { Source = "story_tray", StoryId = storyId });
        await _stories.AttachMediaAsync(db, row, new string('a', 64), "image/jpeg", 200_000);
        await transaction.CommitAsync();
    }

    /// <summary>An event's stored metadata by its identity, through LINQ.</summary>
    [Benchmark(Baseline = true)]
    public async Task<ProfileEventMetadata?> KeyedReadLinq()
    {
        var externalId = $"{_next / 2}";
        await using var db = _factory.Open();
        return await db.InstagramProfileEvents
            .Where(e => e.InstagramProfileId == _profileId && e.Kind == ProfileEventKinds.StoryUploaded && e.ExternalId == externalId)
            .Select(e => e.Metadata).FirstOrDefaultAsync();
    }

    /// <summary>The same read as plain SQL through linq2db's <see cref="CommandInfo"/>.</summary>
    [Benchmark]
    public async Task<ProfileEventMetadata?> KeyedReadSql()
    {
        var externalId = $"{_next / 2}";
        await using var db = _factory.Open();
        var rows = await new CommandInfo(db,
            "SELECT metadata FROM instagram_profile_events WHERE instagram_profile_id = @profile AND kind = @kind AND external_id = @external",
            new DataParameter("profile", _profileId), new DataParameter("kind", ProfileEventKinds.StoryUploaded), new DataParameter("external", externalId))
            .QueryToListAsync<string?>();
        return rows.Count == 0 || rows[0] is not { } text ? null : JsonSerializer.Deserialize<ProfileEventMetadata>(text, JsonColumns.Options);
    }
}
