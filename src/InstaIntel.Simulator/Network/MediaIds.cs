using System.Globalization;

namespace InstaIntel.Simulator.Network;

/// <summary>
/// The simulator's id scheme: every id encodes where its item comes from, so any id in a request can be resolved
/// without a lookup table (which keeps a 100,000-profile network lazy).
/// </summary>
public static class MediaIds
{
    public const long UserBase = 1_000_000_000L;
    public const long PostBase = 2_000_000_000_000_000_000L;
    public const long StoryBase = 3_000_000_000_000_000_000L;
    public const long CarouselChildBase = 4_000_000_000_000_000_000L;
    public const long CommentBase = 17_000_000_000_000_000L;
    public const long PostedCommentBase = 18_000_000_000_000_000L;
    public const int MaxItemsPerProfile = 1_000;
    public const int MaxCommentsPerPost = 1_000;
    public const int MaxCarouselChildren = 10;

    // Instagram's shortcodes are the media pk written in this base-64 alphabet.
    private const string ShortcodeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static long UserId(int profileIndex) => UserBase + profileIndex;

    public static int? ProfileIndexOf(long userId) =>
        userId >= UserBase && userId - UserBase < int.MaxValue ? (int)(userId - UserBase) : null;

    public static long PostPk(int ownerIndex, int number) => PostBase + (long)ownerIndex * MaxItemsPerProfile + number;

    public static long StoryPk(int ownerIndex, int number) => StoryBase + (long)ownerIndex * MaxItemsPerProfile + number;

    public static long CarouselChildPk(long postPk, int child) => CarouselChildBase + (postPk - PostBase) * MaxCarouselChildren + child;

    public static long CommentPk(long postPk, int number) => CommentBase + (postPk - PostBase) * MaxCommentsPerPost + number;

    public static (int Owner, int Number)? DecodePost(long pk) => Decode(pk, PostBase);

    public static (int Owner, int Number)? DecodeStory(long pk) => Decode(pk, StoryBase);

    public static (long PostPk, int Child)? DecodeCarouselChild(long pk)
    {
        if (pk < CarouselChildBase || pk >= CarouselChildBase + 1_000_000_000_000_000_000L)
            return null;
        var offset = pk - CarouselChildBase;
        return (PostBase + offset / MaxCarouselChildren, (int)(offset % MaxCarouselChildren));
    }

    private static (int Owner, int Number)? Decode(long pk, long bound)
    {
        if (pk < bound || pk >= bound + 1_000_000_000_000_000_000L)
            return null;
        var offset = pk - bound;
        var owner = offset / MaxItemsPerProfile;
        return owner > int.MaxValue ? null : ((int)owner, (int)(offset % MaxItemsPerProfile));
    }

    /// <summary>Reads "123", "123_456" (media id with owner) or "123_456" story ids as the leading pk.</summary>
    public static long? ParseMediaId(string? mediaId)
    {
        if (string.IsNullOrWhiteSpace(mediaId))
            return null;
        var head = mediaId.Split('_')[0];
        return long.TryParse(head, NumberStyles.None, CultureInfo.InvariantCulture, out var pk) ? pk : null;
    }

    public static string Shortcode(long pk)
    {
        Span<char> buffer = stackalloc char[12];
        var position = buffer.Length;
        var value = (ulong)pk;
        do
        {
            buffer[--position] = ShortcodeAlphabet[(int)(value % 64)];
            value /= 64;
        }
        while (value > 0);
        return new string(buffer[position..]);
    }

    public static long? PkFromShortcode(string? shortcode)
    {
        if (string.IsNullOrEmpty(shortcode) || shortcode.Length > 11)
            return null;
        ulong value = 0;
        foreach (var c in shortcode)
        {
            var digit = ShortcodeAlphabet.IndexOf(c);
            if (digit < 0)
                return null;
            value = value * 64 + (ulong)digit;
        }
        return value > long.MaxValue ? null : (long)value;
    }

    public static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
