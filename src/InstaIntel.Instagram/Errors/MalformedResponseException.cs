namespace InstaIntel.Instagram.Errors;

/// <summary>
/// Valid JSON that is not the expected shape (a required field missing or of the wrong type). Not retried: the same
/// bytes would come back; it is recorded as an issue because it usually means Instagram changed a shape.
/// </summary>
public sealed class MalformedResponseException(string subject, string path, string problem, Exception? innerException = null)
    : InstagramException($"unexpected {subject} response at {path}: {problem}", null, innerException)
{
    /// <summary>What was being read, e.g. <c>followers page</c>.</summary>
    public string Subject { get; } = subject;

    /// <summary>Where in the JSON, e.g. <c>$.data.user.edge_followed_by.edges[3].node.username</c>.</summary>
    public string Path { get; } = path;

    public string Problem { get; } = problem;

    public override InstagramErrorKind Kind => InstagramErrorKind.MalformedResponse;
    public override bool IsRetryable => false;
}
