namespace InstaIntel.Domain.Insights;

/// <summary>
/// The rows one completed <c>profile_insights</c> analysis projects into: the insight, its message strategy, its signal
/// evidences (all carrying the analysis' id; the insight id is set when stored) and the demographic estimates to offer
/// the profile.
/// </summary>
public sealed record ProfileInsightProjection(
    InstagramProfileInsight Insight,
    InstagramProfileMessageStrategy? Strategy,
    IReadOnlyList<InstagramProfileSignalEvidence> Evidences,
    ProfileDemographics? Demographics)
{
    public static ProfileInsightProjection From(ProfileInsightAnalysis analysis, long aiAnalysisId, long accountId, long profileId)
    {
        var insight = new InstagramProfileInsight
        {
            AiAnalysisId = aiAnalysisId,
            InstagramAccountId = accountId,
            InstagramProfileId = profileId,
            Summary = analysis.Summary,
            ProfileType = analysis.ProfileType,
            Tone = analysis.Tone,
            Formality = analysis.Formality,
            EmojiUsage = analysis.EmojiUsage,
            SlangLevel = analysis.SlangLevel,
            EngagementStyle = analysis.EngagementStyle,
            MessageabilityScore = analysis.MessageabilityScore,
            PrimaryLanguage = analysis.PrimaryLanguage,
            SecondaryLanguages = analysis.SecondaryLanguages,
            RawAnalysis = analysis.ToJson(),
        };
        var strategy = analysis.MessageStrategy is { } s
            ? new InstagramProfileMessageStrategy
            {
                AiAnalysisId = aiAnalysisId,
                InstagramAccountId = accountId,
                InstagramProfileId = profileId,
                BestTopics = s.BestTopics,
                AvoidTopics = s.AvoidTopics,
                Dos = s.Dos,
                Donts = s.Donts,
                OpenerTemplates = s.OpenerTemplates,
                CommentTemplates = s.CommentTemplates,
                CtaStyle = s.CtaStyle,
            }
            : null;
        var evidences = (analysis.Signals ?? []).Select(signal => new InstagramProfileSignalEvidence
        {
            AiAnalysisId = aiAnalysisId,
            InstagramAccountId = accountId,
            InstagramProfileId = profileId,
            SignalType = signal.SignalType,
            Value = signal.Value,
            Confidence = signal.Confidence,
            EvidenceText = signal.EvidenceText,
            SourceType = signal.SourceType,
            SourceRef = signal.SourceRef,
            OccurredAt = signal.OccurredAt,
        }).ToList();
        return new ProfileInsightProjection(insight, strategy, evidences, analysis.Demographics);
    }
}
