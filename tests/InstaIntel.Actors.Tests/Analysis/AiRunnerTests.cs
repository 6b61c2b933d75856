using System.Security.Cryptography;
using System.Text.Json.Nodes;
using InstaIntel.Actors.Analysis;
using InstaIntel.Actors.Analysis.Local;
using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Security;
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Analysis;
using InstaIntel.Testing;

namespace InstaIntel.Actors.Tests.Analysis;

/// <summary>The AI runner with the real local provider on dlib's photos: rows, calls, cache hits and rate-limit windows.</summary>
[Collection(LocalAnalysisCollection.Name)]
public sealed class AiRunnerTests(LocalAnalysisFixture models)
{
    private sealed record Bed(TestDatabase Database, long AccountId, AiRunner Runner, CountingProvider Local, AiAnalysisRepository Analyses,
        AiApiCallRepository Calls, AiProviderSettingRepository Settings) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    private async Task<Bed> StartAsync(DatabaseEngine engine)
    {
        var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var factory = database.Factory();
        var accounts = new AccountRepository(factory);
        await accounts.ProjectAsync(new Domain.Accounts.InstagramAccount { Username = "alice", ProjectedSequenceNr = 1 });
        var accountId = (await accounts.FindAsync("alice"))!.Id;
        var local = new CountingProvider(new LocalProvider(models.Analyser));
        var analyses = new AiAnalysisRepository(factory);
        var calls = new AiApiCallRepository(factory);
        var settings = new AiProviderSettingRepository(factory, new SecretProtector(RandomNumberGenerator.GetBytes(SecretProtector.KeySize)));
        return new Bed(database, accountId, new AiRunner([local], analyses, calls, settings), local, analyses, calls, settings);
    }

