using System.Security.Cryptography;
using InstaIntel.Intelligence.Models;
using InstaIntel.Intelligence.Tests.Support;

namespace InstaIntel.Intelligence.Tests.Models;

[Collection(ModelsCollection.Name)]
public sealed class ModelRegistryTests(ModelsFixture models) : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("instaintel-models-test-");

    public void Dispose() => _temp.Delete(recursive: true);

    private string CopyOfModel(string name)
    {
        var entry = ModelManifest.Embedded()[name];
        var target = Path.Combine(_temp.FullName, entry.File);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Path.Combine(models.Directory, entry.File), target, overwrite: true);
        return target;
    }

    [Fact]
    public void Every_file_of_the_manifest_is_present_with_its_sha256()
    {
        var verified = models.Registry.VerifyAll();

        Assert.Equal(models.Registry.Manifest.Models.Length, verified.Count);
        Assert.All(verified, v => Assert.Equal(models.Registry.Manifest[v.Name].Sha256, v.Sha256));
        Assert.All(verified, v => Assert.StartsWith($"{v.Name}@", v.Version));
    }

    [Fact]
    public void An_intact_copy_loads_and_a_tampered_copy_is_refused()
    {
        var file = CopyOfModel(ModelNames.FaceDetector);
        using (var intact = new ModelRegistry(new ModelOptions { Directory = _temp.FullName }))
            Assert.NotNull(intact.Session(ModelNames.FaceDetector));

        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(file, bytes);
        using var registry = new ModelRegistry(new ModelOptions { Directory = _temp.FullName });

        var refused = Assert.Throws<ModelIntegrityException>(() => registry.Session(ModelNames.FaceDetector));
        Assert.Contains(ModelNames.FaceDetector, refused.Message);
        Assert.Contains(ModelManifest.Embedded()[ModelNames.FaceDetector].Sha256, refused.Message);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(bytes)), refused.Message);
    }

    [Fact]
    public void A_missing_model_names_the_script_that_fetches_it()
    {
        using var registry = new ModelRegistry(new ModelOptions { Directory = _temp.FullName });

        var missing = Assert.Throws<ModelIntegrityException>(() => registry.Session(ModelNames.OcrRecognizer));

        Assert.Contains("scripts/ensure-models.sh", missing.Message);
    }

    [Fact]
    public void A_refused_model_loads_once_the_file_is_fixed()
    {
        using var registry = new ModelRegistry(new ModelOptions { Directory = _temp.FullName });
        Assert.Throws<ModelIntegrityException>(() => registry.Session(ModelNames.FaceLandmarker));

        CopyOfModel(ModelNames.FaceLandmarker);

        Assert.NotNull(registry.Session(ModelNames.FaceLandmarker));
    }

    [Fact]
    public void One_session_per_model_even_under_concurrent_first_use()
    {
        CopyOfModel(ModelNames.FaceLandmarker);
        using var registry = new ModelRegistry(new ModelOptions { Directory = _temp.FullName });
        var sessions = new System.Collections.Concurrent.ConcurrentBag<object>();

        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => sessions.Add(registry.Session(ModelNames.FaceLandmarker)));

        Assert.Equal(16, sessions.Count);
        Assert.Single(sessions.Distinct());
    }

    [Fact]
    public async Task Disposing_waits_for_an_inference_under_way_and_refuses_new_ones()
    {
        CopyOfModel(ModelNames.FaceLandmarker);
        var registry = new ModelRegistry(new ModelOptions { Directory = _temp.FullName });
        using var inside = new ManualResetEventSlim();
        using var finish = new ManualResetEventSlim();
        var inference = Task.Run(() => registry.Use(ModelNames.FaceLandmarker, session =>
        {
            inside.Set();
            finish.Wait();
            // Still usable: the session has not been freed under this inference.
            return session.InputNames.Count;
        }));
        inside.Wait();

        var disposing = Task.Run(registry.Dispose);
        // Once the registry refuses new inferences its disposal has begun, and with one inside it must not be over.
        Assert.True(SpinWait.SpinUntil(() => Refuses(registry), TimeSpan.FromSeconds(30)), "the registry still takes inferences");
        Assert.False(disposing.IsCompleted);

        finish.Set();
        Assert.Equal(1, await inference);
        await disposing;
        Assert.Equal(0, registry.Running);
    }

    private static bool Refuses(ModelRegistry registry)
    {
        try
        {
            registry.Use(ModelNames.FaceLandmarker, s => s.InputNames.Count);
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    [Fact]
    public void A_model_is_swapped_by_configuration_and_verified_against_the_configured_sha256()
    {
        // Any other ONNX file stands in for the swap; the registry checks identity, the analyser the tensor contract.
        var other = CopyOfModel(ModelNames.FaceLandmarker);
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(other)));
        var swapped = new ModelOptions
        {
            Directory = _temp.FullName,
            Overrides = { [ModelNames.FaceDetector] = new ModelOverride { File = other, Sha256 = sha, Source = "test" } },
        };
        using var registry = new ModelRegistry(swapped);

        var model = registry.Verified(ModelNames.FaceDetector);

        Assert.Equal(other, model.Path);
        Assert.Equal($"{ModelNames.FaceDetector}@{sha[..12]}", model.Version);
        Assert.NotEqual(models.Registry.Verified(ModelNames.FaceDetector).Version, model.Version);
        Assert.Equal("input", Assert.Single(registry.Session(ModelNames.FaceDetector).InputNames));

        var wrongSha = swapped with { Overrides = new() { [ModelNames.FaceDetector] = new ModelOverride { File = other, Sha256 = new string('0', 64) } } };
        using var refusing = new ModelRegistry(wrongSha);
        Assert.Throws<ModelIntegrityException>(() => refusing.Session(ModelNames.FaceDetector));
    }

    [Theory]
    [InlineData("", "abc", "File")]
    [InlineData("x.onnx", "", "Sha256")]
    [InlineData("x.onnx", "not-hex", "Sha256")]
    public void A_swap_without_file_or_sha256_is_rejected_at_start(string file, string sha, string named)
    {
        var options = new ModelOptions { Overrides = { [ModelNames.FaceDetector] = new ModelOverride { File = file, Sha256 = sha } } };

        var rejected = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains(named, rejected.Message);
    }

    [Fact]
    public void A_swap_of_an_unknown_model_is_rejected()
    {
        var options = new ModelOptions { Overrides = { ["face-detecter"] = new ModelOverride { File = "x.onnx", Sha256 = new string('a', 64) } } };

        Assert.Throws<KeyNotFoundException>(() => new ModelRegistry(options));
    }

    [Fact]
    public void A_manifest_entry_without_a_valid_sha256_is_rejected()
    {
        var json = """{ "version": 1, "models": [ { "name": "m", "source": "npm:x@1", "entry": "a", "file": "a.onnx", "sha256": "", "license": "MIT" } ] }""";

        Assert.Throws<InvalidDataException>(() => ModelManifest.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))));
    }
}
