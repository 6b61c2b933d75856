using System.ComponentModel;
using Spectre.Console.Cli;

namespace InstaIntel.Cli;

/// <summary>Options every command takes: which node, which key, and JSON for scripts.</summary>
public class NodeSettings : CommandSettings
{
    [CommandOption("--node <URL>")]
    [Description("The node's HTTP address (default: $INSTAINTEL_NODE, else http://127.0.0.1:5080)")]
    public string? Node { get; set; }

    [CommandOption("--api-key-file <PATH>")]
    [Description("Read the API key from this file (default: the INSTAINTEL_API_KEY variable)")]
    public string? ApiKeyFile { get; set; }

    [CommandOption("--json")]
    [Description("Print the node's answer as JSON instead of a table")]
    public bool Json { get; set; }
}
