using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;

namespace InstaIntel.Instagram.Tests.Contracts;

public sealed class SessionValidationTests
{
    [Fact]
    public void Logged_out_and_challenge_are_answers_other_errors_are_not()
    {
        Assert.Equal(SessionState.LoggedOut, SessionValidation.FromError(new AuthenticationRequiredException("login_required"))!.State);
        var challenge = SessionValidation.FromError(new ChallengeRequiredException("checkpoint_required", "/challenge/1/a/"))!;
        Assert.Equal(SessionState.ChallengeRequired, challenge.State);
        Assert.Equal("/challenge/1/a/", challenge.ChallengeUrl);
        Assert.False(challenge.IsValid);
        Assert.Null(SessionValidation.FromError(new RateLimitedException(null)));
        Assert.Null(SessionValidation.FromError(new TransientException("500")));
        Assert.True(SessionValidation.Valid(new CurrentUser("1", "me", null, null, null)).IsValid);
    }
}
