using System.Collections.Immutable;
using System.Text.Json.Nodes;
using InstaIntel.Actors.Analysis.Local;
using InstaIntel.Domain.Stories;
using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Intelligence.People;
using InstaIntel.Storage.People;
using StoredBox = InstaIntel.Domain.Common.BoundingBox;
using PixelBox = InstaIntel.Intelligence.Imaging.BoundingBox;

namespace InstaIntel.Actors.Analysis;

/// <summary>What linking one media's faces did.</summary>
public sealed record FaceLinkSummary(int Faces, int Linked, int Unlinked, int Founded, int AlreadyCounted, double? MinMatchSimilarity, IReadOnlyList<long> People,
    int Merged = 0);

/// <summary>
/// Faces of one media to the profile's people (BEHAVIOUR.md §5): the stored people become the clusterer's state, each face
/// is matched (cosine ≥ the threshold), founds a person, or stays unlinked with its reason; a face whose observation
/// signature a person already holds is linked again without counting. When a face brings two people close enough to
/// merge, the smaller is retired into the other (its signatures and linked usernames move along, its faces are
/// relinked). The faces, touched people and merges are saved in one
/// transaction, then identity resolution runs over the profile. Not thread-safe per profile: callers write one media at
/// a time (the media-analysis stream's write stage).
/// </summary>
public sealed class FacePeopleLinker(PeopleRepository people, PeopleClusteringOptions options)
{
    public const int MaxSignatures = 400;
    public const int MaxLinkedUsernames = 30;

    private readonly PeopleClusterer _clusterer = new(options);

