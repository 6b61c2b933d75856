using System.Net;
using System.Net.Http.Headers;
using System.Text;
using InstaIntel.Simulator.Api;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;
using InstaIntel.Simulator.Tests.Support;
using SkiaSharp;

namespace InstaIntel.Simulator.Tests.Media;

public sealed class MediaBytesTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private SimulatorHost Simulator => fixture.Simulator;

    private static SKBitmap DecodeJpeg(byte[] bytes)
    {
        Assert.True(bytes.Length > 1_000, $"{bytes.Length} bytes");
        Assert.Equal([0xFF, 0xD8, 0xFF], bytes[..3]);
        using var codec = SKCodec.Create(new MemoryStream(bytes));
        Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
        return SKBitmap.Decode(bytes) ?? throw new Xunit.Sdk.XunitException("SkiaSharp could not decode the JPEG");
    }

    [Fact]
    public async Task The_display_url_of_a_post_is_a_decodable_jpeg_of_the_declared_size()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var post = Simulator.Network.PostsOf("demo_user").First(p => p.Kind == PostKind.Image);
        var media = await client.GetJsonAsync(WebSession.GraphQl(QueryHashes.ShortcodeMedia, new { shortcode = post.Shortcode }));
        var resource = media["data"]!["shortcode_media"]!["display_resources"]![0]!;

        using var response = await client.Http.GetAsync(resource["src"]!.GetValue<string>());
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        using var bitmap = DecodeJpeg(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(resource["config_width"]!.GetValue<int>(), bitmap.Width);
        Assert.Equal(resource["config_height"]!.GetValue<int>(), bitmap.Height);
    }

    [Fact]
    public async Task Story_images_carousel_children_and_profile_pictures_are_jpegs()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var network = Simulator.Network;
        var story = network.StoriesOf("demo_user")[0];
        var carousel = network.Profiles.Skip(3).Where(p => !p.IsPrivate).SelectMany(network.PostsOf).First(p => p.Kind == PostKind.Carousel);

        foreach (var (path, width, height) in new[]
        {
            ($"/media/s/{story.PkText}.jpg?w=750", 750, 1333),
            ($"/media/c/{MediaIds.CarouselChildPk(carousel.Pk, 1)}.jpg?w=640", 640, 640),
            ($"/media/u/{network.DemoAccount.IdText}.jpg?s=150", 150, 150),
        })
        {
            using var bitmap = DecodeJpeg(await client.Http.GetByteArrayAsync(path));
            Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        }
    }

    [Fact]
    public async Task A_video_storys_video_resource_is_an_mp4()
    {
        using var client = await WebSession.LoginAsync(Simulator);
        var now = fixture.Time.GetUtcNow();
        var owner = Simulator.Network.FollowingOf("demo_user").First(u => Simulator.Network.ActiveStoriesOf(u, now).Any(s => s.IsVideo));
        var reels = await client.GetJsonAsync(WebSession.GraphQl(QueryHashes.ReelsMedia, new { reel_ids = new[] { Simulator.Network.Profile(owner).IdText } }));
        var video = reels["data"]!["reels_media"]![0]!["items"]!.AsArray().First(i => i!["is_video"]!.GetValue<bool>())!;

        using var response = await client.Http.GetAsync(video["video_resources"]![0]!["src"]!.GetValue<string>());
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.True(bytes.Length > 10_000);
        Assert.Equal("ftyp", Encoding.ASCII.GetString(bytes, 4, 4));
        Assert.Contains("moov", Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public async Task Video_bytes_support_range_requests()
    {
        using var client = WebSession.Anonymous(Simulator);
        var post = Simulator.Network.Profiles.Skip(3).SelectMany(Simulator.Network.PostsOf).First(p => p.IsVideo);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/media/p/{post.PkText}.mp4");
        request.Headers.Range = new RangeHeaderValue(0, 99);
        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(100, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Unknown_media_is_404()
    {
        using var client = WebSession.Anonymous(Simulator);
        var imagePost = Simulator.Network.PostsOf("demo_user").First(p => !p.IsVideo);

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/media/p/123.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/media/p/{imagePost.PkText}.mp4")).StatusCode);
    }

    [Fact]
    public void The_truth_names_the_person_and_text_of_each_picture()
    {
        var network = Simulator.Network;
        var portrait = network.Profiles.Skip(3).SelectMany(network.PostsOf).First(p => p.Visual.Scene == VisualScene.Portrait);
        var noFace = network.Profiles.Skip(3).SelectMany(network.PostsOf).First(p => p.Visual.Scene == VisualScene.NoFace);

        var source = Simulator.Media.Describe(portrait);
        Assert.StartsWith("John_", source.Person);
        Assert.Contains(Path.Combine("johns", source.Person!), source.PhotoPath);
        Assert.StartsWith($"@{network.Profile(portrait.OwnerIndex).Username} #", source.OverlayText);
        Assert.Null(Simulator.Media.Describe(noFace).Person);
        // A profile's portraits all show the same person.
        var owner = network.Profile(portrait.OwnerIndex);
        Assert.All(network.PostsOf(owner).Where(p => p.Visual.Scene == VisualScene.Portrait), p => Assert.Equal(source.Person, Simulator.Media.Describe(p).Person));
    }

    [Fact]
    public async Task A_simulator_without_its_assets_refuses_to_start_and_says_what_to_run()
    {
        var empty = Directory.CreateTempSubdirectory("instaintel-no-assets-");
        try
        {
            var options = SimulatorFixture.Options(profiles: 50);
            options.AssetsPath = empty.FullName;

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SimulatorHost.StartAsync(options));

            Assert.Contains("scripts/ensure-test-assets.sh", error.Message);
            Assert.Contains(empty.FullName, error.Message);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
