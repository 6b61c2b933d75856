using System.Text.Json.Nodes;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Shapes;

namespace InstaIntel.Simulator.Api;

/// <summary>The session's own account and profile pages' data.</summary>
internal static class UserEndpoints
{
    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder api)
    {
        api.MapGet("/api/v1/accounts/current_user/", (HttpContext http, SimulatorState state) =>
        {
            var context = ShapeContext.For(http, state);
            var viewer = context.Viewer!;
            var user = MobileUserShapes.User(context, viewer, withFriendship: false);
            user["biography"] = viewer.Biography;
            user["external_url"] = viewer.ExternalUrl ?? "";
            user["is_business"] = viewer.IsBusiness;
            user["email"] = $"{viewer.Username}@simulator.invalid";
            return Json.Ok(new JsonObject { ["user"] = user, ["status"] = "ok" });
        });

        api.MapGet("/api/v1/users/web_profile_info/", (HttpContext http, SimulatorState state, string? username) =>
        {
            var context = ShapeContext.For(http, state);
            if (context.Network.TryFind(username) is not { } profile)
                return ApiErrors.UserNotFound();
            return Json.Ok(new JsonObject
            {
                ["data"] = new JsonObject { ["user"] = GraphUserShapes.ProfileUser(context, profile) },
                ["status"] = "ok",
            });
        });
        return api;
    }
}
