using InstaIntel.Intelligence.Embeddings;

namespace InstaIntel.Intelligence.People;

/// <summary>
/// Online clustering of faces into people, pure: state in, state and outcome out (the storage layer persists both).
/// A face joins the most similar person at or above the threshold, or founds a new one. A person whose canonical
/// embedding, after taking the face, is at or above the threshold with another person's is merged with it (the one with
/// fewer appearances into the other, repeated until no pair is that close): faces of one person that founded two people
/// early on (a profile photo and a video frame, say) become one person once either has seen enough of them.
/// </summary>
public sealed class PeopleClusterer
{
    private readonly PeopleClusteringOptions _options;
    private readonly Func<Guid> _newId;

    public PeopleClusterer(PeopleClusteringOptions? options = null, Func<Guid>? newId = null)
    {
        _options = options ?? new PeopleClusteringOptions();
        _options.Validate();
        _newId = newId ?? Guid.CreateVersion7;
    }

    public PeopleClusteringOptions Options => _options;

    /// <summary>
    /// The most similar person at or above the threshold, if any. People embedded by another model version are not
    /// comparable and are skipped (a model swap starts new clusters until faces are re-embedded).
    /// </summary>
    public (PersonCluster Person, float Similarity)? BestMatch(IEnumerable<PersonCluster> people, Embedding face)
    {
        (PersonCluster Person, float Similarity)? best = null;
        foreach (var person in people)
        {
            if (person.Canonical.Version != face.Version)
                continue;
            var similarity = person.Canonical.CosineSimilarity(face);
            if (similarity >= _options.MatchThreshold && (best is null || similarity > best.Value.Similarity))
                best = (person, similarity);
        }
        return best;
    }

    public (PeopleState State, FaceLink Link) Observe(PeopleState state, FaceObservation observation)
    {
        if (state.Counted.TryGetValue(observation.Signature, out var counted))
            return (state, new FaceLink(FaceLinkKind.AlreadyCounted, counted, null, null));
        if (observation.Confidence < _options.MinLinkConfidence)
            return (state, new FaceLink(FaceLinkKind.Unlinked, null, null, FaceLink.LowConfidence));
        if (observation.Embedding is not { } face)
            return (state, new FaceLink(FaceLinkKind.Unlinked, null, null, FaceLink.EmbeddingUnavailable));

        if (BestMatch(state.People, face) is var (person, similarity))
        {
            var updated = person.Absorb(face, observation.ObservedAt);
            var next = new PeopleState(state.People.Replace(person, updated), state.Counted.Add(observation.Signature, person.Id));
            var (merged, into, merges) = MergeAround(next, person.Id);
            return (merged, new FaceLink(FaceLinkKind.Matched, into, similarity, null) { Merges = merges });
        }

        var founded = new PersonCluster(_newId(), face, 1, observation.ObservedAt, observation.ObservedAt);
        return (new PeopleState(state.People.Add(founded), state.Counted.Add(observation.Signature, founded.Id)),
            new FaceLink(FaceLinkKind.Founded, founded.Id, 1f, null));
    }

    /// <summary>
    /// Merges <paramref name="id"/> with the most similar other person while their canonical embeddings are at or above
    /// the threshold; returns the state, the person <paramref name="id"/> ended up in, and the merges in order.
    /// </summary>
    private (PeopleState State, Guid Into, IReadOnlyList<PersonMerge> Merges) MergeAround(PeopleState state, Guid id)
    {
        List<PersonMerge>? merges = null;
        while (true)
        {
            var current = state.Person(id);
            var others = state.People.Where(p => p.Id != id);
            if (BestMatch(others, current.Canonical) is not var (other, similarity))
                return (state, id, merges ?? (IReadOnlyList<PersonMerge>)[]);
            // The person with more appearances keeps its id (the older on a tie): the smaller one joins it.
            var keepCurrent = current.AppearanceCount > other.AppearanceCount
                || (current.AppearanceCount == other.AppearanceCount && state.People.IndexOf(current) < state.People.IndexOf(other));
            var (survivor, absorbed) = keepCurrent ? (current, other) : (other, current);
            var people = state.People.Replace(survivor, survivor.Merge(absorbed)).Remove(absorbed);
            var moved = state.Counted.Where(c => c.Value == absorbed.Id).Select(c => KeyValuePair.Create(c.Key, survivor.Id));
            state = new PeopleState(people, state.Counted.SetItems(moved));
            (merges ??= []).Add(new PersonMerge(absorbed.Id, survivor.Id, similarity));
            id = survivor.Id;
        }
    }

    /// <summary>Observes faces in order; returns the final state and one link per face.</summary>
    public (PeopleState State, IReadOnlyList<FaceLink> Links) ObserveAll(PeopleState state, IEnumerable<FaceObservation> observations)
    {
        var links = new List<FaceLink>();
        foreach (var observation in observations)
        {
            (state, var link) = Observe(state, observation);
            links.Add(link);
        }
        return (state, links);
    }
}
