namespace InstaIntel.Cli;

/// <summary>What <c>instaintel</c> exits with; scripts can tell "the node said no" from "no node".</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The node answered with an error (a problem details body: 400, 404, 409, 5xx).</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong (unknown command, bad option, unreadable key file).</summary>
    public const int Usage = 2;

    /// <summary>No answer from the node (connection refused, timeout).</summary>
    public const int Unreachable = 3;

    /// <summary>The node refused the API key (401), or the caller (403: admin bound to loopback).</summary>
    public const int Unauthorized = 4;
}

/// <summary>A failure the CLI explains in one message and an exit code.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
