using InstaIntel.Storage;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;
using LinqToDB.Mapping;

namespace InstaIntel.Benchmarks.Hosting;

/// <summary>
/// The baseline side of the persistence scenarios: Akka.Persistence.Sql's own <c>journal</c> and <c>snapshot</c>
/// tables read and written with plain linq2db (no actor, no plugin, no batching), on the same database.
/// </summary>
public static class RawJournal
{
    public static DataConnection Open(StorageOptions storage) =>
        new(new DataOptions().UseConnectionString(storage.ProviderName, storage.EffectiveConnectionString));

    /// <summary>The rows the plugin wrote for these persistence ids, in order.</summary>
    public static async Task<List<JournalRow>> ReadAsync(StorageOptions storage, IReadOnlyCollection<string> persistenceIds)
    {
        await using var db = Open(storage);
        var rows = new List<JournalRow>();
        foreach (var chunk in persistenceIds.Chunk(500))
            rows.AddRange(await db.GetTable<JournalRow>().Where(r => chunk.Contains(r.PersistenceId)).OrderBy(r => r.Ordering).ToListAsync());
        return rows;
    }

    /// <summary>
    /// Inserts copies of <paramref name="rows"/> under new persistence ids (prefix + the original), one row per
    /// statement, one writer per persistence id at a time, <paramref name="writers"/> writers at once: the shape
    /// of N entities persisting one event at a time, without the plugin.
    /// </summary>
    /// <returns>Rows inserted.</returns>
    public static async Task<int> InsertCopiesAsync(StorageOptions storage, IReadOnlyList<JournalRow> rows, string prefix, int writers)
    {
        var byEntity = rows.GroupBy(r => r.PersistenceId).Select(g => g.ToList()).ToList();
        var next = -1;
        var inserted = 0;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            await using var db = Open(storage);
            int index;
            while ((index = Interlocked.Increment(ref next)) < byEntity.Count)
            {
                foreach (var row in byEntity[index])
                {
                    await db.InsertAsync(row with { PersistenceId = prefix + row.PersistenceId, Created = DateTime.UtcNow.Ticks });
                    Interlocked.Increment(ref inserted);
                }
            }
        }));
        return inserted;
    }

    /// <summary>Reads each persistence id's latest snapshot and the events after it, <paramref name="readers"/> ids at once: recovery's I/O without the plugin.</summary>
    /// <returns>Rows read (snapshots + events).</returns>
    public static async Task<int> ReadRecoveriesAsync(StorageOptions storage, IReadOnlyList<string> persistenceIds, int readers)
    {
        var next = -1;
        var read = 0;
        await Task.WhenAll(Enumerable.Range(0, readers).Select(async _ =>
        {
            await using var db = Open(storage);
            int index;
            while ((index = Interlocked.Increment(ref next)) < persistenceIds.Count)
            {
                var id = persistenceIds[index];
                var snapshot = await db.GetTable<SnapshotRow>().Where(s => s.PersistenceId == id).OrderByDescending(s => s.SequenceNumber)
                    .Select(s => new { s.SequenceNumber, s.Snapshot }).FirstOrDefaultAsync();
                var from = snapshot?.SequenceNumber ?? 0;
                var events = await db.GetTable<JournalRow>().Where(r => r.PersistenceId == id && r.SequenceNumber > from && !r.Deleted).OrderBy(r => r.SequenceNumber).ToListAsync();
                Interlocked.Add(ref read, events.Count + (snapshot is null ? 0 : 1));
            }
        }));
        return read;
    }
}

/// <summary>A row of Akka.Persistence.Sql's journal table (its default column names).</summary>
[Table("journal")]
public sealed record JournalRow
{
    [Column("ordering", IsIdentity = true, SkipOnInsert = true), PrimaryKey] public long Ordering { get; init; }
    [Column("deleted")] public bool Deleted { get; init; }
    [Column("persistence_id")] public string PersistenceId { get; init; } = "";
    [Column("sequence_number")] public long SequenceNumber { get; init; }
    [Column("created")] public long Created { get; init; }
    [Column("message")] public byte[] Message { get; init; } = [];
    [Column("identifier")] public int? Identifier { get; init; }
    [Column("manifest")] public string? Manifest { get; init; }
    [Column("writer_uuid")] public string? WriterUuid { get; init; }
}

/// <summary>A row of Akka.Persistence.Sql's snapshot table.</summary>
[Table("snapshot")]
public sealed record SnapshotRow
{
    [Column("persistence_id")] public string PersistenceId { get; init; } = "";
    [Column("sequence_number")] public long SequenceNumber { get; init; }
    [Column("snapshot")] public byte[] Snapshot { get; init; } = [];
    [Column("manifest")] public string? Manifest { get; init; }
    [Column("serializer_id")] public int? SerializerId { get; init; }
}
