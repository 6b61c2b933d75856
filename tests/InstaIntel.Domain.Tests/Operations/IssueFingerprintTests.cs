using InstaIntel.Domain.Operations;

namespace InstaIntel.Domain.Tests.Operations;

public sealed class IssueFingerprintTests
{
    [Fact]
    public void Numbers_of_two_or_more_digits_and_hex_runs_are_masked_so_variable_parts_group_together()
    {
        Assert.Equal("request <n> for media <hex> failed after <n> ms (attempt 3)",
            IssueFingerprint.NormalizeMessage("request 4711 for media 3fa9c0d1e2b4 failed after 12345678 ms (attempt 3)"));
        Assert.Equal(
            IssueFingerprint.NormalizeMessage("timed out after 30 s on story 31415926"),
            IssueFingerprint.NormalizeMessage("timed out after 45 s on story 27182818"));
    }

    [Fact]
    public void The_key_is_cut_at_180_characters_and_authentication_failures_share_one_key()
    {
        Assert.Equal(180, IssueFingerprint.NormalizeMessage(new string('x', 500)).Length);
        Assert.Equal("authentication_required", IssueFingerprint.Key(FailureKind.Authentication, "login_required 42"));
        Assert.Equal("boom <n>", IssueFingerprint.Key(FailureKind.Runtime, "boom 42"));
    }

    [Fact]
    public void The_fingerprint_is_the_sha256_of_the_five_parts_and_changes_with_each_of_them()
    {
        var fingerprint = IssueFingerprint.Compute("job_failure", "story-ingestion", "alice", null, "boom <n>");

        // echo -n 'job_failure|story-ingestion|alice||boom <n>' | sha256sum
        Assert.Equal(System.Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("job_failure|story-ingestion|alice||boom <n>"u8)), fingerprint);
        Assert.Matches("^[0-9a-f]{64}$", fingerprint);
        Assert.NotEqual(fingerprint, IssueFingerprint.Compute("job_failure", "feed-engagement", "alice", null, "boom <n>"));
        Assert.NotEqual(fingerprint, IssueFingerprint.Compute("job_failure", "story-ingestion", "bob", null, "boom <n>"));
        Assert.NotEqual(fingerprint, IssueFingerprint.Compute("job_failure", "story-ingestion", "alice", "carol", "boom <n>"));
    }

    [Fact]
    public void Failures_differing_only_in_numbers_are_one_issue_and_refused_sessions_are_critical()
    {
        var at = DateTime.UtcNow;
        var first = IssueReport.For(new FailureReport("StoryIngestionActor", "story-ingestion", "r1", "TransientException", "reel 1234 timed out", null, at, "alice"));
        var second = IssueReport.For(new FailureReport("StoryIngestionActor", "story-ingestion", "r2", "TransientException", "reel 9876 timed out", null, at, "alice"));
        var auth = IssueReport.For(new FailureReport("StoryIngestionActor", "story-ingestion", "r3", "AuthenticationRequiredException", "login_required", null, at, "alice"));

        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.Equal((IssueSeverity.Error, "job_failure"), (first.Severity, first.IssueType));
        Assert.Equal((IssueSeverity.Critical, "authentication_required"), (auth.Severity, auth.IssueType));
        Assert.NotEqual(first.Fingerprint, auth.Fingerprint);
    }

    [Fact]
    public void Backtraces_keep_the_frames_nearest_the_throw()
    {
        var trace = string.Join('\n', Enumerable.Range(1, 100).Select(i => $"   at Frame{i}()"));

        var trimmed = FailureBacktrace.Trim(trace)!;

        Assert.StartsWith("   at Frame1()", trimmed);
        Assert.Contains("   at Frame30()", trimmed);
        Assert.DoesNotContain("Frame31()", trimmed);
        Assert.EndsWith("... 70 more frames", trimmed);
        Assert.Null(FailureBacktrace.Trim("  "));
    }
}
