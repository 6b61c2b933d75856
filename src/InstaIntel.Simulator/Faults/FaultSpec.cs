using System.Globalization;
using System.Text;

namespace InstaIntel.Simulator.Faults;

/// <summary>
/// One fault and its parameters, written as <c>kind[;name=value]*</c>, e.g. <c>rate_limit;retry_after=2</c>. Several
/// are separated by commas: <c>slow;delay_ms=300,truncated</c>.
/// </summary>
public sealed record FaultSpec(FaultKind Kind, IReadOnlyDictionary<string, string> Parameters)
{
    private static readonly Dictionary<string, FaultKind> KindsByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rate_limit"] = FaultKind.RateLimit,
        ["login_required"] = FaultKind.LoginRequired,
        ["checkpoint_required"] = FaultKind.CheckpointRequired,
        ["challenge_required"] = FaultKind.ChallengeRequired,
        ["feedback_required"] = FaultKind.FeedbackRequired,
        ["server_error"] = FaultKind.ServerError,
        ["slow"] = FaultKind.Slow,
        ["truncated"] = FaultKind.Truncated,
    };

    public static string NameOf(FaultKind kind) => KindsByName.First(entry => entry.Value == kind).Key;

    /// <summary>Parses a fault list; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static IReadOnlyList<FaultSpec> ParseList(string text)
    {
        var specs = new List<FaultSpec>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            specs.Add(Parse(part));
        if (specs.Count == 0)
            throw new FormatException("empty fault list");
        if (specs.Count(spec => spec.IsTerminal) > 1)
            throw new FormatException($"'{text}' names more than one error response; combine at most one with slow or truncated");
        return specs;
    }

    public static FaultSpec Parse(string text)
    {
        var parts = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || !KindsByName.TryGetValue(parts[0], out var kind))
            throw new FormatException($"unknown fault '{text}'; known: {string.Join(", ", KindsByName.Keys)}");
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in parts[1..])
        {
            var equals = parameter.IndexOf('=');
            if (equals <= 0)
                throw new FormatException($"fault parameter '{parameter}' is not name=value");
            parameters[parameter[..equals].Trim()] = parameter[(equals + 1)..].Trim();
        }
        var spec = new FaultSpec(kind, parameters);
        spec.Validate();
        return spec;
    }

    /// <summary>Faults that replace the response (all but slow and truncated).</summary>
    public bool IsTerminal => Kind is not (FaultKind.Slow or FaultKind.Truncated);

    public int RetryAfterSeconds => Int("retry_after", 60, 0, 86_400);
    public int DelayMilliseconds => Int("delay_ms", 2_000, 0, 600_000);
    public int Status => Kind switch
    {
        FaultKind.ServerError => Int("status", 500, 500, 599),
        FaultKind.LoginRequired => Int("status", 403, 401, 403),
        _ => 0,
    };
    public double KeepFraction => Double("keep", 0.5, 0, 0.99);
    public bool EmptyBody => Parameters.TryGetValue("body", out var body) && body.Equals("empty", StringComparison.OrdinalIgnoreCase);

    private void Validate()
    {
        var allowed = Kind switch
        {
            FaultKind.RateLimit => ["retry_after"],
            FaultKind.LoginRequired => ["status"],
            FaultKind.ServerError => ["status", "body"],
            FaultKind.Slow => ["delay_ms"],
            FaultKind.Truncated => new[] { "keep" },
            _ => [],
        };
        foreach (var name in Parameters.Keys)
        {
            if (!allowed.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new FormatException($"fault {NameOf(Kind)} takes no parameter '{name}' (takes: {(allowed.Length == 0 ? "none" : string.Join(", ", allowed))})");
        }
        // Reading every typed parameter once checks its range now, at parse time, instead of mid-request.
        _ = (RetryAfterSeconds, DelayMilliseconds, Status, KeepFraction);
    }

    private int Int(string name, int fallback, int min, int max)
    {
        if (!Parameters.TryGetValue(name, out var text))
            return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new FormatException($"fault parameter {name}={text} must be an integer in {min}..{max}");
        return value;
    }

    private double Double(string name, double fallback, double min, double max)
    {
        if (!Parameters.TryGetValue(name, out var text))
            return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new FormatException($"fault parameter {name}={text} must be a number in {min}..{max}");
        return value;
    }

    public override string ToString()
    {
        var text = new StringBuilder(NameOf(Kind));
        foreach (var (name, value) in Parameters)
            text.Append(';').Append(name).Append('=').Append(value);
        return text.ToString();
    }
}
