using InstaIntel.Domain.Operations;

namespace InstaIntel.Domain.Tests.Operations;

public sealed class FailureClassifierTests
{
    [Theory]
    [InlineData("AuthenticationRequiredException", "login_required")]
    [InlineData("InstaIntel.Instagram.Errors.ChallengeRequiredException", "checkpoint")]
    [InlineData("AccountLoggedOutException", "the session ended")]
    [InlineData("InvalidOperationException", "Instagram answered login_required for /api/v1/feed")]
    public void Refused_sessions_are_authentication_failures_and_never_retryable(string errorClass, string message)
    {
        var classified = FailureClassifier.Classify(errorClass, message);

        Assert.Equal(new FailureClassification(FailureKind.Authentication, Retryable: false), classified);
    }

    [Fact]
    public void The_throwers_authentication_flag_wins_over_a_transient_looking_error()
    {
        Assert.Equal(FailureKind.Authentication, FailureClassifier.Classify("TimeoutException", "timed out", authentication: true).Kind);
        Assert.Equal(FailureKind.Authentication, FailureClassifier.Classify("RequestRejectedException", "no", httpStatus: 401).Kind);
    }

    [Theory]
    [InlineData("TransientException", "upstream hiccup", null)]
    [InlineData("RateLimitedException", "slow down", 429)]
    [InlineData("System.TimeoutException", "The operation has timed out.", null)]
    [InlineData("HttpRequestException", "Connection refused (127.0.0.1:9)", null)]
    [InlineData("SqliteException", "SQLite Error 5: 'database is locked'.", null)]
    [InlineData("PostgresException", "40P01: deadlock detected", null)]
    [InlineData("RequestRejectedException", "server error", 502)]
    [InlineData("InvalidOperationException", "Too Many Requests", null)]
    public void Timeouts_resets_rate_limits_server_errors_and_lock_contention_are_transient_and_retryable(string errorClass, string message, int? status)
    {
        Assert.Equal(new FailureClassification(FailureKind.Transient, Retryable: true), FailureClassifier.Classify(errorClass, message, httpStatus: status));
    }

    [Theory]
    [InlineData("InvalidOperationException", "the pipeline lost its place", true)]
    [InlineData("MalformedResponseException", "feed: items[0].id missing", true)]
    [InlineData("ArgumentException", "username must not be empty", false)]
    [InlineData("NotSupportedException", "video codec", false)]
    [InlineData("PrivateProfileException", "bob is private", false)]
    [InlineData("ModelIntegrityException", "sha256 mismatch", false)]
    [InlineData("InvalidDataException", "not an image SkiaSharp can decode", false)]
    public void Everything_else_is_runtime_and_retryable_only_when_a_second_run_could_succeed(string errorClass, string message, bool retryable)
    {
        Assert.Equal(new FailureClassification(FailureKind.Runtime, retryable), FailureClassifier.Classify(errorClass, message));
    }

    [Fact]
    public void A_failure_that_cannot_be_reissued_is_never_retryable_whatever_its_kind()
    {
        var report = new FailureReport("http", "POST /api/accounts", "trace-1", "TimeoutException", "timed out", null, DateTime.UtcNow, Reissuable: false);

        Assert.Equal(new FailureClassification(FailureKind.Transient, Retryable: false), report.Classification);
    }
}
