using InstaIntel.Intelligence.Faces;
using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.Tests.Support;
using Xunit.Abstractions;

namespace InstaIntel.Intelligence.Tests.Faces;

[Collection(ModelsCollection.Name)]
public sealed class FaceExploration(ModelsFixture models, ITestOutputHelper output)
{
    [Fact]
    public async Task Explore()
    {
        var analyser = new FaceAnalyser(models.Registry, new FaceAnalyserOptions { Detector = new FaceDetectorOptions { ScoreThreshold = 0.5f } });
        var image = await RgbaImage.LoadAsync(TestAssets.BaldGuys);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var faces = analyser.Analyse(image);
        output.WriteLine($"bald: {faces.Count} in {sw.ElapsedMilliseconds} ms");
        foreach (var f in faces) output.WriteLine($"  {f.Box} {f.Confidence:0.000}");
        var e = faces.Where(f => f.Embedding != null).ToList();
        for (var i = 0; i < e.Count; i++)
            output.WriteLine(string.Join(" ", e.Select(o => e[i].Embedding!.CosineSimilarity(o.Embedding!).ToString("0.00"))));
        foreach (var n in TestAssets.Negatives())
        {
            var neg = analyser.Analyse(await RgbaImage.LoadAsync(n));
            output.WriteLine($"{Path.GetFileName(n)}: {string.Join(", ", neg.Select(f => f.Confidence.ToString("0.000")))}");
        }
        var johns = TestAssets.Johns();
        var jf = new List<(string, AnalysedFace)>();
        foreach (var (p, f) in johns)
        {
            var r = analyser.Analyse(await RgbaImage.LoadAsync(f));
            output.WriteLine($"{p} {Path.GetFileName(f)}: {string.Join(", ", r.Select(x => x.Box + " " + x.Confidence.ToString("0.000")))}");
            if (r.Count > 0) jf.Add((p, r[0]));
        }
        double same = 0, diff = 0; int ns = 0, nd = 0; float minSame = 1, maxDiff = -1;
        for (var i = 0; i < jf.Count; i++)
            for (var j = i + 1; j < jf.Count; j++)
            {
                var s = jf[i].Item2.Embedding!.CosineSimilarity(jf[j].Item2.Embedding!);
                if (jf[i].Item1 == jf[j].Item1) { same += s; ns++; minSame = Math.Min(minSame, s); } else { diff += s; nd++; maxDiff = Math.Max(maxDiff, s); }
            }
        output.WriteLine($"johns same {same / ns:0.000} (min {minSame:0.000}) diff {diff / nd:0.000} (max {maxDiff:0.000})");
    }
}
