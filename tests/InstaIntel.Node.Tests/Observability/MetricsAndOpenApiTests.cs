using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InstaIntel.Domain.Observability;
using InstaIntel.Node.Tests.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InstaIntel.Node.Tests.Observability;

public sealed class MetricsAndOpenApiTests(SecuredNode fixture) : IClassFixture<SecuredNode>
{
    private RunningNode Node => fixture.Node;

    [Fact]
    public async Task Metrics_endpoint_exposes_every_InstaIntel_instrument_in_prometheus_form()
    {
        // What the client, the analysers, the children and the failure recorder record, once each.
        InstaIntelMetrics.RecordInstagramRequest("followers", "ok");
        InstaIntelMetrics.RecordInstagramRequest("followers", "rate_limited");
        InstaIntelMetrics.RecordAnalysis("face_detection", "ok", TimeSpan.FromMilliseconds(120));
        InstaIntelMetrics.RecordBacklogChange("story-ingestion", Domain.Processing.Backlog.None, new Domain.Processing.Backlog(StoryPipelines: 2));
        InstaIntelMetrics.RecordFailure("transient", "profile-sync");
        Assert.Equal(HttpStatusCode.Created, (await Node.Http.PostAsJsonAsync("/api/accounts", new { username = "metered" })).StatusCode);

        string text = "";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string[] expected =
        [
            "instaintel_accounts{",
            "instaintel_instagram_requests_total{",
            "instaintel_analysis_duration_seconds_bucket{",
            "instaintel_stream_backlog{",
            "instaintel_failures_total{",
        ];
        do
        {
            using var response = await Node.Anonymous.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            if (expected.All(text.Contains)) break;
            await Task.Delay(500);
        } while (DateTime.UtcNow < deadline);

        foreach (var name in expected)
            Assert.Contains(name, text);
        Assert.Matches(@"instaintel_instagram_requests_total\{[^}]*capability=""followers""[^}]*outcome=""rate_limited""[^}]*\} [1-9]", text);
        Assert.Matches(@"instaintel_accounts\{[^}]*state=""idle""[^}]*\} \d", text);
        Assert.Matches(@"instaintel_failures_total\{[^}]*kind=""transient""[^}]*\} [1-9]", text);
    }

    [Fact]
    public async Task OpenApi_document_lists_every_control_route_of_the_live_route_table()
    {
        using var response = await Node.Anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        var documented = paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(op => (Method: op.Name.ToUpperInvariant(), Path: Normalize(p.Name))))
            .ToHashSet();

        var routes = Node.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => Normalize(e.RoutePattern.RawText!).StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Path: Normalize(e.RoutePattern.RawText!))))
            .ToList();
        Assert.Contains(routes, r => r == ("GET", "/api/admin/cluster"));
        Assert.Contains(routes, r => r == ("POST", "/api/accounts"));
        var missing = routes.Where(r => !documented.Contains(r)).ToList();
        Assert.True(missing.Count == 0, "not in the OpenAPI document: " + string.Join(", ", missing));

        // The key is declared, so the reference page offers a field for it.
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Scalar_reference_page_is_served_and_points_at_the_document()
    {
        using var response = await Node.Anonymous.GetAsync("/scalar/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html);
        using var script = await Node.Anonymous.GetAsync("/scalar/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode); // served from the package, no CDN
    }

    private static string Normalize(string path) => "/" + path.Trim('/');
}
