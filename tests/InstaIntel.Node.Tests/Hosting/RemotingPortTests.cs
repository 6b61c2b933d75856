using InstaIntel.Storage;
using InstaIntel.Testing;

namespace InstaIntel.Node.Tests.Hosting;

/// <summary>A node process told to use a remoting port another actor system holds stops at start and says why.</summary>
public sealed class RemotingPortTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        _folder = Directory.CreateTempSubdirectory("instaintel-port").FullName;
    }

    [Fact]
    public async Task A_node_given_a_port_another_node_listens_on_exits_and_names_the_port()
    {
        // Akka.Remote's own listener, as a node already running on this host would hold it.
        await using var holder = RemotingListener.Start();
        await using var node = NodeProcess.Start(_folder, "second", holder.Port, $"akka.tcp://instaintel@127.0.0.1:{holder.Port}", new Dictionary<string, string>
        {
            ["InstaIntel:Storage:Engine"] = "Sqlite",
            ["InstaIntel:Storage:ConnectionString"] = _database.Storage.ConnectionString,
            ["InstaIntel:Vault:KeyFile"] = Path.Combine(_folder, "vault.key"),
        });

        var exitCode = await node.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"InstaIntel:Cluster:Port {holder.Port} on 127.0.0.1 is already in use", node.Tail(200));
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
