using System.ComponentModel;
using InstaIntel.Cli.Rendering;

namespace InstaIntel.Cli.Commands;

[Description("Apply pending schema migrations to the cluster's database (every node also does at start)")]
public sealed class DbMigrateCommand(CliEnvironment environment) : NodeCommand<NodeSettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, NodeSettings settings, CancellationToken cancellationToken)
    {
        var answer = await WithSpinner(settings, "migrating the schema",
            () => node.PostAsync<MigrationResult>("/api/admin/db/migrate", null, cancellationToken));
        return Show(settings, answer, Tables.Migration);
    }
}
