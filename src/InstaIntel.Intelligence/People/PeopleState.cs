using System.Collections.Immutable;

namespace InstaIntel.Intelligence.People;

/// <summary>An account's people and the observations already counted (signature to person).</summary>
public sealed record PeopleState(ImmutableList<PersonCluster> People, ImmutableDictionary<ObservationSignature, Guid> Counted)
{
    public static readonly PeopleState Empty = new([], ImmutableDictionary<ObservationSignature, Guid>.Empty);

    public PersonCluster Person(Guid id) =>
        People.Find(p => p.Id == id) ?? throw new KeyNotFoundException($"no person {id}");
}
