using InstaIntel.Instagram.Contracts;

namespace InstaIntel.Instagram.Parsing;

/// <summary>
/// Parses a page of the direct inbox (mobile <c>direct_v2/inbox</c>): <c>inbox.threads[]</c> with <c>thread_id</c>,
/// <c>users</c>, <c>last_activity_at</c> (microseconds), and <c>oldest_cursor</c> / <c>has_older</c>.
/// </summary>
public static class InboxParser
{
    public static Page<InboxThread> Parse(string? body) => InstagramJson.Parse(body, "inbox", root =>
    {
        var inbox = root.Object("inbox");
        var threads = inbox.Array("threads").Select(thread => new InboxThread(
                thread.RequireObject().Id("thread_id", "id"),
                thread.OptionalArray("users").Select(UserReader.Read).ToList(),
                thread.Time("last_activity_at")))
            .ToList();
        return PageReader.Mobile(inbox, threads, inbox.Cursor("oldest_cursor"), inbox.Bool("has_older"), null);
    });
}
