namespace InstaIntel.Benchmarks.Runner;

/// <summary>Which way a figure is better: a throughput wants more, a latency or a memory size wants less.</summary>
public enum Better
{
    Higher,
    Lower,
}

/// <summary>
/// One row of a scenario's table: our figure beside the baseline's from the same run, the ratio, and the target it
/// is held against (a ratio of the baseline, or an absolute bound on ours).
/// </summary>
public sealed record Measurement(string Name, double Ours, double? Baseline, string Unit, string Target, bool? Met, Better Better = Better.Higher)
{
    /// <summary>Ours as a share of the baseline (for a latency: baseline / ours, so 1.0 is as fast as the baseline either way).</summary>
    public double? Ratio => Baseline is { } b && b > 0 && Ours > 0
        ? Better == Better.Higher ? Ours / b : b / Ours
        : null;

    /// <summary>Held against a share of the baseline (e.g. ours >= 50% of raw inserts).</summary>
    public static Measurement AgainstBaseline(string name, double ours, double baseline, string unit, double minRatio, Better better = Better.Higher)
    {
        var row = new Measurement(name, ours, baseline, unit, $">= {minRatio:P0} of baseline", null, better);
        return row with { Met = row.Ratio >= minRatio };
    }

    /// <summary>Held against an absolute bound on ours.</summary>
    public static Measurement AgainstBound(string name, double ours, double? baseline, string unit, double bound, Better better)
    {
        var met = better == Better.Higher ? ours >= bound : ours <= bound;
        return new Measurement(name, ours, baseline, unit, $"{(better == Better.Higher ? ">=" : "<=")} {bound:0.###} {unit}", met, better);
    }

    /// <summary>Reported for context, not held against a target.</summary>
    public static Measurement Info(string name, double ours, double? baseline, string unit, Better better = Better.Higher) =>
        new(name, ours, baseline, unit, "-", null, better);
}

/// <summary>What one scenario found: its rows, the runtime counters taken while ours ran, and notes (scale, bottleneck evidence).</summary>
public sealed record ScenarioReport(string Scenario, IReadOnlyList<Measurement> Measurements, IReadOnlyDictionary<string, double> Counters, IReadOnlyList<string> Notes, TimeSpan Elapsed);
