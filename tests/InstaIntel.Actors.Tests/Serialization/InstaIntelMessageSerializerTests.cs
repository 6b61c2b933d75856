using System.Collections.Immutable;
using Akka.Actor;
using InstaIntel.Actors.Accounts;
using InstaIntel.Actors.Serialization;
using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Budget;
using InstaIntel.Domain.Processing;

namespace InstaIntel.Actors.Tests.Serialization;

public sealed class InstaIntelMessageSerializerTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("serializer-tests",
        $"akka.actor.serializers.instaintel = \"{typeof(InstaIntelMessageSerializer).AssemblyQualifiedName}\"\n" +
        $"akka.actor.serialization-bindings.\"{typeof(IAccountMessage).AssemblyQualifiedName}\" = instaintel");

    private static readonly DateTime At = new(2026, 11, 24, 10, 30, 0, DateTimeKind.Utc);

    public static TheoryData<IAccountMessage> Samples => new()
    {
        new AccountCreated("alice", At, true),
        new AccountPaused(At, "holiday"),
        new AccountResumed(At),
        new ContinuousProcessingSet(At, false),
        new CreateAccount("alice", false),
        new GetAccount("alice"),
        new PauseAccount("alice", null),
        new ResumeAccount("alice"),
        new SetContinuousProcessing("alice", true),
        new AccountNotFound("alice"),
        new AccountAlreadyExists("alice"),
        new ImportSession("alice", "1234567"),
        new ReportAuthenticationFailure("alice", "login_required"),
        new ReserveRequest("alice", InstagramAction.Like),
        new ReserveRequest("alice"),
        new HoldRequests("alice", At.AddSeconds(30), "rate_limited"),
        new SessionImported(At, null),
        new AuthenticationLost(At, "checkpoint_required"),
        new RequestReserved(At, InstagramAction.DirectMessage),
        new RequestReserved(At, null),
        new RequestGranted(At, 3),
        new RequestDeferred(At.AddHours(1), "daily_cap_reached:like", true),
        new RunNow("alice", "cli"),
        new RunNow("alice", "api", Phase.ProfileScan, ActionLogId: 42, ProfileId: 7),
        new InstaIntel.Actors.Messaging.SendQueuedMessages("alice"),
        new InstaIntel.Actors.Messaging.VerifyMessageability("alice", 7, 42),
        new RunStarted(At, Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), Phase.StorySync, At.AddMinutes(95), false, "schedule"),
        new RunHeartbeatRecorded(At),
        new RunSucceeded(At, Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff")),
        new RunFailed(At, Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), "TransientException: 502", At.AddMinutes(5), false),
        new RunAborted(At, Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), "paused"),
        new RunAccepted(Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), Phase.FeedSync),
        new RunNotStarted(InstaIntel.Domain.Processing.SkipReason.PendingBacklog, "story_pipelines=2"),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_message_round_trips_through_our_serializer(IAccountMessage message)
    {
        var serializer = _system.Serialization.FindSerializerFor(message);
        Assert.IsType<InstaIntelMessageSerializer>(serializer);
        var bytes = serializer.ToBinary(message);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        Assert.EndsWith(".v1", manifest);
        Assert.Equal(message, _system.Serialization.Deserialize(bytes, serializer.Identifier, manifest));
    }

    [Fact]
    public void Snapshot_state_round_trips_with_its_due_times()
    {
        var state = AccountState.Empty.Apply(new AccountCreated("alice", At, true)) with
        {
            NextRunAt = ImmutableDictionary<WorkKind, DateTime>.Empty.Add(WorkKind.StorySync, At.AddMinutes(90)),
            FailureCount = 2,
            LastError = "TimeoutException: slow",
            Budget = RequestBudget.Empty
                .Consume(At, new RequestBudgetSettings(), InstagramAction.Like)
                .Consume(At.AddSeconds(5), new RequestBudgetSettings()),
        };
        var serializer = _system.Serialization.FindSerializerFor(state);
        var copy = (AccountState)_system.Serialization.Deserialize(serializer.ToBinary(state), serializer.Identifier, "account-state.v1");
        Assert.Equal("alice", copy.Username);
        Assert.Equal(At.AddMinutes(90), copy.NextRunAt[WorkKind.StorySync]);
        Assert.Equal(2, copy.FailureCount);
        Assert.Equal("TimeoutException: slow", copy.LastError);
        Assert.Equal([At, At.AddSeconds(5)], copy.Budget.RecentRequests);
        Assert.Equal(1, copy.Budget.CountToday(InstagramAction.Like, At));
    }

    [Fact]
    public void A_journal_entry_with_fields_added_later_still_reads()
    {
        var serializer = new InstaIntelMessageSerializer((ExtendedActorSystem)_system);
        var json = """{"username":"alice","created_at":"2026-11-24T10:30:00Z","continuous_processing_enabled":true,"added_in_v2":"ignored"}"""u8.ToArray();
        var created = (AccountCreated)serializer.FromBinary(json, "account-created.v1");
        Assert.Equal(new AccountCreated("alice", At, true), created);
    }

    [Fact]
    public void An_unknown_manifest_is_refused_rather_than_guessed()
    {
        var serializer = new InstaIntelMessageSerializer((ExtendedActorSystem)_system);
        Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary([], "account-renamed.v1"));
    }

    [Fact]
    public void Every_account_message_type_has_a_manifest()
    {
        var messageTypes = typeof(IAccountMessage).Assembly.GetTypes()
            .Where(t => typeof(IAccountMessage).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false, IsPublic: true });
        Assert.Empty(messageTypes.Except(InstaIntelMessageSerializer.KnownTypes));
    }

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
}
