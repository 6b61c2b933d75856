using Akka.Cluster.Sharding;

namespace InstaIntel.Actors.Accounts;

/// <summary>Routes <see cref="IWithAccountId"/> messages to the entity named by the username.</summary>
public sealed class AccountMessageExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    // StartEntity (remember-entities) and ShardingEnvelope are handled by the base class.
    public override string? EntityId(object message) => (message as IWithAccountId)?.Username;
}

/// <summary>Marker for the <c>account</c> shard region in the actor registry.</summary>
public sealed class AccountRegion;
