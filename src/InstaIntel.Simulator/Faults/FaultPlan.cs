namespace InstaIntel.Simulator.Faults;

/// <summary>The faults in force: rules from configuration plus those tests add at run time, and per-account session
/// lifetimes counted in requests.</summary>
public sealed class FaultPlan
{
    private readonly Lock _lock = new();
    private readonly List<ActiveRule> _rules = [];
    private readonly Dictionary<string, int> _sessionLimits = new(StringComparer.Ordinal);

    public FaultPlan(FaultOptions options)
    {
        foreach (var rule in options.Rules)
            Add(rule);
        foreach (var (account, limit) in options.SessionExpiresAfterRequests)
            ExpireSessionAfterRequests(account, limit);
    }

    /// <summary>Adds a rule; throws <see cref="FormatException"/> for a bad fault text.</summary>
    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var specs = FaultSpec.ParseList(rule.Fault);
        if (rule.EveryNth < 1 || rule.Skip < 0 || rule.Times < 0)
            throw new FormatException("a fault rule needs EveryNth >= 1, Skip >= 0 and Times >= 0");
        lock (_lock)
            _rules.Add(new ActiveRule(rule, specs));
    }

    /// <summary>Shorthand: the given fault for the next <paramref name="times"/> matching requests.</summary>
    public void Add(string fault, string? pathPrefix = null, string? account = null, int? times = null) =>
        Add(new FaultRule { Fault = fault, PathPrefix = pathPrefix, Account = account, Times = times });

    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
            _sessionLimits.Clear();
        }
    }

    /// <summary>The account's sessions die after <paramref name="requests"/> authenticated requests.</summary>
    public void ExpireSessionAfterRequests(string account, int requests)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        lock (_lock)
            _sessionLimits[account] = requests;
    }

    internal int? SessionLimit(string account)
    {
        lock (_lock)
            return _sessionLimits.TryGetValue(account, out var limit) ? limit : null;
    }

    internal IReadOnlyList<FaultSpec> Match(string method, string path, string? account)
    {
        lock (_lock)
        {
            var fired = new List<FaultSpec>();
            foreach (var rule in _rules)
            {
                if (rule.Fires(method, path, account))
                    fired.AddRange(rule.Specs);
            }
            // Rules may overlap; one error response wins (the first), delays and truncation add up.
            var firstTerminal = fired.FirstOrDefault(spec => spec.IsTerminal);
            return fired.Where(spec => !spec.IsTerminal || ReferenceEquals(spec, firstTerminal)).ToArray();
        }
    }

    private sealed class ActiveRule(FaultRule rule, IReadOnlyList<FaultSpec> specs)
    {
        private int _matched;
        private int _applied;

        public IReadOnlyList<FaultSpec> Specs { get; } = specs;

        public bool Fires(string method, string path, string? account)
        {
            if (rule.PathPrefix is { } prefix && !path.StartsWith(prefix, StringComparison.Ordinal))
                return false;
            if (rule.Method is { } m && !m.Equals(method, StringComparison.OrdinalIgnoreCase))
                return false;
            if (rule.Account is { } a && a != account)
                return false;
            _matched++;
            if (_matched <= rule.Skip || (_matched - rule.Skip - 1) % rule.EveryNth != 0)
                return false;
            if (rule.Times is { } times && _applied >= times)
                return false;
            _applied++;
            return true;
        }
    }
}
