using Spectre.Console;

namespace InstaIntel.Cli;

/// <summary>
/// Where the CLI writes and what it reads from its surroundings: the process's streams and variables in real use,
/// string writers, a dictionary and a fake handler in tests.
/// </summary>
public sealed class CliEnvironment
{
    public const string ApiKeyVariable = "INSTAINTEL_API_KEY";
    public const string NodeVariable = "INSTAINTEL_NODE";
    public const string DefaultNode = "http://127.0.0.1:5080";

    /// <summary>Tables as wide as this when the output is not a terminal, so piped output is never folded.</summary>
    public const int PipeWidth = 240;

    public CliEnvironment(TextWriter output, TextWriter error, Func<string, string?> variables, HttpMessageHandler? handler = null)
    {
        Output = output;
        Error = error;
        Variables = variables;
        Handler = handler;
        Console = CreateConsole(output);
    }

    public TextWriter Output { get; }
    public TextWriter Error { get; }
    public Func<string, string?> Variables { get; }

    /// <summary>Null: a real socket handler.</summary>
    public HttpMessageHandler? Handler { get; }

    /// <summary>Tables, trees and spinners, written to <see cref="Output"/>.</summary>
    public IAnsiConsole Console { get; }

    public static CliEnvironment FromProcess() =>
        new(System.Console.Out, System.Console.Error, Environment.GetEnvironmentVariable);

    private static IAnsiConsole CreateConsole(TextWriter output)
    {
        var terminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = PipeWidth;
        return console;
    }
}
