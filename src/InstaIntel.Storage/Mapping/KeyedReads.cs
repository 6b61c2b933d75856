using LinqToDB.Data;

namespace InstaIntel.Storage.Mapping;

/// <summary>
/// Hand-written reads for the per-row upserts of the ingestion path (read the stored metadata, read back the id).
/// linq2db renders a query with a string parameter afresh on every execution (such a query counts as parameter
/// dependent), which costs about 72 KB and 70-90 us a read on SQLite; the same read as plain SQL costs 5.5 KB and 9 us
/// (<c>Micro/StoryWriteBenchmarks</c>). Only simple keyed SELECTs live here, the same text on SQLite and PostgreSQL;
/// every write stays in LINQ.
/// </summary>
internal static class KeyedReads
{
    /// <summary>The first row's single column, or the default when no row matches.</summary>
    public static async Task<T?> FirstOrDefaultAsync<T>(InstaIntelDb db, string sql, DataParameter[] parameters, CancellationToken cancellationToken) =>
        await RowsAsync<T>(db, sql, parameters, cancellationToken) is [var first, ..] ? first : default;

    /// <summary>The first row's single column.</summary>
    /// <exception cref="InvalidOperationException">no row matches.</exception>
    public static async Task<T> FirstAsync<T>(InstaIntelDb db, string sql, DataParameter[] parameters, CancellationToken cancellationToken) =>
        await RowsAsync<T>(db, sql, parameters, cancellationToken) is [var first, ..] ? first : throw new InvalidOperationException($"no row for: {sql}");

    /// <summary>The first row's single JSON column as its contract, or null when no row matches.</summary>
    public static async Task<T?> JsonOrDefaultAsync<T>(InstaIntelDb db, string sql, DataParameter[] parameters, CancellationToken cancellationToken) where T : class =>
        JsonColumns.FromText<T>(await FirstOrDefaultAsync<string?>(db, sql, parameters, cancellationToken));

    private static Task<List<T>> RowsAsync<T>(InstaIntelDb db, string sql, DataParameter[] parameters, CancellationToken cancellationToken) =>
        new CommandInfo(db, sql, parameters).QueryToListAsync<T>(cancellationToken);
}
