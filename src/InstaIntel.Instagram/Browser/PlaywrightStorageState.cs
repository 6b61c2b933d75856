using System.Text.Json;
using System.Text.Json.Serialization;
using InstaIntel.Instagram.Sessions;

namespace InstaIntel.Instagram.Browser;

/// <summary>Converts a session bundle to and from Playwright's storage-state JSON (cookies + per-origin local storage).</summary>
internal static class PlaywrightStorageState
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <param name="origin">The Instagram origin (the client's base URL) the bundle's local storage belongs to.</param>
    public static string From(SessionBundle bundle, string origin)
    {
        var state = new State(
            bundle.Cookies.Select(c => new StateCookie(c.Name, c.Value, c.Domain, c.Path, c.Expires, c.HttpOnly, c.Secure, NormaliseSameSite(c.SameSite))).ToList(),
            bundle.LocalStorage.Count == 0
                ? []
                : [new StateOrigin(origin, bundle.LocalStorage.Select(e => new StateEntry(e.Key, e.Value)).ToList())]);
        return JsonSerializer.Serialize(state, Json);
    }

    public static (IReadOnlyList<SessionCookie> Cookies, IReadOnlyList<StorageEntry> LocalStorage) Parse(string storageState)
    {
        var state = JsonSerializer.Deserialize<State>(storageState, Json) ?? new State([], []);
        var cookies = state.Cookies.Select(c => new SessionCookie(c.Name, c.Value, c.Domain, c.Path, c.Expires, c.HttpOnly, c.Secure, c.SameSite)).ToList();
        var local = state.Origins.SelectMany(o => o.LocalStorage).Select(e => new StorageEntry(e.Name, e.Value)).ToList();
        return (cookies, local);
    }

    private static string NormaliseSameSite(string? sameSite) => sameSite?.ToLowerInvariant() switch
    {
        "strict" => "Strict",
        "none" or "no_restriction" => "None",
        _ => "Lax",
    };

    private sealed record State(List<StateCookie> Cookies, List<StateOrigin> Origins);

    private sealed record StateCookie(string Name, string Value, string Domain, string Path, double Expires, bool HttpOnly, bool Secure, string SameSite);

    private sealed record StateOrigin(string Origin, List<StateEntry> LocalStorage);

    private sealed record StateEntry(string Name, string Value);
}
