namespace InstaIntel.Domain.Accounts;

/// <summary><c>instagram_accounts.continuous_processing_state</c>.</summary>
public enum ContinuousProcessingState
{
    Idle,
    Running,
    Paused,
}

/// <summary><c>instagram_accounts.login_state</c>.</summary>
public enum LoginState
{
    NotAuthenticated,
    Authenticated,
    /// <summary>A session existed and Instagram rejected it (login_required, expired, checkpoint).</summary>
    AuthenticationRequired,
}
