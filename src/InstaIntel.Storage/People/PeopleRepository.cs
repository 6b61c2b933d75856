using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Stories;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace InstaIntel.Storage.People;

/// <summary>The media a face was seen in: a story (<c>instagram_story_faces</c>) or a profile post (<c>instagram_post_faces</c>).</summary>
public enum FaceSourceKind
{
    Story,
    Post,
}

/// <summary>A story or profile post by row id; <see cref="Key"/> names it in observation signatures and co-appearance counts.</summary>
public readonly record struct FaceSource(FaceSourceKind Kind, long Id)
{
    public string Key => $"{(Kind == FaceSourceKind.Story ? "story" : "post")}:{Id}";
}

/// <summary>
/// One face to store: its detection, and the person it links to (a stored row, or a new one of the same write),
/// or none with the reason in <see cref="Metadata"/>.
/// </summary>
public sealed record FaceWrite(
    BoundingBox Box,
    double Confidence,
    FaceEmbedding? Embedding,
    string? EmbeddingVersion,
    InstagramStoryPerson? Person,
    double? MatchSimilarity,
    JsonObject Metadata);

/// <summary>
/// Two people of one profile found to be one person: <see cref="Absorbed"/> (a stored row) is retired into
/// <see cref="Into"/> (stored, or new in the same write), which already holds the merged embedding, counts and signatures.
/// </summary>
public sealed record PersonMergeWrite(InstagramStoryPerson Absorbed, InstagramStoryPerson Into);

/// <summary>
/// <c>instagram_story_people</c> and the face tables: a media's faces are written with the people they changed in
/// one transaction; identity resolution then sets roles, relationships and the profile's behaviour summary.
/// </summary>
public sealed class PeopleRepository(InstaIntelDbFactory factory)
{
    public const string FaceIdentityVersion = "v1";

    /// <summary><c>metadata.matching_disabled_reason</c> of a person merged into another.</summary>
    public const string MergedReason = "merged";

