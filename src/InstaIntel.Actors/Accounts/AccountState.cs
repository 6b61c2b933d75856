using System.Collections.Immutable;
using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Budget;
using InstaIntel.Domain.Processing;

namespace InstaIntel.Actors.Accounts;

/// <summary>
/// The account entity's state: the continuous-processing state machine and its fields. Changed only by
/// <see cref="Apply"/>; also the snapshot contract, so it carries no behaviour beyond folding events.
/// </summary>
public sealed record AccountState : IAccountMessage
{
    public static readonly AccountState Empty = new();

    /// <summary>
    /// <see cref="PausedReason"/> of an account Instagram logged out: it stays paused until a session is imported,
    /// which resumes it (an operator's pause is only lifted by an operator).
    /// </summary>
    public const string AuthenticationPauseReason = "authentication_required";

    public string? Username { get; init; }
    public bool Exists => Username is not null;
    public DateTime CreatedAt { get; init; }
    public ContinuousProcessingState State { get; init; } = ContinuousProcessingState.Idle;
    public bool ContinuousProcessingEnabled { get; init; } = true;
    public LoginState LoginState { get; init; } = LoginState.NotAuthenticated;
    public ImmutableDictionary<WorkKind, DateTime> NextRunAt { get; init; } = ImmutableDictionary<WorkKind, DateTime>.Empty;
    public DateTime? LastStartedAt { get; init; }
    public DateTime? LastFinishedAt { get; init; }
    public DateTime? LastHeartbeatAt { get; init; }
    public int FailureCount { get; init; }
    public DateTime? RetryAfterAt { get; init; }
    public string? LastError { get; init; }
    public string? PausedReason { get; init; }
    public string? InstagramUserId { get; init; }
    public RequestBudget Budget { get; init; } = RequestBudget.Empty;
    public Guid? CurrentRunId { get; init; }
    public Phase? CurrentPhase { get; init; }

    /// <summary>
    /// The sequence number of the last event that changed the projected row: what the row's
    /// <c>projected_sequence_nr</c> is once its projection landed. Budget events (<see cref="RequestReserved"/>, most of
    /// an active account's journal) change no column, so a recovering account whose row is current writes nothing.
    /// 0 in snapshots taken before it was kept (the entity then compares with its last sequence number).
    /// </summary>
    public long RowSequenceNr { get; init; }

    /// <summary>Whether <paramref name="event"/> changes the <c>instagram_accounts</c> row (the entity projects after it).</summary>
    public static bool ChangesRow(IAccountEvent @event) => @event is not RequestReserved;

    /// <summary>The budget rules the state folds requests with (from configuration, not persisted).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public RequestBudgetSettings BudgetSettings { get; init; } = new();

