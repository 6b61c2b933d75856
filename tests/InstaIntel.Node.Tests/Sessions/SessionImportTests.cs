using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using InstaIntel.Domain.Accounts;
using InstaIntel.Instagram.Transport;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;
using InstaIntel.Storage;
using InstaIntel.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InstaIntel.Node.Tests.Sessions;

/// <summary>
/// Session import and export through the control API of a real node whose Instagram is the simulator: the session
/// is checked against current_user, stored encrypted, and its cookie value appears nowhere but the export.
/// </summary>
public sealed class SessionImportTests : IAsyncLifetime
{
    private SimulatorHost _simulator = null!;
    private TestDatabase _database = null!;
    private string _vaultFolder = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Network = new NetworkOptions { Profiles = 300, DemoFollowers = 100 } });
        _database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        _vaultFolder = Directory.CreateTempSubdirectory("instaintel-vault").FullName;
    }

    private Task<RunningNode> StartNodeAsync(CapturingLoggerProvider? logs = null, int requestsPerWindow = 1000) =>
        RunningNode.StartAsync(_database.Storage, new Dictionary<string, string?>
        {
            ["InstaIntel:Instagram:BaseUrl"] = _simulator.BaseUrl.ToString(),
            ["InstaIntel:Vault:KeyFile"] = Path.Combine(_vaultFolder, "vault.key"),
            ["InstaIntel:Vault:Key"] = null, // the key file, kept across this test's node restarts
            ["InstaIntel:Accounts:Budget:RequestsPerWindow"] = requestsPerWindow.ToString(),
            ["InstaIntel:Accounts:Budget:Window"] = "01:00:00",
        }, logs);

    private Task<(string Export, string SessionId)> CookieExportAsync(string username) => SimulatorCookies.LogInAsync(_simulator, username);

    private static string? LoginState(string accountJson) => JsonDocument.Parse(accountJson).RootElement.GetProperty("loginState").GetString();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task An_imported_session_is_validated_stored_encrypted_exported_and_never_leaks_into_the_database_or_logs()
    {
        var logs = new CapturingLoggerProvider();
        var (export, sessionId) = await CookieExportAsync("demo_user");
        var leaks = new List<string>();
        await using (var node = await StartNodeAsync(logs))
        {
            (await node.Http.PostAsJsonAsync("/api/accounts", new { username = "demo_user" })).EnsureSuccessStatusCode();
            using var imported = await node.Http.PostAsync("/api/accounts/demo_user/session", Json(export));
            var importBody = await imported.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
            Assert.Contains(_simulator.Network.Profile("demo_user").IdText, importBody);
            if (importBody.Contains(sessionId)) leaks.Add("import response");

            var view = await node.Http.GetStringAsync("/api/accounts/demo_user");
            Assert.Equal("authenticated", LoginState(view));
            if (view.Contains(sessionId)) leaks.Add("account view");
            if ((await node.Http.GetStringAsync("/api/accounts")).Contains(sessionId)) leaks.Add("account list");

            // The explicit export is the one place the cookie comes back, and only with the key.
            Assert.Equal(HttpStatusCode.Unauthorized, (await node.Anonymous.GetAsync("/api/accounts/demo_user/session/export")).StatusCode);
            var exported = await node.Http.GetStringAsync("/api/accounts/demo_user/session/export");
            Assert.Contains(sessionId, exported);

            // A re-import of the export works as well (the account's own export format).
            using var reimported = await node.Http.PostAsync("/api/accounts/demo_user/session", Json(exported));
            Assert.Equal(HttpStatusCode.OK, reimported.StatusCode);
        }

        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(_database.Storage.ConnectionString).DataSource)!))
            if (Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)).Contains(sessionId)) leaks.Add(Path.GetFileName(file));
        if (logs.Lines.Any(line => line.Contains(sessionId))) leaks.Add("logs");
        Assert.NotEmpty(logs.Lines);
        Assert.Empty(leaks);
    }

    [Fact]
    public async Task A_dead_session_is_refused_with_422_not_stored_and_the_account_is_marked_logged_out()
    {
        var (export, sessionId) = await CookieExportAsync("demo_alt");
        _simulator.Sessions.ExpireSessionsOf("demo_alt");
        await using var node = await StartNodeAsync();
        (await node.Http.PostAsJsonAsync("/api/accounts", new { username = "demo_alt" })).EnsureSuccessStatusCode();

        using var refused = await node.Http.PostAsync("/api/accounts/demo_alt/session", Json(export));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(sessionId, await refused.Content.ReadAsStringAsync());
        Assert.Equal("authentication_required", LoginState(await node.Http.GetStringAsync("/api/accounts/demo_alt")));
        Assert.Equal(HttpStatusCode.NotFound, (await node.Http.GetAsync("/api/accounts/demo_alt/session/export")).StatusCode);
    }

    [Fact]
    public async Task The_request_budget_is_spent_by_the_node_and_survives_a_node_restart()
    {
        var (export, _) = await CookieExportAsync("demo_user");
        await using (var node = await StartNodeAsync(requestsPerWindow: 2))
        {
            (await node.Http.PostAsJsonAsync("/api/accounts", new { username = "demo_user" })).EnsureSuccessStatusCode();
            // Each import is one current_user request through the account's budget: two fill the window.
            for (var i = 0; i < 2; i++)
                Assert.Equal(HttpStatusCode.OK, (await node.Http.PostAsync("/api/accounts/demo_user/session", Json(export))).StatusCode);
        }
        var served = _simulator.Requests.Count(r => r.PathAndQuery.StartsWith("/api/v1/accounts/current_user", StringComparison.Ordinal));
        Assert.Equal(2, served);

        await using var restarted = await StartNodeAsync(requestsPerWindow: 2);
        var gate = restarted.Services.GetRequiredService<IRequestGate>();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        // The window is an hour long and full: after the restart the gate still makes a new request wait.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.AcquireAsync("demo_user", null, wait.Token));
    }

    public async Task DisposeAsync()
    {
        await _simulator.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_vaultFolder, recursive: true);
    }
}
