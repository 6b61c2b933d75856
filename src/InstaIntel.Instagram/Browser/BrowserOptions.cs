namespace InstaIntel.Instagram.Browser;

/// <summary>The node's Chromium, bound from <c>InstaIntel:Instagram:Browser</c>.</summary>
public sealed class BrowserOptions
{
    public const string Section = "InstaIntel:Instagram:Browser";

    /// <summary>Debian's Chromium; Playwright's own browser download is never used (nothing is downloaded at run time).</summary>
    public string ExecutablePath { get; set; } = "/usr/bin/chromium";

    public bool Headless { get; set; } = true;

    /// <summary>Browser contexts alive at once (one per active account); the scarce resource of a node.</summary>
    public int MaxContexts { get; set; } = 8;

    /// <summary>A context unused this long is closed to make room.</summary>
    public TimeSpan IdleContextTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Flags that keep Chromium from dialling out on a closed network, and from needing a sandbox or GPU.</summary>
    public string[] Args { get; set; } =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic", "--disable-dev-shm-usage",
    ];

    public void Validate()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"Chromium not found at {ExecutablePath}: install Debian's chromium (apt-get install chromium) or set {Section}:ExecutablePath");
        if (MaxContexts < 1)
            throw new InvalidOperationException($"{Section}:MaxContexts must be at least 1");
    }
}
