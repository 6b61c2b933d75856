using System.Text.Json.Nodes;
using InstaIntel.Domain.Insights;
using InstaIntel.Domain.Posts;
using InstaIntel.Domain.Profiles;
using InstaIntel.Domain.Stories;

namespace InstaIntel.Domain.Tests.Insights;

public sealed class ProfileInsightComposerTests
{
    private static readonly DateTime T0 = new(2026, 11, 2, 19, 0, 0, DateTimeKind.Utc); // a Monday evening

    private static InstagramProfilePost Post(long id, DateTime at, string caption, string[] hashtags, int faces = 1, string? ocr = null) => new()
    {
        Id = id, Shortcode = $"P{id}", Caption = caption, TakenAt = at, CreatedAt = at, AiStatus = ProfilePostAiStatus.Analyzed,
        Analysis = new JsonObject
        {
            ["face_count"] = faces, ["ocr_text"] = ocr,
            ["hashtags"] = new JsonArray(hashtags.Select(h => (JsonNode?)JsonValue.Create(h)).ToArray()),
            ["mentions"] = new JsonArray(),
        },
    };

    private static InstagramStory Story(long id, DateTime at, string? ocr, string[] hashtags, string[] mentions, int faces = 1, string type = "image") => new()
    {
        Id = id, StoryId = $"s{id}", MediaType = type, TakenAt = at, CreatedAt = at, ProcessingStatus = StoryProcessingStatus.Processed,
        Metadata = new StoryMetadata { OcrText = ocr, Hashtags = hashtags, Mentions = mentions, FaceCount = faces },
    };

    private static ProfileEvidence Surfer(string? bio = "Surf, coffee and the sea 🌊 she/her · 23 y/o · 📍 Lisbon, Portugal") => ProfileEvidence.From(
        new InstagramProfile { Id = 7, Username = "maria.surf", DisplayName = "Maria Silva", Bio = bio, CanMessage = true, FollowsYou = true },
        [
            Post(1, T0, "Dawn session with the crew! #surf #lisbon", ["surf", "lisbon"], faces: 3),
            Post(2, T0.AddDays(-2), "Best coffee in town, the waves were great this morning #coffee #surf", ["coffee", "surf"]),
            Post(3, T0.AddDays(-4), "New board day!! #surf", ["surf"]),
        ],
        [
            Story(10, T0.AddHours(1), "waves all day", ["surf"], ["joana.w"], faces: 2),
            Story(11, T0.AddDays(-1).AddHours(1), null, [], ["joana.w"], type: "video"),
        ],
        peopleCount: 2);

    [Fact]
    public void A_profile_is_read_from_its_evidence_with_every_signal_naming_its_source()
    {
        var analysis = ProfileInsightComposer.Compose(Surfer());

        Assert.Equal(("personal", "en"), (analysis.ProfileType, analysis.PrimaryLanguage));
        Assert.Equal("surf", analysis.Topics![0]);
        Assert.Contains("coffee", analysis.Topics);
        Assert.InRange(analysis.MessageabilityScore!.Value, 0.7, 1);
        var interest = analysis.Signals!.First(s => s.SignalType == "interest");
        Assert.Equal(("surf", "hashtag", "instagram_profile_posts:1"), (interest.Value, interest.SourceType, interest.SourceRef));
        Assert.Contains(analysis.Signals!, s => s.SignalType == "frequent_mention" && s.Value == "joana.w" && s.SourceType == "story_mention");
        Assert.Contains(analysis.Signals!, s => s.SignalType == "posting_time" && s.Value == "evening");
        Assert.All(analysis.Signals!, s => Assert.False(string.IsNullOrEmpty(s.EvidenceText)));
        Assert.Equal("question_based", analysis.MessageStrategy!.CtaStyle);
        Assert.Contains("surf", analysis.MessageStrategy.BestTopics!);
        Assert.Contains(analysis.MessageStrategy.OpenerTemplates!, t => t.Contains("Maria") && t.Contains("surf"));
    }

