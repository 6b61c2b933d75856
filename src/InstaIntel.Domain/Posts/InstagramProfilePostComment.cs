using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Posts;

/// <summary><c>instagram_profile_post_comments</c>: a comment captured with its profile post.</summary>
public sealed class InstagramProfilePostComment : IEntity
{
    public long Id { get; set; }
    public long InstagramProfileId { get; set; }
    public long InstagramProfilePostId { get; set; }
    public string? AuthorUsername { get; set; }
    public string Body { get; set; } = "";
    public DateTime? CommentedAt { get; set; }
    public JsonObject? Metadata { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
