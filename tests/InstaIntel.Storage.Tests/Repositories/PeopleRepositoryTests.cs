using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Stories;
using InstaIntel.Storage.People;
using InstaIntel.Storage.Posts;
using InstaIntel.Storage.Stories;
using InstaIntel.Storage.Tests.Support;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Tests.Repositories;

/// <summary>Faces with their people, and identity resolution over a profile's faces, on both engines.</summary>
public sealed class PeopleRepositoryTests
{
    private static readonly DateTime Seen = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static FaceEmbedding Vector(params float[] values) => new(values);

    private static FaceWrite Face(InstagramStoryPerson? person, double x, string status, double? similarity = null) => new(
        new BoundingBox { X1 = x, Y1 = 10, X2 = x + 40, Y2 = 50 }, 0.98, Vector(1, 0, 0), "face-embedder@abc", person, similarity,
        new JsonObject { ["link_status"] = status });

    private static InstagramStoryPerson NewPerson(long accountId, long profileId, params string[] signatures) => new()
    {
        InstagramAccountId = accountId,
        InstagramProfileId = profileId,
        CanonicalEmbedding = Vector(1, 0, 0),
        AppearanceCount = signatures.Length,
        FirstSeenAt = Seen,
        LastSeenAt = Seen,
        Metadata = new StoryPersonMetadata { Source = "auto_cluster", ObservationSignatures = signatures },
    };

