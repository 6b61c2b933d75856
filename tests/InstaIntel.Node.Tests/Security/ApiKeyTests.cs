using System.Net;
using System.Net.Http.Json;
using System.Text;
using InstaIntel.Domain.Security;
using InstaIntel.Node.Security;
using InstaIntel.Storage;
using InstaIntel.Storage.Security;
using InstaIntel.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InstaIntel.Node.Tests.Security;

public sealed class SecuredNode : IAsyncLifetime
{
    private TestDatabase? _database;
    public RunningNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        Node = await RunningNode.StartAsync(_database.Storage);
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}

public sealed class ApiKeyTests(SecuredNode fixture) : IClassFixture<SecuredNode>
{
    private RunningNode Node => fixture.Node;

    /// <summary>Every route of the node that changes something or is admin: walked from the live route table.</summary>
    private IReadOnlyList<(string Method, string Path)> ProtectedRoutes()
    {
        var routes = new List<(string, string)>();
        foreach (var endpoint in Node.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var template = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            // Route parameters get a plausible value; the key check happens before the handler sees them.
            var path = System.Text.RegularExpressions.Regex.Replace(template, "{[^}]+}", "someone");
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                var request = new DefaultHttpContext().Request;
                request.Method = method;
                request.Path = path;
                if (ApiKeyForWritesHandler.NeedsKey(request, endpoint))
                    routes.Add((method, path));
            }
        }
        return routes;
    }

    [Fact]
    public async Task Every_mutating_and_admin_route_refuses_a_missing_or_wrong_key()
    {
        var routes = ProtectedRoutes();
        Assert.Contains(routes, r => r is ("POST", "/api/accounts"));
        Assert.Contains(routes, r => r is ("POST", "/api/accounts/someone/pause"));
        foreach (var (method, path) in routes)
        {
            using var missing = await Node.Anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });
            Assert.True(missing.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} without a key answered {(int)missing.StatusCode}");
            Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

            var wrong = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
            wrong.Headers.Add("X-Api-Key", RunningNode.ApiKey + "x");
            using var refused = await Node.Anonymous.SendAsync(wrong);
            Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with a wrong key answered {(int)refused.StatusCode}");
        }
    }

    [Fact]
    public async Task Reads_are_open_and_writes_work_with_the_key_in_either_header()
    {
        using var list = await Node.Anonymous.GetAsync("/api/accounts");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);

        using var created = await Node.Http.PostAsJsonAsync("/api/accounts", new { username = "keyholder" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var bearer = new HttpRequestMessage(HttpMethod.Post, "/api/accounts/keyholder/pause");
        bearer.Headers.Authorization = new("Bearer", RunningNode.ApiKey);
        using var paused = await Node.Anonymous.SendAsync(bearer);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
    }

    [Fact]
    public async Task A_key_created_in_the_database_works_at_once_and_stops_working_when_revoked()
    {
        var keys = Node.Services.GetRequiredService<ApiKeyRepository>();
        var (row, key) = await keys.CreateAsync("ops-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal(ApiKeySecret.Hash(key), row.KeyHash);
        Assert.DoesNotContain(key, row.KeyHash);

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/accounts") { Content = JsonContent.Create(new { username = "fresh_key_user" }) };
        request.Headers.Add("X-Api-Key", key);
        using var created = await Node.Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        Assert.True(await keys.RevokeAsync(row.Name));
        // The node trusts its cache for KeyCacheLifetime; the default is short, so poll until revocation lands.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        do
        {
            var again = new HttpRequestMessage(HttpMethod.Post, "/api/accounts/fresh_key_user/pause");
            again.Headers.Add("X-Api-Key", key);
            using var response = await Node.Anonymous.SendAsync(again);
            status = response.StatusCode;
            if (status != HttpStatusCode.Unauthorized) await Task.Delay(500);
        } while (status != HttpStatusCode.Unauthorized && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_problem_details()
    {
        var body = "{\"username\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";
        // As curl does for large bodies: without "Expect: 100-continue" the client may still be uploading when
        // Kestrel answers 413 and closes, and the send fails with a broken pipe instead of reading the answer.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/accounts")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        request.Headers.Add("X-Api-Key", RunningNode.ApiKey);
        // The client sends the body anyway once this wait ends (1 s by default), which a busy machine can reach.
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) })
        {
            BaseAddress = Node.Http.BaseAddress,
        };
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class FirstApiKeyTests
{
    [Fact]
    public async Task A_node_without_any_key_creates_one_on_first_start_and_not_again()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        var noConfiguredKey = new Dictionary<string, string?> { ["InstaIntel:Security:ApiKeyHashes:0"] = null };
        await using (var first = await RunningNode.StartAsync(database.Storage, noConfiguredKey))
        {
            var keys = await first.Services.GetRequiredService<ApiKeyRepository>().ListAsync();
            var initial = Assert.Single(keys);
            Assert.Equal("initial", initial.Name);
            Assert.StartsWith("sha256:", initial.KeyHash);
        }
        await using var second = await RunningNode.StartAsync(database.Storage, noConfiguredKey);
        Assert.Single(await second.Services.GetRequiredService<ApiKeyRepository>().ListAsync());
    }
}

public sealed class AdminLoopbackTests
{
    [Theory]
    [InlineData("10.1.2.3", "/api/admin/cluster", true, 403)]
    [InlineData("127.0.0.1", "/api/admin/cluster", true, 200)]
    [InlineData("::1", "/api/admin/cluster", true, 200)]
    [InlineData("10.1.2.3", "/api/admin/cluster", false, 200)]
    [InlineData("10.1.2.3", "/api/accounts", true, 200)]
    public async Task Admin_routes_can_be_bound_to_loopback(string remote, string path, bool loopbackOnly, int expected)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(remote);
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        var middleware = new AdminLoopbackMiddleware(
            _ => Task.CompletedTask,
            Microsoft.Extensions.Options.Options.Create(new SecurityOptions { AdminLoopbackOnly = loopbackOnly }),
            services.GetRequiredService<IProblemDetailsService>());
        await middleware.InvokeAsync(context);
        Assert.Equal(expected, context.Response.StatusCode);
    }
}
