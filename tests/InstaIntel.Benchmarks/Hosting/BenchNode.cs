using Akka.Actor;
using Akka.Hosting;
using InstaIntel.Actors.Accounts;
using InstaIntel.Node;
using InstaIntel.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InstaIntel.Benchmarks.Hosting;

/// <summary>
/// A whole node as production composes it (<see cref="NodeApplication.Build"/>: Kestrel on 127.0.0.1, a single-node
/// cluster, the SQL journal, the account region), started in this process on the given database, logs off.
/// </summary>
public sealed class BenchNode : IAsyncDisposable
{
    /// <summary>The key the benchmark node accepts, configured by its hash.</summary>
    public const string ApiKey = "ii_benchmark-key";

    private readonly WebApplication _app;

    private BenchNode(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }
    public IServiceProvider Services => _app.Services;
    public ActorSystem System => _app.Services.GetRequiredService<ActorSystem>();

    public Task<IActorRef> RegionAsync() => _app.Services.GetRequiredService<IRequiredActor<AccountRegion>>().GetAsync();

    public static async Task<BenchNode> StartAsync(StorageOptions storage, IDictionary<string, string?>? settings = null)
    {
        var app = NodeApplication.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            var values = new Dictionary<string, string?>
            {
                ["InstaIntel:Storage:Engine"] = storage.Engine.ToString(),
                ["InstaIntel:Storage:ConnectionString"] = storage.ConnectionString,
                ["InstaIntel:Cluster:Port"] = "0",
                ["InstaIntel:Security:ApiKeyHashes:0"] = InstaIntel.Domain.Security.ApiKeySecret.Hash(ApiKey),
                ["InstaIntel:Vault:Key"] = Convert.ToBase64String(global::System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                ["Serilog:MinimumLevel:Default"] = "Warning",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
                values[key] = value;
            builder.Configuration.AddInMemoryCollection(values);
        }, afterServices: builder =>
        {
            // After the node's own logging set-up: nothing below a warning reaches the console during a measurement.
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new BenchNode(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
