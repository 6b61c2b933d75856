using Npgsql;

namespace InstaIntel.Cluster.Tests.Harness;

/// <summary>What the cluster wrote, read with plain SQL: the application tables and the Akka journal.</summary>
public sealed class ClusterDatabase(string connectionString)
{
    /// <summary>Per account persistence id (<c>account-...</c>): event count, lowest and highest sequence number.</summary>
    public async Task<IReadOnlyDictionary<string, (long Count, long Min, long Max)>> AccountJournalsAsync()
    {
        var result = new Dictionary<string, (long, long, long)>(StringComparer.Ordinal);
        await foreach (var row in QueryAsync(
            "SELECT persistence_id, COUNT(*), MIN(sequence_number), MAX(sequence_number) FROM journal " +
            "WHERE persistence_id LIKE 'account-%' GROUP BY persistence_id",
            r => (Id: r.GetString(0), Count: r.GetInt64(1), Min: r.GetInt64(2), Max: r.GetInt64(3))))
            result[row.Id] = (row.Count, row.Min, row.Max);
        return result;
    }

    /// <summary>Every account's projected sequence number (<c>instagram_accounts.projected_sequence_nr</c>).</summary>
    public async Task<IReadOnlyDictionary<string, long>> ProjectedSequenceNumbersAsync()
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var (username, sequence) in QueryAsync("SELECT username, projected_sequence_nr FROM instagram_accounts", r => (r.GetString(0), r.GetInt64(1))))
            result[username] = sequence;
        return result;
    }

    /// <summary>Runs that did not succeed, counted by their error (for a failure message: why work is missing).</summary>
    public async Task<IReadOnlyDictionary<string, long>> UnsuccessfulRunsAsync()
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var (error, count) in QueryAsync(
            "SELECT status || ': ' || COALESCE(LEFT(error_message, 160), ''), COUNT(*) FROM sync_runs WHERE status <> 'succeeded' GROUP BY 1",
            r => (r.GetString(0), r.GetInt64(1))))
            result[error] = count;
        return result;
    }

    /// <summary>The account's profiles with their follow flags, one entry per stored row (duplicates would show twice).</summary>
    public async Task<IReadOnlyList<(string Username, bool Following, bool FollowsYou)>> ProfilesAsync(string account) =>
        await ListAsync(
            "SELECT p.username, p.following, p.follows_you FROM instagram_profiles p JOIN instagram_accounts a ON a.id = p.instagram_account_id " +
            "WHERE a.username = @account", account, r => (r.GetString(0), r.GetBoolean(1), r.GetBoolean(2)));

    /// <summary>The account's stories: owner, story id, whether the media is stored; one entry per row.</summary>
    public async Task<IReadOnlyList<(string Owner, string StoryId, bool HasMedia)>> StoriesAsync(string account) =>
        await ListAsync(
            "SELECT p.username, s.story_id, s.media_blob_key IS NOT NULL FROM instagram_stories s " +
            "JOIN instagram_profiles p ON p.id = s.instagram_profile_id JOIN instagram_accounts a ON a.id = s.instagram_account_id " +
            "WHERE a.username = @account", account, r => (r.GetString(0), r.GetString(1), r.GetBoolean(2)));

    /// <summary>The account's profile events of one kind: owner and external id, one entry per row.</summary>
    public async Task<IReadOnlyList<(string Owner, string ExternalId)>> EventsAsync(string account, string kind) =>
        await ListAsync(
            "SELECT p.username, e.external_id FROM instagram_profile_events e JOIN instagram_profiles p ON p.id = e.instagram_profile_id " +
            "JOIN instagram_accounts a ON a.id = p.instagram_account_id WHERE a.username = @account AND e.kind = @kind",
            account, r => (r.GetString(0), r.GetString(1)), ("kind", kind));

    private async Task<IReadOnlyList<T>> ListAsync<T>(string sql, string account, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] more)
    {
        var list = new List<T>();
        await foreach (var row in QueryAsync(sql, read, [("account", account), .. more])) list.Add(row);
        return list;
    }

    private async IAsyncEnumerable<T> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) yield return read(reader);
    }
}
