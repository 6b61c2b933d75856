using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace InstaIntel.Cli.Rendering;

/// <summary>
/// pbm-style output: aligned columns with a header, no boxes, one row per thing, times in UTC. Pure: each method
/// turns an answer into something to render, so tests render it on a test console.
/// </summary>
public static partial class Tables
{
    public static IRenderable Cluster(ClusterState state)
    {
        var table = Plain("MEMBER", "STATUS", "ROLES", "AGE", "UP SINCE (UTC)", "REACHABLE", "");
        foreach (var member in state.Members)
        {
            var notes = string.Join(" ", new[] { member.IsLeader ? "leader" : null, member.IsSelf ? "self" : null }.Where(n => n is not null));
            table.AddRow(
                Cell(member.Address),
                Cell(member.Status),
                Cell(member.Roles.Count == 0 ? "-" : string.Join(",", member.Roles)),
                Cell(member.Age?.ToString(CultureInfo.InvariantCulture) ?? "-"),
                Cell(Time(member.UpSince)),
                Cell(member.Reachable ? "yes" : "NO"),
                Cell(notes));
        }
        return new Rows(
            table,
            new Text($"{state.Members.Count} members, {state.Members.Count(m => m.Status == "Up")} up; leader {state.Leader ?? "none"}; " +
                     $"unreachable: {(state.Unreachable.Count == 0 ? "none" : string.Join(", ", state.Unreachable))}"));
    }

    public static IRenderable Regions(ShardingRegions regions)
    {
        var table = Plain("REGION");
        foreach (var region in regions.Regions) table.AddRow(Cell(region));
        return table;
    }

    public static IRenderable ShardingStats(ShardingStats stats)
    {
        var table = Plain("NODE", "SHARDS", "ENTITIES", "SHARD IDS");
        table.Columns[1].RightAligned();
        table.Columns[2].RightAligned();
        foreach (var node in stats.Nodes)
        {
            var ids = string.Join(",", node.ShardEntities.Select(s => s.ShardId).OrderBy(Number));
            if (node.FailedShards.Count > 0) ids += $" (not answering: {string.Join(",", node.FailedShards)})";
            table.AddRow(Cell(node.Address), Cell(Count(node.Shards)), Cell(Count(node.Entities)), Cell(ids.Length == 0 ? "-" : ids));
        }
        table.AddRow(Cell("total"), Cell(Count(stats.TotalShards)), Cell(Count(stats.TotalEntities)), Cell($"region {stats.Region}"));
        return table;
    }

    public static IRenderable Accounts(AccountPage page)
    {
        var table = Plain("USERNAME", "STATE", "PROCESSING", "LOGIN", "FAILURES", "RETRY AFTER (UTC)", "UPDATED (UTC)");
        table.Columns[4].RightAligned();
        foreach (var account in page.Items)
        {
            table.AddRow(
                Cell(account.Username),
                Cell(account.State),
                Cell(account.ContinuousProcessingEnabled ? "on" : "off"),
                Cell(account.LoginState),
                Cell(Count(account.FailureCount)),
                Cell(Time(account.RetryAfterAt)),
                Cell(Time(account.UpdatedAt)));
        }
        return new Rows(table, new Text($"{page.Items.Count} accounts from offset {page.Offset}" +
            (page.Items.Count == page.Limit ? $" (more may follow: --offset {page.Offset + page.Limit})" : "")));
    }

    public static IRenderable Account(Account account)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        void Row(string name, string value) => grid.AddRow(Cell(name), Cell(value));
        Row("username", account.Username);
        Row("state", account.State);
        Row("continuous processing", account.ContinuousProcessingEnabled ? "on" : "off");
        Row("login", account.LoginState);
        Row("failures", Count(account.FailureCount));
        Row("retry after", Time(account.RetryAfterAt));
        Row("last error", account.LastError ?? "-");
        Row("paused because", account.PausedReason ?? "-");
        Row("last started", Time(account.LastStartedAt));
        Row("last finished", Time(account.LastFinishedAt));
        Row("last heartbeat", Time(account.LastHeartbeatAt));
        foreach (var (work, due) in (account.NextRunAt ?? new Dictionary<string, DateTime?>()).OrderBy(p => p.Key, StringComparer.Ordinal))
            Row($"next {work}", Time(due));
        Row("created", Time(account.CreatedAt));
        Row("journal sequence", account.SequenceNr.ToString(CultureInfo.InvariantCulture));
        return grid;
    }

    /// <summary>One line per actor, indented by depth, full paths (grep-able), type and mailbox size when not empty.</summary>
    public static IEnumerable<string> Hierarchy(ActorHierarchy hierarchy)
    {
        yield return $"actors on {hierarchy.Node} (depth {hierarchy.Depth})";
        foreach (var root in hierarchy.Roots)
            foreach (var line in Lines(root, 0))
                yield return line;
        if (hierarchy.Truncated)
            yield return "... (cut at the node limit: ask for a deeper --path or a smaller --depth)";
    }

    private static IEnumerable<string> Lines(ActorNode node, int level)
    {
        var below = node.ChildCount - node.Children.Count;
        var hidden = below > 0 ? $"  (+{below} {(below == 1 ? "child" : "children")} below)" : "";
        var mailbox = node.Mailbox > 0 ? $"  mailbox {node.Mailbox}" : "";
        yield return $"{new string(' ', level * 2)}{node.Path}  [{node.Type ?? "?"}]{mailbox}{hidden}";
        foreach (var child in node.Children)
            foreach (var line in Lines(child, level + 1))
                yield return line;
    }

    public static IRenderable Migration(MigrationResult result) =>
        Line(result.Applied.Count == 0
            ? $"{result.Engine}: schema is up to date (version {result.SchemaVersion})"
            : $"{result.Engine}: applied {string.Join(", ", result.Applied.Select(m => $"{m.Version:D4}_{m.Name}"))}; schema version {result.SchemaVersion}");

    /// <summary>A line of text that ends the way a line should.</summary>
    public static IRenderable Line(string text) => new Text(text + "\n");

    /// <summary>One line: "action 12 (fetch_details on alice.b) from cli: succeeded: captured 3 posts".</summary>
    public static IRenderable Action(ActionStatus action) =>
        Line($"action {action.Id} ({action.Action}{(action.Profile is { } p ? $" on {p}" : "")}) from {action.Trigger ?? "?"}: {action.Status}" +
             ((action.Error ?? action.Log) is { } detail ? $": {detail}" : ""));

    private static Table Plain(params string[] headers)
    {
        var table = new Table().Border(TableBorder.None);
        foreach (var header in headers)
            table.AddColumn(new TableColumn(new Text(header)).NoWrap().PadLeft(0).PadRight(3));
        return table;
    }

    private static Text Cell(string text) => new(text);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTime? value) =>
        value is { } at ? at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";

    private static long Number(string shardId) => long.TryParse(shardId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;
}
