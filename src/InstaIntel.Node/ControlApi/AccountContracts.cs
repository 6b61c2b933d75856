using InstaIntel.Actors.Accounts;
using InstaIntel.Domain.Accounts;

namespace InstaIntel.Node.ControlApi;

/// <summary>Body of <c>POST /api/accounts</c>.</summary>
public sealed record CreateAccountRequest(string? Username, bool? ContinuousProcessingEnabled);

/// <summary>Optional body of <c>POST /api/accounts/{username}/pause</c>.</summary>
public sealed record PauseAccountRequest(string? Reason);

/// <summary>An account as the control API shows it (the entity's live state).</summary>
public sealed record AccountResponse(
    string Username,
    ContinuousProcessingState State,
    bool ContinuousProcessingEnabled,
    LoginState LoginState,
    IReadOnlyDictionary<string, DateTime?> NextRunAt,
    DateTime? LastStartedAt,
    DateTime? LastFinishedAt,
    DateTime? LastHeartbeatAt,
    int FailureCount,
    DateTime? RetryAfterAt,
    string? LastError,
    string? PausedReason,
    DateTime CreatedAt,
    long SequenceNr,
    string? CurrentPhase,
    Guid? CurrentRunId)
{
    public static AccountResponse From(AccountView view) => new(
        view.Username,
        view.State,
        view.ContinuousProcessingEnabled,
        view.LoginState,
        view.NextRunAt.ToDictionary(pair => Domain.Common.SeedString.Of(pair.Key), pair => pair.Value),
        view.LastStartedAt,
        view.LastFinishedAt,
        view.LastHeartbeatAt,
        view.FailureCount,
        view.RetryAfterAt,
        view.LastError,
        view.PausedReason,
        view.CreatedAt,
        view.SequenceNr,
        view.CurrentPhase is { } phase ? Domain.Common.SeedString.Of(phase) : null,
        view.CurrentRunId);
}

/// <summary>A row of <c>GET /api/accounts</c>: the projected <c>instagram_accounts</c> row.</summary>
public sealed record AccountSummary(
    string Username,
    ContinuousProcessingState State,
    bool ContinuousProcessingEnabled,
    LoginState LoginState,
    int FailureCount,
    DateTime? RetryAfterAt,
    DateTime UpdatedAt)
{
    public static AccountSummary From(InstagramAccount row) => new(
        row.Username,
        row.ContinuousProcessingState,
        row.ContinuousProcessingEnabled,
        row.LoginState,
        row.ContinuousProcessingFailureCount,
        row.ContinuousProcessingRetryAfterAt,
        row.UpdatedAt);
}

public sealed record AccountPage(IReadOnlyList<AccountSummary> Items, int Offset, int Limit);

/// <summary>Answer of <c>POST /api/accounts/{username}/run</c>: the run that started.</summary>
public sealed record RunAcceptedResponse(Guid RunId, string Phase);
