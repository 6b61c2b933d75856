using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Hosting;
using InstaIntel.Actors.Accounts;
using InstaIntel.Actors.Hosting;
using InstaIntel.Node.ControlApi;
using InstaIntel.Node.Dashboard;
using InstaIntel.Node.Failures;
using InstaIntel.Node.Health;
using InstaIntel.Node.Observability;
using InstaIntel.Node.Security;
using InstaIntel.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Data.Sqlite;

namespace InstaIntel.Node.Hosting;

/// <summary>The node's composition root: one call per feature.</summary>
public static class InstaIntelServices
{
    public static IServiceCollection AddInstaIntel(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = BindStorage(configuration);
        var cluster = configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        var accounts = configuration.GetSection(AccountEntitySettings.Section).Get<AccountEntitySettings>() ?? new AccountEntitySettings();
        accounts.Processing = configuration.GetSection(Domain.Processing.ContinuousProcessingSettings.Section).Get<Domain.Processing.ContinuousProcessingSettings>()
                              ?? new Domain.Processing.ContinuousProcessingSettings();

        var readiness = configuration.GetSection(ReadinessOptions.Section).Get<ReadinessOptions>() ?? new ReadinessOptions();

        services.AddInstaIntelLogging(configuration);
        services.AddInstaIntelStorage(storage);
        // Registered before Akka so the schema exists before any entity projects a row.
        services.AddHostedService<DatabaseMigrationService>();
        services.AddInstaIntelSecurity(configuration);
        services.AddInstaIntelInstagram(configuration);
        services.AddInstaIntelIntelligence(configuration);
        services.AddAccountWorkers(configuration, accounts);
        services.AddInstaIntelFailures(configuration);
        services.AddSingleton(configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions());
        services.AddHostedService<DemoBootstrapService>();
        services.AddAkka(cluster.ActorSystemName, (akka, _) => akka
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            .WithInstaIntelCluster(cluster)
            .WithSqlPersistence(storage)
            .WithInstagramAccounts(accounts)
            .WithInstaIntelOperations(readiness.JournalProbeTimeout));

        services.AddInstaIntelHealth(readiness);
        services.AddInstaIntelHealthMonitor(configuration);
        services.AddInstaIntelDashboard(configuration);
        services.AddInstaIntelTelemetry(configuration);
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "InstaIntel control API";
            document.Info.Description = "Accounts, sessions and the admin palette. Mutating routes and /api/admin need X-Api-Key.";
            // Declared so the reference page offers a key field; the fallback policy decides which routes need it.
            document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.ApiKey,
                In = Microsoft.OpenApi.ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "An InstaIntel API key (ii_...).",
            };
            document.Security ??= [];
            document.Security.Add(new Microsoft.OpenApi.OpenApiSecurityRequirement
            {
                [new Microsoft.OpenApi.OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [],
            });
            return Task.CompletedTask;
        }));
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        return services;
    }

    /// <summary>Storage settings, with a relative SQLite path resolved against the working directory.</summary>
    public static StorageOptions BindStorage(IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        storage.Validate();
        if (storage.Engine == DatabaseEngine.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(storage.ConnectionString);
            if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            {
                builder.DataSource = Path.GetFullPath(builder.DataSource);
                storage.ConnectionString = builder.ToString();
            }
        }
        return storage;
    }
}
