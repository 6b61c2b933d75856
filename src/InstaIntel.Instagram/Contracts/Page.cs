namespace InstaIntel.Instagram.Contracts;

/// <summary>
/// One page of a cursor-paginated list. <see cref="NextCursor"/> is non-null exactly when <see cref="HasNext"/>;
/// pass it back to get the following page. <see cref="TotalCount"/> is Instagram's count of the whole list, when given.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor, bool HasNext, long? TotalCount = null);
