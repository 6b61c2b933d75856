using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Db;
using Akka.Persistence.Sql.Extensions;
using Akka.Persistence.Sql.Journal;
using Akka.Persistence.Sql.Journal.Dao;
using Akka.Persistence.Sql.Journal.Types;
using Akka.Streams;
using Akka.Streams.Dsl;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Actors.Persistence;

/// <summary>
/// Akka.Persistence.Sql's journal, with the two reads of a recovery batched across the persistent actors
/// recovering together. The plugin runs every recovery's "highest sequence number" and "events after the snapshot"
/// as separate queries, each in its own transaction; when a node restarts thousands of remembered accounts at once
/// those per-actor round trips are the recovery rate's ceiling (docs/performance.md, section 2). Here the reads
/// that arrive while one is in flight go as one query. On SQLite, writes are batched the same way (below); elsewhere,
/// and for deletes, tagged events and long replays, the plugin's own code runs.
/// Configured as the journal's <c>class</c> (<see cref="Hosting.SqlPersistenceHocon"/>).
/// </summary>
/// <remarks>
/// SQLite has one writer. There the plugin's write queue, with a hundred accounts each waiting for its event, kept
/// about a hundred writes in flight that waited ~70 ms each and stored ~1,500 events/s (docs/performance.md, section 1).
/// Here the writes that arrive while a transaction is open wait for it and then go together: one transaction, one
/// INSERT per row (the statement linq2db caches), in the order they came. A batch whose transaction fails fails each
/// of its writes (their actors see a persist failure), as the plugin's own batches do.
/// </remarks>
public sealed class RecoveryBatchingSqlJournal : SqlWriteJournal
{
    // Requests per batch: enough to drain a recovery wave (or a hundred writers) quickly, few enough parameters for every engine.
    private const int MaxBatch = 250;

    private readonly JournalConfig _config;
    private readonly AkkaPersistenceDataConnectionFactory _connections;
    private readonly ByteArrayJournalSerializer _serializer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, Task> _writesInProgress = new();
    private readonly QueryBatcher<HighestRequest, long> _highest;
    private readonly QueryBatcher<ReplayRequest, IReadOnlyList<IPersistentRepresentation>> _replays;
    private readonly bool _batching;
    private readonly QueryBatcher<JournalRow[], bool>? _rowWrites;
    private IMaterializer? _materializer;

    public RecoveryBatchingSqlJournal(Config journalConfig) : base(journalConfig)
    {
        // The same configuration the plugin builds for itself (HOCON; this project sets no DataOptionsSetup).
        _config = new JournalConfig(journalConfig.WithFallback(SqlPersistence.DefaultJournalConfiguration));
        _connections = new AkkaPersistenceDataConnectionFactory(_config);
        // One serializer for the rows it writes (SQLite) and the rows it replays; the writer id only marks written rows.
        var writerUuid = _config.TableConfig.EventJournalTable.UseWriterUuidColumn ? Guid.NewGuid().ToString("N") : null;
        _serializer = new ByteArrayJournalSerializer(_config, Context.System.Serialization, _config.PluginConfig.TagSeparator, writerUuid);
        // Compatibility mode keeps highest sequence numbers in a second table; the plugin's own reads handle it.
        _batching = !_config.DaoConfig.SqlCommonCompatibilityMode;
        _highest = new QueryBatcher<HighestRequest, long>(ReadHighestAsync, MaxBatch, maxInFlight: 2, _stopping.Token);
        _replays = new QueryBatcher<ReplayRequest, IReadOnlyList<IPersistentRepresentation>>(ReplayAsync, MaxBatch, maxInFlight: 2, _stopping.Token);
        if (_batching && _config.ProviderName.StartsWith("SQLite", StringComparison.OrdinalIgnoreCase))
        {
            // One transaction at a time: SQLite has one writer, and the order of an actor's writes must hold.
            _rowWrites = new QueryBatcher<JournalRow[], bool>(InsertAsync, MaxBatch, maxInFlight: 1, _stopping.Token);
        }
    }

