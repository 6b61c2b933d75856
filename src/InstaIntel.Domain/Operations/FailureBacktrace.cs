namespace InstaIntel.Domain.Operations;

/// <summary>Backtraces are kept short: the frames nearest the throw say what broke; the rest is noise in a table.</summary>
public static class FailureBacktrace
{
    public const int MaxLines = 30;
    public const int MaxChars = 4000;

    public static string? Trim(string? stackTrace)
    {
        if (string.IsNullOrWhiteSpace(stackTrace)) return null;
        var lines = stackTrace.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.TrimEnd('\r'))
            .ToList();
        var kept = string.Join('\n', lines.Take(MaxLines));
        if (lines.Count > MaxLines) kept += $"\n   ... {lines.Count - MaxLines} more frames";
        return kept.Length <= MaxChars ? kept : kept[..MaxChars];
    }
}
