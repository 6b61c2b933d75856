using Akka.Actor;
using Akka.Cluster;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InstaIntel.Node.Admin;

/// <summary><c>/api/admin/actors</c>: the answering node's actor hierarchy as a tree (names, paths, types, mailbox sizes).</summary>
public static class ActorsEndpoints
{
    public const int DefaultDepth = 5;
    public const int MaxDepth = 20;

    /// <summary>Without a path the tree shows the application's actors and the shard regions with their shards and entities.</summary>
    public static readonly IReadOnlyList<string> DefaultRoots = ["/user", "/system/sharding"];

    public static void MapActorsAdmin(this RouteGroupBuilder admin) =>
        admin.MapGet("/actors", Hierarchy).WithTags("Admin: actors");

    /// <param name="path">An absolute actor path such as <c>/user</c> or <c>/system/sharding/account</c>; both of the default roots when left out.</param>
    /// <param name="depth">Levels below each root (0 to 20, default 5: deep enough for an account entity's children).</param>
    private static Results<Ok<ActorHierarchyView>, ProblemHttpResult> Hierarchy(ActorSystem system, string? path, int? depth)
    {
        var levels = depth ?? DefaultDepth;
        if (levels is < 0 or > MaxDepth)
            return AdminRoutes.Problem(StatusCodes.Status400BadRequest, "Invalid depth", $"depth must be between 0 and {MaxDepth}.");
        var paths = string.IsNullOrWhiteSpace(path) ? DefaultRoots : [path.Trim()];
        var roots = new List<ActorNodeView>();
        var budget = ActorTree.MaxNodes;
        foreach (var rootPath in paths)
        {
            if (!rootPath.StartsWith('/'))
                return AdminRoutes.Problem(StatusCodes.Status400BadRequest, "Invalid path", "path is absolute, e.g. /user or /system/sharding/account.");
            var root = ActorTree.Find(system, rootPath);
            if (root is null)
            {
                if (paths.Count == 1)
                    return AdminRoutes.Problem(StatusCodes.Status404NotFound, "No such actor", $"No actor lives at {rootPath} on this node.");
                continue;
            }
            roots.Add(ActorTree.Describe(root, levels, ref budget));
        }
        return TypedResults.Ok(new ActorHierarchyView(Cluster.Get(system).SelfAddress.ToString(), levels, budget <= 0, roots));
    }
}
