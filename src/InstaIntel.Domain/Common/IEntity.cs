namespace InstaIntel.Domain.Common;

/// <summary>A row of one of the seed's tables: every table has an id and both timestamps (UTC).</summary>
public interface IEntity
{
    long Id { get; set; }
    DateTime CreatedAt { get; set; }
    DateTime UpdatedAt { get; set; }
}
