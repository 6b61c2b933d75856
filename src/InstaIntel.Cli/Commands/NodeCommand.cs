using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Rendering;

namespace InstaIntel.Cli.Commands;

/// <summary>A command that talks to one node: the client from the settings, JSON or a rendering, a spinner for slow work.</summary>
public abstract class NodeCommand<TSettings>(CliEnvironment environment) : AsyncCommand<TSettings> where TSettings : NodeSettings
{
    protected CliEnvironment Environment { get; } = environment;

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        using var node = NodeClient.For(settings, Environment);
        return await RunAsync(node, settings, cancellationToken);
    }

    protected abstract Task<int> RunAsync(NodeClient node, TSettings settings, CancellationToken cancellationToken);

    /// <summary>The node's JSON with <c>--json</c>, else the rendering of its answer.</summary>
    protected int Show<T>(TSettings settings, NodeAnswer<T> answer, Func<T, IRenderable> render)
    {
        if (settings.Json) Environment.Output.WriteLine(NodeClient.Pretty(answer.Json));
        else Environment.Console.Write(render(answer.Value));
        return ExitCodes.Ok;
    }

    /// <summary>Plain lines (no folding, no markup): what scripts grep and people read.</summary>
    protected int ShowLines<T>(TSettings settings, NodeAnswer<T> answer, Func<T, IEnumerable<string>> lines)
    {
        if (settings.Json) Environment.Output.WriteLine(NodeClient.Pretty(answer.Json));
        else foreach (var line in lines(answer.Value)) Environment.Output.WriteLine(line);
        return ExitCodes.Ok;
    }

    /// <summary>Runs slow work under a spinner on a terminal; silently with <c>--json</c> or when piped.</summary>
    protected async Task<T> WithSpinner<T>(TSettings settings, string status, Func<Task<T>> work)
    {
        if (settings.Json || !Environment.Console.Profile.Capabilities.Interactive)
            return await work();
        return await Environment.Console.Status().Spinner(Spinner.Known.Dots).StartAsync(status, _ => work());
    }
}
