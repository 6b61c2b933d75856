using System.Text.Json.Nodes;
using InstaIntel.Simulator.Api;
using InstaIntel.Simulator.Network;

namespace InstaIntel.Simulator.Shapes;

/// <summary>Web GraphQL user shapes: follower/following nodes (graphql_followers.json, graphql_following.json), the
/// profile user (web_profile_graphql_user.json), reel summaries and suggested accounts
/// (graphql_user_reel_and_chaining.json).</summary>
internal static class GraphUserShapes
{
    public const int ProfileFirstPosts = 12;

    public static JsonObject FollowNode(ShapeContext context, SimProfile profile) => new()
    {
        ["id"] = profile.IdText,
        ["username"] = profile.Username,
        ["full_name"] = profile.FullName,
        ["profile_pic_url"] = context.Urls.ProfilePicture(profile),
        ["is_private"] = profile.IsPrivate,
        ["is_verified"] = profile.IsVerified,
        ["followed_by_viewer"] = context.ViewerFollows(profile),
        ["follows_viewer"] = context.FollowsViewer(profile),
        ["requested_by_viewer"] = false,
        ["reel"] = Reel(context, profile),
    };

    /// <summary>The reel summary: latest_reel_media is the newest live story (unix seconds), null when none.</summary>
    public static JsonObject Reel(ShapeContext context, SimProfile profile)
    {
        var stories = context.CanSeeContent(profile) ? context.ActiveStories(profile) : [];
        long? latest = stories.Count > 0 ? ShapeContext.Unix(stories.Max(s => s.TakenAt)) : null;
        var expiring = stories.Count > 0 ? stories.Max(s => s.ExpiringAt) : context.Now.AddHours(24);
        var seen = context.SeenUpTo(profile);
        return new JsonObject
        {
            ["__typename"] = "GraphReel",
            ["id"] = profile.IdText,
            ["expiring_at"] = ShapeContext.Unix(expiring),
            ["has_pride_media"] = false,
            ["latest_reel_media"] = latest,
            ["seen"] = seen > 0 ? seen : null,
            ["owner"] = OwnerRef(context, profile),
            ["user"] = new JsonObject
            {
                ["id"] = profile.IdText,
                ["profile_pic_url"] = context.Urls.ProfilePicture(profile),
                ["username"] = profile.Username,
            },
        };
    }

    public static JsonObject OwnerRef(ShapeContext context, SimProfile profile) => new()
    {
        ["__typename"] = "GraphUser",
        ["id"] = profile.IdText,
        ["profile_pic_url"] = context.Urls.ProfilePicture(profile),
        ["username"] = profile.Username,
    };

    /// <summary>The user object of web_profile_info (and of the legacy ?__a=1 graphql.user).</summary>
    public static JsonObject ProfileUser(ShapeContext context, SimProfile profile)
    {
        var visible = context.CanSeeContent(profile);
        var posts = context.Network.PostsOf(profile);
        var first = visible ? posts.Take(ProfileFirstPosts).ToArray() : [];
        var mutuals = MutualFollowers(context, profile);
        return new JsonObject
        {
            ["biography"] = profile.Biography,
            ["blocked_by_viewer"] = false,
            ["restricted_by_viewer"] = false,
            ["country_block"] = false,
            ["external_url"] = profile.ExternalUrl,
            ["external_url_linkshimmed"] = profile.ExternalUrl is null ? null : $"https://l.instagram.com/?u={Uri.EscapeDataString(profile.ExternalUrl)}",
            ["edge_followed_by"] = new JsonObject { ["count"] = profile.FollowerCount },
            ["fbid"] = MediaIds.Text(17_841_400_000_000_000L + profile.Index),
            ["followed_by_viewer"] = context.ViewerFollows(profile),
            ["edge_follow"] = new JsonObject { ["count"] = profile.FollowingCount },
            ["follows_viewer"] = context.FollowsViewer(profile),
            ["full_name"] = profile.FullName,
            ["has_ar_effects"] = false,
            ["has_channel"] = false,
            ["has_blocked_viewer"] = false,
            ["highlight_reel_count"] = profile.HighlightCount,
            ["has_requested_viewer"] = false,
            ["id"] = profile.IdText,
            ["is_business_account"] = profile.IsBusiness,
            ["is_professional_account"] = profile.IsBusiness,
            ["is_joined_recently"] = false,
            ["business_category_name"] = profile.Category,
            ["overall_category_name"] = null,
            ["category_enum"] = profile.Category?.ToUpperInvariant().Replace(' ', '_').Replace('/', '_'),
            ["category_name"] = profile.Category,
            ["is_private"] = profile.IsPrivate,
            ["is_verified"] = profile.IsVerified,
            ["edge_mutual_followed_by"] = new JsonObject
            {
                ["count"] = mutuals.Count,
                ["edges"] = Json.Array(mutuals.Take(3).Select(i => (JsonNode)new JsonObject
                {
                    ["node"] = new JsonObject { ["username"] = context.Network.UsernameAt(i) },
                })),
            },
            ["profile_pic_url"] = context.Urls.ProfilePicture(profile),
            ["profile_pic_url_hd"] = context.Urls.ProfilePicture(profile, 320),
            ["requested_by_viewer"] = false,
            ["should_show_category"] = profile.IsBusiness,
            ["username"] = profile.Username,
            ["connected_fb_page"] = null,
            ["edge_felix_video_timeline"] = EmptyEdge(),
            ["edge_owner_to_timeline_media"] = new JsonObject
            {
                ["count"] = posts.Count,
                ["page_info"] = Json.PageInfo(visible && posts.Count > first.Length, visible && posts.Count > first.Length ? Cursor.Encode(first.Length) : null),
                ["edges"] = Json.Array(first.Select(post => (JsonNode)new JsonObject { ["node"] = GraphMediaShapes.TimelineNode(context, post, profile) })),
            },
            ["edge_saved_media"] = EmptyEdge(),
            ["edge_media_collections"] = EmptyEdge(),
        };
    }

