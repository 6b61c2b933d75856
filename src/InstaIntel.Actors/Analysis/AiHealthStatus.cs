using InstaIntel.Domain.Analysis;

namespace InstaIntel.Actors.Analysis;

/// <summary>
/// The node's latest AI verdict: written by the AI health check, read by every account entity when it decides a tick.
/// A field read, so an entity never waits or asks for it; until the first check the verdict is
/// <see cref="AiHealthVerdict.NotChecked"/> (healthy).
/// </summary>
public sealed class AiHealthStatus
{
    private AiHealthVerdict _current = AiHealthVerdict.NotChecked;

    public AiHealthVerdict Current => Volatile.Read(ref _current);

    public void Report(AiHealthVerdict verdict) => Volatile.Write(ref _current, verdict);
}
