namespace InstaIntel.Node.Admin;

/// <summary>One member as <c>GET /api/admin/cluster</c> shows it.</summary>
/// <param name="UpSince">When the answering node first saw the member Up (null while it is not Up yet).</param>
/// <param name="Age">Rank by age among Up members, 1 for the oldest (which runs the cluster singletons); null while not Up.</param>
public sealed record ClusterMemberView(
    string Address,
    string Status,
    IReadOnlyList<string> Roles,
    int? Age,
    DateTime? UpSince,
    bool Reachable,
    bool IsLeader,
    bool IsSelf);

/// <summary>The cluster as the answering node sees it.</summary>
public sealed record ClusterView(string SelfAddress, string? Leader, IReadOnlyList<ClusterMemberView> Members, IReadOnlyList<string> Unreachable);

/// <summary>Body of <c>POST /api/admin/cluster/leave</c> and <c>/down</c>.</summary>
public sealed record ClusterMemberRequest(string? Address);

/// <summary>The leave or down was handed to the cluster; watch <c>GET /api/admin/cluster</c> for its effect.</summary>
public sealed record ClusterCommandAccepted(string Address, string Action);

public sealed record ShardingRegionsView(IReadOnlyList<string> Regions);

/// <summary>One node's part of a region: its shards and how many entities each holds.</summary>
public sealed record NodeShardingStats(string Address, int Shards, int Entities, IReadOnlyList<ShardEntityCount> ShardEntities, IReadOnlyList<string> FailedShards);

public sealed record ShardEntityCount(string ShardId, int Entities);

/// <summary><c>GET /api/admin/sharding/stats</c>: every node's shards of one region, from <c>GetClusterShardingStats</c>.</summary>
public sealed record ShardingStatsView(string Region, int TotalShards, int TotalEntities, IReadOnlyList<NodeShardingStats> Nodes);

/// <summary>An actor in the tree: <see cref="ChildCount"/> counts its children even where <see cref="Children"/> stops (depth).</summary>
public sealed record ActorNodeView(string Name, string Path, string? Type, int Mailbox, int ChildCount, IReadOnlyList<ActorNodeView> Children);

/// <summary><c>GET /api/admin/actors</c>: the local actor tree under each root; <see cref="Truncated"/> when the node limit cut it.</summary>
public sealed record ActorHierarchyView(string Node, int Depth, bool Truncated, IReadOnlyList<ActorNodeView> Roots);

public sealed record AppliedMigration(int Version, string Name);

/// <summary><c>POST /api/admin/db/migrate</c>: what this call applied (empty when the schema was current) and the schema's version now.</summary>
public sealed record MigrationResult(string Engine, IReadOnlyList<AppliedMigration> Applied, int SchemaVersion);
