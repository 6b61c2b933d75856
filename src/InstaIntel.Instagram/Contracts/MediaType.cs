namespace InstaIntel.Instagram.Contracts;

/// <summary>What a post, carousel child or story item is (mobile <c>media_type</c> 1, 2, 8; GraphQL <c>__typename</c>).</summary>
public enum MediaType
{
    Image,
    Video,
    Carousel,
}
