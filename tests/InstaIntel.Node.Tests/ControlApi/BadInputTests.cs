using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using InstaIntel.Storage;
using InstaIntel.Testing;

namespace InstaIntel.Node.Tests.ControlApi;

/// <summary>One node shared by the bad-input cases; it holds one account, <c>taken</c>, for the duplicate case.</summary>
public sealed class BadInputNode : IAsyncLifetime
{
    private TestDatabase? _database;
    public RunningNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        Node = await RunningNode.StartAsync(_database.Storage);
        var created = await Node.Http.PostAsJsonAsync("/api/accounts", new { username = "taken" });
        created.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}

public sealed class BadInputTests(BadInputNode fixture) : IClassFixture<BadInputNode>
{
    private const string JsonType = "application/json";

    public static TheoryData<string, string, string?, string?, int> Cases => new()
    {
        // method, path, content type, body, expected status
        { "POST", "/api/accounts", JsonType, "{\"username\":", 400 },
        { "POST", "/api/accounts", JsonType, "", 400 },
        { "POST", "/api/accounts", JsonType, "[]", 400 },
        { "POST", "/api/accounts", JsonType, "{\"username\": 42}", 400 },
        { "POST", "/api/accounts", "text/plain", "taken", 415 },
        { "POST", "/api/accounts", JsonType, "{}", 400 },
        { "POST", "/api/accounts", JsonType, "{\"username\":\"\"}", 400 },
        { "POST", "/api/accounts", JsonType, "{\"username\":\"has space\"}", 400 },
        { "POST", "/api/accounts", JsonType, "{\"username\":\"<script>\"}", 400 },
        { "POST", "/api/accounts", JsonType, "{\"username\":\"" + new string('a', 31) + "\"}", 400 },
        { "POST", "/api/accounts", JsonType, "{\"username\":\".dot\"}", 400 },
        { "POST", "/api/accounts", JsonType, "{\"username\":\"taken\"}", 409 },
        { "POST", "/api/accounts", JsonType, "{\"username\":\"TAKEN\"}", 409 },
        { "GET", "/api/accounts/nobody", null, null, 404 },
        { "POST", "/api/accounts/nobody/pause", null, null, 404 },
        { "POST", "/api/accounts/nobody/resume", null, null, 404 },
        { "POST", "/api/accounts/nobody/run", null, null, 404 },
        { "POST", "/api/accounts/bad..name/run", null, null, 400 },
        { "POST", "/api/accounts/nobody/continuous-processing/disable", null, null, 404 },
        { "POST", "/api/accounts/nobody/session", JsonType, "[]", 404 },
        { "POST", "/api/accounts/taken/session", "text/plain", "sessionid=1", 415 },
        { "POST", "/api/accounts/taken/session", JsonType, "{\"cookies\": 12}", 400 },
        { "POST", "/api/accounts/taken/session", JsonType, "[{\"name\":\"csrftoken\",\"value\":\"x\"}]", 400 },
        { "GET", "/api/accounts/taken/session/export", null, null, 404 },
        { "GET", "/api/accounts/nobody/session/export", null, null, 404 },
        { "GET", "/api/accounts/bad..name", null, null, 400 },
        { "POST", "/api/accounts/bad%20name/pause", null, null, 400 },
        { "POST", "/api/accounts/taken/pause", JsonType, "{\"reason\":", 400 },
        { "GET", "/api/accounts?limit=0", null, null, 400 },
        { "GET", "/api/accounts?limit=100000", null, null, 400 },
        { "GET", "/api/accounts?limit=abc", null, null, 400 },
        { "GET", "/api/accounts?offset=-1", null, null, 400 },
        { "GET", "/api/nowhere", null, null, 404 },
        { "DELETE", "/api/accounts", null, null, 405 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_problem_details_with_a_4xx_status(string method, string path, string? contentType, string? body, int expectedStatus)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, contentType ?? JsonType);
        var response = await fixture.Node.Http.SendAsync(request);

        Assert.Equal(expectedStatus, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(expectedStatus, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Liveness_endpoint_answers_healthy()
    {
        var response = await fixture.Node.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bad_input_loses_nothing_the_existing_account_is_unchanged()
    {
        await fixture.Node.Http.PostAsync("/api/accounts", new StringContent("{\"username\":\"taken\"}", Encoding.UTF8, JsonType));
        var response = await fixture.Node.Http.GetAsync("/api/accounts/taken");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var account = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, account.RootElement.GetProperty("sequenceNr").GetInt64());
    }
}