    /// <summary>The profile's people, oldest first.</summary>
    public async Task<IReadOnlyList<InstagramStoryPerson>> ListPeopleAsync(long instagramProfileId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramStoryPeople.Where(p => p.InstagramProfileId == instagramProfileId).OrderBy(p => p.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Replaces the faces of <paramref name="source"/> (re-processing writes them again, never twice) and saves the
    /// people they touched: a person with id 0 is inserted, the others updated whole. Each merge then retires its
    /// absorbed person (<c>merged_into_person_id</c>, matching disabled, no appearances or signatures left: they moved
    /// with its faces) and relinks that person's story and post faces to the person it merged into. One transaction.
    /// </summary>
    public async Task SaveFacesAsync(FaceSource source, IReadOnlyList<InstagramStoryPerson> touchedPeople, IReadOnlyList<FaceWrite> faces,
        IReadOnlyList<PersonMergeWrite>? merges = null, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var now = DateTime.UtcNow;
        foreach (var person in touchedPeople)
        {
            person.UpdatedAt = now;
            if (person.Id == 0)
            {
                person.CreatedAt = now;
                person.Id = await db.InsertWithInt64IdentityAsync(person, token: cancellationToken);
            }
            else
                await db.UpdateAsync(person, token: cancellationToken);
        }
        foreach (var (absorbed, into) in merges ?? [])
        {
            if (absorbed.Id == 0 || into.Id == 0 || absorbed.Id == into.Id)
                throw new InvalidOperationException("a merge needs a stored person merged into another saved one");
            absorbed.AppearanceCount = 0;
            absorbed.UpdatedAt = now;
            absorbed.Metadata = (absorbed.Metadata ?? new StoryPersonMetadata()) with
            {
                MergedIntoPersonId = into.Id,
                MatchingDisabledReason = MergedReason,
                ObservationSignatures = [],
                ObservationSignaturesCount = 0,
                PrimaryIdentity = null,
                Relationship = null,
                CoAppearancesWithPrimary = null,
            };
            await db.UpdateAsync(absorbed, token: cancellationToken);
            await db.InstagramStoryFaces.Where(f => f.InstagramStoryPersonId == absorbed.Id)
                .Set(f => f.InstagramStoryPersonId, into.Id).Set(f => f.UpdatedAt, now).UpdateAsync(cancellationToken);
            await db.InstagramPostFaces.Where(f => f.InstagramStoryPersonId == absorbed.Id)
                .Set(f => f.InstagramStoryPersonId, into.Id).Set(f => f.UpdatedAt, now).UpdateAsync(cancellationToken);
        }
        if (source.Kind == FaceSourceKind.Story)
        {
            await db.InstagramStoryFaces.Where(f => f.InstagramStoryId == source.Id).DeleteAsync(cancellationToken);
            foreach (var face in faces)
                await db.InsertAsync(new InstagramStoryFace
                {
                    InstagramStoryId = source.Id,
                    InstagramStoryPersonId = PersonIdOf(face),
                    BoundingBox = face.Box,
                    DetectorConfidence = face.Confidence,
                    Embedding = face.Embedding,
                    EmbeddingVersion = face.EmbeddingVersion,
                    Role = FaceRoleOf(face.Person),
                    MatchSimilarity = face.MatchSimilarity,
                    Metadata = face.Metadata,
                    CreatedAt = now,
                    UpdatedAt = now,
                }, token: cancellationToken);
        }
        else
        {
            await db.InstagramPostFaces.Where(f => f.InstagramProfilePostId == source.Id).DeleteAsync(cancellationToken);
            foreach (var face in faces)
                await db.InsertAsync(new InstagramPostFace
                {
                    InstagramProfilePostId = source.Id,
                    InstagramStoryPersonId = PersonIdOf(face),
                    BoundingBox = face.Box,
                    DetectorConfidence = face.Confidence,
                    Embedding = face.Embedding,
                    EmbeddingVersion = face.EmbeddingVersion,
                    Role = FaceRoleOf(face.Person),
                    MatchSimilarity = face.MatchSimilarity,
                    Metadata = face.Metadata,
                    CreatedAt = now,
                    UpdatedAt = now,
                }, token: cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static long? PersonIdOf(FaceWrite face) =>
        face.Person is { } person ? (person.Id != 0 ? person.Id : throw new InvalidOperationException("a face links to a person that was not saved with it")) : null;

    private static FaceRole FaceRoleOf(InstagramStoryPerson? person) => person?.Role switch
    {
        null => FaceRole.Unknown,
        PersonRole.PrimaryPerson or PersonRole.ProfileOwner => FaceRole.Primary,
        _ => FaceRole.SecondaryPerson,
    };

    /// <summary>
    /// Identity resolution over every linked story and post face of the profile (BEHAVIOUR.md §5): the dominant
    /// person becomes <c>primary_person</c> (an operator's <c>profile_owner</c> stays), other primaries step down,
    /// co-appearances with the primary classify relationships, face roles follow their people, and the profile's
    /// behaviour profile gets the face identity summary.
    /// </summary>
    public async Task<IdentityResolution> ResolveIdentityAsync(long instagramProfileId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var storyFaces = await (from f in db.InstagramStoryFaces
                                join s in db.InstagramStories on f.InstagramStoryId equals s.Id
                                where s.InstagramProfileId == instagramProfileId && f.InstagramStoryPersonId != null
                                select new { Source = s.Id, Person = f.InstagramStoryPersonId!.Value }).ToListAsync(cancellationToken);
        var postFaces = await (from f in db.InstagramPostFaces
                               join p in db.InstagramProfilePosts on f.InstagramProfilePostId equals p.Id
                               where p.InstagramProfileId == instagramProfileId && f.InstagramStoryPersonId != null
                               select new { Source = p.Id, Person = f.InstagramStoryPersonId!.Value }).ToListAsync(cancellationToken);
        var linked = storyFaces.Select(f => new LinkedFace(new FaceSource(FaceSourceKind.Story, f.Source).Key, f.Person))
            .Concat(postFaces.Select(f => new LinkedFace(new FaceSource(FaceSourceKind.Post, f.Source).Key, f.Person)))
            .ToList();
        var resolution = FaceIdentity.Resolve(linked);
        // People merged into another have no faces left and keep what they had when retired.
        var people = (await db.InstagramStoryPeople.Where(p => p.InstagramProfileId == instagramProfileId).ToListAsync(cancellationToken))
            .Where(p => p.Metadata?.MergedIntoPersonId is null).ToList();
        var now = DateTime.UtcNow;
        var related = new JsonArray();
        foreach (var person in people)
        {
            var isPrimary = person.Id == resolution.PrimaryPersonId;
            var role = person.Role == PersonRole.ProfileOwner ? PersonRole.ProfileOwner
                : isPrimary ? PersonRole.PrimaryPerson
                : PersonRole.SecondaryPerson;
            var metadata = person.Metadata ?? new StoryPersonMetadata();
            if (isPrimary)
                metadata = metadata with
                {
                    PrimaryIdentity = new PrimaryIdentity
                    {
                        Confirmed = true,
                        DominanceRatio = resolution.DominanceRatio,
                        AppearanceCount = resolution.TopAppearances,
                        UpdatedAt = now,
                    },
                    Relationship = null,
                    CoAppearancesWithPrimary = null,
                };
            else
            {
                var co = resolution.CoAppearancesWithPrimary.GetValueOrDefault(person.Id);
                metadata = metadata with
                {
                    PrimaryIdentity = null,
                    Relationship = FaceIdentity.Relationship(co),
                    CoAppearancesWithPrimary = resolution.PrimaryPersonId is null ? null : co,
                    RelationshipUpdatedAt = now,
                };
                if (metadata.Relationship is not null)
                    related.Add(new JsonObject
                    {
                        ["person_id"] = person.Id,
                        ["role"] = SeedString.Of(role),
                        ["label"] = person.Label,
                        ["relationship"] = metadata.Relationship,
                        ["co_appearances_with_primary"] = co,
                        ["linked_usernames"] = new JsonArray((metadata.LinkedUsernames ?? []).Take(6).Select(u => (JsonNode?)JsonValue.Create(u)).ToArray()),
                    });
            }
            await db.InstagramStoryPeople.Where(p => p.Id == person.Id)
                .Set(p => p.Role, role)
                .Set(p => p.Metadata, metadata)
                .Set(p => p.UpdatedAt, now)
                .UpdateAsync(cancellationToken);
            var faceRole = role is PersonRole.PrimaryPerson or PersonRole.ProfileOwner ? FaceRole.Primary : FaceRole.SecondaryPerson;
            await db.InstagramStoryFaces.Where(f => f.InstagramStoryPersonId == person.Id).Set(f => f.Role, faceRole).UpdateAsync(cancellationToken);
            await db.InstagramPostFaces.Where(f => f.InstagramStoryPersonId == person.Id).Set(f => f.Role, faceRole).UpdateAsync(cancellationToken);
        }

        var primary = people.FirstOrDefault(p => p.Id == resolution.PrimaryPersonId);
        var summary = new JsonObject
        {
            ["face_identity_profile"] = new JsonObject
            {
                ["person_id"] = resolution.PrimaryPersonId ?? resolution.TopPersonId,
                ["confirmed"] = resolution.PrimaryPersonId is not null,
                ["appearance_count"] = resolution.TopAppearances,
                ["total_faces"] = resolution.TotalFaces,
                ["dominance_ratio"] = resolution.DominanceRatio,
                ["linked_usernames"] = new JsonArray((primary?.Metadata?.LinkedUsernames ?? []).Select(u => (JsonNode?)JsonValue.Create(u)).ToArray()),
            },
            ["related_individuals"] = related,
        };
        await UpsertBehaviourSummaryAsync(db, instagramProfileId, summary, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return resolution;
    }

    /// <summary>Merges the face identity keys into the profile's one behaviour profile (other keys stay).</summary>
    private static async Task UpsertBehaviourSummaryAsync(InstaIntelDb db, long profileId, JsonObject faceKeys, DateTime now, CancellationToken cancellationToken)
    {
        var existing = await db.InstagramProfileBehaviorProfiles.FirstOrDefaultAsync(b => b.InstagramProfileId == profileId, cancellationToken);
        var summary = existing?.BehavioralSummary?.DeepClone().AsObject() ?? new JsonObject();
        foreach (var (key, value) in faceKeys) summary[key] = value?.DeepClone();
        var metadata = existing?.Metadata?.DeepClone().AsObject() ?? new JsonObject();
        metadata["face_identity_updated_at"] = now;
        metadata["face_identity_version"] = FaceIdentityVersion;
        await db.InstagramProfileBehaviorProfiles.InsertOrUpdateAsync(
            () => new InstagramProfileBehaviorProfile { InstagramProfileId = profileId, BehavioralSummary = summary, Metadata = metadata, CreatedAt = now, UpdatedAt = now },
            _ => new InstagramProfileBehaviorProfile { BehavioralSummary = summary, Metadata = metadata, UpdatedAt = now },
            () => new InstagramProfileBehaviorProfile { InstagramProfileId = profileId },
            cancellationToken);
    }

    public async Task<IReadOnlyList<InstagramStoryFace>> ListStoryFacesAsync(long instagramStoryId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramStoryFaces.Where(f => f.InstagramStoryId == instagramStoryId).OrderBy(f => f.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<InstagramPostFace>> ListPostFacesAsync(long instagramProfilePostId, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.InstagramPostFaces.Where(f => f.InstagramProfilePostId == instagramProfilePostId).OrderBy(f => f.Id).ToListAsync(cancellationToken);
    }
}
