using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.TestKit;
using InstaIntel.Actors.Accounts;
using InstaIntel.Domain.Accounts;
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Migrations;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;
using Microsoft.Extensions.DependencyInjection;

namespace InstaIntel.Actors.Tests.Accounts;

/// <summary>The account entity on the real SQL journal; run once per engine by the subclasses below.</summary>
public abstract class AccountEntitySpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private static readonly AccountEntitySettings Settings = new() { SnapshotEvery = 3, ProjectionRetryDelay = TimeSpan.FromMilliseconds(200) };
    private readonly TestDatabase _database;
    private readonly HostedActorSystem _hosted;

    protected AccountEntitySpec(DatabaseEngine engine) : this(Prepare(engine)) { }

    private AccountEntitySpec((TestDatabase Database, HostedActorSystem Hosted) prepared) : base(prepared.Hosted.System)
    {
        _database = prepared.Database;
        _hosted = prepared.Hosted;
    }

    private static (TestDatabase, HostedActorSystem) Prepare(DatabaseEngine engine)
    {
        var database = TestDatabase.CreateAsync(engine, migrate: true).GetAwaiter().GetResult();
        return (database, HostedActorSystem.Start(database.Storage, Settings));
    }

    private AccountRepository Accounts => _hosted.Services.GetRequiredService<AccountRepository>();

    private IActorRef Spawn(string username, IActorRef parent) =>
        ChildActorOf(AccountEntity.Props(username, Accounts, Settings), username, SupervisorStrategy.StoppingStrategy, parent);

    // ChildActorOf makes the entity a child of a probe-like parent; we need messages to the parent visible.
    private IActorRef ChildActorOf(Props props, string name, SupervisorStrategy strategy, IActorRef parentProbe) =>
        Sys.ActorOf(Props.Create(() => new ForwardingParent(props, name, parentProbe)), $"parent-{name}-{Guid.NewGuid():N}")
            .Ask<IActorRef>(ForwardingParent.GetChild.Instance, RemainingOrDefault).GetAwaiter().GetResult();

    [Fact]
    public void Created_account_answers_with_its_view_and_refuses_a_duplicate()
    {
        var entity = Spawn("alice", CreateTestProbe());
        entity.Tell(new CreateAccount("alice"));
        var view = ExpectMsg<AccountView>();
        Assert.Equal("alice", view.Username);
        Assert.Equal(ContinuousProcessingState.Idle, view.State);
        Assert.True(view.ContinuousProcessingEnabled);
        Assert.Equal(1, view.SequenceNr);

        entity.Tell(new CreateAccount("alice"));
        ExpectMsg<AccountAlreadyExists>();
    }

    [Fact]
    public void Paused_state_is_recovered_from_the_journal_by_a_new_incarnation()
    {
        var first = Spawn("bob", CreateTestProbe());
        first.Tell(new CreateAccount("bob"));
        ExpectMsg<AccountView>();
        first.Tell(new PauseAccount("bob", "holiday"));
        Assert.Equal(ContinuousProcessingState.Paused, ExpectMsg<AccountView>().State);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        var second = Spawn("bob", CreateTestProbe());
        second.Tell(new GetAccount("bob"));
        var recovered = ExpectMsg<AccountView>();
        Assert.Equal(ContinuousProcessingState.Paused, recovered.State);
        Assert.Equal("holiday", recovered.PausedReason);
        Assert.Equal(2, recovered.SequenceNr);
    }

    [Fact]
    public void Every_persist_is_projected_into_the_accounts_row()
    {
        var entity = Spawn("carol", CreateTestProbe());
        entity.Tell(new CreateAccount("carol", ContinuousProcessingEnabled: false));
        ExpectMsg<AccountView>();
        entity.Tell(new PauseAccount("carol"));
        ExpectMsg<AccountView>();

        AwaitAssert(() =>
        {
            var row = Accounts.FindAsync("carol").GetAwaiter().GetResult();
            Assert.NotNull(row);
            Assert.Equal(ContinuousProcessingState.Paused, row.ContinuousProcessingState);
            Assert.False(row.ContinuousProcessingEnabled);
            Assert.Equal(2, row.ProjectedSequenceNr);
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Recovery_from_a_snapshot_gives_the_same_state_as_the_full_journal()
    {
        var entity = Spawn("dave", CreateTestProbe());
        entity.Tell(new CreateAccount("dave"));
        ExpectMsg<AccountView>();
        for (var i = 0; i < 2; i++)
        {
            entity.Tell(new PauseAccount("dave"));
            ExpectMsg<AccountView>();
            entity.Tell(new ResumeAccount("dave"));
            ExpectMsg<AccountView>();
        }
        entity.Tell(new PauseAccount("dave", "snapshot me"));
        ExpectMsg<AccountView>(); // sequence 6: snapshots were taken at 3 and 6

        await using (var db = _database.Factory().Open())
        {
            await AwaitAssertAsync(async () =>
            {
                var snapshots = await db.QueryToListAsync<long>(
                    "SELECT sequence_number FROM snapshot WHERE persistence_id = 'account-dave'");
                Assert.Contains(6L, snapshots);
            }, TimeSpan.FromSeconds(10));
        }

        Watch(entity);
        Sys.Stop(entity);
        ExpectTerminated(entity);
        var recovered = Spawn("dave", CreateTestProbe());
        recovered.Tell(new GetAccount("dave"));
        var view = ExpectMsg<AccountView>();
        Assert.Equal(6, view.SequenceNr);
        Assert.Equal(ContinuousProcessingState.Paused, view.State);
        Assert.Equal("snapshot me", view.PausedReason);
    }

    [Fact]
    public void Unknown_account_answers_not_found_and_asks_to_be_passivated()
    {
        var parent = CreateTestProbe();
        var entity = Spawn("nobody", parent);
        entity.Tell(new GetAccount("nobody"));
        ExpectMsg<AccountNotFound>();
        parent.ExpectMsg<Passivate>();
        entity.Tell(new PauseAccount("nobody"));
        ExpectMsg<AccountNotFound>();
    }

    [Fact]
    public async Task The_shard_region_routes_by_username_and_remembers_enabled_accounts()
    {
        var region = await _hosted.Registry.GetAsync<AccountRegion>();
        region.Tell(new CreateAccount("erin"));
        ExpectMsg<AccountView>(TimeSpan.FromSeconds(20));
        region.Tell(new GetAccount("erin"));
        Assert.Equal("erin", ExpectMsg<AccountView>().Username);

        // Remember-entities (event-sourced) records the started entity in the journal.
        await using var db = _database.Factory().Open();
        await AwaitAssertAsync(async () =>
        {
            var rows = await db.QueryToListAsync<string>("SELECT persistence_id FROM journal WHERE persistence_id LIKE '/sharding/%'");
            Assert.NotEmpty(rows);
        }, TimeSpan.FromSeconds(10));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Shutdown();
        _hosted.Dispose();
        await _database.DisposeAsync();
    }

    /// <summary>Stands in for the shard: creates the entity and forwards what the entity tells its parent.</summary>
    private sealed class ForwardingParent : ReceiveActor
    {
        public sealed class GetChild { public static readonly GetChild Instance = new(); }

        public ForwardingParent(Props child, string name, IActorRef observer)
        {
            var entity = Context.ActorOf(child, name);
            Receive<GetChild>(_ => Sender.Tell(entity));
            ReceiveAny(message => observer.Forward(message));
        }
    }
}

public sealed class AccountEntityOnSqliteTests() : AccountEntitySpec(DatabaseEngine.Sqlite);

public sealed class AccountEntityOnPostgreSqlTests() : AccountEntitySpec(DatabaseEngine.PostgreSql);
