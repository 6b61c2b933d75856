using Serilog;
using Serilog.Core;
using Serilog.Formatting.Compact;

namespace InstaIntel.Node.Observability;

/// <summary>
/// Structured logs: M.E.Logging (and through Akka.Hosting's logger factory, the Akka log) into Serilog, scrubbed, written
/// to standard output as compact JSON (one event a line) or as text. Levels come from <c>Logging:LogLevel</c> as usual.
/// </summary>
public static class InstaIntelLogging
{
    public const string FormatKey = "InstaIntel:Logging:Format";

    public static IServiceCollection AddInstaIntelLogging(this IServiceCollection services, IConfiguration configuration)
    {
        var sink = new LogScrubbingSink(ConsoleSink(configuration[FormatKey]));
        var logger = new LoggerConfiguration()
            // M.E.Logging's filters decide what is written; Serilog takes everything they let through.
            .MinimumLevel.Verbose()
            .Enrich.FromLogContext()
            .WriteTo.Sink(sink)
            .CreateLogger();
        services.AddLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddSerilog(logger, dispose: true);
        });
        // AddSerilog lets everything through to Serilog (a Trace rule for its provider); drop that rule so
        // Logging:LogLevel and the host's filters apply to the Serilog provider like to any other.
        services.Configure<LoggerFilterOptions>(options =>
        {
            var provider = typeof(Serilog.Extensions.Logging.SerilogLoggerProvider).FullName;
            foreach (var rule in options.Rules.Where(r => r.ProviderName == provider && r.CategoryName is null && r.Filter is null).ToList())
                options.Rules.Remove(rule);
        });
        return services;
    }

    private static ILogEventSink ConsoleSink(string? format) =>
        (format ?? "json").Trim().ToLowerInvariant() switch
        {
            "json" => new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Console(new RenderedCompactJsonFormatter()).CreateLogger(),
            "text" => new LoggerConfiguration().MinimumLevel.Verbose()
                .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
                .CreateLogger(),
            var other => throw new InvalidOperationException($"{FormatKey} is '{other}'; use json or text"),
        };
}
