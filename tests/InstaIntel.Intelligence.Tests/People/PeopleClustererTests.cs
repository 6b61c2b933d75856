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

    [Fact]
    public void A_person_whose_canonical_comes_within_the_threshold_of_another_merges_with_it()
    {
        var clusterer = Clusterer();
        // 0° founds A; 70° is cos 0.34 from it and founds B.
        var (state, a) = clusterer.Observe(PeopleState.Empty, Face(At(0), "a", minutes: 10));
        (state, var b) = clusterer.Observe(state, Face(At(70), "b", minutes: 0));
        Assert.Equal(FaceLinkKind.Founded, b.Kind);

        // 30° joins A (cos 30° against cos 40°): A's canonical moves to 15°, 55° from B's (cos 0.57): one person.
        var (after, link) = clusterer.Observe(state, Face(At(30), "c", minutes: 20));

        Assert.Equal(FaceLinkKind.Matched, link.Kind);
        Assert.Equal(a.PersonId, link.PersonId);
        var merge = Assert.Single(link.Merges);
        Assert.Equal((b.PersonId!.Value, a.PersonId!.Value), (merge.Absorbed, merge.Into));
        Assert.Equal((float)Math.Cos(55 * Math.PI / 180), merge.Similarity, 4);
        var person = Assert.Single(after.People);
        Assert.Equal(a.PersonId, person.Id);
        Assert.Equal(3, person.AppearanceCount);
        Assert.Equal((T0, T0.AddMinutes(20)), (person.FirstSeenAt, person.LastSeenAt));
        // The canonical is the appearance-weighted mean: A (2 faces at 15°) and B (1 at 70°).
        var expected = Embedding.Normalise([.. At(15).Values.Zip(At(70).Values, (x, y) => 2 * x + y)], Version);
        Assert.Equal(1f, person.Canonical.CosineSimilarity(expected), 5);
        // Every counted observation names the person it ended in: re-processing B's face counts nothing new.
        Assert.All(after.Counted.Values, id => Assert.Equal(a.PersonId, id));
        var (_, again) = clusterer.Observe(after, Face(At(70), "b"));
        Assert.Equal(new FaceLink(FaceLinkKind.AlreadyCounted, a.PersonId, null, null), again);
    }

    [Fact]
    public void The_person_a_face_joins_is_merged_into_a_larger_one_and_the_face_ends_there()
    {
        var clusterer = Clusterer();
        var (state, big) = clusterer.ObserveAll(PeopleState.Empty, [Face(At(0), "a"), Face(At(0), "b"), Face(At(0), "c")]);
        (state, var small) = clusterer.Observe(state, Face(At(70), "d"));

        // 50° joins the small person (cos 20° against cos 50°), whose canonical moves to 60°: cos 0.5 with the big one.
        var (after, link) = clusterer.Observe(state, Face(At(50), "e"));

        Assert.Equal((float)Math.Cos(20 * Math.PI / 180), link.Similarity!.Value, 4);
        Assert.Equal(big[0].PersonId, link.PersonId);
        var merge = Assert.Single(link.Merges);
        Assert.Equal((small.PersonId!.Value, big[0].PersonId!.Value), (merge.Absorbed, merge.Into));
        Assert.Equal(0.5f, merge.Similarity, 4);
        Assert.Equal(5, Assert.Single(after.People).AppearanceCount);
    }

    [Fact]
    public void A_face_between_two_people_joins_one_and_merges_nothing_while_their_canonicals_stay_apart()
    {
        var clusterer = Clusterer();
        var (state, a) = clusterer.Observe(PeopleState.Empty, Face(At(0), "a"));
        (state, var b) = clusterer.Observe(state, Face(At(90), "b"));

        // 44° is at or above the threshold with both; it joins A (the closer), whose canonical moves to 22°: 68° from
        // B's, cos 0.37, below the threshold.
        var (after, link) = clusterer.Observe(state, Face(At(44), "c"));

        Assert.Equal(a.PersonId, link.PersonId);
        Assert.Empty(link.Merges);
        Assert.Equal([2, 1], after.People.Select(p => p.AppearanceCount));
        Assert.Equal(b.PersonId, after.People[1].Id);
    }
}
