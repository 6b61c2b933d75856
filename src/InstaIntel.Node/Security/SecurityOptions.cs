namespace InstaIntel.Node.Security;

/// <summary>Bound from <c>InstaIntel:Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "InstaIntel:Security";

    /// <summary>Extra accepted keys, as <c>sha256:&lt;hex&gt;</c> hashes (e.g. from a secret store); keys in <c>api_keys</c> are always accepted.</summary>
    public string[] ApiKeyHashes { get; set; } = [];

    /// <summary>When no key exists at all, create one at start and print it once.</summary>
    public bool CreateFirstKey { get; set; } = true;

    /// <summary>Serve <c>/api/admin</c> only to callers on the loopback interface.</summary>
    public bool AdminLoopbackOnly { get; set; }

    /// <summary>The largest request body accepted (a session export is a few KB; 1 MiB leaves room).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long the node trusts its cached list of key hashes before reading <c>api_keys</c> again (revocation delay).</summary>
    public TimeSpan KeyCacheLifetime { get; set; } = TimeSpan.FromSeconds(15);
}
