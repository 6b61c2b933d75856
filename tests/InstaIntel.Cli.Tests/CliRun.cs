using System.Text.Json;

namespace InstaIntel.Cli.Tests;

/// <summary>One in-process run of <c>instaintel</c>: its exit code and what it printed.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> variables, HttpMessageHandler? handler, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await InstaIntelCli.RunAsync(args, new CliEnvironment(output, error, name => variables.GetValueOrDefault(name), handler));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    public JsonElement Json() => JsonDocument.Parse(Output).RootElement.Clone();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
