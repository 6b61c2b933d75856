using System.Text.Json;
using InstaIntel.Domain.Insights;

namespace InstaIntel.Actors.Analysis;

/// <summary>
/// What a chat model is asked for a <c>profile_insights</c> analysis: the JSON schema of <see cref="ProfileInsightAnalysis"/>
/// and the rules (evidence only, no demographics from looks), then the profile's evidence as JSON.
/// </summary>
public static class ProfileInsightPrompt
{
    public const string Version = "profile_insights_prompt_v1";

    public const string System = """
        You analyse one Instagram profile for a person who wants to talk to its owner respectfully.
        Use only the evidence given (bio, name, captions, text read from pictures, hashtags, mentions, face counts, times).
        Never infer age, gender or location from appearance: estimate them only from what the profile states
        (for example "23 y/o", "she/her", a pin or "based in"), otherwise leave them out.
        Answer with one JSON object and nothing else, in this shape (omit what the evidence does not support):
        {
          "summary": string,
          "profile_type": "personal" | "page" | "business" | "unknown",
          "tone": string, "formality": string, "emoji_usage": "none" | "low" | "medium" | "high", "slang_level": "none" | "low" | "high",
          "engagement_style": string,
          "messageability_score": number 0..1,
          "primary_language": ISO 639-1 code, "secondary_languages": [code],
          "topics": [string],
          "signals": [{"signal_type": string, "value": string, "confidence": number 0..1, "evidence_text": string, "source_type": string, "source_ref": string}],
          "demographics": {
            "age": {"value": "digits", "confidence": number, "evidence_text": string, "source_type": string},
            "gender": {"value": "female" | "male" | "non_binary", "confidence": number, "evidence_text": string, "source_type": string},
            "location": {"value": string, "confidence": number, "evidence_text": string, "source_type": string},
            "persona_summary": string
          },
          "message_strategy": {"best_topics": [string], "avoid_topics": [string], "dos": [string], "donts": [string],
            "opener_templates": [string], "comment_templates": [string], "cta_style": "question_based" | "soft"},
          "confidence": number 0..1
        }
        """;

    public static string User(ProfileEvidence evidence) =>
        "Evidence (JSON; source_ref values are the rows to cite):\n" + JsonSerializer.Serialize(evidence, ProfileEvidence.Json);
}
