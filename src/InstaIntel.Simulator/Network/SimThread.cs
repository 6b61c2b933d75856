namespace InstaIntel.Simulator.Network;

/// <summary>A one-to-one direct thread of an account, as generated (messages sent later update it).</summary>
public sealed record SimThread(string ThreadId, int ViewerIndex, int PartnerIndex, DateTimeOffset LastActivityAt, string LastMessage, bool LastFromViewer);
