using InstaIntel.Instagram.Errors;

namespace InstaIntel.Instagram.Contracts;

/// <summary>Whether a session still works; a dead session is an answer here, not an exception.</summary>
public sealed record SessionValidation(SessionState State, CurrentUser? User, string? ChallengeUrl = null)
{
    public bool IsValid => State == SessionState.Valid;

    public static SessionValidation Valid(CurrentUser user) => new(SessionState.Valid, user);

    /// <summary>
    /// Turns the errors that answer "is this session alive?" into a result; returns null for every other error
    /// (rate limits, transient failures), which the caller rethrows because they say nothing about the session.
    /// </summary>
    public static SessionValidation? FromError(InstagramException error) => error switch
    {
        AuthenticationRequiredException => new(SessionState.LoggedOut, null),
        ChallengeRequiredException challenge => new(SessionState.ChallengeRequired, null, challenge.ChallengeUrl),
        _ => null,
    };
}

public enum SessionState
{
    Valid,
    LoggedOut,
    ChallengeRequired,
}
