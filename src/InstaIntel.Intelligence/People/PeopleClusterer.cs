using InstaIntel.Intelligence.Embeddings;

namespace InstaIntel.Intelligence.People;

/// <summary>
/// Online clustering of faces into people, pure: state in, state and outcome out (the storage layer persists both).
/// A face joins the most similar person at or above the threshold, or founds a new one.
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
            return (next, new FaceLink(FaceLinkKind.Matched, person.Id, similarity, null));
        }

        var founded = new PersonCluster(_newId(), face, 1, observation.ObservedAt, observation.ObservedAt);
        return (new PeopleState(state.People.Add(founded), state.Counted.Add(observation.Signature, founded.Id)),
            new FaceLink(FaceLinkKind.Founded, founded.Id, 1f, null));
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
