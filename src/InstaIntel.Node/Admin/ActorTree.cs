using Akka.Actor;

namespace InstaIntel.Node.Admin;

/// <summary>
/// Walks this node's actor tree without messaging anyone: from the root guardian down through each local actor's
/// children (what <c>PrintTree</c> reads), with a depth and a total-node limit so a big node cannot flood the answer.
/// </summary>
public static class ActorTree
{
    public const int MaxNodes = 10_000;

    /// <summary>The actor at an absolute local path (<c>/user</c>, <c>/system/sharding/account</c>), or null.</summary>
    public static IActorRef? Find(ActorSystem system, string path)
    {
        IActorRef current = ((ExtendedActorSystem)system).Provider.RootGuardian;
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current is not ActorRefWithCell withCell) return null;
            var child = withCell.GetSingleChild(segment);
            if (child is null || child.IsNobody()) return null;
            current = child;
        }
        return current;
    }

    /// <summary>Describes <paramref name="root"/> and its descendants down to <paramref name="depth"/> levels below it.</summary>
    public static ActorNodeView Describe(IActorRef root, int depth, ref int budget)
    {
        budget--;
        var withCell = root as ActorRefWithCell;
        var children = withCell?.Children.OrderBy(c => c.Path.Name, StringComparer.Ordinal).ToList() ?? [];
        var described = new List<ActorNodeView>();
        if (depth > 0)
        {
            foreach (var child in children)
            {
                if (budget <= 0) break;
                described.Add(Describe(child, depth - 1, ref budget));
            }
        }
        return new ActorNodeView(
            root.Path.Name,
            root.Path.ToStringWithoutAddress(),
            withCell?.Underlying.Props?.Type?.Name,
            withCell?.Underlying.NumberOfMessages ?? 0,
            children.Count,
            described);
    }
}
