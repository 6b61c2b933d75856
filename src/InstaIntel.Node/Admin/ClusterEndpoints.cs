using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using InstaIntel.Actors.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InstaIntel.Node.Admin;

/// <summary><c>/api/admin/cluster</c>: members, leader and reachability; ask a member to leave, or mark it down.</summary>
public static class ClusterEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public static void MapClusterAdmin(this RouteGroupBuilder admin)
    {
        var cluster = admin.MapGroup("/cluster").WithTags("Admin: cluster");
        cluster.MapGet("/", Show);
        cluster.MapPost("/leave", (ClusterMemberRequest? request, ActorSystem system) =>
            Command(request, system, "leave", (c, address) => c.Leave(address)));
        cluster.MapPost("/down", (ClusterMemberRequest? request, ActorSystem system) =>
            Command(request, system, "down", (c, address) => c.Down(address)));
    }

    private static async Task<Ok<ClusterView>> Show(ActorSystem system, IRequiredActor<MemberTrackerActor> tracker, CancellationToken cancellationToken)
    {
        var cluster = Cluster.Get(system);
        var state = cluster.State;
        var upTimes = await UpTimesAsync(tracker, cancellationToken);
        var up = state.Members.Where(m => m.Status == MemberStatus.Up).ToList();
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var members = state.Members
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(m => new ClusterMemberView(
                m.Address.ToString(),
                m.Status.ToString(),
                m.Roles.Order(StringComparer.Ordinal).ToList(),
                AgeRank(m, up),
                upTimes.TryGetValue(m.Address, out var since) ? since : null,
                !unreachable.Contains(m.Address),
                m.Address.Equals(state.Leader),
                m.Address.Equals(cluster.SelfAddress)))
            .ToList();
        return TypedResults.Ok(new ClusterView(
            cluster.SelfAddress.ToString(),
            state.Leader?.ToString(),
            members,
            unreachable.Select(a => a.ToString()).Order(StringComparer.Ordinal).ToList()));
    }

    private static int? AgeRank(Member member, IReadOnlyList<Member> up) =>
        member.Status == MemberStatus.Up ? 1 + up.Count(other => !other.Equals(member) && other.IsOlderThan(member)) : null;

    private static async Task<IReadOnlyDictionary<Address, DateTime>> UpTimesAsync(IRequiredActor<MemberTrackerActor> tracker, CancellationToken cancellationToken)
    {
        try
        {
            var actor = await tracker.GetAsync(cancellationToken);
            return (await actor.Ask<MemberUpTimes>(GetMemberUpTimes.Instance, AskTimeout, cancellationToken)).UpSince;
        }
        catch (AskTimeoutException)
        {
            // The table is still worth showing without the times.
            return new Dictionary<Address, DateTime>();
        }
    }

    private static Results<Accepted<ClusterCommandAccepted>, ProblemHttpResult> Command(
        ClusterMemberRequest? request, ActorSystem system, string action, Action<Cluster, Address> apply)
    {
        if (string.IsNullOrWhiteSpace(request?.Address))
            return AdminRoutes.Problem(StatusCodes.Status400BadRequest, "Address is required", "Send {\"address\": \"akka.tcp://instaintel@host:port\"}.");
        if (!TryParseAddress(request.Address, out var address))
            return AdminRoutes.Problem(StatusCodes.Status400BadRequest, "Malformed address",
                $"'{request.Address}' is not an Akka address such as akka.tcp://instaintel@127.0.0.1:4053.");
        var cluster = Cluster.Get(system);
        if (!cluster.State.Members.Any(m => m.Address.Equals(address)))
            return AdminRoutes.Problem(StatusCodes.Status400BadRequest, "Unknown member",
                $"{address} is not a member of this cluster; `cluster show` lists the members.");
        apply(cluster, address);
        return TypedResults.Accepted("/api/admin/cluster", new ClusterCommandAccepted(address.ToString(), action));
    }

    internal static bool TryParseAddress(string text, out Address address)
    {
        address = Address.AllSystems;
        try
        {
            var parsed = Address.Parse(text.Trim());
            if (parsed.Host is null || parsed.Port is null) return false;
            address = parsed;
            return true;
        }
        catch (Exception ex) when (ex is UriFormatException or ArgumentException or FormatException)
        {
            return false;
        }
    }
}
