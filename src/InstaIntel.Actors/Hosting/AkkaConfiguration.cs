using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Persistence.Sql;
using Akka.Remote.Hosting;
using InstaIntel.Actors.Accounts;
using InstaIntel.Actors.Operations;
using InstaIntel.Actors.Serialization;
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace InstaIntel.Actors.Hosting;

/// <summary>One Akka.Hosting extension per feature; the node and the tests compose the same ones.</summary>
public static class AkkaConfiguration
{
    /// <summary>
    /// Remoting and clustering: static seeds, or a single node that joins itself; keep-majority split-brain resolver,
    /// failure detector and least-shard allocation (<see cref="ClusterHocon"/>).
    /// </summary>
    public static AkkaConfigurationBuilder WithInstaIntelCluster(this AkkaConfigurationBuilder builder, ClusterSettings cluster)
    {
        cluster.Validate();
        // Runs as the actor system is built, just before remoting binds the port.
        RemotingPortCheck.EnsureAvailable(cluster);
        builder
            .AddHocon(ClusterHocon.For(cluster), HoconAddMode.Prepend)
            .WithRemoting(new RemoteOptions
            {
                HostName = cluster.Hostname,
                Port = cluster.Port,
                PublicHostName = cluster.PublicHostname,
            })
            .WithClustering(new ClusterOptions
            {
                SeedNodes = cluster.SeedNodes,
                Roles = cluster.Roles,
                SplitBrainResolver = new KeepMajorityOption(),
            });
        if (cluster.SeedNodes.Length == 0)
        {
            builder.AddStartup((system, _) =>
            {
                var self = Cluster.Get(system);
                self.Join(self.SelfAddress);
            });
        }
        return builder;
    }

    /// <summary>The journal and snapshot store in the same database as the application tables.</summary>
    public static AkkaConfigurationBuilder WithSqlPersistence(this AkkaConfigurationBuilder builder, StorageOptions storage) =>
        builder
            .AddHocon(SqlPersistenceHocon.For(storage), HoconAddMode.Prepend)
            .AddHocon(SqlPersistence.DefaultConfiguration, HoconAddMode.Append);

    /// <summary>The <c>account</c> shard region: one persistent <see cref="AccountEntity"/> per username, remembered while enabled.</summary>
    public static AkkaConfigurationBuilder WithInstagramAccounts(this AkkaConfigurationBuilder builder, AccountEntitySettings settings) =>
        builder
            .WithCustomSerializer("instaintel", [typeof(IAccountMessage)], system => new InstaIntelMessageSerializer(system))
            .WithShardRegion<AccountRegion>(
                "account",
                (_, _, resolver) => username => AccountEntity.Props(
                    username,
                    resolver.GetService<AccountRepository>(),
                    settings,
                    // Optional: a node without workers (tests, tools) still serves state, budgets and sessions.
                    resolver.GetService(typeof(Processing.IAccountWorkers)) as Processing.IAccountWorkers,
                    resolver.GetService(typeof(Processing.ISyncRunRecorder)) as Processing.ISyncRunRecorder,
                    resolver.GetService(typeof(IFailureRecorder)) as IFailureRecorder,
                    resolver.GetService(typeof(Analysis.AiHealthStatus)) as Analysis.AiHealthStatus),
                new AccountMessageExtractor(settings.NumberOfShards),
                new ShardOptions
                {
                    RememberEntities = true,
                    RememberEntitiesStore = RememberEntitiesStore.Eventsourced,
                    StateStoreMode = StateStoreMode.DData,
                    HandOffStopMessage = PoisonPill.Instance,
                });

    /// <summary>
    /// The node's operations actors: <see cref="ClusterMemberTracker"/> (member up times for the admin palette) and
    /// <see cref="ReadinessProbe"/> (journal writability for <c>/readyz</c>), both registered in the actor registry.
    /// </summary>
    public static AkkaConfigurationBuilder WithInstaIntelOperations(this AkkaConfigurationBuilder builder, TimeSpan journalProbeTimeout) =>
        builder.WithActors((system, registry) =>
        {
            registry.Register<MemberTrackerActor>(system.ActorOf(ClusterMemberTracker.Props(), "cluster-member-tracker"));
            var persistenceId = ReadinessProbe.PersistenceIdFor(Cluster.Get(system).SelfAddress);
            registry.Register<ReadinessProbeActor>(system.ActorOf(ReadinessProbe.Props(persistenceId, journalProbeTimeout), "readiness-probe"));
        });

    /// <summary>Registers what the actors resolve from DI: the database factory and the repositories.</summary>
    public static IServiceCollection AddInstaIntelStorage(this IServiceCollection services, StorageOptions storage) =>
        services
            .AddSingleton(storage)
            .AddSingleton<InstaIntelDbFactory>()
            .AddSingleton<AccountRepository>()
            .AddSingleton<InstaIntel.Storage.Migrations.SchemaMigrator>();
}
