using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InstaIntel.Node.ControlApi;
using InstaIntel.Storage;
using InstaIntel.Testing;

namespace InstaIntel.Node.Tests.Health;

public sealed class ReadinessTests
{
    private static readonly Dictionary<string, string?> QuickProbes = new()
    {
        ["InstaIntel:Health:JournalProbeTimeout"] = "00:00:03",
        ["InstaIntel:Health:CheckTimeout"] = "00:00:05",
    };

    [Fact]
    public async Task Readyz_runs_every_readiness_check_and_healthz_runs_none()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        await using var node = await RunningNode.StartAsync(database.Storage, QuickProbes);

        var ready = await Eventually(() => ReadyAsync(node), r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        Assert.Equal("Healthy", ready.Body.GetProperty("status").GetString());
        var checks = ready.Body.GetProperty("checks");
        foreach (var name in new[] { "cluster", "database", "journal", "chromium" })
            Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
        Assert.Contains("is Up", checks.GetProperty("cluster").GetProperty("description").GetString());
        Assert.Equal("not launched yet", checks.GetProperty("chromium").GetProperty("description").GetString());

        using var live = await node.Anonymous.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_goes_unhealthy_when_PostgreSQL_stops_and_healthy_again_after_restart_with_nothing_lost()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        var storage = new StorageOptions { Engine = DatabaseEngine.PostgreSql, ConnectionString = await postgres.CreateDatabaseAsync("readiness") };

        await using (var node = await RunningNode.StartAsync(storage, QuickProbes))
        {
            Assert.Equal(HttpStatusCode.Created, (await node.Http.PostAsJsonAsync("/api/accounts", new { username = "survivor" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await node.Http.PostAsJsonAsync("/api/accounts/survivor/pause", new { reason = "before the outage" })).StatusCode);
            await Eventually(() => ReadyAsync(node), r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30));

            await postgres.StopAsync();
            var down = await Eventually(() => ReadyAsync(node), r => r.Status == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60));
            var checks = down.Body.GetProperty("checks");
            Assert.Equal("Unhealthy", down.Body.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", checks.GetProperty("database").GetProperty("status").GetString());
            Assert.Equal("Healthy", checks.GetProperty("cluster").GetProperty("status").GetString());
            // Liveness stays green: a node without its database must not be restarted for it.
            Assert.Equal(HttpStatusCode.OK, (await node.Anonymous.GetAsync("/healthz")).StatusCode);
            // The journal probe fails too (a little later once the recovery or write times out).
            await Eventually(() => ReadyAsync(node),
                r => r.Body.GetProperty("checks").GetProperty("journal").GetProperty("status").GetString() == "Unhealthy", TimeSpan.FromSeconds(60));

            await postgres.StartAgainAsync();
            // The journal's circuit breaker waits out its reset timeout (30 s) before it tries again.
            var back = await Eventually(() => ReadyAsync(node), r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(120));
            Assert.Equal("Healthy", back.Body.GetProperty("checks").GetProperty("journal").GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.Created, (await node.Http.PostAsJsonAsync("/api/accounts", new { username = "after_outage" })).StatusCode);
        }

        // Nothing was lost: a fresh node on the same database recovers both accounts from the journal.
        await using var restarted = await RunningNode.StartAsync(storage, QuickProbes);
        var survivor = await restarted.ReadAsync<AccountResponse>(await restarted.Http.GetAsync("/api/accounts/survivor"));
        Assert.Equal(Domain.Accounts.ContinuousProcessingState.Paused, survivor.State);
        Assert.Equal("before the outage", survivor.PausedReason);
        Assert.Equal(2, survivor.SequenceNr);
        Assert.Equal(HttpStatusCode.OK, (await restarted.Http.GetAsync("/api/accounts/after_outage")).StatusCode);
    }

    private sealed record Readiness(HttpStatusCode Status, JsonElement Body);

    private static async Task<Readiness> ReadyAsync(RunningNode node)
    {
        using var response = await node.Anonymous.GetAsync("/readyz");
        var text = await response.Content.ReadAsStringAsync();
        return new Readiness(response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await probe();
            if (done(last)) return last;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"not reached within {timeout.TotalSeconds} s; last: {last}");
            await Task.Delay(500);
        }
    }
}
