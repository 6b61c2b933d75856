using System.Text.Json;
using System.Text.Json.Serialization;

namespace InstaIntel.Cli;

// The node's answers as the CLI reads them (camelCase JSON). The CLI depends on no node assembly: HTTP is the contract.

public sealed record ClusterMember(string Address, string Status, IReadOnlyList<string> Roles, int? Age, DateTime? UpSince, bool Reachable, bool IsLeader, bool IsSelf);

public sealed record ClusterState(string SelfAddress, string? Leader, IReadOnlyList<ClusterMember> Members, IReadOnlyList<string> Unreachable);

public sealed record ClusterCommandAccepted(string Address, string Action);

public sealed record ShardingRegions(IReadOnlyList<string> Regions);

public sealed record ShardEntityCount(string ShardId, int Entities);

public sealed record NodeShardingStats(string Address, int Shards, int Entities, IReadOnlyList<ShardEntityCount> ShardEntities, IReadOnlyList<string> FailedShards);

public sealed record ShardingStats(string Region, int TotalShards, int TotalEntities, IReadOnlyList<NodeShardingStats> Nodes);

public sealed record ActorNode(string Name, string Path, string? Type, int Mailbox, int ChildCount, IReadOnlyList<ActorNode> Children);

public sealed record ActorHierarchy(string Node, int Depth, bool Truncated, IReadOnlyList<ActorNode> Roots);

public sealed record AppliedMigration(int Version, string Name);

public sealed record MigrationResult(string Engine, IReadOnlyList<AppliedMigration> Applied, int SchemaVersion);

public sealed record AccountSummary(
    string Username, string State, bool ContinuousProcessingEnabled, string LoginState, int FailureCount, DateTime? RetryAfterAt, DateTime UpdatedAt);

public sealed record AccountPage(IReadOnlyList<AccountSummary> Items, int Offset, int Limit);

public sealed record Account(
    string Username,
    string State,
    bool ContinuousProcessingEnabled,
    string LoginState,
    IReadOnlyDictionary<string, DateTime?>? NextRunAt,
    DateTime? LastStartedAt,
    DateTime? LastFinishedAt,
    DateTime? LastHeartbeatAt,
    int FailureCount,
    DateTime? RetryAfterAt,
    string? LastError,
    string? PausedReason,
    DateTime CreatedAt,
    long SequenceNr);

/// <summary><c>POST /api/accounts/{username}/run</c> answers 202 with the run's id and first phase (snake_case or camelCase).</summary>
public sealed record RunAccepted
{
    [JsonPropertyName("runId")] public string? RunId { get; init; }
    [JsonPropertyName("run_id")] public string? RunIdSnake { get; init; }
    public JsonElement Phase { get; init; }

    public string Id => RunId ?? RunIdSnake ?? "?";
    public string PhaseName => Phase.ValueKind == JsonValueKind.String ? Phase.GetString()! : Phase.ToString();
}

/// <summary>202 to an action (<c>POST .../actions/{action}</c>): its action log id.</summary>
public sealed record ActionAccepted(long Id, string Action, string Status, string Location, string? RunId, string? Phase);

/// <summary><c>GET /api/accounts/{username}/actions/{id}</c>: an action's progress.</summary>
public sealed record ActionStatus(long Id, string Action, string? Profile, string Status, string? Trigger, DateTime OccurredAt, DateTime? StartedAt,
    DateTime? FinishedAt, string? Log, string? Error)
{
    public bool Finished => Status is "succeeded" or "failed";
}

/// <summary>202 to a queued message.</summary>
public sealed record MessageQueued(long Id, string Status, string Location);

/// <summary><c>GET .../profiles/{profile}/messages/{id}</c>.</summary>
public sealed record MessageStatus(long Id, string Profile, string Kind, string? StoryId, string Body, string Status, DateTime? SentAt, string? Error);
