using InstaIntel.Intelligence.Embeddings;
using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.People;

namespace InstaIntel.Intelligence.Tests.People;

public sealed class PeopleClustererTests
{
    private const string Version = "face-embedder@test";
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // Unit vectors in 3-d: the cosine of two of them is the cosine of the angle between them.
    private static Embedding At(double degrees, string version = Version) =>
        Embedding.Normalise([(float)Math.Cos(degrees * Math.PI / 180), (float)Math.Sin(degrees * Math.PI / 180), 0f], version);

    private static FaceObservation Face(Embedding? embedding, string source = "story:1", int frame = 0, float x = 10, float confidence = 0.99f, int minutes = 0) =>
        new(new ObservationSignature(source, frame, new BoundingBox(x, 10, x + 50, 70)), confidence, embedding, T0.AddMinutes(minutes));

    private static PeopleClusterer Clusterer(float threshold = 0.40f) =>
        new(new PeopleClusteringOptions { MatchThreshold = threshold });

    [Fact]
    public void A_face_that_matches_nobody_founds_a_person()
    {
        var (state, link) = Clusterer().Observe(PeopleState.Empty, Face(At(0)));

        Assert.Equal(FaceLinkKind.Founded, link.Kind);
        var person = Assert.Single(state.People);
        Assert.Equal(person.Id, link.PersonId);
        Assert.Equal(1, person.AppearanceCount);
        Assert.Equal(T0, person.FirstSeenAt);
    }

    [Fact]
    public void A_face_joins_the_most_similar_person_above_the_threshold()
    {
        var clusterer = Clusterer();
        var (state, first) = clusterer.Observe(PeopleState.Empty, Face(At(0), "story:1"));
        (state, var second) = clusterer.Observe(state, Face(At(90), "story:2"));

        var (after, link) = clusterer.Observe(state, Face(At(60), "story:3", minutes: 5));

        Assert.Equal(FaceLinkKind.Matched, link.Kind);
        Assert.Equal(second.PersonId, link.PersonId);
        Assert.Equal((float)Math.Cos(30 * Math.PI / 180), link.Similarity!.Value, 4);
        Assert.Equal(2, after.Person(second.PersonId!.Value).AppearanceCount);
        Assert.Equal(1, after.Person(first.PersonId!.Value).AppearanceCount);
        Assert.Equal(T0.AddMinutes(5), after.Person(second.PersonId.Value).LastSeenAt);
    }

    [Fact]
    public void The_canonical_embedding_is_the_running_mean_renormalised()
    {
        var clusterer = Clusterer();
        var (state, link) = clusterer.Observe(PeopleState.Empty, Face(At(0), "a"));
        (state, _) = clusterer.Observe(state, Face(At(40), "b"));
        (state, _) = clusterer.Observe(state, Face(At(20), "c"));

        var canonical = state.Person(link.PersonId!.Value).Canonical;

        // Mean of 0°, 40° and 20° (each step re-normalised) points at 20° by symmetry.
        Assert.Equal(1f, canonical.CosineSimilarity(At(20)), 4);
        Assert.Equal(3, state.Person(link.PersonId.Value).AppearanceCount);
    }

    [Fact]
    public void Reprocessing_the_same_observation_never_counts_twice()
    {
        var clusterer = Clusterer();
        var face = Face(At(0), "story:9", frame: 2, x: 100.2f);
        var (state, founded) = clusterer.Observe(PeopleState.Empty, face);

        // Same media, frame and box (to the pixel), a slightly different embedding from a re-run.
        var (after, again) = clusterer.Observe(state, Face(At(1), "story:9", frame: 2, x: 99.8f));

        Assert.Equal(FaceLinkKind.AlreadyCounted, again.Kind);
        Assert.Equal(founded.PersonId, again.PersonId);
        Assert.Same(state, after);
        Assert.Equal(1, after.Person(founded.PersonId!.Value).AppearanceCount);
    }

    [Fact]
    public void Another_frame_or_box_of_the_same_media_is_a_new_appearance()
    {
        var clusterer = Clusterer();
        var (state, _) = clusterer.Observe(PeopleState.Empty, Face(At(0), "story:9", frame: 0));

        var (_, otherFrame) = clusterer.Observe(state, Face(At(1), "story:9", frame: 1));
        var (_, otherBox) = clusterer.Observe(state, Face(At(1), "story:9", frame: 0, x: 300));

        Assert.Equal(FaceLinkKind.Matched, otherFrame.Kind);
        Assert.Equal(FaceLinkKind.Matched, otherBox.Kind);
    }

    [Fact]
    public void Low_confidence_faces_and_faces_without_embedding_stay_unlinked_with_a_reason()
    {
        var clusterer = Clusterer();

        var (state, low) = clusterer.Observe(PeopleState.Empty, Face(At(0), confidence: 0.5f));
        (state, var none) = clusterer.Observe(state, Face(null, "story:2"));

        Assert.Equal(new FaceLink(FaceLinkKind.Unlinked, null, null, FaceLink.LowConfidence), low);
        Assert.Equal(new FaceLink(FaceLinkKind.Unlinked, null, null, FaceLink.EmbeddingUnavailable), none);
        Assert.Empty(state.People);
        Assert.Empty(state.Counted);
    }

    [Theory]
    [InlineData(0.40f, FaceLinkKind.Matched)]
    [InlineData(0.60f, FaceLinkKind.Founded)]
    public void The_threshold_decides_between_joining_and_founding(float threshold, FaceLinkKind expected)
    {
        var clusterer = Clusterer(threshold);
        var (state, _) = clusterer.Observe(PeopleState.Empty, Face(At(0), "a"));

        // cos 60° = 0.5: above 0.40, below 0.60.
        var (_, link) = clusterer.Observe(state, Face(At(60), "b"));

        Assert.Equal(expected, link.Kind);
    }

    [Fact]
    public void Embeddings_of_another_model_version_are_never_compared()
    {
        var clusterer = Clusterer();
        var (state, _) = clusterer.Observe(PeopleState.Empty, Face(At(0), "a"));

        var (after, link) = clusterer.Observe(state, Face(At(0, "face-embedder@other"), "b"));

        Assert.Equal(FaceLinkKind.Founded, link.Kind);
        Assert.Equal(2, after.People.Count);
    }

    [Fact]
    public void ObserveAll_returns_one_link_per_face_in_order()
    {
        var ids = new Queue<Guid>([Guid.Parse("00000000-0000-0000-0000-000000000001"), Guid.Parse("00000000-0000-0000-0000-000000000002")]);
        var clusterer = new PeopleClusterer(newId: ids.Dequeue);

        var (state, links) = clusterer.ObserveAll(PeopleState.Empty, [Face(At(0), "a"), Face(At(120), "b"), Face(At(10), "c")]);

        Assert.Equal([FaceLinkKind.Founded, FaceLinkKind.Founded, FaceLinkKind.Matched], links.Select(l => l.Kind));
        Assert.Equal(links[0].PersonId, links[2].PersonId);
        Assert.Equal([2, 1], state.People.Select(p => p.AppearanceCount));
    }
}
