using System.Collections.Immutable;
using InstaIntel.Domain.Accounts;

namespace InstaIntel.Domain.Processing;

/// <summary>The account's persisted coordinator fields, as the decision needs them.</summary>
public sealed record CoordinatorState(
    bool Enabled,
    ContinuousProcessingState State,
    LoginState LoginState,
    DateTime? RetryAfterAt,
    DateTime? LastHeartbeatAt,
    ImmutableDictionary<WorkKind, DateTime> NextRunAt,
    int FailureCount);

/// <summary>Unfinished work from earlier phases; any of it holds back new work.</summary>
public sealed record Backlog(int StoryPipelines = 0, int PostPipelines = 0, int WorkspaceItems = 0, int ActiveStreams = 0)
{
    public static readonly Backlog None = new();
    public bool IsEmpty => StoryPipelines + PostPipelines + WorkspaceItems + ActiveStreams == 0;
}

/// <summary>What the world looks like at the tick. Random draws come in as values so the decision stays pure.</summary>
/// <param name="WorkspaceRoom">whether the node may start another workspace-actions run now (its node-wide bound is not
/// reached); when not, pending workspace work waits and the account's other due phases go ahead.</param>
public sealed record TickContext(
    DateTime Now,
    bool Manual,
    bool AiHealthy,
    Backlog Backlog,
    bool WorkspaceHasPendingPosts,
    double DueJitter,
    bool WorkspaceRoom = true);