    private static async Task<long> StoryAsync(TestDatabase database, long accountId, long profileId, string storyId) =>
        await new StoryRepository(database.Factory()).UpsertIngestedAsync(new InstagramStory
        {
            InstagramAccountId = accountId, InstagramProfileId = profileId, StoryId = storyId, MediaType = "image",
        });

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Faces_are_saved_with_the_people_they_found_and_a_second_save_of_the_same_media_replaces_them(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var profileId = await Parents.ProfileAsync(database, accountId, "bob");
        var storyId = await StoryAsync(database, accountId, profileId, "s1");
        var people = new PeopleRepository(database.Factory());
        var source = new FaceSource(FaceSourceKind.Story, storyId);

        var founded = NewPerson(accountId, profileId, "story:s1#0@0,10,40,50");
        await people.SaveFacesAsync(source, [founded], [Face(founded, 0, "founded", 1), Face(null, 100, "unlinked")]);

        Assert.NotEqual(0, founded.Id);
        var stored = Assert.Single(await people.ListPeopleAsync(profileId));
        Assert.Equal((1, Seen, Seen), (stored.AppearanceCount, stored.FirstSeenAt!.Value, stored.LastSeenAt!.Value));
        Assert.Equal(Vector(1, 0, 0), stored.CanonicalEmbedding);
        Assert.Equal(["story:s1#0@0,10,40,50"], stored.Metadata!.ObservationSignatures!);
        var faces = await people.ListStoryFacesAsync(storyId);
        Assert.Equal(2, faces.Count);
        Assert.Equal(founded.Id, faces[0].InstagramStoryPersonId);
        Assert.Equal(FaceRole.SecondaryPerson, faces[0].Role);
        Assert.Equal((0.98, "face-embedder@abc", 1.0), (faces[0].DetectorConfidence!.Value, faces[0].EmbeddingVersion!, faces[0].MatchSimilarity!.Value));
        Assert.Equal(new BoundingBox { X1 = 0, Y1 = 10, X2 = 40, Y2 = 50 }, faces[0].BoundingBox);
        Assert.Null(faces[1].InstagramStoryPersonId);
        Assert.Equal(FaceRole.Unknown, faces[1].Role);

        // Re-processing: the same faces again, the person updated (not inserted) with a later sighting.
        stored.LastSeenAt = Seen.AddHours(1);
        await people.SaveFacesAsync(source, [stored], [Face(stored, 0, "already_counted")]);
        Assert.Equal(Seen.AddHours(1), Assert.Single(await people.ListPeopleAsync(profileId)).LastSeenAt);
        Assert.Equal("already_counted", Assert.Single(await people.ListStoryFacesAsync(storyId)).Metadata!["link_status"]!.GetValue<string>());

        // A post's faces go to the post table and can link the same person.
        var postId = await new ProfilePostRepository(database.Factory()).UpsertCapturedAsync(new InstagramProfilePost
        {
            InstagramAccountId = accountId, InstagramProfileId = profileId, Shortcode = "P1",
        });
        await people.SaveFacesAsync(new FaceSource(FaceSourceKind.Post, postId), [stored], [Face(stored, 5, "matched", 0.7)]);
        Assert.Equal(stored.Id, Assert.Single(await people.ListPostFacesAsync(postId)).InstagramStoryPersonId);
        Assert.Single(await people.ListStoryFacesAsync(storyId));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task The_dominant_person_becomes_primary_and_people_who_share_media_with_them_are_classified(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var profileId = await Parents.ProfileAsync(database, accountId, "bob");
        var people = new PeopleRepository(database.Factory());
        var owner = NewPerson(accountId, profileId);
        var friend = NewPerson(accountId, profileId);
        var stranger = NewPerson(accountId, profileId);
        // owner in 5 stories and 1 post (6 of 10 faces: 60 %), friend beside the owner in 3 of them; the stranger alone.
        for (var i = 0; i < 5; i++)
        {
            var story = new FaceSource(FaceSourceKind.Story, await StoryAsync(database, accountId, profileId, $"s{i}"));
            var faces = new List<FaceWrite> { Face(owner, 0, "matched") };
            if (i < 3) faces.Add(Face(friend, 100, "matched"));
            await people.SaveFacesAsync(story, i == 0 ? [owner, friend, stranger] : [owner, friend], faces);
        }
        var postId = await new ProfilePostRepository(database.Factory()).UpsertCapturedAsync(new InstagramProfilePost
        {
            InstagramAccountId = accountId, InstagramProfileId = profileId, Shortcode = "P1",
        });
        await people.SaveFacesAsync(new FaceSource(FaceSourceKind.Post, postId), [owner], [Face(owner, 0, "matched")]);
        var alone = new FaceSource(FaceSourceKind.Story, await StoryAsync(database, accountId, profileId, "s9"));
        await people.SaveFacesAsync(alone, [stranger], [Face(stranger, 0, "matched")]);

        var resolution = await people.ResolveIdentityAsync(profileId);

        Assert.Equal(owner.Id, resolution.PrimaryPersonId);
        Assert.Equal((6, 10), (resolution.TopAppearances, resolution.TotalFaces));
        var stored = (await people.ListPeopleAsync(profileId)).ToDictionary(p => p.Id);
        Assert.Equal(PersonRole.PrimaryPerson, stored[owner.Id].Role);
        Assert.True(stored[owner.Id].Metadata!.PrimaryIdentity!.Confirmed);
        Assert.Equal(PersonRole.SecondaryPerson, stored[friend.Id].Role);
        Assert.Equal((FaceIdentity.FrequentCollaborator, 3), (stored[friend.Id].Metadata!.Relationship, stored[friend.Id].Metadata!.CoAppearancesWithPrimary!.Value));
        Assert.Null(stored[stranger.Id].Metadata!.Relationship);
        Assert.Equal(0, stored[stranger.Id].Metadata!.CoAppearancesWithPrimary);
        await using (var db = database.Factory().Open())
        {
            Assert.All(await db.InstagramStoryFaces.Where(f => f.InstagramStoryPersonId == owner.Id).ToListAsync(), f => Assert.Equal(FaceRole.Primary, f.Role));
            Assert.Equal(FaceRole.Primary, (await db.InstagramPostFaces.SingleAsync()).Role);
            Assert.All(await db.InstagramStoryFaces.Where(f => f.InstagramStoryPersonId == friend.Id).ToListAsync(), f => Assert.Equal(FaceRole.SecondaryPerson, f.Role));
            var behaviour = await db.InstagramProfileBehaviorProfiles.SingleAsync(b => b.InstagramProfileId == profileId);
            Assert.Equal(owner.Id, behaviour.BehavioralSummary!["face_identity_profile"]!["person_id"]!.GetValue<long>());
            var related = Assert.Single(behaviour.BehavioralSummary!["related_individuals"]!.AsArray());
            Assert.Equal(friend.Id, related!["person_id"]!.GetValue<long>());
        }

        // Three more stories of the stranger alone: the owner falls below 60 % and steps down; nobody is primary.
        for (var i = 0; i < 3; i++)
            await people.SaveFacesAsync(new FaceSource(FaceSourceKind.Story, await StoryAsync(database, accountId, profileId, $"t{i}")), [stranger], [Face(stranger, 0, "matched")]);
        var after = await people.ResolveIdentityAsync(profileId);
        Assert.Null(after.PrimaryPersonId);
        Assert.All(await people.ListPeopleAsync(profileId), p => Assert.Equal(PersonRole.SecondaryPerson, p.Role));
        await using var check = database.Factory().Open();
        Assert.Equal(1, await check.InstagramProfileBehaviorProfiles.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_merge_relinks_the_absorbed_persons_faces_and_retires_it_in_the_same_write(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine, migrate: true);
        var accountId = await Parents.AccountAsync(database, "alice");
        var profileId = await Parents.ProfileAsync(database, accountId, "bob");
        var people = new PeopleRepository(database.Factory());
        var keep = NewPerson(accountId, profileId, "story:1#0@0,10,40,50", "story:2#0@0,10,40,50");
        var absorbed = NewPerson(accountId, profileId, "story:3#0@0,10,40,50");
        var s1 = await StoryAsync(database, accountId, profileId, "s1");
        var s2 = await StoryAsync(database, accountId, profileId, "s2");
        await people.SaveFacesAsync(new FaceSource(FaceSourceKind.Story, s1), [keep, absorbed], [Face(keep, 0, "matched"), Face(absorbed, 100, "founded")]);
        var postId = await new ProfilePostRepository(database.Factory()).UpsertCapturedAsync(new InstagramProfilePost
        {
            InstagramAccountId = accountId, InstagramProfileId = profileId, Shortcode = "P1",
        });
        await people.SaveFacesAsync(new FaceSource(FaceSourceKind.Post, postId), [absorbed], [Face(absorbed, 0, "matched")]);

        // A face of s2 joins the absorbed person and brings it close to the other: the linker hands over the survivor
        // with the combined counts and signatures, the face written for it, and the merge.
        keep.AppearanceCount = 4;
        keep.Metadata = keep.Metadata! with { ObservationSignatures = [.. keep.Metadata.ObservationSignatures!, "story:3#0@0,10,40,50", "story:s2"] };
        await people.SaveFacesAsync(new FaceSource(FaceSourceKind.Story, s2), [keep], [Face(keep, 0, "matched")], [new PersonMergeWrite(absorbed, keep)]);

        var stored = (await people.ListPeopleAsync(profileId)).ToDictionary(p => p.Id);
        Assert.Equal(4, stored[keep.Id].AppearanceCount);
        Assert.Null(stored[keep.Id].Metadata!.MergedIntoPersonId);
        Assert.Equal(0, stored[absorbed.Id].AppearanceCount);
        Assert.Equal((keep.Id, PeopleRepository.MergedReason), (stored[absorbed.Id].Metadata!.MergedIntoPersonId, stored[absorbed.Id].Metadata!.MatchingDisabledReason));
        Assert.Empty(stored[absorbed.Id].Metadata!.ObservationSignatures!);
        Assert.Equal([keep.Id, keep.Id], (await people.ListStoryFacesAsync(s1)).Select(f => f.InstagramStoryPersonId));
        Assert.Equal(keep.Id, Assert.Single(await people.ListStoryFacesAsync(s2)).InstagramStoryPersonId);
        Assert.Equal(keep.Id, Assert.Single(await people.ListPostFacesAsync(postId)).InstagramStoryPersonId);

        // Identity resolution counts the merged person's four faces as one person's and leaves the retired row alone.
        var resolution = await people.ResolveIdentityAsync(profileId);
        Assert.Equal((keep.Id, 4, 4), (resolution.PrimaryPersonId!.Value, resolution.TopAppearances, resolution.TotalFaces));
        Assert.Equal(PersonRole.SecondaryPerson, (await people.ListPeopleAsync(profileId)).Single(p => p.Id == absorbed.Id).Role);
    }

    [Fact]
    public void Relationships_follow_the_shared_media_thresholds()
    {
        Assert.Equal([null, FaceIdentity.OccasionalCollaborator, FaceIdentity.OccasionalCollaborator, FaceIdentity.FrequentCollaborator, FaceIdentity.FrequentCollaborator, FaceIdentity.VeryFrequentCollaborator],
            new[] { 0, 1, 2, 3, 5, 6 }.Select(FaceIdentity.Relationship));
    }
}
