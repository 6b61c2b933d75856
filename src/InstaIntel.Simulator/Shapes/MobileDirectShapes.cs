using System.Text.Json.Nodes;
using InstaIntel.Simulator.Network;

namespace InstaIntel.Simulator.Shapes;

/// <summary>direct_v2 inbox threads, in the mobile shape documented by dilame/instagram-private-api
/// (src/responses/direct-inbox.feed.response.ts). Timestamps there are microseconds, as Instagram sends them.</summary>
internal static class MobileDirectShapes
{
    public static JsonObject Thread(ShapeContext context, InboxEntry entry)
    {
        var viewer = context.Viewer!;
        var partner = context.Network.Profile(entry.PartnerIndex);
        var micros = ShapeContext.UnixMicros(entry.LastActivityAt);
        var partnerUser = MobileUserShapes.User(context, partner);
        return new JsonObject
        {
            ["thread_id"] = entry.ThreadId,
            ["thread_v2_id"] = MediaIds.Text(17_840_000_000_000_000L + Math.Min(viewer.Index, partner.Index) * 1_000_000L + Math.Max(viewer.Index, partner.Index)),
            ["users"] = new JsonArray(partnerUser),
            ["left_users"] = new JsonArray(),
            ["admin_user_ids"] = new JsonArray(),
            ["items"] = new JsonArray(new JsonObject
            {
                ["item_id"] = MediaIds.Text(29_500_000_000_000_000L + micros % 1_000_000_000_000L),
                ["user_id"] = entry.LastFromViewer ? viewer.Id : partner.Id,
                ["timestamp"] = micros,
                ["item_type"] = "text",
                ["text"] = entry.LastText,
            }),
            ["last_activity_at"] = micros,
            ["muted"] = false,
            ["is_pin"] = false,
            ["named"] = false,
            ["canonical"] = true,
            ["pending"] = false,
            ["archived"] = false,
            ["thread_type"] = "private",
            ["viewer_id"] = viewer.Id,
            ["thread_title"] = partner.Username,
            ["is_group"] = false,
            ["inviter"] = MobileUserShapes.ShortUser(context, viewer),
            ["has_older"] = false,
            ["has_newer"] = false,
        };
    }
}

/// <summary>One inbox row: a generated thread, possibly moved on by messages sent through the simulator.</summary>
internal sealed record InboxEntry(string ThreadId, int PartnerIndex, DateTimeOffset LastActivityAt, string LastText, bool LastFromViewer);
