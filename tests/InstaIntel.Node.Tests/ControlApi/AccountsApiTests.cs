using System.Net;
using System.Net.Http.Json;
using InstaIntel.Domain.Accounts;
using InstaIntel.Node.ControlApi;
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using InstaIntel.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InstaIntel.Node.Tests.ControlApi;

public sealed class AccountsApiTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Account_round_trips_through_the_control_api(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var node = await RunningNode.StartAsync(database.Storage);

        var created = await node.Http.PostAsJsonAsync("/api/accounts", new { username = "@Alice.Smith" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/accounts/alice.smith", created.Headers.Location?.OriginalString);
        var account = await node.ReadAsync<AccountResponse>(created);
        Assert.Equal("alice.smith", account.Username);
        Assert.Equal(ContinuousProcessingState.Idle, account.State);
        Assert.Equal(LoginState.NotAuthenticated, account.LoginState);

        var paused = await node.ReadAsync<AccountResponse>(await node.Http.PostAsJsonAsync("/api/accounts/alice.smith/pause", new { reason = "travel" }));
        Assert.Equal(ContinuousProcessingState.Paused, paused.State);
        Assert.Equal("travel", paused.PausedReason);

        var shown = await node.ReadAsync<AccountResponse>(await node.Http.GetAsync("/api/accounts/ALICE.SMITH"));
        Assert.Equal(ContinuousProcessingState.Paused, shown.State);

        var resumed = await node.ReadAsync<AccountResponse>(await node.Http.PostAsync("/api/accounts/alice.smith/resume", null));
        Assert.Equal(ContinuousProcessingState.Idle, resumed.State);
        Assert.Equal(3, resumed.SequenceNr);

        // The list reads the projected rows, which follow the journal shortly after each persist.
        await Eventually(async () =>
        {
            var page = await node.ReadAsync<AccountPage>(await node.Http.GetAsync("/api/accounts"));
            var row = Assert.Single(page.Items);
            Assert.Equal("alice.smith", row.Username);
            Assert.Equal(ContinuousProcessingState.Idle, row.State);
        });
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Account_state_and_row_survive_a_node_restart_on_the_same_database(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        InstagramAccount rowBefore;
        await using (var first = await RunningNode.StartAsync(database.Storage))
        {
            Assert.Equal(HttpStatusCode.Created, (await first.Http.PostAsJsonAsync("/api/accounts", new { username = "bob" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await first.Http.PostAsJsonAsync("/api/accounts/bob/pause", new { reason = "maintenance" })).StatusCode);
            var repository = first.Services.GetRequiredService<AccountRepository>();
            rowBefore = await Eventually(async () =>
            {
                var row = await repository.FindAsync("bob");
                Assert.NotNull(row);
                Assert.Equal(2, row.ProjectedSequenceNr);
                return row;
            });
        }

        await using var second = await RunningNode.StartAsync(database.Storage);
        var recovered = await second.ReadAsync<AccountResponse>(await second.Http.GetAsync("/api/accounts/bob"));
        Assert.Equal(ContinuousProcessingState.Paused, recovered.State);
        Assert.Equal("maintenance", recovered.PausedReason);
        Assert.Equal(2, recovered.SequenceNr);

        var rowAfter = await second.Services.GetRequiredService<AccountRepository>().FindAsync("bob");
        Assert.NotNull(rowAfter);
        Assert.Equal(rowBefore.Id, rowAfter.Id);
        Assert.Equal(ContinuousProcessingState.Paused, rowAfter.ContinuousProcessingState);
        Assert.Equal(rowBefore.ProjectedSequenceNr, rowAfter.ProjectedSequenceNr);
        Assert.Equal(rowBefore.ContinuousProcessingEnabled, rowAfter.ContinuousProcessingEnabled);
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> attempt)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try { return await attempt(); }
            catch (Exception) when (DateTime.UtcNow < deadline) { await Task.Delay(100); }
        }
    }

    private static Task Eventually(Func<Task> attempt) => Eventually(async () => { await attempt(); return true; });
}
