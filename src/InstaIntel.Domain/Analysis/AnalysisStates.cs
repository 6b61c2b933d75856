namespace InstaIntel.Domain.Analysis;

/// <summary><c>ai_analyses.status</c> (and the legacy <c>instagram_profile_analyses.status</c>): one inference run's lifecycle.</summary>
public enum AiAnalysisStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary><c>ai_api_calls.status</c>.</summary>
public enum AiApiCallStatus
{
    Succeeded,
    Failed,
}

/// <summary><c>ai_api_calls.category</c>: what a call was for; anything unclassified is <see cref="Other"/>.</summary>
public enum AiApiCallCategory
{
    ImageAnalysis,
    VideoAnalysis,
    ReportGeneration,
    TextGeneration,
    Healthcheck,
    Other,
}