    protected override void PreStart()
    {
        _materializer = Context.Materializer();
        base.PreStart();
    }

    protected override void PostStop()
    {
        // Not disposed: a batch still finishing may read the token.
        _stopping.Cancel();
        base.PostStop();
    }

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        if (!_batching) return await base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);
        // As the plugin does: a write still in flight for this actor counts, whether it succeeds or not.
        if (_writesInProgress.TryGetValue(persistenceId, out var write))
            await write.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return await _highest.RunAsync(new HighestRequest(persistenceId, fromSequenceNr));
    }

    public override async Task ReplayMessagesAsync(
        IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback)
    {
        // A long replay pages through the plugin's own stream rather than landing in memory in one piece.
        if (!_batching || toSequenceNr - fromSequenceNr >= _config.DaoConfig.ReplayBatchSize)
        {
            await base.ReplayMessagesAsync(context, persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback);
            return;
        }
        foreach (var message in await _replays.RunAsync(new ReplayRequest(persistenceId, fromSequenceNr, toSequenceNr, max)))
            recoveryCallback(message);
    }

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages as IReadOnlyList<AtomicWrite> ?? messages.ToList();
        var written = _rowWrites is not null && !writes.Any(HasTags)
            ? WriteRowsAsync(writes)
            : base.WriteMessagesAsync(writes, cancellationToken);
        if (_batching && writes.Count > 0)
        {
            var persistenceId = writes[0].PersistenceId;
            _writesInProgress[persistenceId] = written;
            written.ContinueWith(
                done => _writesInProgress.TryRemove(new KeyValuePair<string, Task>(persistenceId, done)),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        return written;
    }

    // Tags go to the plugin's tag table, which needs each row's identity: the plugin's own path does that.
    private static bool HasTags(AtomicWrite write) =>
        ((IEnumerable<IPersistentRepresentation>)write.Payload).Any(p => p.Payload is Tagged { Tags.Count: > 0 });

    /// <summary>As the plugin writes: every atomic write serialized, the ones that fail rejected alone, the rest stored together.</summary>
    private async Task<IImmutableList<Exception>> WriteRowsAsync(IReadOnlyList<AtomicWrite> writes)
    {
        var serialized = _serializer.Serialize(writes, DateTime.UtcNow.Ticks);
        var rows = serialized.Where(t => t.IsSuccess).SelectMany(t => t.Success.Value!).ToArray();
        if (rows.Length > 0) await _rowWrites!.RunAsync(rows);
        return serialized.All(t => t.IsSuccess) ? null! : serialized.Select(t => t.IsSuccess ? null! : t.Failure.Value).ToImmutableList();
    }

    /// <summary>The rows of every write in the batch, in one transaction: all stored, or none (each caller sees the error).</summary>
    private async Task<IReadOnlyList<QueryOutcome<bool>>> InsertAsync(IReadOnlyList<JournalRow[]> writes, CancellationToken cancellationToken)
    {
        await _connections.ExecuteWithTransactionAsync(
            _config.WriteIsolationLevel,
            cancellationToken,
            async (connection, token) =>
            {
                foreach (var row in writes.SelectMany(w => w)) await connection.InsertAsync(row, token);
                return true;
            });
        return writes.Select(_ => QueryOutcome<bool>.Of(true)).ToList();
    }

    /// <summary>The plugin's native-mode answer per actor: the highest sequence number above <c>from</c>, or 0 when none is.</summary>
    private async Task<IReadOnlyList<QueryOutcome<long>>> ReadHighestAsync(IReadOnlyList<HighestRequest> requests, CancellationToken cancellationToken)
    {
        var ids = requests.Select(r => r.PersistenceId).Distinct().ToArray();
        var highest = await _connections.ExecuteWithTransactionAsync(
            _config.ReadIsolationLevel,
            cancellationToken,
            async (connection, token) => await connection.GetTable<JournalRow>()
                .Where(r => ids.Contains(r.PersistenceId))
                .GroupBy(r => r.PersistenceId)
                .Select(g => new { PersistenceId = g.Key, Highest = g.Max(r => r.SequenceNumber) })
                .ToDictionaryAsync(x => x.PersistenceId, x => x.Highest, token));
        return requests
            .Select(r => QueryOutcome<long>.Of(highest.TryGetValue(r.PersistenceId, out var seqNr) && seqNr > r.FromSequenceNr ? seqNr : 0L))
            .ToList();
    }

    /// <summary>Every actor's live events in its own range, in one query joined on the ranges, handed out in sequence order.</summary>
    private async Task<IReadOnlyList<QueryOutcome<IReadOnlyList<IPersistentRepresentation>>>> ReplayAsync(
        IReadOnlyList<ReplayRequest> requests, CancellationToken cancellationToken)
    {
        var ranges = requests
            .Select(r => new ReplayRange { PersistenceId = r.PersistenceId, From = r.FromSequenceNr, To = r.ToSequenceNr })
            .ToList();
        var rows = await _connections.ExecuteWithTransactionAsync(
            _config.ReadIsolationLevel,
            cancellationToken,
            async (connection, token) => await (
                    from range in connection.AsQueryable(ranges)
                    from row in connection.GetTable<JournalRow>()
                    where row.PersistenceId == range.PersistenceId
                          && row.SequenceNumber >= range.From
                          && row.SequenceNumber <= range.To
                          && !row.Deleted
                    select row)
                .ToListAsync(token));

        var deserialized = await Source.From(rows)
            .Via(_serializer.DeserializeFlow())
            .RunWith(Sink.Seq<Akka.Util.Try<(IPersistentRepresentation Message, string[] Tags, long Ordering)>>(), _materializer!);
        var byActor = new Dictionary<string, List<IPersistentRepresentation>>();
        var unreadable = new Dictionary<string, Exception>();
        for (var i = 0; i < rows.Count; i++)
        {
            // A row that cannot be read fails its actor's recovery, as with the plugin; the others go on.
            var result = deserialized[i];
            if (!result.IsSuccess)
            {
                unreadable.TryAdd(rows[i].PersistenceId, result.Failure.Value);
                continue;
            }
            var message = result.Success.Value.Message;
            if (!byActor.TryGetValue(message.PersistenceId, out var messages)) byActor[message.PersistenceId] = messages = [];
            messages.Add(message);
        }

        return requests.Select(r =>
        {
            if (unreadable.TryGetValue(r.PersistenceId, out var failure)) return QueryOutcome<IReadOnlyList<IPersistentRepresentation>>.Failed(failure);
            if (!byActor.TryGetValue(r.PersistenceId, out var messages)) return QueryOutcome<IReadOnlyList<IPersistentRepresentation>>.Of([]);
            // Two requests for one actor in a batch share its rows; each takes its own range.
            return QueryOutcome<IReadOnlyList<IPersistentRepresentation>>.Of(messages
                .Where(m => m.SequenceNr >= r.FromSequenceNr && m.SequenceNr <= r.ToSequenceNr)
                .OrderBy(m => m.SequenceNr)
                .Take(r.Max >= int.MaxValue ? int.MaxValue : (int)r.Max)
                .ToList());
        }).ToList();
    }

    private readonly record struct HighestRequest(string PersistenceId, long FromSequenceNr);

    private readonly record struct ReplayRequest(string PersistenceId, long FromSequenceNr, long ToSequenceNr, long Max);

    /// <summary>One actor's range, a row of the VALUES list the replay query joins on.</summary>
    internal sealed class ReplayRange
    {
        public string PersistenceId { get; set; } = "";
        public long From { get; set; }
        public long To { get; set; }
    }
}
