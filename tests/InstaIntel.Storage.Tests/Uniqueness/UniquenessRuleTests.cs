using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Events;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Profiles;
using InstaIntel.Domain.Stories;
using InstaIntel.Storage.Migrations;
using InstaIntel.Storage.Tests.Support;
using InstaIntel.Testing;

namespace InstaIntel.Storage.Tests.Uniqueness;

/// <summary>The database itself enforces the seed's uniqueness rules, on both engines, and only within their scope.</summary>
public sealed class UniquenessRuleTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Every_uniqueness_rule_rejects_a_second_row_with_the_same_key(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        await using var db = database.Factory().Open();
        var rows = await SampleRows.InsertEveryTableAsync(db);

        var tablesWithRules = Tests.Schema.LiveSchema.SeedTables().Where(t => t.Indexes.Any(i => i.Unique)).Select(t => t.Name).ToList();
        var accepted = new List<string>();
        foreach (var table in tablesWithRules)
        {
            var exception = await Record.ExceptionAsync(() => SampleRows.InsertAsync(db, SampleRows.Clone(rows[table])));
            if (exception is null || !UniqueViolation.Is(exception))
                accepted.Add($"{table}: {exception?.GetType().Name ?? "accepted the duplicate"}");
        }
        Assert.Equal(14, tablesWithRules.Count);
        Assert.Empty(accepted);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_username_is_one_profile_per_account_but_may_recur_in_another_account(DatabaseEngine engine)
    {
        await using var world = await World.CreateAsync(engine);
        var duplicate = Copy((InstagramProfile)world.Rows["instagram_profiles"]);
        await AssertRejectedAsync(world, duplicate);

        duplicate.InstagramAccountId = (await world.SecondAccountAsync()).Id;
        await SampleRows.InsertAsync(world.Db, duplicate);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_shortcode_is_one_post_per_profile_but_may_recur_for_another_profile(DatabaseEngine engine)
    {
        await using var world = await World.CreateAsync(engine);
        var duplicate = Copy((InstagramProfilePost)world.Rows["instagram_profile_posts"]);
        await AssertRejectedAsync(world, duplicate);

        duplicate.InstagramProfileId = (await world.SecondProfileAsync()).Id;
        await SampleRows.InsertAsync(world.Db, duplicate);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task An_event_is_one_row_per_profile_kind_and_external_id(DatabaseEngine engine)
    {
        await using var world = await World.CreateAsync(engine);
        var duplicate = Copy((InstagramProfileEvent)world.Rows["instagram_profile_events"]);
        await AssertRejectedAsync(world, duplicate);

        duplicate.Kind = ProfileEventKinds.StoryViewed; // same external id under another kind is another event
        await SampleRows.InsertAsync(world.Db, duplicate);
        var third = Copy(duplicate);
        third.InstagramProfileId = (await world.SecondProfileAsync()).Id;
        await SampleRows.InsertAsync(world.Db, third);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_story_id_is_one_story_per_profile_but_may_recur_for_another_profile(DatabaseEngine engine)
    {
        await using var world = await World.CreateAsync(engine);
        var duplicate = Copy((InstagramStory)world.Rows["instagram_stories"]);
        await AssertRejectedAsync(world, duplicate);

        duplicate.InstagramProfileId = (await world.SecondProfileAsync()).Id;
        await SampleRows.InsertAsync(world.Db, duplicate);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_feed_post_shortcode_is_one_row_per_account(DatabaseEngine engine)
    {
        await using var world = await World.CreateAsync(engine);
        var duplicate = Copy((InstagramPost)world.Rows["instagram_posts"]);
        await AssertRejectedAsync(world, duplicate);

        duplicate.InstagramAccountId = (await world.SecondAccountAsync()).Id;
        duplicate.InstagramProfileId = null;
        await SampleRows.InsertAsync(world.Db, duplicate);
    }

    private static T Copy<T>(T entity) where T : IEntity => (T)SampleRows.Clone(entity);

    private static async Task AssertRejectedAsync(World world, IEntity duplicate)
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(() => SampleRows.InsertAsync(world.Db, duplicate));
        Assert.True(UniqueViolation.Is(exception), $"expected a unique violation, got {exception.GetType().Name}: {exception.Message}");
    }

    /// <summary>A migrated database with one row in every table and a way to add a sibling account or profile.</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly TestDatabase _database;

        private World(TestDatabase database, InstaIntelDb db, IReadOnlyDictionary<string, IEntity> rows)
        {
            _database = database;
            Db = db;
            Rows = rows;
        }

        public InstaIntelDb Db { get; }
        public IReadOnlyDictionary<string, IEntity> Rows { get; }

        public static async Task<World> CreateAsync(DatabaseEngine engine)
        {
            var database = await TestDatabase.CreateAsync(engine, migrate: true);
            var db = database.Factory().Open();
            return new World(database, db, await SampleRows.InsertEveryTableAsync(db));
        }

        public async Task<InstagramAccount> SecondAccountAsync()
        {
            var account = Copy((InstagramAccount)Rows["instagram_accounts"]);
            account.Username = "second_account";
            account.Id = await SampleRows.InsertAsync(Db, account);
            return account;
        }

        public async Task<InstagramProfile> SecondProfileAsync()
        {
            var profile = Copy((InstagramProfile)Rows["instagram_profiles"]);
            profile.Username = "second_profile";
            profile.Id = await SampleRows.InsertAsync(Db, profile);
            return profile;
        }

        public async ValueTask DisposeAsync()
        {
            await Db.DisposeAsync();
            await _database.DisposeAsync();
        }
    }
}
