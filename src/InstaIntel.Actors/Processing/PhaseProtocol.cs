using System.Collections.Immutable;
using InstaIntel.Actors.Accounts;
using InstaIntel.Domain.Processing;

namespace InstaIntel.Actors.Processing;

/// <summary>
/// Between the account entity and its children (profile-sync, story-ingestion, feed-engagement, media-analysis):
/// the entity starts one phase at a time; the child heartbeats while it works and reports how it ended.
/// Children live beside their entity, so these messages never cross the network, but they are immutable all the same.
/// </summary>
public interface IPhaseMessage;

/// <summary>Run <paramref name="Phase"/> for the account; <paramref name="RunId"/> names it in every report.</summary>
/// <param name="Target">set for a one-profile action: the phase works on that profile only, and finishes its action log.</param>
public sealed record StartPhase(Guid RunId, Phase Phase, string Username, string? InstagramUserId, string Trigger, PhaseTarget? Target = null) : IPhaseMessage;

/// <summary>The one profile an operator's action is about, and the action log that follows it.</summary>
public sealed record PhaseTarget(long ProfileId, long ActionLogId);

/// <summary>Stop the run now (pause, passivation): the child shuts its stream's kill switch and reports <see cref="PhaseAborted"/>.</summary>
public sealed record AbortPhase(Guid RunId, string Reason) : IPhaseMessage;

public sealed record PhaseHeartbeat(Guid RunId) : IPhaseMessage;

/// <summary>The phase finished; <paramref name="Stats"/> counts what it did and skipped (e.g. <c>stories_saved</c>).</summary>
public sealed record PhaseSucceeded(Guid RunId, ImmutableDictionary<string, int> Stats) : IPhaseMessage;

/// <summary>The phase failed; <paramref name="Authentication"/> marks a refused session (no hot retry, the account pauses).</summary>
/// <param name="Backtrace">The error's stack trace, for the failure record.</param>
public sealed record PhaseFailed(Guid RunId, string ErrorType, string Message, bool Authentication, string? Backtrace = null) : IPhaseMessage;

public sealed record PhaseAborted(Guid RunId, string Reason) : IPhaseMessage;

/// <summary>Unfinished work a child holds (queued media analyses, open streams): the backlog gate reads it.</summary>
public sealed record BacklogReport(string Child, Backlog Backlog) : IPhaseMessage;

/// <summary>A capturing child to its entity, which hands it to <c>media-analysis</c>: new media is stored and waits for analysis.</summary>
public sealed record MediaCaptured(Guid RunId, int Count) : IPhaseMessage;

/// <summary>media-analysis to the entity: captured media wait for analysis, so the workspace-actions phase is due.</summary>
public sealed record MediaAwaitingAnalysis(int Count) : IPhaseMessage;

/// <summary>
/// One item of a run failed while the run went on (a media the analysers could not read): the entity records it as a
/// failure of the child's work, without failing the run or backing the account off.
/// </summary>
/// <param name="Item">What failed, as <c>analyzable_type:id</c> (e.g. <c>instagram_stories:12</c>).</param>
/// <param name="HttpStatus">The status behind the error when a provider answered one (5xx and 429 are transient).</param>
public sealed record WorkItemFailed(Guid RunId, Phase Phase, string Item, string ErrorType, string Message, string? Backtrace, int? HttpStatus = null) : IPhaseMessage;
