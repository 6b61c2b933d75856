namespace InstaIntel.Simulator.Faults;

/// <summary>The faults the simulator can inject; the names in <see cref="FaultSpec"/> text are snake_case.</summary>
public enum FaultKind
{
    /// <summary>429 "Please wait a few minutes" with Retry-After (param retry_after, seconds, default 60).</summary>
    RateLimit,

    /// <summary>403 (param status=401 for 401) login_required; HTML pages get a 302 to the login page.</summary>
    LoginRequired,

    /// <summary>400 checkpoint_required with checkpoint_url.</summary>
    CheckpointRequired,

    /// <summary>400 challenge_required (the captured login challenge).</summary>
    ChallengeRequired,

    /// <summary>400 feedback_required (action blocked).</summary>
    FeedbackRequired,

    /// <summary>500 (param status=500..599) with an HTML body (param body=empty for none).</summary>
    ServerError,

    /// <summary>Delays the response (param delay_ms, default 2000) and then serves it normally.</summary>
    Slow,

    /// <summary>Serves 200 with the body cut short (param keep, the kept fraction, default 0.5).</summary>
    Truncated,
}
