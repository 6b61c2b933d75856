using System.Text.Json.Nodes;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;
using InstaIntel.Simulator.Recording;
using InstaIntel.Simulator.Shapes;

namespace InstaIntel.Simulator.Api;

/// <summary>Direct messages: the inbox, sending a text, replying to a story.</summary>
internal static class DirectEndpoints
{
    public static RouteGroupBuilder MapDirect(this RouteGroupBuilder api)
    {
        api.MapGet("/api/v1/direct_v2/inbox/", (HttpContext http, SimulatorState state, int? limit, string? cursor) =>
            Inbox(ShapeContext.For(http, state), limit, cursor));
        api.MapPost("/api/v1/direct_v2/threads/broadcast/text/", SendText);
        api.MapPost("/api/v1/direct_v2/threads/broadcast/reel_share/", ReplyToStory);
        return api;
    }

    /// <summary>The viewer's threads, most recent activity first: generated ones, moved on by messages sent since.</summary>
    public static IReadOnlyList<InboxEntry> InboxOf(ShapeContext context)
    {
        var viewer = context.Viewer!;
        var entries = context.Network.ThreadsOf(viewer.Index)
            .ToDictionary(t => t.PartnerIndex, t => new InboxEntry(t.ThreadId, t.PartnerIndex, t.LastActivityAt, t.LastMessage, t.LastFromViewer));
        foreach (var activity in context.Interactions.ThreadActivityOf(viewer.Index))
            entries[activity.PartnerIndex] = new InboxEntry(activity.ThreadId, activity.PartnerIndex, activity.LastActivityAt, activity.LastText, activity.LastFromViewer);
        return entries.Values.OrderByDescending(e => e.LastActivityAt).ThenBy(e => e.ThreadId, StringComparer.Ordinal).ToArray();
    }

    private static IResult Inbox(ShapeContext context, int? limit, string? cursor)
    {
        if (Cursor.Decode(cursor) is not { } offset)
            return ApiErrors.BadRequest("invalid cursor");
        var (page, next) = Cursor.Page(InboxOf(context), offset, Math.Clamp(limit ?? 20, 1, 100));
        return Json.Ok(new JsonObject
        {
            ["viewer"] = MobileUserShapes.ShortUser(context, context.Viewer!),
            ["inbox"] = new JsonObject
            {
                ["threads"] = Json.Array(page.Select(entry => (JsonNode)MobileDirectShapes.Thread(context, entry))),
                ["has_older"] = next is not null,
                ["unseen_count"] = 0,
                ["unseen_count_ts"] = ShapeContext.UnixMicros(context.Now),
                ["oldest_cursor"] = next,
                ["blended_inbox_enabled"] = false,
            },
            ["seq_id"] = 1,
            ["snapshot_at_ms"] = context.Now.ToUnixTimeMilliseconds(),
            ["pending_requests_total"] = 0,
            ["has_pending_top_requests"] = false,
            ["status"] = "ok",
        });
    }

    private static async Task<IResult> SendText(HttpContext http, SimulatorState state)
    {
        var context = ShapeContext.For(http, state);
        if (await FormValues.ReadAsync(http) is not { } form)
            return ApiErrors.BadRequest("expected a form body");
        var text = form.Text("text");
        var recipients = Recipients(context, form.Text("recipient_users"));
        if (text is null)
            return ApiErrors.BadRequest("text is required");
        if (recipients is null)
            return ApiErrors.BadRequest("recipient_users must name known users, e.g. [[\"1000000001\"]]");

        var viewer = context.Viewer!;
        var (threadId, itemId) = (ThreadId(viewer, recipients), state.Interactions.NextItemId());
        var clientContext = form.Text("client_context");
        state.Interactions.RecordMessage(new SentMessage(context.Now, viewer.Username, recipients.Select(r => r.IdText).ToArray(),
            recipients.Select(r => r.Username).ToArray(), text, clientContext, threadId, itemId), viewer.Index, recipients.Select(r => r.Index));
        http.Simulator().Record("send_dm", ("recipients", string.Join(',', recipients.Select(r => r.Username))), ("text", text),
            ("thread_id", threadId), ("client_context", clientContext));
        return Ack(context, threadId, itemId, clientContext);
    }

    private static async Task<IResult> ReplyToStory(HttpContext http, SimulatorState state)
    {
        var context = ShapeContext.For(http, state);
        if (await FormValues.ReadAsync(http) is not { } form)
            return ApiErrors.BadRequest("expected a form body");
        var mediaId = form.Text("media_id");
        var story = MediaIds.ParseMediaId(mediaId) is { } pk ? context.Network.FindStory(pk) : null;
        // Only a live story the viewer may see can be replied to.
        if (story is null || !story.IsActiveAt(context.Now) || !context.CanSeeContent(context.Network.Profile(story.OwnerIndex)))
            return ApiErrors.MediaNotFound();
        var owner = context.Network.Profile(story.OwnerIndex);
        var text = form.Text("text");
        if (text is null)
            return ApiErrors.BadRequest("text is required");
        var recipients = form.Text("recipient_users") is { } json ? Recipients(context, json) : [owner];
        if (recipients is null)
            return ApiErrors.BadRequest("recipient_users must name known users");

        var viewer = context.Viewer!;
        var (threadId, itemId) = (ThreadId(viewer, recipients), state.Interactions.NextItemId());
        var clientContext = form.Text("client_context");
        state.Interactions.RecordStoryReply(new StoryReply(context.Now, viewer.Username, story.MediaId, owner.Username, form.Text("reel_id"),
            recipients.Select(r => r.IdText).ToArray(), text, clientContext, threadId, itemId), viewer.Index, recipients.Select(r => r.Index));
        http.Simulator().Record("story_reply", ("story_id", story.MediaId), ("owner", owner.Username), ("text", text),
            ("thread_id", threadId), ("client_context", clientContext));
        return Ack(context, threadId, itemId, clientContext);
    }

    private static IReadOnlyList<SimProfile>? Recipients(ShapeContext context, string? json)
    {
        var profiles = FormValues.UserIds(json).Select(context.Network.TryFindById).ToArray();
        return profiles.Length == 0 || profiles.Any(p => p is null) ? null : profiles.Select(p => p!).ToArray();
    }

    private static string ThreadId(SimProfile viewer, IReadOnlyList<SimProfile> recipients)
    {
        if (recipients.Count == 1)
            return ContentGenerator.ThreadId(viewer.Index, recipients[0].Index);
        // A group thread: a stable (FNV-1a) hash of its members, so the same group always gets the same id.
        var hash = 14695981039346656037UL;
        foreach (var member in recipients.Select(r => r.Index).Append(viewer.Index).Order())
            hash = unchecked((hash ^ (ulong)member) * 1099511628211UL);
        return $"340282366841710300949129{hash % 1_000_000_000_000_000UL:D15}";
    }

    private static IResult Ack(ShapeContext context, string threadId, string itemId, string? clientContext) => Json.Ok(new JsonObject
    {
        ["action"] = "item_ack",
        ["status_code"] = "200",
        ["payload"] = new JsonObject
        {
            ["client_context"] = clientContext,
            ["item_id"] = itemId,
            ["timestamp"] = ShapeContext.UnixMicros(context.Now).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["thread_id"] = threadId,
        },
        ["status"] = "ok",
    });
}