    /// <summary>Accounts the viewer follows that follow this profile ("followed by x, y and 3 others").</summary>
    private static IReadOnlyList<int> MutualFollowers(ShapeContext context, SimProfile profile)
    {
        if (context.Viewer is null || context.Viewer.Index == profile.Index)
            return [];
        var graph = context.Network.Graph;
        var followers = graph.Followers(profile.Index);
        var mutuals = new List<int>();
        foreach (var followed in graph.Following(context.Viewer.Index))
        {
            if (followers.BinarySearch(followed) >= 0)
                mutuals.Add(followed);
        }
        return mutuals;
    }

    public static JsonObject EmptyEdge() => new()
    {
        ["count"] = 0,
        ["page_info"] = Json.PageInfo(false, null),
        ["edges"] = new JsonArray(),
    };

    /// <summary>data.user of the reel-and-chaining query: reel summary, suggested accounts and highlights.</summary>
    public static JsonObject ReelAndChaining(ShapeContext context, SimProfile profile)
    {
        var suggested = new List<SimProfile>();
        foreach (var followed in context.Network.Graph.Following(profile.Index))
        {
            if (suggested.Count == 10)
                break;
            var candidate = context.Network.Profile(followed);
            if (candidate.Index != context.Viewer?.Index && !context.ViewerFollows(candidate))
                suggested.Add(candidate);
        }
        var posts = context.Network.PostsOf(profile);
        return new JsonObject
        {
            ["reel"] = Reel(context, profile),
            ["is_live"] = false,
            ["edge_chaining"] = new JsonObject
            {
                ["edges"] = Json.Array(suggested.Select(s => (JsonNode)new JsonObject { ["node"] = ChainingNode(context, s) })),
            },
            ["edge_highlight_reels"] = new JsonObject
            {
                ["edges"] = Json.Array(Enumerable.Range(0, profile.HighlightCount).Select(h => (JsonNode)new JsonObject
                {
                    ["node"] = new JsonObject
                    {
                        ["__typename"] = "GraphHighlightReel",
                        ["id"] = MediaIds.Text(17_900_000_000_000_000L + (long)profile.Index * 10 + h),
                        ["cover_media"] = new JsonObject
                        {
                            ["thumbnail_src"] = posts.Count > 0 ? context.Urls.PostImage(posts[h % posts.Count], 640) : context.Urls.ProfilePicture(profile, 320),
                        },
                        ["cover_media_cropped_thumbnail"] = new JsonObject
                        {
                            ["url"] = posts.Count > 0 ? context.Urls.PostImage(posts[h % posts.Count], 150) : context.Urls.ProfilePicture(profile),
                        },
                        ["owner"] = OwnerRef(context, profile),
                        ["title"] = Vocabulary.HighlightTitles[h % Vocabulary.HighlightTitles.Length],
                    },
                })),
            },
        };
    }

    private static JsonObject ChainingNode(ShapeContext context, SimProfile profile) => new()
    {
        ["id"] = profile.IdText,
        ["blocked_by_viewer"] = false,
        ["restricted_by_viewer"] = false,
        ["followed_by_viewer"] = context.ViewerFollows(profile),
        ["follows_viewer"] = context.FollowsViewer(profile),
        ["full_name"] = profile.FullName,
        ["has_blocked_viewer"] = false,
        ["has_requested_viewer"] = false,
        ["is_private"] = profile.IsPrivate,
        ["is_verified"] = profile.IsVerified,
        ["profile_pic_url"] = context.Urls.ProfilePicture(profile),
        ["requested_by_viewer"] = false,
        ["username"] = profile.Username,
    };
}