    private static async Task<(byte[] Bytes, string Fingerprint)> PhotoAsync(string path)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        return (bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static AiRequest Request(Bed bed, long storyId, (byte[] Bytes, string Fingerprint) photo) =>
        new(bed.AccountId, AnalyzableTypes.Story, storyId, AiPurposes.MediaUnderstanding, AiApiCallCategory.ImageAnalysis,
            photo.Fingerprint, photo.Bytes, "image");

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_repeat_on_the_same_media_is_a_cache_hit_pointing_at_the_original_and_runs_no_inference(DatabaseEngine engine)
    {
        await using var bed = await StartAsync(engine);
        var photo = await PhotoAsync(TestAssets.BaldGuys);

        var first = await bed.Runner.RunAsync(Request(bed, 1, photo), CancellationToken.None);

        Assert.False(first.CacheHit);
        var reading = MediaReading.FromJson(first.Analysis);
        Assert.Equal(24, reading.Faces.Count);
        var original = (await bed.Analyses.FindAsync(first.AiAnalysisId))!;
        Assert.Equal((AiAnalysisStatus.Completed, "local", AiPurposes.MediaUnderstanding, photo.Fingerprint), (original.Status, original.Provider, original.Purpose, original.MediaFingerprint));
        Assert.NotNull(original.StartedAt);
        Assert.NotNull(original.FinishedAt);
        Assert.Equal((MediaReading.SchemaVersion, "v1", 24 + reading.OcrLines.Count), (original.SchemaVersion, original.PromptVersion, original.EvidenceCount!.Value));
        Assert.StartsWith("local-onnx[face-embedder@", original.Model);
        Assert.True(original.ConfidenceScore > 0.9);
        var call = Assert.Single(await bed.Calls.ListAsync());
        Assert.Equal((AiApiCallStatus.Succeeded, "local", AiPurposes.MediaUnderstanding, AiApiCallCategory.ImageAnalysis, 1),
            (call.Status, call.Provider, call.Operation, call.Category, call.RequestUnits!.Value));
        Assert.True(call.LatencyMs > 0);

        // The same picture stored for another story: a new row pointing at the first, no model run, no call.
        var second = await bed.Runner.RunAsync(Request(bed, 2, photo), CancellationToken.None);
        Assert.True(second.CacheHit);
        Assert.Equal(first.AiAnalysisId, second.CachedFromAiAnalysisId);
        Assert.Equal(1, bed.Local.Calls);
        Assert.Single(await bed.Calls.ListAsync());
        var hit = Assert.Single(await bed.Analyses.ListForAsync(AnalyzableTypes.Story, 2));
        Assert.Equal((true, first.AiAnalysisId, AiAnalysisStatus.Completed), (hit.CacheHit, hit.CachedFromAiAnalysisId, hit.Status));
        Assert.Equal(original.Analysis!.ToJsonString(), hit.Analysis!.ToJsonString());

        // A third repeat still points at the inference, not at the earlier hit.
        Assert.Equal(first.AiAnalysisId, (await bed.Runner.RunAsync(Request(bed, 3, photo), CancellationToken.None)).CachedFromAiAnalysisId);
    }

    [Fact]
    public async Task The_same_media_analysed_twice_at_once_runs_one_inference()
    {
        await using var bed = await StartAsync(DatabaseEngine.Sqlite);
        var photo = await PhotoAsync(TestAssets.Johns()[0].File);

        var both = await Task.WhenAll(bed.Runner.RunAsync(Request(bed, 1, photo), CancellationToken.None), bed.Runner.RunAsync(Request(bed, 2, photo), CancellationToken.None));

        Assert.Equal(1, bed.Local.Calls);
        Assert.Single(both, o => o.CacheHit);
        Assert.Single(await bed.Calls.ListAsync());
    }

    [Fact]
    public async Task A_full_rate_limit_window_counted_from_the_call_rows_stops_the_next_inference_until_it_passes()
    {
        await using var bed = await StartAsync(DatabaseEngine.Sqlite);
        await bed.Settings.UpsertAsync("local", enabled: true, priority: 1, new JsonObject { [AiRunner.RequestsPerMinuteKey] = 1 }, apiKey: null);
        var johns = TestAssets.Johns();
        await bed.Runner.RunAsync(Request(bed, 1, await PhotoAsync(johns[0].File)), CancellationToken.None);

        var limited = await Assert.ThrowsAsync<AiProvidersFailedException>(async () => await bed.Runner.RunAsync(Request(bed, 2, await PhotoAsync(johns[1].File)), CancellationToken.None));
        Assert.True(limited.RateLimited);
        Assert.Contains("rate limited (1 requests a minute)", limited.Message);
        Assert.Equal(1, bed.Local.Calls);
        Assert.Empty(await bed.Analyses.ListForAsync(AnalyzableTypes.Story, 2));

        // The window is counted from the rows: once the call is older than a minute the provider is called again.
        await using (var db = bed.Database.Factory().Open())
            await LinqToDB.LinqExtensions.UpdateAsync(LinqToDB.LinqExtensions.Set(db.AiApiCalls, c => c.OccurredAt, DateTime.UtcNow.AddMinutes(-2)));
        Assert.False((await bed.Runner.RunAsync(Request(bed, 2, await PhotoAsync(johns[1].File)), CancellationToken.None)).CacheHit);
        Assert.Equal(2, bed.Local.Calls);
    }

    [Fact]
    public async Task No_enabled_provider_for_a_purpose_is_a_clear_error_without_a_row()
    {
        await using var bed = await StartAsync(DatabaseEngine.Sqlite);
        await bed.Settings.UpsertAsync("local", enabled: false, priority: 1, null, null);
        var error = await Assert.ThrowsAsync<AiProvidersFailedException>(async () => await bed.Runner.RunAsync(Request(bed, 1, await PhotoAsync(TestAssets.BaldGuys)), CancellationToken.None));
        Assert.Contains("no enabled AI provider supports media_understanding", error.Message);
        Assert.Equal(0, bed.Local.Calls);
    }
}
