using System.Diagnostics;

namespace InstaIntel.Intelligence.Tests.Support;

/// <summary>Short H.264 clips made with Debian's ffmpeg from the real photos, once per test class.</summary>
public sealed class VideoClips : IDisposable
{
    public const int Width = 320;
    public const int Height = 240;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("instaintel-clips-");

    public VideoClips()
    {
        SlidePhotos = [TestAssets.BaldGuys, .. TestAssets.Negatives(), TestAssets.Photo("faces", "2008_001322.jpg")];
        Still = Path.Combine(_folder.FullName, "still.mp4");
        Slideshow = Path.Combine(_folder.FullName, "slideshow.mp4");

        // One photo held for 3 s.
        Ffmpeg("-loop", "1", "-framerate", "15", "-t", "3", "-i", TestAssets.BaldGuys,
            "-vf", $"scale={Width}:{Height},setsar=1", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-r", "15", Still);

        // Five different photos (people, a dog, two streets, a couple), one second each.
        var arguments = new List<string>();
        foreach (var photo in SlidePhotos)
            arguments.AddRange(["-loop", "1", "-framerate", "15", "-t", "1", "-i", photo]);
        var scaled = string.Concat(SlidePhotos.Select((_, i) => $"[{i}]scale={Width}:{Height},setsar=1[v{i}];"));
        var inputs = string.Concat(SlidePhotos.Select((_, i) => $"[v{i}]"));
        arguments.AddRange(["-filter_complex", $"{scaled}{inputs}concat=n={SlidePhotos.Count}:v=1:a=0[out]", "-map", "[out]",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-r", "15", Slideshow]);
        Ffmpeg([.. arguments]);
    }

    public IReadOnlyList<string> SlidePhotos { get; }

    public string Still { get; }

    public string Slideshow { get; }

    public string Folder => _folder.FullName;

    public void Dispose() => _folder.Delete(recursive: true);

    private static void Ffmpeg(params string[] arguments)
    {
        const string ffmpeg = "/usr/bin/ffmpeg";
        if (!File.Exists(ffmpeg))
            throw new InvalidOperationException("ffmpeg missing: install Debian's ffmpeg (scripts/ensure-test-assets.sh does)");
        var start = new ProcessStartInfo(ffmpeg) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-nostdin", "-v", "error", "-y", .. arguments])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg failed making a test clip: {errors}");
    }
}
