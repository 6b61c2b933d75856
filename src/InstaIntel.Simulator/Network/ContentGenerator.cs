using System.Globalization;

namespace InstaIntel.Simulator.Network;

/// <summary>
/// Derives a profile's details, posts, comments, stories and inbox threads from (seed, item): pure functions of the
/// eager part (usernames, graph) and the epoch, so nothing is generated before someone asks for it.
/// </summary>
internal sealed class ContentGenerator(NetworkOptions options, string[] usernames, FollowGraph graph, DateTimeOffset epoch, int accountCount)
{
    private static readonly TimeSpan StoryLifetime = TimeSpan.FromHours(24);
    private int Seed => options.Seed;

    public SimProfile Profile(int index)
    {
        var random = DeterministicRandom.For(Seed, index, RandomPurpose.Profile);
        var isAccount = index < accountCount;
        var (first, last, _) = NetworkGenerator.NameParts(Seed, index);
        var fullName = isAccount ? TitleCase(usernames[index].Replace('_', ' ')) : $"{TitleCase(first)} {TitleCase(last)}";
        if (!isAccount && random.Chance(0.05))
            fullName += " ✨";
        var biography = Biography(random);
        var externalUrl = random.Chance(0.2) ? $"https://{usernames[index].Replace('_', '-').Replace('.', '-')}.example.org/" : null;
        // Accounts are never private: tests log in as them and look at their own data.
        var isPrivate = !isAccount && random.Chance(0.12);
        var isVerified = random.Chance(0.015);
        var isBusiness = random.Chance(0.12);
        var category = isBusiness ? random.Pick(Vocabulary.Categories) : null;
        // Accounts always have posts, so tests that like or comment as another account find something.
        var postCount = index == 0 ? 24 : isAccount ? random.Next(12, 30) : random.Chance(0.1) ? 0 : random.Next(1, 40);
        var highlights = random.Next(0, 6);
        var faceSubject = index == 0 ? 0 : random.Next(0, 1_000);
        return new SimProfile(index, MediaIds.UserId(index), usernames[index], fullName, biography, externalUrl, isPrivate, isVerified,
            isBusiness, category, postCount, highlights, faceSubject, graph.Followers(index).Length, graph.Following(index).Length);
    }

    private static string Biography(Random random)
    {
        var template = random.Pick(Vocabulary.BioTemplates);
        var interest = random.Pick(Vocabulary.Interests);
        var other = random.Pick(Vocabulary.Interests);
        return template.Replace("{interest}", interest).Replace("{interest2}", other).Replace("{place}", random.Pick(Vocabulary.Places));
    }

    private static string TitleCase(string text) =>
        CultureInfo.InvariantCulture.TextInfo.ToTitleCase(text);

