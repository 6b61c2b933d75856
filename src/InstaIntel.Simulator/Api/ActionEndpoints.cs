using System.Globalization;
using System.Text.Json.Nodes;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;
using InstaIntel.Simulator.Recording;
using InstaIntel.Simulator.Shapes;

namespace InstaIntel.Simulator.Api;

/// <summary>Writes on posts and stories: like, comment, mark seen.</summary>
internal static class ActionEndpoints
{
    public static RouteGroupBuilder MapActions(this RouteGroupBuilder api)
    {
        api.MapPost("/api/v1/web/likes/{mediaId}/like/", Like);
        api.MapPost("/api/v1/web/comments/{mediaId}/add/", Comment);
        api.MapPost("/api/v1/stories/reel/seen", MarkSeen);
        return api;
    }

    private static SimPost? VisiblePost(ShapeContext context, string mediaId) =>
        MediaIds.ParseMediaId(mediaId) is { } pk && context.Network.FindPost(pk) is { } post
        && context.CanSeeContent(context.Network.Profile(post.OwnerIndex))
            ? post
            : null;

    private static IResult Like(HttpContext http, SimulatorState state, string mediaId)
    {
        var context = ShapeContext.For(http, state);
        if (VisiblePost(context, mediaId) is not { } post)
            return ApiErrors.MediaNotFound();
        var viewer = context.Viewer!;
        state.Interactions.RecordLike(new LikedMedia(context.Now, viewer.Username, mediaId, post.Pk), viewer.Index);
        http.Simulator().Record("like", ("media_id", mediaId));
        return Json.Ok(Json.Status());
    }

    private static async Task<IResult> Comment(HttpContext http, SimulatorState state, string mediaId)
    {
        var context = ShapeContext.For(http, state);
        if (VisiblePost(context, mediaId) is not { } post)
            return ApiErrors.MediaNotFound();
        var text = (await FormValues.ReadAsync(http))?.Text("comment_text");
        if (text is null)
            return ApiErrors.BadRequest("comment_text is required");
        var viewer = context.Viewer!;
        var comment = state.Interactions.RecordComment(viewer.Index, post.Pk, mediaId, viewer.Username, text, context.Now);
        http.Simulator().Record("comment", ("media_id", mediaId), ("text", text), ("comment_id", comment.PkText));
        return Json.Ok(new JsonObject
        {
            ["id"] = comment.PkText,
            ["text"] = text,
            ["created_time"] = ShapeContext.Unix(comment.CreatedAt),
            ["from"] = new JsonObject
            {
                ["id"] = viewer.IdText,
                ["username"] = viewer.Username,
                ["full_name"] = viewer.FullName,
                ["profile_picture"] = context.Urls.ProfilePicture(viewer),
            },
            ["status"] = "ok",
        });
    }

    private static async Task<IResult> MarkSeen(HttpContext http, SimulatorState state)
    {
        var context = ShapeContext.For(http, state);
        if (await FormValues.ReadAsync(http) is not { } form)
            return ApiErrors.BadRequest("expected a form body");
        var mediaId = form.Text("reelMediaId");
        var story = MediaIds.ParseMediaId(mediaId) is { } pk ? context.Network.FindStory(pk) : null;
        if (story is null)
            return ApiErrors.MediaNotFound();
        var ownerId = form.Text("reelMediaOwnerId");
        if (ownerId is not null && ownerId != MediaIds.Text(MediaIds.UserId(story.OwnerIndex)))
            return ApiErrors.BadRequest("reelMediaOwnerId does not own reelMediaId");
        var viewer = context.Viewer!;
        var takenAt = ShapeContext.Unix(story.TakenAt);
        state.Interactions.RecordSeen(new SeenStory(context.Now, viewer.Username, story.MediaId, story.Pk, ownerId, Long(form.Text("reelMediaTakenAt")),
            Long(form.Text("viewSeenAt"))), viewer.Index, story.OwnerIndex, takenAt);
        http.Simulator().Record("story_seen", ("story_id", story.MediaId), ("owner", context.Network.UsernameAt(story.OwnerIndex)));
        return Json.Ok(Json.Status());
    }

    private static long? Long(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
