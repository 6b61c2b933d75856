using System.Collections.Frozen;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;
using InstaIntel.Actors.Accounts;

namespace InstaIntel.Actors.Serialization;

/// <summary>
/// The deliberate serializer for our journal events, snapshots and cross-node messages: System.Text.Json
/// with one versioned manifest per type. Readers ignore fields they do not know and default missing ones, so
/// adding a field needs no new version; renaming or changing a meaning does (add a new manifest, keep the
/// old one readable).
/// </summary>
public sealed class InstaIntelMessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 4711;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    // Manifest strings are a contract with every journal ever written: never change one, only add.
    private static readonly FrozenDictionary<Type, string> ManifestByType = new Dictionary<Type, string>
    {
        [typeof(AccountCreated)] = "account-created.v1",
        [typeof(AccountPaused)] = "account-paused.v1",
        [typeof(AccountResumed)] = "account-resumed.v1",
        [typeof(ContinuousProcessingSet)] = "continuous-processing-set.v1",
        [typeof(SessionImported)] = "session-imported.v1",
        [typeof(AuthenticationLost)] = "authentication-lost.v1",
        [typeof(RequestReserved)] = "request-reserved.v1",
        [typeof(RunStarted)] = "run-started.v1",
        [typeof(RunHeartbeatRecorded)] = "run-heartbeat-recorded.v1",
        [typeof(RunSucceeded)] = "run-succeeded.v1",
        [typeof(RunFailed)] = "run-failed.v1",
        [typeof(RunAborted)] = "run-aborted.v1",
        [typeof(AccountState)] = "account-state.v1",
        [typeof(RunNow)] = "run-now.v1",
        [typeof(RunAccepted)] = "run-accepted.v1",
        [typeof(RunNotStarted)] = "run-not-started.v1",
        [typeof(CreateAccount)] = "create-account.v1",
        [typeof(GetAccount)] = "get-account.v1",
        [typeof(PauseAccount)] = "pause-account.v1",
        [typeof(ResumeAccount)] = "resume-account.v1",
        [typeof(SetContinuousProcessing)] = "set-continuous-processing.v1",
        [typeof(ImportSession)] = "import-session.v1",
        [typeof(ReportAuthenticationFailure)] = "report-authentication-failure.v1",
        [typeof(ReserveRequest)] = "reserve-request.v1",
        [typeof(HoldRequests)] = "hold-requests.v1",
        [typeof(RequestGranted)] = "request-granted.v1",
        [typeof(RequestDeferred)] = "request-deferred.v1",
        [typeof(AccountView)] = "account-view.v1",
        [typeof(AccountNotFound)] = "account-not-found.v1",
        [typeof(AccountAlreadyExists)] = "account-already-exists.v1",
        [typeof(Messaging.SendQueuedMessages)] = "send-queued-messages.v1",
        [typeof(Messaging.VerifyMessageability)] = "verify-messageability.v1",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Type> TypeByManifest =
        ManifestByType.ToFrozenDictionary(pair => pair.Value, pair => pair.Key);

    public override int Identifier => SerializerId;

    /// <summary>Every type this serializer writes (for tests that check the table is complete).</summary>
    public static IEnumerable<Type> KnownTypes => ManifestByType.Keys;

    public override string Manifest(object o) =>
        ManifestByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new SerializationException($"{o.GetType().FullName} has no manifest in {nameof(InstaIntelMessageSerializer)}");

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);

    public override object FromBinary(byte[] bytes, string manifest) =>
        TypeByManifest.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Options) ?? throw new SerializationException($"null payload for {manifest}")
            : throw new SerializationException($"unknown manifest '{manifest}'");
}
