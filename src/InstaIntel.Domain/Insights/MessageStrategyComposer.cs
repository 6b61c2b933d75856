namespace InstaIntel.Domain.Insights;

/// <summary>
/// The local message strategy: talk about what the profile posts about, in its language and tone, avoid what its texts
/// show to be sensitive, never pitch or comment on looks. Templates name the profile and its topics.
/// </summary>
public static class MessageStrategyComposer
{
    public static ProfileMessageStrategy Compose(ProfileEvidence evidence, string profileType, string? language, IReadOnlyList<string> topics,
        string? tone, string? emojiUsage, IReadOnlyList<string> sensitive)
    {
        var name = FirstName(evidence);
        var topic = topics.Count > 0 ? topics[0] : null;
        var second = topics.Count > 1 ? topics[1] : topic;
        var emoji = emojiUsage is "medium" or "high" ? " 🔥" : "";

        var dos = new List<string>();
        if (topic is not null) dos.Add($"Reference their {topic} posts or stories");
        if (language is not null and not "en") dos.Add($"Write in {ProfileInsightComposer.CultureName(language)}");
        dos.Add(tone switch
        {
            "playful" or "enthusiastic" => "Keep it light and upbeat",
            "informative" => "Be concise and specific",
            _ => "Keep it friendly and short",
        });
        dos.Add(profileType is "business" or "page" ? "Ask about their offer or content plans" : "Ask an open question about something they shared");

        var donts = new List<string> { "Don't pitch or send links in the first message", "Don't comment on their appearance" };
        if (emojiUsage is "none" or "low") donts.Add("Don't overuse emojis");
        if (sensitive.Count > 0) donts.Add($"Don't bring up {string.Join(" or ", sensitive)}");
        donts.Add("Don't guess personal details they have not shared");

        var openers = topic is null
            ? new List<string> { $"Hey {name}! Your recent posts caught my eye, what have you been up to lately?", $"Hi {name}, how's your week going?" }
            : new List<string>
            {
                $"Hey {name}! Saw your {topic} post, how did that come about?",
                $"Hi {name}, your {second} content is great. Any tips for someone getting into it?",
                $"Hey {name}! Always fun to see your {topic} stories. What's next?",
            };
        var comments = topic is null
            ? new List<string> { $"Love this!{emoji}", "What's the story behind this one?" }
            : new List<string> { $"Love this {topic} shot!{emoji}", $"Your {second} posts never get old", "What's the story behind this one?" };

        return new ProfileMessageStrategy
        {
            BestTopics = topics.Take(5).ToList(),
            AvoidTopics = sensitive.Append("appearance").Distinct().ToList(),
            Dos = dos,
            Donts = donts,
            OpenerTemplates = openers,
            CommentTemplates = comments,
            CtaStyle = profileType is "business" or "page" ? "soft" : "question_based",
        };
    }

    private static string FirstName(ProfileEvidence evidence) =>
        evidence.FullName?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => w.Any(char.IsLetter)) is { } first ? first : evidence.Username;
}
