using InstaIntel.Storage.Security;
using Microsoft.AspNetCore.Authorization;

namespace InstaIntel.Node.Security;

/// <summary>API keys, the write/admin rule, admin loopback binding and request size limits.</summary>
public static class SecurityExtensions
{
    public static IServiceCollection AddInstaIntelSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SecurityOptions.Section);
        services.Configure<SecurityOptions>(section);
        var maxBody = section.Get<SecurityOptions>()?.MaxRequestBodyBytes ?? new SecurityOptions().MaxRequestBodyBytes;
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = maxBody);

        services.TryAddSingletonTimeProvider();
        services.AddSingleton<ApiKeyRepository>();
        services.AddSingleton<ApiKeyStore>();
        services.AddHostedService<FirstApiKeyService>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddSingleton<IAuthorizationHandler, ApiKeyForWritesHandler>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
                .AddRequirements(new ApiKeyForWritesRequirement())
                .Build());
        return services;
    }

    public static WebApplication UseInstaIntelSecurity(this WebApplication app)
    {
        app.UseMiddleware<AdminLoopbackMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>This read needs the API key too (it returns secrets).</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ApiKeyRequired.Instance);

    private static void TryAddSingletonTimeProvider(this IServiceCollection services) =>
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton(services, TimeProvider.System);
}
