using InstaIntel.Instagram.Contracts;

namespace InstaIntel.Instagram.Parsing;

/// <summary>
/// Pagination in both generations: GraphQL connections (<c>count</c>, <c>page_info</c>, <c>edges[].node</c>) and
/// mobile lists with <c>next_max_id</c>-style cursors. A page that claims more without a cursor is malformed: the
/// caller could only ask for page one again.
/// </summary>
internal static class PageReader
{
    public static Page<T> Connection<T>(JsonCursor connection, Func<JsonCursor, T> readNode)
    {
        connection.RequireObject();
        var pageInfo = connection.OptionalObject("page_info");
        var hasNext = pageInfo?.Bool("has_next_page") ?? false;
        var cursor = hasNext ? pageInfo?.Cursor("end_cursor") : null;
        if (hasNext && cursor is null)
            throw (pageInfo ?? connection).Malformed("has_next_page without an end_cursor");
        var items = connection.OptionalArray("edges").Select(edge => readNode(edge.Object("node"))).ToList();
        return new Page<T>(items, cursor, hasNext, connection.Count("count"));
    }

    /// <param name="hasMore">The list's own flag (<c>has_more</c>, <c>more_available</c>); null to infer it from the cursor.</param>
    public static Page<T> Mobile<T>(JsonCursor at, IReadOnlyList<T> items, string? cursor, bool? hasMore, long? total)
    {
        var hasNext = hasMore ?? cursor is not null;
        if (hasNext && cursor is null) throw at.Malformed("more items announced without a cursor");
        return new Page<T>(items, hasNext ? cursor : null, hasNext, total);
    }
}
