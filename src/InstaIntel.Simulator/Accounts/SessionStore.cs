using System.Collections.Concurrent;
using System.Security.Cryptography;
using InstaIntel.Simulator.Faults;
using InstaIntel.Simulator.Network;

namespace InstaIntel.Simulator.Accounts;

/// <summary>Live sessions by sessionid cookie value. Values are random and never logged.</summary>
public sealed class SessionStore(FaultPlan faults)
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requestsSinceLogin = new(StringComparer.Ordinal);

    internal Session Create(SimProfile profile)
    {
        // Instagram's shape: "<user id>:<random>:<n>", which the cookie header carries as "<user id>%3A...".
        var token = $"{profile.IdText}:{RandomToken(22)}:28";
        var session = new Session(token, profile.Username, profile.Index, RandomToken(32));
        _sessions[token] = session;
        _requestsSinceLogin[profile.Username] = 0;
        return session;
    }

    /// <summary>The session for a cookie value, counting the request against the account's session lifetime.</summary>
    internal Session? Resolve(string? token)
    {
        if (token is null || !_sessions.TryGetValue(token, out var session))
            return null;
        var count = _requestsSinceLogin.AddOrUpdate(session.Username, 1, (_, n) => n + 1);
        if (faults.SessionLimit(session.Username) is { } limit && count > limit)
        {
            ExpireSessionsOf(session.Username);
            return null;
        }
        return session;
    }

    /// <summary>Ends every session of the account: its next request gets login_required.</summary>
    public void ExpireSessionsOf(string username)
    {
        foreach (var (token, session) in _sessions)
        {
            if (session.Username == username)
                _sessions.TryRemove(token, out _);
        }
    }

    internal void End(string token) => _sessions.TryRemove(token, out _);

    public int ActiveSessions(string username) => _sessions.Values.Count(s => s.Username == username);

    internal static string RandomToken(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }
}

/// <summary>A logged-in session.</summary>
internal sealed record Session(string Token, string Username, int ProfileIndex, string CsrfToken);
