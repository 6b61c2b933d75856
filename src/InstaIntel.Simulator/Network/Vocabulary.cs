namespace InstaIntel.Simulator.Network;

/// <summary>Word lists the generator draws names, bios, captions, comments and messages from.</summary>
internal static class Vocabulary
{
    public static readonly string[] FirstNames =
    [
        "anna", "ben", "carla", "david", "elena", "felix", "giulia", "hugo", "ines", "jonas", "katja", "liam",
        "maria", "nico", "olga", "paul", "quinn", "rosa", "sami", "tara", "ugo", "vera", "will", "xenia", "yusuf",
        "zoe", "amir", "bianca", "chen", "dara", "emil", "fatima", "greta", "hiro", "iris", "jakob", "kemal", "lena",
        "mateo", "nina", "oscar", "priya", "rafael", "sofia", "tomas", "ursula", "viktor", "wanda", "yara", "zain",
        "aiko", "bruno", "chloe", "diego", "eva", "farid", "gina", "hanna", "ivan", "julia",
    ];

    public static readonly string[] LastNames =
    [
        "rossi", "muller", "garcia", "kowalski", "silva", "novak", "jansen", "dubois", "ivanova", "santos", "berg",
        "costa", "fischer", "larsen", "moreau", "nowak", "okafor", "petrov", "quintana", "romano", "schmidt", "tanaka",
        "vargas", "weber", "yilmaz", "zimmer", "almeida", "brandt", "conti", "dalton", "eriksen", "ferrari", "gomez",
        "horvat", "ito", "jovanovic", "kaya", "lopez", "meyer", "nielsen", "olsen", "park", "reyes", "sato", "torres",
        "urban", "vidal", "wagner", "young", "zhou",
    ];

    public static readonly string[] Places =
    [
        "Lisbon", "Berlin", "Napoli", "Krakow", "Porto", "Ljubljana", "Utrecht", "Lyon", "Tallinn", "Valencia",
        "Bergen", "Split", "Ghent", "Graz", "Bologna", "Seville", "Aarhus", "Brno", "Cork", "Turin",
    ];

    public static readonly string[] Interests =
    [
        "coffee", "climbing", "film photography", "street food", "running", "vinyl", "surfing", "ceramics",
        "jazz", "hiking", "cycling", "yoga", "travel", "design", "baking", "books", "football", "gardening",
        "skateboarding", "architecture",
    ];

    public static readonly string[] Hashtags =
    [
        "travel", "sunset", "foodie", "weekend", "friends", "coffee", "nature", "citylife", "summer", "goodvibes",
        "streetphotography", "beach", "mountains", "art", "music", "family", "fitness", "throwback", "love", "instagood",
    ];

    public static readonly string[] CaptionOpenings =
    [
        "Golden hour never gets old", "Sunday plans", "Back where it all started", "Tiny moments", "Could get used to this",
        "Weekend mode on", "New chapter", "Best crew", "Views like this", "Slow mornings", "On the road again",
        "Found my happy place", "Caught in the moment", "Some days are just right", "Little escapes",
    ];

    public static readonly string[] CommentLines =
    [
        "Love this! 😍", "Stunning shot 🔥", "Where is this?", "Miss you guys!", "So good 👏", "Wow 😮",
        "This made my day", "Take me there 🙌", "Amazing colours", "Haha classic 😂", "Beautiful ❤️", "Goals!",
        "Need to visit soon", "Looking great!", "🔥🔥🔥", "Perfect light", "Can't wait for the next one",
    ];

    public static readonly string[] MessageLines =
    [
        "Are we still on for Saturday?", "Haha that story 😂", "Sent you the photos", "Thanks again for yesterday!",
        "Call me when you're free", "Did you see this?", "See you at 7", "Congrats!! 🎉", "On my way",
        "That place was amazing", "Happy birthday! 🎂", "Let's catch up soon",
    ];

    public static readonly string[] Categories =
    [
        "Photographer", "Artist", "Musician/Band", "Blogger", "Restaurant", "Coach", "Local business", "Designer",
    ];

    public static readonly string[] BioTemplates =
    [
        "{interest} & {interest2} | {place}", "📍 {place}\n{interest} lover", "Just a {interest} person from {place} ✨",
        "{place} → everywhere\n{interest} · {interest2}", "Making things with {interest}. Based in {place}.",
        "{interest2} on weekends, {interest} on weekdays", "",
    ];

    public static readonly string[] HighlightTitles = ["Travel", "Food", "Friends", "2024", "Summer", "Work"];
}
