using Akka.Actor;
using Akka.Hosting;
using InstaIntel.Actors.Accounts;
using InstaIntel.Actors.Hosting;
using InstaIntel.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InstaIntel.Actors.Tests;

/// <summary>
/// An actor system built from the node's own Akka.Hosting configuration (single-node cluster, the real SQL
/// journal on the given database, the account region), handed to Akka.TestKit.Xunit2.
/// </summary>
public sealed class HostedActorSystem : IDisposable
{
    private readonly IHost _host;

    private HostedActorSystem(IHost host)
    {
        _host = host;
        System = host.Services.GetRequiredService<ActorSystem>();
        Registry = host.Services.GetRequiredService<IActorRegistry>();
    }

    public ActorSystem System { get; }
    public IActorRegistry Registry { get; }
    public IServiceProvider Services => _host.Services;

    /// <param name="services">Extra registrations, e.g. the account's workers (<c>IAccountWorkers</c>) the entities resolve.</param>
    public static HostedActorSystem Start(StorageOptions storage, AccountEntitySettings? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddInstaIntelStorage(storage);
        services?.Invoke(builder.Services);
        builder.Services.AddAkka("instaintel-test", (akka, _) => akka
            // A loaded CI machine (2 cores, a real journal) may take seconds to answer: allow it, never flake.
            .AddHocon("akka.test.single-expect-default = 15s", HoconAddMode.Prepend)
            .AddHocon(Akka.TestKit.Xunit2.TestKit.DefaultConfig, HoconAddMode.Append)
            .WithInstaIntelCluster(new ClusterSettings { Port = 0 })
            .WithSqlPersistence(storage)
            .WithInstagramAccounts(settings ?? new AccountEntitySettings()));
        var host = builder.Build();
        host.StartAsync().GetAwaiter().GetResult();
        return new HostedActorSystem(host);
    }

    public void Dispose()
    {
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
    }
}