    [Fact]
    public void Demographics_come_only_from_what_the_profile_states()
    {
        var stated = ProfileInsightComposer.Compose(Surfer()).Demographics!;
        Assert.Equal(("23", 0.9, "bio"), (stated.Age!.Value, stated.Age.Confidence, stated.Age.SourceType));
        Assert.Equal(("female", 0.9), (stated.Gender!.Value, stated.Gender.Confidence));
        Assert.Equal("Lisbon", stated.Location!.Value.Split(',')[0]);

        // Faces in the pictures and a caption about the sea say nothing about age or gender.
        var silent = ProfileInsightComposer.Compose(Surfer(bio: "Surf and coffee")).Demographics!;
        Assert.Null(silent.Age);
        Assert.Null(silent.Gender);
        Assert.Null(silent.Location);
    }

    [Fact]
    public void The_same_evidence_gives_the_same_analysis_and_fingerprint_and_a_changed_bio_changes_the_fingerprint()
    {
        Assert.Equal(ProfileInsightComposer.Compose(Surfer()).ToJson().ToJsonString(), ProfileInsightComposer.Compose(Surfer()).ToJson().ToJsonString());
        Assert.Equal(Surfer().Fingerprint(), Surfer().Fingerprint());
        Assert.NotEqual(Surfer().Fingerprint(), Surfer(bio: "Surf").Fingerprint());
        Assert.Equal(Surfer().Fingerprint(), ProfileEvidence.FromJson(Surfer().ToJson()).Fingerprint());
    }

    [Fact]
    public void A_business_bio_makes_a_business_profile_with_a_soft_call_to_action()
    {
        var evidence = ProfileEvidence.From(new InstagramProfile { Username = "bean.shop", Bio = "Official coffee shop ☕ orders: hello@bean.shop" }, [], [], 0);
        var analysis = ProfileInsightComposer.Compose(evidence);
        Assert.Equal(("business", "soft", "informative"), (analysis.ProfileType, analysis.MessageStrategy!.CtaStyle, analysis.Tone));
        Assert.Contains(analysis.Signals!, s => s.SignalType == "profile_type" && s.EvidenceText!.Contains("shop"));
    }

    [Fact]
    public void Other_scripts_and_languages_are_recognised()
    {
        var evidence = ProfileEvidence.From(new InstagramProfile { Username = "u", Bio = "Ich liebe das Meer und die Berge, heute mit der Familie" }, [], [], 0);
        Assert.Equal("de", ProfileInsightComposer.Compose(evidence).PrimaryLanguage);
        var russian = ProfileEvidence.From(new InstagramProfile { Username = "u", Bio = "Привет, я люблю море и горы" }, [], [], 0);
        Assert.Equal("ru", ProfileInsightComposer.Compose(russian).PrimaryLanguage);
    }

    [Fact]
    public void A_chat_answer_is_read_leniently_and_bounded()
    {
        var answer = """
            Sure! Here it is:
            ```json
            {"profile_type": "Influencer", "messageability_score": "1.7", "primary_language": "EN", "topics": "surf, #Coffee",
             "signals": [{"signal_type": "interest", "value": "surf", "confidence": 2}, {"value": "no type"}],
             "demographics": {"age": {"value": "7", "confidence": 0.9}, "gender": {"value": "Female", "confidence": 0.8}, "location": {"value": "Lisbon", "confidence": 0}},
             "message_strategy": {"cta_style": "pushy", "dos": ["Ask about surf"]}}
            ```
            """;
        var analysis = ProfileInsightAnalysis.FromAnswer(answer)!;
        Assert.Equal(("unknown", 1.0, "en"), (analysis.ProfileType, analysis.MessageabilityScore, analysis.PrimaryLanguage));
        Assert.Equal(["surf", "coffee"], analysis.Topics!);
        var signal = Assert.Single(analysis.Signals!);
        Assert.Equal(1.0, signal.Confidence);
        Assert.Null(analysis.Demographics!.Age); // 7 is no plausible age of an account holder
        Assert.Equal("female", analysis.Demographics.Gender!.Value);
        Assert.Null(analysis.Demographics.Location); // no confidence, no estimate
        Assert.Null(analysis.MessageStrategy!.CtaStyle);
        Assert.Null(ProfileInsightAnalysis.FromAnswer("I cannot help with that."));
    }
}
