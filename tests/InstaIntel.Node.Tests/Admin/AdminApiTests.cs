using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using InstaIntel.Node.Admin;
using InstaIntel.Node.Tests.Security;

namespace InstaIntel.Node.Tests.Admin;

public sealed class AdminApiTests(SecuredNode fixture) : IClassFixture<SecuredNode>
{
    private RunningNode Node => fixture.Node;

    [Fact]
    public async Task Cluster_shows_this_node_as_the_up_leader()
    {
        var cluster = await Node.ReadAsync<ClusterView>(await Node.Http.GetAsync("/api/admin/cluster"));
        var self = Assert.Single(cluster.Members);
        Assert.Equal(cluster.SelfAddress, self.Address);
        Assert.StartsWith("akka.tcp://instaintel@127.0.0.1:", self.Address);
        Assert.Equal("Up", self.Status);
        Assert.True(self.IsLeader && self.IsSelf && self.Reachable);
        Assert.Equal(1, self.Age);
        Assert.NotNull(self.UpSince);
        Assert.InRange(self.UpSince!.Value, DateTime.UtcNow.AddMinutes(-10), DateTime.UtcNow);
        Assert.Equal(cluster.SelfAddress, cluster.Leader);
        Assert.Empty(cluster.Unreachable);
    }

    [Theory]
    [InlineData("leave", "{\"address\":\"not an address\"}", "Malformed address")]
    [InlineData("down", "{\"address\":\"akka.tcp://instaintel@127.0.0.1:1\"}", "Unknown member")]
    [InlineData("leave", "{}", "Address is required")]
    public async Task Leave_and_down_refuse_an_unusable_address_with_problem_details(string action, string body, string title)
    {
        using var response = await Node.Http.PostAsync($"/api/admin/cluster/{action}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>();
        Assert.Equal(title, problem!.Title);
        // The cluster is untouched.
        var cluster = await Node.ReadAsync<ClusterView>(await Node.Http.GetAsync("/api/admin/cluster"));
        Assert.Equal("Up", Assert.Single(cluster.Members).Status);
    }

    [Fact]
    public async Task Sharding_lists_the_account_region_and_counts_its_shards_and_entities()
    {
        Assert.Equal(HttpStatusCode.Created, (await Node.Http.PostAsJsonAsync("/api/accounts", new { username = "sharded_one" })).StatusCode);

        var regions = await Node.ReadAsync<ShardingRegionsView>(await Node.Http.GetAsync("/api/admin/sharding/regions"));
        Assert.Contains("account", regions.Regions);

        var stats = await Node.ReadAsync<ShardingStatsView>(await Node.Http.GetAsync("/api/admin/sharding/stats?region=account"));
        Assert.Equal("account", stats.Region);
        var node = Assert.Single(stats.Nodes);
        Assert.True(node.Entities >= 1, $"expected the new account among the entities: {node.Entities}");
        Assert.Equal(node.Shards, node.ShardEntities.Count);
        Assert.Equal(node.Entities, node.ShardEntities.Sum(s => s.Entities));
        Assert.Equal(stats.TotalEntities, node.Entities);

        using var unknown = await Node.Http.GetAsync("/api/admin/sharding/stats?region=nope");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Actor_hierarchy_shows_the_account_entity_under_its_shard()
    {
        Assert.Equal(HttpStatusCode.Created, (await Node.Http.PostAsJsonAsync("/api/accounts", new { username = "tree_walker" })).StatusCode);

        var tree = await Node.ReadAsync<ActorHierarchyView>(await Node.Http.GetAsync("/api/admin/actors"));
        Assert.Equal(["/user", "/system/sharding"], tree.Roots.Select(r => r.Path));
        var all = Flatten(tree.Roots).ToList();
        var entity = Assert.Single(all, a => a.Name == "tree_walker");
        Assert.Matches(new Regex(@"^/system/sharding/account/\d+/tree_walker$"), entity.Path);
        Assert.Equal("AccountEntity", entity.Type);
        Assert.Contains(all, a => a.Path == "/user/readiness-probe");

        var shallow = await Node.ReadAsync<ActorHierarchyView>(await Node.Http.GetAsync("/api/admin/actors?path=/system/sharding/account&depth=0"));
        var region = Assert.Single(shallow.Roots);
        Assert.Equal("ShardRegion", region.Type);
        Assert.Empty(region.Children);
        Assert.True(region.ChildCount >= 1);

        Assert.Equal(HttpStatusCode.NotFound, (await Node.Http.GetAsync("/api/admin/actors?path=/user/nobody-here")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Node.Http.GetAsync("/api/admin/actors?depth=99")).StatusCode);
    }

    [Fact]
    public async Task Db_migrate_reports_the_schema_version_and_applies_nothing_twice()
    {
        using var response = await Node.Http.PostAsync("/api/admin/db/migrate", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await Node.ReadAsync<MigrationResult>(response);
        Assert.Equal("Sqlite", result.Engine);
        Assert.Empty(result.Applied); // the node migrated at start
        Assert.Equal(Storage.Migrations.MigrationCatalog.All.Max(m => m.Version), result.SchemaVersion);
    }

    private static IEnumerable<ActorNodeView> Flatten(IEnumerable<ActorNodeView> nodes) =>
        nodes.SelectMany(n => Flatten(n.Children).Prepend(n));
}
