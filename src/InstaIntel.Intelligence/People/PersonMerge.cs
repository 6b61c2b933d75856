namespace InstaIntel.Intelligence.People;

/// <summary>
/// Two people found to be one: <see cref="Absorbed"/>'s faces now belong to <see cref="Into"/> (the one with more
/// appearances, the older on a tie); <see cref="Similarity"/> is the cosine of their canonical embeddings that decided it.
/// </summary>
public sealed record PersonMerge(Guid Absorbed, Guid Into, float Similarity);
