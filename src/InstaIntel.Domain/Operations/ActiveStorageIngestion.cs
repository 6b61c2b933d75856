using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Operations;

/// <summary>
/// <c>active_storage_ingestions</c>: audit trail of media stored in the blob store by a unit of work. Our blob
/// store is content-addressed files, so a blob is named by <see cref="BlobKey"/> rather than by a row id.
/// </summary>
public sealed class ActiveStorageIngestion : IEntity
{
    public long Id { get; set; }

    // What the media is attached to.
    public string RecordType { get; set; } = "";
    public long RecordId { get; set; }
    /// <summary>media, avatar, preview_image.</summary>
    public string AttachmentName { get; set; } = "";

    // The blob.
    public string BlobKey { get; set; } = "";
    public string? BlobFilename { get; set; }
    public string? BlobContentType { get; set; }
    public long BlobByteSize { get; set; }

    // Who stored it.
    public string? CreatedByJobClass { get; set; }
    public string? CreatedByActiveJobId { get; set; }
    public string? CreatedByProviderJobId { get; set; }
    public string? QueueName { get; set; }
    public long? InstagramAccountId { get; set; }
    public long? InstagramProfileId { get; set; }
    public JsonObject Metadata { get; set; } = new();

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
