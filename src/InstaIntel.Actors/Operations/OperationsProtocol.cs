using System.Collections.Immutable;
using Akka.Actor;

namespace InstaIntel.Actors.Operations;

/// <summary>Asks <see cref="ClusterMemberTracker"/> when it first saw each member Up. Local only (the admin API's edge).</summary>
public sealed record GetMemberUpTimes
{
    public static readonly GetMemberUpTimes Instance = new();
}

/// <summary>When this node first saw each member Up (a member already Up when this node joined is stamped with the join time).</summary>
public sealed record MemberUpTimes(ImmutableDictionary<Address, DateTime> UpSince);

/// <summary>Asks <see cref="ReadinessProbe"/> to write and delete one event in the journal.</summary>
public sealed record ProbeJournal
{
    public static readonly ProbeJournal Instance = new();
}

/// <summary>The answer to <see cref="ProbeJournal"/>: <see cref="Error"/> is null when the journal took the write and the delete.</summary>
public sealed record JournalProbeResult(bool Writable, string? Error, TimeSpan Elapsed);

/// <summary>Marker for the node's <see cref="ClusterMemberTracker"/> in the actor registry.</summary>
public sealed class MemberTrackerActor;

/// <summary>Marker for the node's <see cref="ReadinessProbe"/> in the actor registry.</summary>
public sealed class ReadinessProbeActor;
