using System.Security.Cryptography;
using System.Text;
using InstaIntel.Domain.Profiles;

namespace InstaIntel.Domain.Tests.Profiles;

public sealed class AvatarFingerprintTests
{
    [Fact]
    public void The_fingerprint_is_the_sha256_of_the_path_so_host_and_signed_query_do_not_matter()
    {
        var one = AvatarFingerprint.Of("https://scontent-fra3-1.cdninstagram.com/v/t51.2885-19/123_n.jpg?stp=dst-jpg&_nc_ohc=abc&oh=1");
        var other = AvatarFingerprint.Of("https://scontent-ams2-1.cdninstagram.com/v/t51.2885-19/123_n.jpg?stp=dst-jpg&_nc_ohc=xyz&oh=2");

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("/v/t51.2885-19/123_n.jpg"))), one);
        Assert.Equal(one, other);
        Assert.NotEqual(one, AvatarFingerprint.Of("https://scontent-fra3-1.cdninstagram.com/v/t51.2885-19/456_n.jpg?oh=1"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/media/u/1.jpg")]
    [InlineData("ftp://example.org/a.jpg")]
    [InlineData("https://instagram.com/")]
    [InlineData("https://www.instagram.com/static/images/profile/profile-pic-null_outline_56_light-4x.png/bc91e9cae98c.png")]
    [InlineData("https://scontent.cdninstagram.com/rsrc/default_profile_pic.jpg?x=1")]
    public void Missing_relative_and_placeholder_pictures_have_no_fingerprint(string? url)
    {
        Assert.Null(AvatarFingerprint.Of(url));
    }
}
