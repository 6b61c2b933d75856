namespace InstaIntel.Domain.History;

/// <summary>What a history entry is about; also the tie-break order of entries at the same instant.</summary>
public enum HistoryEntryKind
{
    Post,
    Story,
    Event,
}

/// <summary>One line of a profile's narrative: when it happened, what it is, and its text.</summary>
public sealed record HistoryEntry(DateTime At, HistoryEntryKind Kind, long SourceId, string Text);

/// <summary>One chunk of the narrative before it is stored as an <c>instagram_profile_history_chunks</c> row.</summary>
public sealed record HistoryChunkDraft(int Sequence, string Content, int WordCount, int EntryCount, DateTime StartsAt, DateTime EndsAt,
    int PostCount, int StoryCount, int EventCount);
