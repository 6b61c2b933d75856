using Akka.Actor;
using InstaIntel.Actors.Accounts;
using InstaIntel.Actors.Operations;
using InstaIntel.Actors.Processing;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Processing;
using InstaIntel.Simulator.Faults;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Operations;

namespace InstaIntel.Actors.Tests.Processing;

/// <summary>
/// Failures of an account's supervised work become <c>background_job_failures</c> rows and <c>app_issues</c>: the real
/// story-ingestion child against the simulator with injected faults, in a real Chromium, on a real SQLite database.
/// </summary>
public sealed class FailureCaptureSpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const string Account = "demo_user";
    private ChildTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ChildTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private FailureRepository Failures => new(_bed.Database.Factory());

    private IssueRepository Issues => new(_bed.Database.Factory());

    // No backoff, so the test can run the failing phase again at once.
    private static AccountEntitySettings Settings => new()
    {
        TickInterval = TimeSpan.FromHours(1),
        Processing = new ContinuousProcessingSettings { FailureBackoff = [TimeSpan.Zero], FailureBackoffJitterMax = TimeSpan.Zero },
    };

    private IActorRef Entity(IAccountWorkers workers, IFailureRecorder recorder)
    {
        var entity = Sys.ActorOf(AccountEntity.Props(Account, new AccountRepository(_bed.Database.Factory()), Settings, workers, runs: null, recorder),
            $"{Account}-{Guid.NewGuid():N}");
        // The first persist of a fresh system opens the journal on a new database: on a busy two-core CI machine that
        // has taken longer than TestKit's 3 s default.
        entity.Tell(new CreateAccount(Account));
        ExpectMsg<AccountView>(TimeSpan.FromSeconds(30));
        entity.Tell(new ImportSession(Account, "4242"));
        ExpectMsg<AccountView>(TimeSpan.FromSeconds(30));
        return entity;
    }

    private Guid RunNow(IActorRef entity)
    {
        entity.Tell(new RunNow(Account, "test"));
        return ExpectMsg<RunAccepted>(TimeSpan.FromSeconds(15)).RunId;
    }

    private async Task<BackgroundJobFailure> FailureOf(Guid runId)
    {
        BackgroundJobFailure? row = null;
        await AwaitAssertAsync(async () =>
        {
            row = (await Failures.ListAsync(new FailureFilter())).SingleOrDefault(f => f.ActiveJobId == runId.ToString());
            Assert.NotNull(row);
        }, TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(250));
        return row!;
    }

    [Fact]
    public async Task Server_errors_from_instagram_are_transient_retryable_rows_grouped_into_one_issue()
    {
        _bed.Simulator.Faults.Add(new FaultRule { Fault = "server_error;status=503", Account = Account });
        var entity = Entity(new StoryWorkers(_bed), new FailureRecorder(Failures));

        var rows = new List<BackgroundJobFailure>();
        for (var i = 0; i < 3; i++)
            rows.Add(await FailureOf(RunNow(entity)));

        var row = rows[0];
        Assert.Equal(("story_sync", "story-ingestion"), (row.JobClass, row.QueueName));
        Assert.Equal((FailureKind.Transient, true), (row.FailureKind, row.Retryable));
        Assert.Equal(_bed.AccountId, row.InstagramAccountId);
        Assert.False(string.IsNullOrWhiteSpace(row.ErrorClass));
        Assert.False(string.IsNullOrWhiteSpace(row.Backtrace));
        Assert.Equal(Account, row.Metadata!["account"]!.GetValue<string>());
        Assert.Equal("story_sync", row.Metadata["phase"]!.GetValue<string>());
        Assert.Equal([1, 2, 3], rows.Select(r => r.Metadata!["attempt"]!.GetValue<int>()));
        Assert.True(row.Metadata["duration_ms"]!.GetValue<long>() >= 0);

        var issue = Assert.Single(await Issues.ListAsync(new IssueFilter()));
        Assert.Equal((3, IssueStatus.Open, IssueSeverity.Error, "job_failure", "story-ingestion"),
            (issue.Occurrences, issue.Status, issue.Severity, issue.IssueType, issue.Source));
        Assert.Equal(rows[2].Id, issue.BackgroundJobFailureId);
    }

    [Fact]
    public async Task A_refused_session_is_an_authentication_row_that_is_never_retryable_with_a_critical_issue()
    {
        _bed.Simulator.Faults.Add(new FaultRule { Fault = "login_required;status=401", Account = Account });
        var entity = Entity(new StoryWorkers(_bed), new FailureRecorder(Failures));

        var row = await FailureOf(RunNow(entity));

        Assert.Equal((FailureKind.Authentication, false), (row.FailureKind, row.Retryable));
        var issue = Assert.Single(await Issues.ListAsync(new IssueFilter()));
        Assert.Equal((IssueSeverity.Critical, "authentication_required", 1), (issue.Severity, issue.IssueType, issue.Occurrences));
    }

    [Fact]
    public async Task A_child_crash_mid_run_is_a_runtime_row_with_its_backtrace()
    {
        var entity = Entity(new CrashingWorkers(), new FailureRecorder(Failures));

        var row = await FailureOf(RunNow(entity));

        Assert.Equal(("InvalidOperationException", "the child broke"), (row.ErrorClass, row.ErrorMessage));
        Assert.Equal((FailureKind.Runtime, true, "story-ingestion"), (row.FailureKind, row.Retryable, row.QueueName));
        Assert.Contains(nameof(CrashingChild), row.Backtrace);
    }

    [Fact]
    public async Task A_failure_that_cannot_be_written_is_logged_and_the_entity_carries_on()
    {
        var entity = Entity(new CrashingWorkers(), new BrokenRecorder());

        RunNow(entity);
        await AwaitAssertAsync(() =>
        {
            entity.Tell(new GetAccount(Account));
            Assert.Equal(1, ExpectMsg<AccountView>().FailureCount);
        }, TimeSpan.FromSeconds(30));

        // Still alive and answering, and a second run starts (no backoff in these settings).
        RunNow(entity);
    }

    /// <summary>The real story-ingestion child; a first run is always a story sync.</summary>
    private sealed class StoryWorkers(ChildTestBed bed) : IAccountWorkers
    {
        public IReadOnlyList<(string Name, Props Props)> Children(string username) =>
            [(AccountWorkers.StoryIngestion, StoryIngestionActor.Props(bed.StoryServices(), new StoryIngestionSettings(), bed.Budget, TimeSpan.FromSeconds(1)))];

        public string ChildFor(Phase phase) => AccountWorkers.StoryIngestion;
    }

    private sealed class CrashingWorkers : IAccountWorkers
    {
        public IReadOnlyList<(string Name, Props Props)> Children(string username) =>
            [(AccountWorkers.StoryIngestion, Props.Create(() => new CrashingChild()))];

        public string ChildFor(Phase phase) => AccountWorkers.StoryIngestion;
    }

    /// <summary>A child whose actor (not its workflow) throws: the supervisor's path.</summary>
    private sealed class CrashingChild : ReceiveActor
    {
        public CrashingChild() => Receive<StartPhase>(_ => throw new InvalidOperationException("the child broke"));
    }

    private sealed class BrokenRecorder : IFailureRecorder
    {
        public Task RecordAsync(FailureReport report, CancellationToken cancellationToken = default) =>
            Task.FromException(new InvalidOperationException("database is gone"));
    }
}
