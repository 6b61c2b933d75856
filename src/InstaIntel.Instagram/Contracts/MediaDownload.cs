namespace InstaIntel.Instagram.Contracts;

/// <summary>The bytes behind a media URL, with the content type the server declared.</summary>
public sealed record MediaDownload(Uri Url, string? ContentType, ReadOnlyMemory<byte> Bytes)
{
    // Never print the bytes.
    public override string ToString() => $"MediaDownload {{ Url = {Url}, ContentType = {ContentType}, Length = {Bytes.Length} }}";
}
