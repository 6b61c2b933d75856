using System.Net.Http.Json;
using System.Text.Json;
using InstaIntel.Domain.Security;
using InstaIntel.Storage;
using InstaIntel.Testing;

namespace InstaIntel.Cli.Tests;

/// <summary>
/// Two node processes on one fresh PostgreSQL database (the run's private server), formed into a cluster through the
/// first node as seed, with <see cref="AccountCount"/> accounts created through both so the account shards spread.
/// </summary>
public sealed class TwoNodeCluster : IAsyncLifetime
{
    public const string ApiKey = "ii_cli-tests-key-for-the-two-node-cluster";
    public const int AccountCount = 20;
    private static readonly TimeSpan FormTimeout = TimeSpan.FromSeconds(120);

    private readonly string _work = Path.Combine(Path.GetTempPath(), "instaintel-cli-tests", Guid.NewGuid().ToString("N")[..12]);
    private TestDatabase? _database;

    public NodeProcess First { get; private set; } = null!;
    public NodeProcess Second { get; private set; } = null!;
    public IReadOnlyList<NodeProcess> Nodes => [First, Second];
    public IReadOnlyList<string> Usernames { get; } = Enumerable.Range(1, AccountCount).Select(i => $"cluster_acct_{i:D2}").ToList();

    public IReadOnlyDictionary<string, string?> Variables => new Dictionary<string, string?> { [CliEnvironment.ApiKeyVariable] = ApiKey };

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql, migrate: true);
        var settings = new Dictionary<string, string>
        {
            ["InstaIntel:Storage:Engine"] = "PostgreSql",
            ["InstaIntel:Storage:ConnectionString"] = _database.Storage.ConnectionString,
            ["InstaIntel:Security:ApiKeyHashes:0"] = ApiKeySecret.Hash(ApiKey),
            ["InstaIntel:Vault:KeyFile"] = Path.Combine(_work, "vault.key"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var seedPort = FreePort.Next();
        var seed = $"akka.tcp://instaintel@127.0.0.1:{seedPort}";
        First = NodeProcess.Start(_work, "node-1", seedPort, seed, settings);
        Second = NodeProcess.Start(_work, "node-2", FreePort.Next(), seed, settings);

        await WaitForTwoUpMembersAsync();
        await CreateAccountsAsync();
    }

    public HttpClient Client(NodeProcess node)
    {
        var http = new HttpClient { BaseAddress = node.Http, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return http;
    }

    private async Task WaitForTwoUpMembersAsync()
    {
        var deadline = DateTime.UtcNow + FormTimeout;
        string last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            foreach (var node in Nodes)
                if (node.HasExited) throw new InvalidOperationException($"node {node.Http} exited while starting:\n{node.Tail()}");
            try
            {
                using var http = Client(First);
                last = await http.GetStringAsync("/api/admin/cluster");
                using var document = JsonDocument.Parse(last);
                var up = document.RootElement.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "Up");
                if (up == 2) return;
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException ex)
            {
                last = ex.Message;
            }
            await Task.Delay(1000);
        }
        throw new InvalidOperationException(
            $"the two nodes did not form a cluster within {FormTimeout.TotalSeconds} s; last answer: {last}\n--- node 1\n{First.Tail(25)}\n--- node 2\n{Second.Tail(25)}");
    }

    private async Task CreateAccountsAsync()
    {
        using var first = Client(First);
        using var second = Client(Second);
        for (var i = 0; i < Usernames.Count; i++)
        {
            var http = i % 2 == 0 ? first : second;
            using var response = await http.PostAsJsonAsync("/api/accounts", new { username = Usernames[i] });
            if (response.StatusCode != System.Net.HttpStatusCode.Created)
                throw new InvalidOperationException($"creating {Usernames[i]} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var node in new[] { Second, First })
            if (node is not null) await node.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        try { Directory.Delete(_work, recursive: true); }
        catch (IOException) { }
    }
}
