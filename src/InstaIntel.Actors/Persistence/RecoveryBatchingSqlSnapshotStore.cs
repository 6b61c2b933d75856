using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Db;
using Akka.Persistence.Sql.Extensions;
using Akka.Persistence.Sql.Snapshot;
using Akka.Util;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Actors.Persistence;

/// <summary>
/// Akka.Persistence.Sql's snapshot store, with the first read of a recovery (the actor's latest snapshot) batched
/// across the actors recovering together, for the reason <see cref="RecoveryBatchingSqlJournal"/> gives. Other
/// selection criteria, saves and deletes are the plugin's own.
/// </summary>
public sealed class RecoveryBatchingSqlSnapshotStore : SqlSnapshotStore
{
    private const int MaxBatch = 250;

    private readonly SnapshotConfig _config;
    private readonly AkkaPersistenceDataConnectionFactory _connections;
    private readonly ByteArrayLongSnapshotSerializer _longSerializer;
    private readonly ByteArrayDateTimeSnapshotSerializer _dateTimeSerializer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly QueryBatcher<string, SelectedSnapshot?> _latest;

    public RecoveryBatchingSqlSnapshotStore(Config snapshotConfig) : base(snapshotConfig)
    {
        _config = new SnapshotConfig(snapshotConfig.WithFallback(SqlPersistence.DefaultSnapshotConfiguration));
        _connections = new AkkaPersistenceDataConnectionFactory(_config);
        _longSerializer = new ByteArrayLongSnapshotSerializer(Context.System.Serialization, _config);
        _dateTimeSerializer = new ByteArrayDateTimeSnapshotSerializer(Context.System.Serialization, _config);
        _latest = new QueryBatcher<string, SelectedSnapshot?>(ReadLatestAsync, MaxBatch, maxInFlight: 2, _stopping.Token);
    }

    protected override void PostStop()
    {
        // Not disposed: a batch still finishing may read the token.
        _stopping.Cancel();
        base.PostStop();
    }

    protected override Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken) =>
        // Recovery asks for the latest snapshot; anything narrower is rare and keeps the plugin's query.
        criteria.MaxSequenceNr == long.MaxValue && criteria.MaxTimeStamp == DateTime.MaxValue
            ? _latest.RunAsync(persistenceId)
            : base.LoadAsync(persistenceId, criteria, cancellationToken);

    /// <summary>Each actor's snapshot with its highest sequence number, in one query, as the plugin's "latest" read picks it.</summary>
    private async Task<IReadOnlyList<QueryOutcome<SelectedSnapshot?>>> ReadLatestAsync(IReadOnlyList<string> persistenceIds, CancellationToken cancellationToken)
    {
        var ids = persistenceIds.Distinct().ToArray();
        var latest = await _connections.ExecuteWithTransactionAsync(
            _config.ReadIsolationLevel,
            cancellationToken,
            async (connection, token) =>
            {
                var found = new Dictionary<string, Try<SelectedSnapshot>>();
                if (connection.UseDateTime)
                {
                    var table = connection.GetTable<DateTimeSnapshotRow>();
                    var rows = await table
                        .Where(s => ids.Contains(s.PersistenceId)
                                    && s.SequenceNumber == table.Where(o => o.PersistenceId == s.PersistenceId).Max(o => o.SequenceNumber))
                        .ToListAsync(token);
                    foreach (var row in rows) found[row.PersistenceId] = _dateTimeSerializer.Deserialize(row);
                }
                else
                {
                    var table = connection.GetTable<LongSnapshotRow>();
                    var rows = await table
                        .Where(s => ids.Contains(s.PersistenceId)
                                    && s.SequenceNumber == table.Where(o => o.PersistenceId == s.PersistenceId).Max(o => o.SequenceNumber))
                        .ToListAsync(token);
                    foreach (var row in rows) found[row.PersistenceId] = _longSerializer.Deserialize(row);
                }
                return found;
            });
        // An actor whose snapshot does not deserialize fails its own recovery, as with the plugin; the others go on.
        return persistenceIds
            .Select(id => !latest.TryGetValue(id, out var snapshot) ? QueryOutcome<SelectedSnapshot?>.Of(null)
                : snapshot.IsSuccess ? QueryOutcome<SelectedSnapshot?>.Of(snapshot.Success.Value)
                : QueryOutcome<SelectedSnapshot?>.Failed(snapshot.Failure.Value))
            .ToList();
    }
}