    public async Task<FaceLinkSummary> LinkAsync(long accountId, long profileId, FaceSource source, MediaReading reading, DateTime seenAt,
        IReadOnlyList<string> linkedUsernames, CancellationToken cancellationToken)
    {
        var rows = await people.ListPeopleAsync(profileId, cancellationToken);
        var byCluster = new Dictionary<Guid, InstagramStoryPerson>();
        var clusters = ImmutableList.CreateBuilder<PersonCluster>();
        var bySignature = new Dictionary<string, InstagramStoryPerson>(StringComparer.Ordinal);
        var byId = rows.ToDictionary(r => r.Id);
        foreach (var row in rows)
        {
            // A merged person's signatures moved with it; should one be left, it counts for the person it became.
            foreach (var signature in row.Metadata?.ObservationSignatures ?? [])
                bySignature[signature] = Survivor(row, byId);
            if (row.CanonicalEmbedding is not { Dimensions: > 0 } canonical || row.Metadata?.EmbeddingVersion is not { } version
                || row.Metadata.MergedIntoPersonId is not null || row.Metadata.MatchingDisabledReason is not null)
                continue;
            var id = Guid.NewGuid();
            byCluster[id] = row;
            clusters.Add(new PersonCluster(id, new Embedding([.. canonical.Values], version), row.AppearanceCount, row.FirstSeenAt ?? seenAt, row.LastSeenAt ?? seenAt));
        }

        var state = new PeopleState(clusters.ToImmutable(), ImmutableDictionary<ObservationSignature, Guid>.Empty);
        var touched = new List<InstagramStoryPerson>();
        var writes = new List<FaceWrite>();
        var merges = new List<PersonMergeWrite>();
        int founded = 0, counted = 0, unlinked = 0;
        double? minSimilarity = null;
        foreach (var face in reading.Faces)
        {
            var signature = new ObservationSignature(source.Key, face.Frame, new PixelBox(face.X1, face.Y1, face.X2, face.Y2));
            var key = signature.ToString();
            var embedding = face.Embedding is { Count: > 0 } values && face.EmbeddingVersion is { } faceVersion
                ? new Embedding([.. values], faceVersion)
                : null;
            var metadata = new JsonObject
            {
                ["source"] = source.Key,
                ["frame"] = face.Frame,
                ["timestamp_seconds"] = face.TimestampSeconds,
                ["observation_signature"] = key,
            };
            InstagramStoryPerson? person;
            double? similarity = null;
            if (bySignature.TryGetValue(key, out var known))
            {
                // Seen before (the same media processed again): linked, never counted twice.
                person = known;
                similarity = Similarity(known, embedding);
                metadata["link_status"] = "already_counted";
                counted++;
            }
            else
            {
                var (next, link) = _clusterer.Observe(state, new FaceObservation(signature, face.Confidence, embedding, seenAt));
                state = next;
                switch (link.Kind)
                {
                    case FaceLinkKind.Matched:
                        foreach (var merge in link.Merges)
                            Merge(byCluster, merge, touched, writes, bySignature, merges);
                        person = byCluster[link.PersonId!.Value];
                        similarity = link.Similarity;
                        Absorb(person, state.Person(link.PersonId.Value), key);
                        metadata["link_status"] = "matched";
                        break;
                    case FaceLinkKind.Founded:
                        person = Found(accountId, profileId, state.Person(link.PersonId!.Value), key);
                        byCluster[link.PersonId.Value] = person;
                        similarity = 1;
                        metadata["link_status"] = "founded";
                        founded++;
                        break;
                    default:
                        person = null;
                        metadata["link_status"] = "unlinked";
                        metadata["unlinked_reason"] = link.Reason;
                        unlinked++;
                        break;
                }
                if (person is not null) bySignature[key] = person;
            }
            if (person is not null)
            {
                if (!touched.Contains(person)) touched.Add(person);
                if (similarity is { } s && (minSimilarity is null || s < minSimilarity)) minSimilarity = Math.Round(s, 4);
            }
            writes.Add(new FaceWrite(
                new StoredBox { X1 = face.X1, Y1 = face.Y1, X2 = face.X2, Y2 = face.Y2 },
                Math.Round(face.Confidence, 5), embedding is null ? null : new FaceEmbedding(face.Embedding!), face.EmbeddingVersion,
                person, similarity is null ? null : Math.Round(similarity.Value, 5), metadata));
        }

        foreach (var person in touched)
        {
            var metadata = person.Metadata ?? new StoryPersonMetadata();
            var usernames = (metadata.LinkedUsernames ?? []).Concat(linkedUsernames).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxLinkedUsernames).ToList();
            person.Metadata = metadata with { LinkedUsernames = usernames };
            if (seenAt > (person.LastSeenAt ?? DateTime.MinValue)) person.LastSeenAt = seenAt;
        }
        await people.SaveFacesAsync(source, touched, writes, merges, cancellationToken);
        if (writes.Count > 0 || rows.Count > 0)
            await people.ResolveIdentityAsync(profileId, cancellationToken);
        return new FaceLinkSummary(writes.Count, writes.Count - unlinked, unlinked, founded, counted, minSimilarity,
            touched.Select(p => p.Id).ToList(), merges.Count);
    }

    private static InstagramStoryPerson Survivor(InstagramStoryPerson row, Dictionary<long, InstagramStoryPerson> byId)
    {
        for (var hops = 0; hops < 16 && row.Metadata?.MergedIntoPersonId is { } into && byId.TryGetValue(into, out var next); hops++)
            row = next;
        return row;
    }

    /// <summary>
    /// The clusterer merged two people: the survivor takes the absorbed one's signatures, linked usernames, label and
    /// owner role; faces of this media already written for the absorbed one follow; a stored absorbed row is retired
    /// by the repository, one founded in this same media is never written.
    /// </summary>
    private static void Merge(Dictionary<Guid, InstagramStoryPerson> byCluster, PersonMerge merge, List<InstagramStoryPerson> touched,
        List<FaceWrite> writes, Dictionary<string, InstagramStoryPerson> bySignature, List<PersonMergeWrite> merges)
    {
        var absorbed = byCluster[merge.Absorbed];
        var into = byCluster[merge.Into];
        byCluster.Remove(merge.Absorbed);
        var mine = into.Metadata ?? new StoryPersonMetadata();
        var theirs = absorbed.Metadata ?? new StoryPersonMetadata();
        into.Metadata = mine with
        {
            ObservationSignatures = (theirs.ObservationSignatures ?? []).Concat(mine.ObservationSignatures ?? []).Distinct(StringComparer.Ordinal).TakeLast(MaxSignatures).ToList(),
            ObservationSignaturesCount = (mine.ObservationSignaturesCount ?? mine.ObservationSignatures?.Count ?? 0)
                + (theirs.ObservationSignaturesCount ?? theirs.ObservationSignatures?.Count ?? 0),
            LinkedUsernames = (mine.LinkedUsernames ?? []).Concat(theirs.LinkedUsernames ?? []).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxLinkedUsernames).ToList(),
        };
        into.Label ??= absorbed.Label;
        if (absorbed.Role == PersonRole.ProfileOwner) into.Role = PersonRole.ProfileOwner;
        if (!touched.Contains(into)) touched.Add(into);
        for (var i = 0; i < writes.Count; i++)
            if (writes[i].Person == absorbed) writes[i] = writes[i] with { Person = into };
        foreach (var signature in bySignature.Where(s => s.Value == absorbed).Select(s => s.Key).ToList())
            bySignature[signature] = into;
        for (var i = 0; i < merges.Count; i++)
            if (merges[i].Into == absorbed) merges[i] = merges[i] with { Into = into };
        touched.Remove(absorbed);
        if (absorbed.Id != 0)
            merges.Add(new PersonMergeWrite(absorbed, into));
    }

    private static double? Similarity(InstagramStoryPerson person, Embedding? face) =>
        face is not null && person.CanonicalEmbedding is { } canonical && person.Metadata?.EmbeddingVersion == face.Version && canonical.Dimensions == face.Dimensions
            ? new Embedding([.. canonical.Values], face.Version).CosineSimilarity(face)
            : null;

    private static InstagramStoryPerson Found(long accountId, long profileId, PersonCluster cluster, string signature) => new()
    {
        InstagramAccountId = accountId,
        InstagramProfileId = profileId,
        Role = PersonRole.SecondaryPerson,
        CanonicalEmbedding = new FaceEmbedding(cluster.Canonical.Values.ToArray()),
        AppearanceCount = cluster.AppearanceCount,
        FirstSeenAt = cluster.FirstSeenAt.UtcDateTime,
        LastSeenAt = cluster.LastSeenAt.UtcDateTime,
        Metadata = new StoryPersonMetadata
        {
            Source = "auto_cluster",
            EmbeddingVersion = cluster.Canonical.Version,
            ObservationSignatures = [signature],
            ObservationSignaturesCount = 1,
            LastObservationSignature = signature,
        },
    };

    private static void Absorb(InstagramStoryPerson person, PersonCluster cluster, string signature)
    {
        person.CanonicalEmbedding = new FaceEmbedding(cluster.Canonical.Values.ToArray());
        person.AppearanceCount = cluster.AppearanceCount;
        person.FirstSeenAt = cluster.FirstSeenAt.UtcDateTime;
        person.LastSeenAt = cluster.LastSeenAt.UtcDateTime;
        var metadata = person.Metadata ?? new StoryPersonMetadata();
        var signatures = (metadata.ObservationSignatures ?? []).Append(signature).TakeLast(MaxSignatures).ToList();
        person.Metadata = metadata with
        {
            ObservationSignatures = signatures,
            ObservationSignaturesCount = (metadata.ObservationSignaturesCount ?? metadata.ObservationSignatures?.Count ?? 0) + 1,
            LastObservationSignature = signature,
        };
    }
}
