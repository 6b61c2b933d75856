using System.Text.Json.Nodes;
using InstaIntel.Domain.Accounts;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Messaging;
using InstaIntel.Storage.Tests.Support;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Tests.Repositories;

/// <summary>What a recovering account entity reads and writes: its row's projection and its queued messages.</summary>
public sealed class AccountProjectionTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task The_recovery_projection_writes_a_missing_or_behind_row_and_leaves_a_current_or_newer_one(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accounts = new AccountRepository(database.Factory());

        // Missing (the crash came before the first projection): inserted.
        Assert.True(await accounts.ProjectIfBehindAsync(Row("ada", 3, failures: 1)));
        // Behind: written.
        Assert.True(await accounts.ProjectIfBehindAsync(Row("ada", 5, failures: 2)));
        // Current, or newer than the recovered state (an old incarnation's late write): left alone.
        Assert.False(await accounts.ProjectIfBehindAsync(Row("ada", 5, failures: 9)));
        Assert.False(await accounts.ProjectIfBehindAsync(Row("ada", 4, failures: 9)));

        await using var db = database.Factory().Open();
        var row = Assert.Single(await db.InstagramAccounts.Where(a => a.Username == "ada").ToListAsync());
        Assert.Equal((5L, 2), (row.ProjectedSequenceNr, row.ContinuousProcessingFailureCount));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Many_accounts_recovering_at_once_each_get_their_own_answer_from_the_batched_reads(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accounts = new AccountRepository(database.Factory());
        // More accounts than one query reads: current (10), behind (5 against 10) and missing rows, interleaved.
        const int count = AccountRepository.MaxCheckBatch * 2 + 50;
        for (var i = 0; i < count; i += 3) await accounts.ProjectAsync(Row($"acct_{i}", 10, failures: 0));
        for (var i = 1; i < count; i += 3) await accounts.ProjectAsync(Row($"acct_{i}", 5, failures: 0));

        var answers = await Task.WhenAll(Enumerable.Range(0, count).Select(i => accounts.ProjectIfBehindAsync(Row($"acct_{i}", 10, failures: 7))));

        Assert.Equal(Enumerable.Range(0, count).Select(i => i % 3 != 0), answers);
        await using var db = database.Factory().Open();
        var rows = await db.InstagramAccounts.ToDictionaryAsync(a => a.Username, a => (a.ProjectedSequenceNr, a.ContinuousProcessingFailureCount));
        Assert.Equal(count, rows.Count);
        for (var i = 0; i < count; i++)
            Assert.Equal(i % 3 == 0 ? (10L, 0) : (10L, 7), rows[$"acct_{i}"]);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Queued_messages_are_found_by_the_accounts_username_oldest_first_and_only_its_own(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var ada = await Parents.AccountAsync(database, "ada");
        var bob = await Parents.AccountAsync(database, "bob");
        var messages = new InstagramMessageRepository(database.Factory());
        var first = await messages.QueueAsync(ada, await Parents.ProfileAsync(database, ada, "cat"), "one", new JsonObject());
        var sent = await messages.QueueAsync(ada, await Parents.ProfileAsync(database, ada, "dan"), "two", new JsonObject());
        var third = await messages.QueueAsync(ada, await Parents.ProfileAsync(database, ada, "eve"), "three", new JsonObject());
        await messages.QueueAsync(bob, await Parents.ProfileAsync(database, bob, "cat"), "bob's", new JsonObject());
        await messages.MarkSentAsync(sent, DateTime.UtcNow, new JsonObject());

        var queued = await messages.ListQueuedAsync("ada", limit: 10);

        Assert.Equal([first, third], queued.Select(m => m.Id));
        Assert.Equal([first], (await messages.ListQueuedAsync("ada", limit: 1)).Select(m => m.Id));
        Assert.Empty(await messages.ListQueuedAsync("nobody", limit: 10));
    }

    private static InstagramAccount Row(string username, long sequenceNr, int failures) => new()
    {
        Username = username,
        ProjectedSequenceNr = sequenceNr,
        ContinuousProcessingFailureCount = failures,
    };
}
