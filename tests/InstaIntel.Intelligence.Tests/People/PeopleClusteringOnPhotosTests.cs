using InstaIntel.Intelligence.Faces;
using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.People;
using InstaIntel.Intelligence.Tests.Support;

namespace InstaIntel.Intelligence.Tests.People;

[Collection(ModelsCollection.Name)]
public sealed class PeopleClusteringOnPhotosTests(ModelsFixture models)
{
    private readonly FaceAnalyser _analyser = new(models.Registry);
    private readonly PeopleClusterer _clusterer = new();

    [Fact]
    public async Task The_24_faces_of_bald_guys_are_4_people_of_6()
    {
        var faces = _analyser.Analyse(await RgbaImage.LoadAsync(TestAssets.BaldGuys));
        var observations = faces.Select(f => new FaceObservation(new ObservationSignature("post:bald_guys", 0, f.Box), f.Confidence, f.Embedding, DateTimeOffset.UnixEpoch)).ToList();

        var (state, links) = _clusterer.ObserveAll(PeopleState.Empty, observations);

        Assert.Equal(24, links.Count(l => l.Kind is FaceLinkKind.Matched or FaceLinkKind.Founded));
        Assert.Equal([6, 6, 6, 6], state.People.Select(p => p.AppearanceCount));

        // The same photo processed again adds nothing.
        var (again, repeated) = _clusterer.ObserveAll(state, observations);
        Assert.All(repeated, l => Assert.Equal(FaceLinkKind.AlreadyCounted, l.Kind));
        Assert.Equal([6, 6, 6, 6], again.People.Select(p => p.AppearanceCount));
    }

    [Fact]
    public async Task The_55_johns_are_5_people_with_purity_1()
    {
        var johns = TestAssets.Johns();
        Assert.Equal(55, johns.Count);
        var observed = new List<(string Person, FaceObservation Face)>();
        foreach (var (person, file) in johns)
        {
            var face = _analyser.Analyse(await RgbaImage.LoadAsync(file)).First();
            observed.Add((person, new FaceObservation(new ObservationSignature(file, 0, face.Box), face.Confidence, face.Embedding, DateTimeOffset.UnixEpoch)));
        }

        // Grouped by person, and interleaved (one photo of each in turn): online clustering must not depend on order.
        var interleaved = observed.Select((o, i) => (o, i)).OrderBy(x => x.i % 11).ThenBy(x => x.i).Select(x => x.o).ToList();
        foreach (var order in new[] { observed, interleaved })
        {
            var (state, links) = _clusterer.ObserveAll(PeopleState.Empty, order.Select(o => o.Face));

            Assert.Equal(5, state.People.Count);
            var clusters = order.Zip(links).GroupBy(x => x.Second.PersonId).ToList();
            Assert.All(clusters, c => Assert.Single(c.Select(x => x.First.Person).Distinct()));
            Assert.All(clusters, c => Assert.Equal(11, c.Count()));
        }
    }
}
