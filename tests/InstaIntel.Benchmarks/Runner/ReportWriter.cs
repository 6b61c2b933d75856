using System.Globalization;
using System.Text;
using System.Text.Json;
using InstaIntel.Testing;

namespace InstaIntel.Benchmarks.Runner;

/// <summary>Prints a scenario's table to the console and writes every report of the run as JSON under artifacts/benchmarks/.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Table(ScenarioReport report)
    {
        var rows = report.Measurements.Select(m => new[]
        {
            m.Name, Format(m.Ours) + " " + m.Unit, m.Baseline is { } b ? Format(b) + " " + m.Unit : "-",
            m.Ratio is { } r ? r.ToString("P0", CultureInfo.InvariantCulture) : "-", m.Target, m.Met switch { true => "yes", false => "NO", null => "-" },
        }).ToList();
        string[] header = ["measure", "ours", "baseline", "ratio", "target", "met?"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        text.AppendLine($"== {report.Scenario} ({report.Elapsed.TotalSeconds:0.0} s)");
        text.AppendLine(string.Join(" | ", header.Select((h, i) => h.PadRight(widths[i]))));
        text.AppendLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
            text.AppendLine(string.Join(" | ", row.Select((c, i) => c.PadRight(widths[i]))));
        text.AppendLine("counters: " + string.Join(", ", report.Counters.Select(c => $"{c.Key}={c.Value.ToString(CultureInfo.InvariantCulture)}")));
        foreach (var note in report.Notes)
            text.AppendLine("note: " + note);
        return text.ToString();
    }

    /// <returns>The path of the JSON file written.</returns>
    public static string WriteJson(IReadOnlyList<ScenarioReport> reports)
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "artifacts", "benchmarks");
        Directory.CreateDirectory(folder);
        var document = new
        {
            Machine = new { Environment.ProcessorCount, Os = Environment.OSVersion.VersionString, Runtime = Environment.Version.ToString() },
            At = DateTime.UtcNow,
            Scenarios = reports.Select(r => new
            {
                r.Scenario,
                ElapsedSeconds = Math.Round(r.Elapsed.TotalSeconds, 1),
                Measurements = r.Measurements.Select(m => new { m.Name, m.Ours, m.Baseline, m.Ratio, m.Unit, m.Target, m.Met }),
                r.Counters,
                r.Notes,
            }),
        };
        var name = $"{string.Join("+", reports.Select(r => r.Scenario))}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json";
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, JsonSerializer.Serialize(document, Json));
        return path;
    }

    private static string Format(double value) =>
        Math.Abs(value) >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture);
}
