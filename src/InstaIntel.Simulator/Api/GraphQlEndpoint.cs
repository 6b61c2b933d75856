using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;
using InstaIntel.Simulator.Shapes;

namespace InstaIntel.Simulator.Api;

/// <summary>GET /graphql/query/?query_hash=...&amp;variables={...}: one handler per query hash of the contract.</summary>
internal static class GraphQlEndpoint
{
    private delegate IResult QueryHandler(ShapeContext context, JsonObject variables, int maxPageSize);

    private static readonly Dictionary<string, QueryHandler> Handlers = new(StringComparer.Ordinal)
    {
        [QueryHashes.Followers] = (context, variables, max) => FollowPage(context, variables, max, "edge_followed_by"),
        [QueryHashes.Following] = (context, variables, max) => FollowPage(context, variables, max, "edge_follow"),
        [QueryHashes.ReelsMedia] = ReelsMedia,
        [QueryHashes.ReelAndChaining] = ReelAndChaining,
        [QueryHashes.ShortcodeMedia] = ShortcodeMedia,
        [QueryHashes.ProfilePosts] = ProfilePosts,
        [QueryHashes.PostComments] = PostComments,
    };

    public static RouteGroupBuilder MapGraphQl(this RouteGroupBuilder api)
    {
        api.MapGet("/graphql/query/", (HttpContext http, SimulatorState state, string? query_hash, string? variables) =>
        {
            if (query_hash is null || !Handlers.TryGetValue(query_hash, out var handler))
                return ApiErrors.BadRequest($"unknown query_hash '{query_hash}'");
            JsonObject parsed;
            try
            {
                parsed = JsonNode.Parse(variables ?? "{}") as JsonObject ?? throw new JsonException("not an object");
            }
            catch (JsonException)
            {
                return ApiErrors.BadRequest("variables must be a JSON object");
            }
            return handler(ShapeContext.For(http, state), parsed, state.Options.MaxPageSize);
        });
        return api;
    }

    private static IResult Data(JsonObject data) => Json.Ok(new JsonObject { ["data"] = data, ["status"] = "ok" });

    private static string? Text(JsonObject variables, string name) => variables[name] switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<long>(out var number) => number.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static int PageSize(JsonObject variables, int max) =>
        variables["first"] is JsonValue value && value.TryGetValue<int>(out var first) ? Math.Clamp(first, 1, max) : Math.Min(12, max);

    private static SimProfile? UserById(ShapeContext context, string? id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId) ? context.Network.TryFindById(userId) : null;

    private static IResult FollowPage(ShapeContext context, JsonObject variables, int maxPageSize, string edgeName)
    {
        if (UserById(context, Text(variables, "id")) is not { } profile)
            return Data(new JsonObject { ["user"] = null });
        if (Cursor.Decode(Text(variables, "after")) is not { } offset)
            return ApiErrors.BadRequest("invalid cursor in variables.after");
        var graph = context.Network.Graph;
        var indexes = edgeName == "edge_followed_by" ? graph.Followers(profile.Index).ToArray() : graph.Following(profile.Index).ToArray();
        var (page, next) = context.CanSeeContent(profile) ? Cursor.Page(indexes, offset, PageSize(variables, maxPageSize)) : ([], null);
        return Data(new JsonObject
        {
            ["user"] = new JsonObject
            {
                [edgeName] = new JsonObject
                {
                    ["count"] = indexes.Length,
                    ["page_info"] = Json.PageInfo(next is not null, next),
                    ["edges"] = Json.Array(page.Select(i => (JsonNode)new JsonObject
                    {
                        ["node"] = GraphUserShapes.FollowNode(context, context.Network.Profile(i)),
                    })),
                },
            },
        });
    }

    private static IResult ReelsMedia(ShapeContext context, JsonObject variables, int maxPageSize)
    {
        var reels = new JsonArray();
        if (variables["reel_ids"] is JsonArray ids)
        {
            foreach (var id in ids)
            {
                var text = id is JsonValue value && value.TryGetValue<string>(out var s) ? s : id?.ToJsonString();
                if (UserById(context, text) is not { } owner || !context.CanSeeContent(owner))
                    continue;
                var stories = context.ActiveStories(owner);
                if (stories.Count > 0)
                    reels.Add(GraphStoryShapes.ReelMedia(context, owner, stories));
            }
        }
        return Data(new JsonObject { ["reels_media"] = reels });
    }

    private static IResult ReelAndChaining(ShapeContext context, JsonObject variables, int maxPageSize)
    {
        if (UserById(context, Text(variables, "user_id")) is not { } profile)
            return Data(new JsonObject { ["user"] = null, ["viewer"] = null });
        return Data(new JsonObject
        {
            ["user"] = GraphUserShapes.ReelAndChaining(context, profile),
            ["viewer"] = null,
        });
    }

    private static IResult ShortcodeMedia(ShapeContext context, JsonObject variables, int maxPageSize)
    {
        var post = Text(variables, "shortcode") is { } shortcode ? context.Network.FindPostByShortcode(shortcode) : null;
        var visible = post is not null && context.CanSeeContent(context.Network.Profile(post.OwnerIndex));
        return Data(new JsonObject { ["shortcode_media"] = visible ? GraphMediaShapes.ShortcodeMedia(context, post!) : null });
    }

    private static IResult ProfilePosts(ShapeContext context, JsonObject variables, int maxPageSize)
    {
        if (UserById(context, Text(variables, "id")) is not { } profile)
            return Data(new JsonObject { ["user"] = null });
        if (Cursor.Decode(Text(variables, "after")) is not { } offset)
            return ApiErrors.BadRequest("invalid cursor in variables.after");
        var posts = context.Network.PostsOf(profile);
        var (page, next) = context.CanSeeContent(profile) ? Cursor.Page(posts, offset, PageSize(variables, maxPageSize)) : ([], null);
        return Data(new JsonObject
        {
            ["user"] = new JsonObject
            {
                ["edge_owner_to_timeline_media"] = new JsonObject
                {
                    ["count"] = posts.Count,
                    ["page_info"] = Json.PageInfo(next is not null, next),
                    ["edges"] = Json.Array(page.Select(post => (JsonNode)new JsonObject
                    {
                        ["node"] = GraphMediaShapes.TimelineNode(context, post, profile),
                    })),
                },
            },
        });
    }

    private static IResult PostComments(ShapeContext context, JsonObject variables, int maxPageSize)
    {
        var post = Text(variables, "shortcode") is { } shortcode ? context.Network.FindPostByShortcode(shortcode) : null;
        if (post is null || !context.CanSeeContent(context.Network.Profile(post.OwnerIndex)))
            return Data(new JsonObject { ["shortcode_media"] = null });
        if (Cursor.Decode(Text(variables, "after")) is not { } offset)
            return ApiErrors.BadRequest("invalid cursor in variables.after");
        var comments = context.Comments(post);
        var (page, next) = Cursor.Page(comments, offset, PageSize(variables, maxPageSize));
        return Data(new JsonObject
        {
            ["shortcode_media"] = new JsonObject
            {
                ["edge_media_to_comment"] = new JsonObject
                {
                    ["count"] = comments.Count,
                    ["page_info"] = Json.PageInfo(next is not null, next),
                    ["edges"] = Json.Array(page.Select(c => (JsonNode)new JsonObject { ["node"] = GraphMediaShapes.CommentNode(context, c) })),
                },
            },
        });
    }
}
