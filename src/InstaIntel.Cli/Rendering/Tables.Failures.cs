using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace InstaIntel.Cli.Rendering;

// failures and issues: one row each, the long text cut so the columns stay aligned; show prints everything.
public static partial class Tables
{
    public const int MessageWidth = 60;

    public static IRenderable Failures(FailureList list)
    {
        var table = Plain("ID", "OCCURRED (UTC)", "KIND", "RETRY", "QUEUE", "ACCOUNT", "ERROR");
        table.Columns[0].RightAligned();
        foreach (var failure in list.Failures)
        {
            table.AddRow(
                Cell(failure.Id.ToString(CultureInfo.InvariantCulture)),
                Cell(Time(failure.OccurredAt)),
                Cell(failure.Kind),
                Cell(failure.Retryable ? $"yes ({failure.RetryAttempts})" : "no"),
                Cell(failure.Queue ?? failure.JobClass),
                Cell(failure.Account ?? "-"),
                Cell(Cut($"{failure.ErrorClass}: {failure.ErrorMessage}")));
        }
        return new Rows(table, new Text($"{list.Failures.Count} failures, {list.Failures.Count(f => f.Retryable)} retryable"));
    }

    public static IRenderable Failure(Failure failure)
    {
        var grid = Details();
        void Row(string name, string value) => grid.AddRow(Cell(name), Cell(value));
        Row("id", failure.Id.ToString(CultureInfo.InvariantCulture));
        Row("occurred", Time(failure.OccurredAt));
        Row("work", failure.JobClass);
        Row("queue", failure.Queue ?? "-");
        Row("correlation id", failure.CorrelationId);
        Row("account", failure.Account ?? "-");
        Row("kind", failure.Kind);
        Row("retryable", failure.Retryable ? "yes" : "no");
        Row("retry attempts", Count(failure.RetryAttempts));
        Row("last retry", failure.LastRetryAt is null ? "-" : $"{Time(failure.LastRetryAt)} {failure.LastRetryOutcome}");
        Row("error", $"{failure.ErrorClass}: {failure.ErrorMessage}");
        Row("metadata", failure.Metadata?.ToJsonString() ?? "-");
        Row("backtrace", failure.Backtrace ?? "-");
        return grid;
    }

    public static IRenderable Retry(RetryResult result) =>
        Line($"failure {result.FailureId}: {result.Outcome}: {result.Detail}");

    public static IRenderable Issues(IssueList list)
    {
        var table = Plain("ID", "SEVERITY", "STATUS", "COUNT", "LAST SEEN (UTC)", "TYPE", "SOURCE", "TITLE");
        table.Columns[0].RightAligned();
        table.Columns[3].RightAligned();
        foreach (var issue in list.Issues)
        {
            table.AddRow(
                Cell(issue.Id.ToString(CultureInfo.InvariantCulture)),
                Cell(issue.Severity),
                Cell(issue.Status),
                Cell(Count(issue.Occurrences)),
                Cell(Time(issue.LastSeenAt)),
                Cell(issue.IssueType),
                Cell(issue.Source),
                Cell(Cut(issue.Title)));
        }
        return new Rows(table, new Text($"{list.Issues.Count} issues, {list.Issues.Count(i => i.Status == "open")} open"));
    }

    public static IRenderable Issue(Issue issue)
    {
        var grid = Details();
        void Row(string name, string value) => grid.AddRow(Cell(name), Cell(value));
        Row("id", issue.Id.ToString(CultureInfo.InvariantCulture));
        Row("title", issue.Title);
        Row("type", issue.IssueType);
        Row("source", issue.Source);
        Row("severity", issue.Severity);
        Row("status", issue.Status);
        Row("occurrences", Count(issue.Occurrences));
        Row("first seen", Time(issue.FirstSeenAt));
        Row("last seen", Time(issue.LastSeenAt));
        Row("resolved", Time(issue.ResolvedAt));
        Row("resolution notes", issue.ResolutionNotes ?? "-");
        Row("details", issue.Details ?? "-");
        Row("latest failure", issue.FailureId?.ToString(CultureInfo.InvariantCulture) ?? "-");
        Row("fingerprint", issue.Fingerprint);
        return grid;
    }

    private static Grid Details() => new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();

    private static string Cut(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= MessageWidth ? line : line[..(MessageWidth - 3)] + "...";
    }
}
