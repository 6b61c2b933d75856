using InstaIntel.Storage.Profiles;
using InstaIntel.Storage.Tests.Support;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Tests.Repositories;

public sealed class ProfileRepositoryTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Upserting_a_profile_twice_keeps_one_row_with_the_newer_snapshot(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var profiles = new ProfileRepository(database.Factory());

        var first = await profiles.UpsertAsync(new ProfileSnapshot(accountId, "bob", IgUserId: "17", DisplayName: "Bob", Bio: "hi", FollowsYou: true));
        var second = await profiles.UpsertAsync(new ProfileSnapshot(accountId, "bob", DisplayName: "Bobby", FollowersCount: 120, Following: true));

        Assert.Equal(first, second);
        await using var db = database.Factory().Open();
        var row = Assert.Single(await db.InstagramProfiles.Where(p => p.InstagramAccountId == accountId).ToListAsync());
        Assert.Equal("Bobby", row.DisplayName);
        Assert.Equal(120, row.FollowersCount);
        Assert.True(row.Following);
        // What the second observation did not see is left as the first one stored it.
        Assert.Equal("17", row.IgUserId);
        Assert.Equal("hi", row.Bio);
        Assert.True(row.FollowsYou);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task The_same_username_under_two_accounts_is_two_profiles(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var alice = await Parents.AccountAsync(database, "alice");
        var carol = await Parents.AccountAsync(database, "carol");
        var profiles = new ProfileRepository(database.Factory());

        var underAlice = await profiles.UpsertAsync(new ProfileSnapshot(alice, "bob", DisplayName: "Bob A"));
        var underCarol = await profiles.UpsertAsync(new ProfileSnapshot(carol, "bob", DisplayName: "Bob C"));

        Assert.NotEqual(underAlice, underCarol);
        Assert.Equal("Bob A", (await profiles.FindAsync(alice, "bob"))!.DisplayName);
        Assert.Equal("Bob C", (await profiles.FindAsync(carol, "bob"))!.DisplayName);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Concurrent_first_sightings_of_a_profile_make_one_row(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var profiles = new ProfileRepository(database.Factory());

        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => profiles.UpsertAsync(new ProfileSnapshot(accountId, "bob", FollowersCount: i)))));

        Assert.Single(ids.Distinct());
        await using var db = database.Factory().Open();
        Assert.Equal(1, await db.InstagramProfiles.CountAsync(p => p.InstagramAccountId == accountId));
    }
}