    public IReadOnlyList<SimPost> Posts(SimProfile profile)
    {
        var random = DeterministicRandom.For(Seed, profile.Index, RandomPurpose.Posts);
        var posts = new List<SimPost>(profile.PostCount);
        var takenAt = epoch - TimeSpan.FromMinutes(random.Next(60, 72 * 60));
        var following = graph.Following(profile.Index);
        for (var number = 0; number < Math.Min(profile.PostCount, MediaIds.MaxItemsPerProfile); number++)
        {
            if (number > 0)
                takenAt -= TimeSpan.FromMinutes(random.Next(6 * 60, 12 * 24 * 60));
            var roll = random.NextDouble();
            var kind = roll < 0.7 ? PostKind.Image : roll < 0.85 ? PostKind.Video : PostKind.Carousel;
            var hashtags = Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Pick(Vocabulary.Hashtags)).Distinct().ToArray();
            var caption = random.Pick(Vocabulary.CaptionOpenings);
            if (following.Length > 0 && random.Chance(0.2))
                caption += $" with @{usernames[following[random.Next(following.Length)]]}";
            caption += "\n" + string.Join(' ', hashtags.Select(tag => "#" + tag));
            var location = random.Chance(0.3) ? random.Pick(Vocabulary.Places) : null;
            var likes = (int)(profile.FollowerCount * (0.05 + random.NextDouble() * 0.25)) + random.Next(0, 15);
            var comments = random.Chance(0.2) ? 0 : random.Next(1, 30);
            var (width, height) = kind switch
            {
                PostKind.Video => (750, 937),
                PostKind.Carousel => (1080, 1080),
                _ => random.Chance(0.5) ? (1080, 1080) : (1080, 1350),
            };
            var carousel = kind == PostKind.Carousel ? random.Next(2, 6) : 0;
            var duration = kind == PostKind.Video ? MediaClip.DurationSeconds : 0;
            var views = kind == PostKind.Video ? likes * 4 + random.Next(0, 100) : 0;
            var visual = Visual(random, profile, $"@{profile.Username} #{hashtags[0]}");
            var pk = MediaIds.PostPk(profile.Index, number);
            posts.Add(new SimPost(pk, profile.Index, number, MediaIds.Shortcode(pk), kind, takenAt, caption, hashtags, likes, comments,
                location, width, height, carousel, duration, views, visual));
        }
        return posts;
    }

    private static MediaVisual Visual(Random random, SimProfile profile, string overlay)
    {
        var roll = random.NextDouble();
        var scene = roll < 0.65 ? VisualScene.Portrait : roll < 0.85 ? VisualScene.Group : VisualScene.NoFace;
        return new MediaVisual(scene, profile.FaceSubject, random.Next(0, 1_000), overlay);
    }

    public IReadOnlyList<SimComment> Comments(SimPost post)
    {
        var random = DeterministicRandom.For(Seed, post.Pk, RandomPurpose.Comments);
        var followers = graph.Followers(post.OwnerIndex);
        var comments = new List<SimComment>(post.CommentCount);
        var at = post.TakenAt;
        for (var number = 0; number < Math.Min(post.CommentCount, MediaIds.MaxCommentsPerPost); number++)
        {
            var author = followers.Length > 0 && random.Chance(0.8) ? followers[random.Next(followers.Length)] : random.Next(usernames.Length);
            var text = random.Pick(Vocabulary.CommentLines);
            if (random.Chance(0.15))
                text = $"@{usernames[random.Next(usernames.Length)]} {text}";
            at += TimeSpan.FromMinutes(random.Next(1, 600));
            comments.Add(new SimComment(MediaIds.CommentPk(post.Pk, number), post.Pk, author, text, at, random.Next(0, 5)));
        }
        return comments;
    }

    public IReadOnlyList<SimStory> Stories(SimProfile profile)
    {
        var random = DeterministicRandom.For(Seed, profile.Index, RandomPurpose.Stories);
        // The demo account always has stories, so a test can count on some.
        if (profile.Index != 0 && !random.Chance(options.StoryProbability))
            return [];

        var windowStart = epoch - StoryLifetime;
        var windowEnd = epoch + TimeSpan.FromHours(options.StoryHorizonHours);
        var times = new List<DateTimeOffset>();
        // The first burst is live at the epoch; later bursts arrive as the clock moves on.
        AddBurst(random, times, epoch - TimeSpan.FromMinutes(random.Next(60, 20 * 60)), options.MaxStoriesPerBurst);
        for (var day = -1; day * 24 < options.StoryHorizonHours; day++)
        {
            if (!random.Chance(0.5))
                continue;
            var start = epoch + TimeSpan.FromHours(day * 24) + TimeSpan.FromMinutes(random.Next(0, 24 * 60));
            if (start > windowStart && start < windowEnd)
                AddBurst(random, times, start, options.MaxStoriesPerBurst);
        }
        times.Sort();

        var following = graph.Following(profile.Index);
        var stories = new List<SimStory>(times.Count);
        for (var number = 0; number < Math.Min(times.Count, MediaIds.MaxItemsPerProfile); number++)
        {
            var isVideo = random.Chance(0.3);
            int? mention = random.Chance(0.3) ? (following.Length > 0 ? following[random.Next(following.Length)] : random.Next(usernames.Length)) : null;
            var hashtag = random.Pick(Vocabulary.Hashtags);
            var overlay = $"@{usernames[mention ?? profile.Index]} #{hashtag}";
            var visual = Visual(random, profile, overlay);
            stories.Add(new SimStory(MediaIds.StoryPk(profile.Index, number), profile.Index, number, times[number], times[number] + StoryLifetime,
                isVideo, isVideo ? MediaClip.DurationSeconds : 0, visual, mention, hashtag));
        }
        return stories;
    }

    private static void AddBurst(Random random, List<DateTimeOffset> times, DateTimeOffset start, int maxStories)
    {
        var at = TruncateToSeconds(start);
        for (var i = random.Next(1, maxStories + 1); i > 0; i--)
        {
            times.Add(at);
            at += TimeSpan.FromMinutes(random.Next(1, 30));
        }
    }

    public IReadOnlyList<SimThread> Threads(int viewer)
    {
        var random = DeterministicRandom.For(Seed, viewer, RandomPurpose.Threads);
        var partners = new List<int>();
        var seen = new HashSet<int>();
        var following = graph.Following(viewer);
        var followers = graph.Followers(viewer);
        // Mutuals first: people mostly message people they know both ways.
        foreach (var p in following)
        {
            if (followers.BinarySearch(p) >= 0 && seen.Add(p))
                partners.Add(p);
        }
        foreach (var p in following)
        {
            if (seen.Add(p))
                partners.Add(p);
        }
        foreach (var p in followers)
        {
            if (seen.Add(p))
                partners.Add(p);
        }
        var take = Math.Min(options.ThreadsPerAccount, partners.Count);
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, partners.Count);
            (partners[i], partners[j]) = (partners[j], partners[i]);
        }

        var threads = new List<SimThread>(take);
        var at = TruncateToSeconds(epoch);
        for (var i = 0; i < take; i++)
        {
            at -= TimeSpan.FromMinutes(random.Next(5, 3 * 24 * 60));
            threads.Add(new SimThread(ThreadId(viewer, partners[i]), viewer, partners[i], at, random.Pick(Vocabulary.MessageLines), random.Chance(0.4)));
        }
        return threads;
    }

    /// <summary>Instagram thread ids are 39-digit numbers; ours embed both participants, lower index first, so both
    /// sides of a conversation see the same thread id.</summary>
    public static string ThreadId(int one, int other) =>
        string.Create(CultureInfo.InvariantCulture, $"340282366841710300949128{Math.Min(one, other):D7}{Math.Max(one, other):D8}");

    public static DateTimeOffset TruncateToSeconds(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
