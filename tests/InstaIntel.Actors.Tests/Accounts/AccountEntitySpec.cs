using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.TestKit;
using InstaIntel.Actors.Accounts;
using InstaIntel.Actors.Tests.Processing;
using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Budget;
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
    private static readonly AccountEntitySettings Settings = new()
    {
        SnapshotEvery = 3,
        ProjectionRetryDelay = TimeSpan.FromMilliseconds(200),
        // A long window so the test clock never frees room by itself; small caps so they are reached.
        Budget = new RequestBudgetSettings { RequestsPerWindow = 5, Window = TimeSpan.FromHours(1), DailyLikes = 2 },
    };
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

    // The entity lives under a stand-in parent so what it tells its parent reaches the test.
    private IActorRef Spawn(string username, IActorRef parent) =>
        ChildHarness.Spawn(Sys, AccountEntity.Props(username, Accounts, Settings), username, parent);

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
    public async Task A_recovered_account_leaves_a_current_row_alone_though_budget_events_followed_and_writes_a_row_left_behind()
    {
        var entity = Spawn("erin", CreateTestProbe());
        entity.Tell(new CreateAccount("erin", ContinuousProcessingEnabled: false));
        ExpectMsg<AccountView>();
        for (var i = 0; i < 3; i++)
        {
            entity.Tell(new ReserveRequest("erin"));
            ExpectMsg<RequestGranted>(); // sequences 2-4, a snapshot at 3: none of them changes the row
        }
        var projected = await AwaitRowAsync(row => row.ProjectedSequenceNr == 1);
        await Restart();

        // The recovery check has nothing to write: the row still carries the creation's sequence number and time.
        await ExpectNoMsgAsync(TimeSpan.FromSeconds(1));
        var row = await Accounts.FindAsync("erin");
        Assert.Equal((1L, projected.UpdatedAt), (row!.ProjectedSequenceNr, row.UpdatedAt));

        // A row left behind (a crash between a persist and its projection) is written by the next recovery.
        await using (var db = _database.Factory().Open())
            await db.InstagramAccounts.Where(a => a.Username == "erin")
                .Set(a => a.ProjectedSequenceNr, 0L).Set(a => a.ContinuousProcessingEnabled, true).UpdateAsync();
        await Restart();
        await AwaitRowAsync(r => r.ProjectedSequenceNr == 1 && !r.ContinuousProcessingEnabled);

        async Task Restart()
        {
            Watch(entity);
            Sys.Stop(entity);
            await ExpectTerminatedAsync(entity);
            entity = Spawn("erin", CreateTestProbe());
            entity.Tell(new GetAccount("erin"));
            Assert.Equal(4, (await ExpectMsgAsync<AccountView>()).SequenceNr);
        }
    }

    private async Task<InstagramAccount> AwaitRowAsync(Func<InstagramAccount, bool> expected)
    {
        InstagramAccount? row = null;
        await AwaitAssertAsync(async () =>
        {
            row = await Accounts.FindAsync("erin");
            Assert.True(row is not null && expected(row), $"row: {row?.ProjectedSequenceNr}");
        }, TimeSpan.FromSeconds(10));
        return row!;
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

    [Fact]
    public void The_request_budget_is_never_exceeded_and_its_counters_survive_a_restart()
    {
        var first = Spawn("frank", CreateTestProbe());
        first.Tell(new CreateAccount("frank"));
        ExpectMsg<AccountView>();

        var granted = new List<RequestGranted>();
        for (var i = 0; i < 8; i++)
        {
            first.Tell(new ReserveRequest("frank"));
            var reply = ExpectMsg<IAccountReply>();
            if (reply is RequestGranted g) granted.Add(g);
            else Assert.Equal("request_window_full", Assert.IsType<RequestDeferred>(reply).Reason);
        }
        Assert.Equal(5, granted.Count);
        Assert.Equal([1, 2, 3, 4, 5], granted.Select(g => g.UsedInWindow));

        // A new incarnation recovers the counters (from a snapshot taken at sequence 3 and 6 plus the journal).
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        var second = Spawn("frank", CreateTestProbe());
        second.Tell(new ReserveRequest("frank"));
        var deferred = ExpectMsg<RequestDeferred>();
        Assert.Equal("request_window_full", deferred.Reason);
        Assert.False(deferred.DailyCapReached);
        // Room comes back exactly when the oldest request leaves the window.
        Assert.Equal(granted[0].At + Settings.Budget.Window, deferred.RetryAt);
    }

    [Fact]
    public void A_daily_action_cap_is_enforced_and_survives_a_restart()
    {
        var first = Spawn("gina", CreateTestProbe());
        first.Tell(new CreateAccount("gina"));
        ExpectMsg<AccountView>();
        first.Tell(new ReserveRequest("gina", InstagramAction.Like));
        ExpectMsg<RequestGranted>();
        first.Tell(new ReserveRequest("gina", InstagramAction.Like));
        ExpectMsg<RequestGranted>();
        first.Tell(new ReserveRequest("gina", InstagramAction.Like));
        var capped = ExpectMsg<RequestDeferred>();
        Assert.True(capped.DailyCapReached);
        Assert.Equal("daily_cap_reached:like", capped.Reason);
        Assert.Equal(DateTime.UtcNow.Date.AddDays(1), capped.RetryAt);

        // Other actions and plain reads still have room.
        first.Tell(new ReserveRequest("gina", InstagramAction.Comment));
        ExpectMsg<RequestGranted>();

        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        var second = Spawn("gina", CreateTestProbe());
        second.Tell(new ReserveRequest("gina", InstagramAction.Like));
        Assert.True(ExpectMsg<RequestDeferred>().DailyCapReached);
    }

    [Fact]
    public void A_lost_session_defers_every_request_until_a_new_session_is_imported()
    {
        var entity = Spawn("hank", CreateTestProbe());
        entity.Tell(new CreateAccount("hank"));
        ExpectMsg<AccountView>();
        entity.Tell(new ImportSession("hank", "1234567"));
        Assert.Equal(LoginState.Authenticated, ExpectMsg<AccountView>().LoginState);

        entity.Tell(new ReportAuthenticationFailure("hank", "login_required"));
        var lost = ExpectMsg<AccountView>();
        Assert.Equal(LoginState.AuthenticationRequired, lost.LoginState);
        Assert.Equal((ContinuousProcessingState.Paused, "authentication_required"), (lost.State, lost.PausedReason));
        Assert.Contains("login_required", lost.LastError);

        entity.Tell(new ReserveRequest("hank"));
        Assert.Equal("authentication_required", ExpectMsg<RequestDeferred>().Reason);

        // Reporting it again changes nothing (no new event).
        entity.Tell(new ReportAuthenticationFailure("hank", "login_required"));
        Assert.Equal(lost.SequenceNr, ExpectMsg<AccountView>().SequenceNr);

        entity.Tell(new ImportSession("hank", null));
        var back = ExpectMsg<AccountView>();
        Assert.Equal(LoginState.Authenticated, back.LoginState);
        Assert.Equal(ContinuousProcessingState.Idle, back.State);
        Assert.Null(back.LastError);
        entity.Tell(new ReserveRequest("hank"));
        ExpectMsg<RequestGranted>();
    }

    [Fact]
    public async Task The_node_request_gate_spends_the_entity_budget_and_honours_holds_and_lost_sessions()
    {
        var region = await _hosted.Registry.GetAsync<AccountRegion>();
        region.Tell(new CreateAccount("ivan"));
        ExpectMsg<AccountView>(TimeSpan.FromSeconds(20));
        var gate = new AccountRequestGate(region);

        await gate.AcquireAsync("ivan", InstagramAction.Like, CancellationToken.None);
        await gate.AcquireAsync("ivan", InstagramAction.Like, CancellationToken.None);
        await Assert.ThrowsAsync<InstaIntel.Instagram.Transport.DailyCapReachedException>(
            () => gate.AcquireAsync("ivan", InstagramAction.Like, CancellationToken.None));

        // A hold (after a 429) keeps the next request back until it ends, by the entity's clock.
        var until = DateTime.UtcNow.AddSeconds(1.5);
        await gate.HoldAsync("ivan", until, "rate_limited", CancellationToken.None);
        await gate.AcquireAsync("ivan", null, CancellationToken.None);
        Assert.True(DateTime.UtcNow >= until, "the request went out during the hold");

        await gate.ReportAuthenticationFailureAsync("ivan", "login_required", CancellationToken.None);
        await Assert.ThrowsAsync<InstaIntel.Instagram.Transport.AccountLoggedOutException>(
            () => gate.AcquireAsync("ivan", null, CancellationToken.None));
        region.Tell(new GetAccount("ivan"));
        var view = ExpectMsg<AccountView>();
        Assert.Equal(LoginState.AuthenticationRequired, view.LoginState);
        Assert.Equal(5, view.SequenceNr); // created, two likes, one read, authentication lost: refused calls spent nothing
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Shutdown();
        _hosted.Dispose();
        await _database.DisposeAsync();
    }
}

public sealed class AccountEntityOnSqliteTests() : AccountEntitySpec(DatabaseEngine.Sqlite);

public sealed class AccountEntityOnPostgreSqlTests() : AccountEntitySpec(DatabaseEngine.PostgreSql);
