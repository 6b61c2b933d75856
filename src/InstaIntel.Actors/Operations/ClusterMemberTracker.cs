using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;

namespace InstaIntel.Actors.Operations;

/// <summary>
/// Remembers when this node saw each cluster member reach Up: Akka's <see cref="Member"/> carries an age order
/// (<c>UpNumber</c>) but no time, and the admin palette shows "up since".
/// </summary>
public sealed class ClusterMemberTracker : ReceiveActor
{
    private readonly Dictionary<UniqueAddress, DateTime> _upSince = [];

    public ClusterMemberTracker()
    {
        Receive<ClusterEvent.MemberUp>(up => _upSince.TryAdd(up.Member.UniqueAddress, DateTime.UtcNow));
        Receive<ClusterEvent.MemberRemoved>(removed => _upSince.Remove(removed.Member.UniqueAddress));
        Receive<GetMemberUpTimes>(_ => Sender.Tell(new MemberUpTimes(
            _upSince.ToImmutableDictionary(pair => pair.Key.Address, pair => pair.Value))));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new ClusterMemberTracker());

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
}
