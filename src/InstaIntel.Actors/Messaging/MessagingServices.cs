using InstaIntel.Actors.Processing;
using InstaIntel.Domain.Messaging;
using InstaIntel.Instagram.Client;
using InstaIntel.Storage;
using InstaIntel.Storage.Messaging;
using InstaIntel.Storage.Operations;
using InstaIntel.Storage.Profiles;

namespace InstaIntel.Actors.Messaging;

/// <summary>What the messaging child works with: the account's session, Instagram, and the tables it writes.</summary>
public sealed record MessagingServices(
    AccountWorkContextLoader Contexts,
    IInstagramClient Instagram,
    InstagramMessageRepository Messages,
    ProfileRepository Profiles,
    ConversationPeerRepository Peers,
    ProfileActionLogRepository ActionLogs,
    InteractionWindows Windows)
{
    /// <summary>Queued messages taken per pass; the rest wait for the next pass (which follows at once).</summary>
    public int BatchSize { get; init; } = 20;

    public static MessagingServices From(AccountWorkContextLoader contexts, IInstagramClient instagram, InstaIntelDbFactory database, InteractionWindows windows) =>
        new(contexts, instagram, new(database), new(database), new(database), new(database), windows);
}
