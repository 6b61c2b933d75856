using InstaIntel.Instagram.Contracts;

namespace InstaIntel.Instagram.Parsing;

/// <summary>
/// Parses the answers of actions and login. An error body (<c>"status":"fail"</c>, <c>feedback_required</c>, ...)
/// raises its typed error; anything else without <c>"status":"ok"</c> is malformed.
/// </summary>
public static class ActionResultParser
{
    /// <summary>Like, mark seen, follow: <c>{"status":"ok"}</c>, extra fields allowed.</summary>
    public static void EnsureOk(string? body) => InstagramJson.Parse(body, "action result", root =>
    {
        RequireOk(root);
        return true;
    });

    /// <summary>Direct message and story reply: <c>{"status":"ok","payload":{thread_id, item_id, timestamp}}</c>.</summary>
    public static DirectMessageSent ParseDirectMessage(string? body) => InstagramJson.Parse(body, "direct message receipt", root =>
    {
        RequireOk(root);
        var payload = root.OptionalObject("payload");
        return new DirectMessageSent(payload?.OptionalId("thread_id"), payload?.OptionalId("item_id"), payload?.Time("timestamp"));
    });

    /// <summary>Comment on a post: <c>{"id","text","created_time","from":{...},"status":"ok"}</c>.</summary>
    public static PostedComment ParsePostedComment(string? body) => InstagramJson.Parse(body, "comment receipt", root =>
    {
        RequireOk(root);
        return new PostedComment(root.Id("id", "pk"), root.OptionalString("text"), root.Time("created_time") ?? root.Time("created_at"));
    });

    /// <summary>Web login: <c>{"authenticated":bool,"user":bool,"userId":"...","status":"ok"}</c>.</summary>
    public static LoginResult ParseLogin(string? body) => InstagramJson.Parse(body, "login result", root =>
    {
        RequireOk(root);
        var authenticated = root.Bool("authenticated") ?? throw root.Malformed("no authenticated flag");
        return new LoginResult(authenticated, root.Bool("user") ?? false, root.OptionalId("userId", "user_id"));
    });

    private static void RequireOk(JsonCursor root)
    {
        if (root.OptionalString("status") != "ok") throw root.Malformed("status is not ok");
    }
}