    public AccountState Apply(IAccountEvent @event) => @event switch
    {
        AccountCreated e => this with { Username = e.Username, CreatedAt = e.CreatedAt, ContinuousProcessingEnabled = e.ContinuousProcessingEnabled },
        AccountPaused e => this with { State = ContinuousProcessingState.Paused, PausedReason = e.Reason },
        AccountResumed => Unpaused(),
        ContinuousProcessingSet e => this with { ContinuousProcessingEnabled = e.Enabled },
        SessionImported e => (PausedReason == AuthenticationPauseReason ? Unpaused() : this) with
        {
            LoginState = LoginState.Authenticated,
            InstagramUserId = e.InstagramUserId ?? InstagramUserId,
            FailureCount = 0,
            RetryAfterAt = null,
            LastError = null,
        },
        AuthenticationLost e => PausedForAuthentication() with { LoginState = LoginState.AuthenticationRequired, LastError = $"AuthenticationRequired: {e.Reason}" },
        RequestReserved e => this with { Budget = Budget.Consume(e.At, BudgetSettings, e.Action) },
        RunStarted e => this with
        {
            State = ContinuousProcessingState.Running,
            LastStartedAt = e.At,
            LastHeartbeatAt = e.At,
            LastError = null,
            CurrentRunId = e.RunId,
            CurrentPhase = e.Phase,
            NextRunAt = e.Phase.DueKind() is { } kind && e.NextDueAt is { } due ? NextRunAt.SetItem(kind, due) : NextRunAt,
        },
        RunHeartbeatRecorded e => this with { LastHeartbeatAt = e.At },
        RunSucceeded e => Finished(e.At) with { FailureCount = 0, RetryAfterAt = null },
        RunFailed e => Failed(e),
        // The work was not done: its phase is due again at once.
        RunAborted e => Finished(e.At) with
        {
            NextRunAt = CurrentPhase?.DueKind() is { } kind ? NextRunAt.SetItem(kind, e.At) : NextRunAt,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown account event"),
    };

    // The work was not done either: its phase is due again, once the backoff (retry-after) lets a run start.
    // An authentication failure also pauses the account until a session is imported.
    private AccountState Failed(RunFailed e)
    {
        var failed = Finished(e.At) with
        {
            NextRunAt = CurrentPhase?.DueKind() is { } kind ? NextRunAt.SetItem(kind, e.At) : NextRunAt,
            FailureCount = FailureCount + 1,
            LastError = e.Error,
            RetryAfterAt = e.RetryAfterAt,
        };
        return e.Authentication ? failed.PausedForAuthentication() with { LoginState = LoginState.AuthenticationRequired } : failed;
    }

    // An operator's pause outranks the authentication pause: its reason stays, and only an operator lifts it.
    private AccountState PausedForAuthentication() => State == ContinuousProcessingState.Paused
        ? this
        : this with { State = ContinuousProcessingState.Paused, PausedReason = AuthenticationPauseReason };

    // A run still winding down (a pause aborts it, the abort lands later) keeps the account running until it ends,
    // so no second run can start beside it.
    private AccountState Unpaused() => this with
    {
        State = CurrentRunId is null ? ContinuousProcessingState.Idle : ContinuousProcessingState.Running,
        PausedReason = null,
    };

    // A run ending leaves a paused account paused; otherwise the account is idle again.
    private AccountState Finished(DateTime at) => this with
    {
        State = State == ContinuousProcessingState.Running ? ContinuousProcessingState.Idle : State,
        LastFinishedAt = at,
        CurrentRunId = null,
        CurrentPhase = null,
    };

    public AccountView ToView(long sequenceNr) => new(
        Username ?? "",
        State,
        ContinuousProcessingEnabled,
        LoginState,
        Enum.GetValues<WorkKind>().ToImmutableDictionary(k => k, k => NextRunAt.TryGetValue(k, out var at) ? at : (DateTime?)null),
        LastStartedAt,
        LastFinishedAt,
        LastHeartbeatAt,
        FailureCount,
        RetryAfterAt,
        LastError,
        PausedReason,
        CreatedAt,
        sequenceNr,
        CurrentPhase,
        CurrentRunId,
        BudgetUsage.Of(Budget, DateTime.UtcNow, BudgetSettings));

    /// <summary>The <c>instagram_accounts</c> row this state projects to.</summary>
    public InstagramAccount ToRow(long sequenceNr) => new()
    {
        Username = Username ?? throw new InvalidOperationException("an account that was never created has no row"),
        LoginState = LoginState,
        ContinuousProcessingState = State,
        ContinuousProcessingEnabled = ContinuousProcessingEnabled,
        ContinuousProcessingNextStorySyncAt = Next(WorkKind.StorySync),
        ContinuousProcessingNextFeedSyncAt = Next(WorkKind.FeedSync),
        ContinuousProcessingNextProfileScanAt = Next(WorkKind.ProfileScan),
        ContinuousProcessingNextFollowGraphSyncAt = Next(WorkKind.FollowGraphSync),
        ContinuousProcessingNextProfileRefreshAt = Next(WorkKind.ProfileRefresh),
        ContinuousProcessingLastStartedAt = LastStartedAt,
        ContinuousProcessingLastFinishedAt = LastFinishedAt,
        ContinuousProcessingLastHeartbeatAt = LastHeartbeatAt,
        ContinuousProcessingFailureCount = FailureCount,
        ContinuousProcessingRetryAfterAt = RetryAfterAt,
        ContinuousProcessingLastError = LastError,
        ProjectedSequenceNr = sequenceNr,
        CreatedAt = CreatedAt,
    };

    private DateTime? Next(WorkKind kind) => NextRunAt.TryGetValue(kind, out var at) ? at : null;
}
