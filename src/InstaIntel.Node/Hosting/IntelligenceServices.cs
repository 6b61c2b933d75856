using InstaIntel.Actors.Analysis;
using InstaIntel.Actors.Analysis.Local;
using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Intelligence.Faces;
using InstaIntel.Intelligence.Models;
using InstaIntel.Intelligence.Ocr;
using InstaIntel.Intelligence.People;
using InstaIntel.Intelligence.Video;
using InstaIntel.Storage;
using InstaIntel.Storage.Analysis;
using InstaIntel.Storage.Secrets;

namespace InstaIntel.Node.Hosting;

/// <summary>
/// The node's media intelligence: one model registry (sessions built on first use, after their sha256 matched), the
/// local analysers, the AI providers and the runner that records every inference and call.
/// </summary>
public static class IntelligenceServices
{
    public static IServiceCollection AddInstaIntelIntelligence(this IServiceCollection services, IConfiguration configuration)
    {
        var models = configuration.GetSection(ModelOptions.Section).Get<ModelOptions>() ?? new ModelOptions();
        var faces = configuration.GetSection(FaceAnalyserOptions.Section).Get<FaceAnalyserOptions>() ?? new FaceAnalyserOptions();
        var ocr = configuration.GetSection(OcrOptions.Section).Get<OcrOptions>() ?? new OcrOptions();
        var video = configuration.GetSection(VideoOptions.Section).Get<VideoOptions>() ?? new VideoOptions();
        var people = configuration.GetSection(PeopleClusteringOptions.Section).Get<PeopleClusteringOptions>() ?? new PeopleClusteringOptions();
        var vault = configuration.GetSection(VaultOptions.Section).Get<VaultOptions>() ?? new VaultOptions();
        // Tests and tools point every process at one models folder with $INSTAINTEL_MODELS, as scripts/ensure-models.sh does.
        if (configuration[$"{ModelOptions.Section}:Directory"] is null && Environment.GetEnvironmentVariable("INSTAINTEL_MODELS") is { Length: > 0 } folder)
            models = models with { Directory = folder };
        models.Validate();
        people.Validate();

        services.AddSingleton(people);
        services.AddSingleton(sp => new ModelRegistry(models, sp.GetService<ILogger<ModelRegistry>>()));
        services.AddSingleton(sp => new FaceAnalyser(sp.GetRequiredService<ModelRegistry>(), faces, sp.GetService<ILogger<FaceAnalyser>>()));
        services.AddSingleton(sp => new OcrEngine(sp.GetRequiredService<ModelRegistry>(), ocr, sp.GetService<ILogger<OcrEngine>>()));
        services.AddSingleton(sp => new ImageEmbedder(sp.GetRequiredService<ModelRegistry>()));
        services.AddSingleton(sp => new TextEmbedder(sp.GetRequiredService<ModelRegistry>()));
        services.AddSingleton(sp => new VideoSummariser(new VideoFrameSampler(video, sp.GetService<ILogger<VideoFrameSampler>>()), sp.GetRequiredService<ImageEmbedder>()));
        services.AddSingleton(sp => new LocalMediaAnalyser(sp.GetRequiredService<FaceAnalyser>(), sp.GetRequiredService<OcrEngine>(),
            sp.GetRequiredService<ImageEmbedder>(), sp.GetRequiredService<TextEmbedder>(), sp.GetRequiredService<VideoSummariser>(), models.AnalysisConcurrency));
        services.AddSingleton<IAiProvider, LocalProvider>();
        // One client for the HTTP providers; each call carries its own deadline (config timeout_seconds).
        var chat = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        services.AddSingleton<IAiProvider>(_ => new OllamaProvider(chat));
        services.AddSingleton<IAiProvider>(_ => new OpenAiCompatibleProvider(chat));
        services.AddSingleton<AiAnalysisRepository>();
        services.AddSingleton<AiApiCallRepository>();
        // The vault key is loaded on first use, as for sessions: one-shot commands never touch it.
        services.AddSingleton(sp => new AiProviderSettingRepository(sp.GetRequiredService<InstaIntelDbFactory>(), VaultKey.LoadProtector(vault)));
        // The AI health check writes it, every account entity reads it at its tick.
        services.AddSingleton<AiHealthStatus>();
        services.AddSingleton(sp => new AiRunner(sp.GetServices<IAiProvider>(), sp.GetRequiredService<AiAnalysisRepository>(),
            sp.GetRequiredService<AiApiCallRepository>(), sp.GetRequiredService<AiProviderSettingRepository>()));
        return services;
    }
}
