namespace Porter.Domain.Signals;

/// <summary>
/// Porter's default phrase lists, one per cue. They are deliberately plain, so a person can read why a message was
/// flagged and add or remove phrases in porter.json (<c>signals</c>, organisation-wide or per client).
/// </summary>
internal static class DefaultPhrases
{
    /// <summary>Each cue's phrases, patterns, and the words every one of its patterns needs (so most texts skip the patterns).</summary>
    public static readonly (TextCue Cue, string[] Phrases, string[] Patterns, string[] PatternHints)[] All =
    [
        (TextCue.UrgentMatter,
        [
            "site is down", "site's down", "website is down", "website's down", "site down", "website down", "server is down",
            "server down", "app is down", "store is down", "shop is down", "is offline", "went offline", "500 error",
            "checkout is broken", "checkout broken", "checkout isn't working", "checkout is not working", "can't check out",
            "payments are failing", "payments failing", "payment failing", "payments not going through", "card payments are failing",
            "we've been hacked", "we have been hacked", "been hacked", "got hacked", "account was hacked", "account has been hacked",
            "account is compromised", "account compromised", "hacked account", "someone logged into", "ransomware", "data breach",
            "phishing emails from our", "locked out of", "everything is down", "outage", "emergency", "stranded",
            "missed my flight", "lost my passport", "legal deadline today", "court deadline", "filing deadline today",
            "launch is today", "goes live today", "going live in an hour", "launching in an hour", "live in an hour",
            "press release goes out today", "deadline is today", "due today", "within the hour", "in the next hour",
        ],
        [
            @"\b(?:site|website|server|app|shop|store|checkout)\b[^.!?\n]{0,40}\b(?:down|crashed|broken|offline|not loading)\b",
            @"\b(?:payments?|cards?|orders?|checkout)\b[^.!?\n]{0,40}\b(?:failing|fail|declined|(?:not|aren't|isn't|are not|is not) going through)\b",
        ],
        ["down", "crashed", "broken", "offline", "loading", "failing", "fail", "declined", "going"]),

        (TextCue.MarkedUrgent,
        ["urgent", "asap", "as soon as possible", "immediately", "right away", "top priority", "high priority", "time sensitive", "time-sensitive", "!!"],
        [],
        []),

        (TextCue.Request,
        [
            "can you", "could you", "would you", "will you", "can we", "could we", "please", "pls", "need you to",
            "i need", "we need", "let me know", "send me", "send over", "get back to me", "are you able",
            "do you mind", "would it be possible", "is it possible", "when can", "when will", "any update",
            "any news on", "what do you think", "your thoughts", "call me", "give me a call", "quick call", "?",
        ],
        [],
        []),

        (TextCue.Fyi,
        [
            "fyi", "f.y.i", "for your information", "just so you know", "just to let you know", "just letting you know",
            "thought you'd like to know", "thought you might like to know", "thought you'd want to know", "heads up",
            "no action needed", "no action required", "no need to reply", "no need to respond", "nothing needed from you",
            "good news", "we were featured", "we got featured", "sharing this", "just sharing", "wanted to share",
            "we won", "we hit", "is joining", "quick note", "just a note", "loved the", "sold out", "we'll tag",
        ],
        [],
        []),

        (TextCue.PlanChange,
        [
            "change of plan", "change of plans", "change in plans", "we've decided to", "we have decided to", "we decided to",
            "instead of", "push the deadline", "pushed the deadline", "move the deadline", "moved the deadline",
            "new deadline", "bring forward", "brought forward", "push back", "pushed back", "postpone", "postponed",
            "move the launch", "moved the launch", "launch date has changed", "launch is now", "change the scope",
            "changed the scope", "add to the scope", "drop the", "scrap the", "cancel the", "cancelled the", "canceled the",
            "switch to", "switched to", "we've changed", "we have changed", "we changed", "we've updated", "we updated",
            "i've updated", "i updated", "i've changed", "i changed", "new direction", "change the brief", "changed the brief",
            "revised brief", "updated brief", "reschedule", "rescheduled", "postponing", "delay everything", "delay the",
            "deadline changed", "switching", "changed his mind", "changed her mind", "changed their mind", "changed our mind",
            "we've added", "we have added", "ourselves",
        ],
        [@"\b(?:we|they|the\s+\w+|our\s+\w+)\s+(?:changed|switched|moved|delayed|postponed|cancell?ed|dropped)\b"],
        ["changed", "switched", "moved", "delayed", "postponed", "cancelled", "canceled", "dropped"]),

        (TextCue.PersonalInfoRequest,
        [
            "home address", "where do you live", "where you live", "which neighbourhood", "which neighborhood",
            "your address", "personal number", "personal phone", "personal mobile", "personal cell", "your cell",
            "your mobile number", "private number", "your whatsapp", "your kids", "your children", "your son",
            "your daughter", "your husband", "your wife", "your partner", "your boyfriend", "your girlfriend",
            "your family", "are you married", "are you single", "how old are you", "your birthday", "date of birth",
            "your house", "your flat", "your apartment", "private address", "home phone", "home number", "how old you are",
        ],
        [
            @"\bwhere\b[^.?!\n]{0,15}\b(?:do|d)\s+you\s+live\b",
            @"\bdo you have (?:a |any )?(?:boyfriend|girlfriend|husband|wife|partner|kids|children)\b",
        ],
        ["live", "have"]),

        (TextCue.PersonalSocialContact,
        [
            "friend request", "friend you on", "add you on facebook", "added you on facebook", "add you on instagram",
            "followed you on instagram", "follow you on instagram", "follow me on instagram", "your instagram",
            "your personal instagram", "your facebook", "your personal facebook", "your tiktok", "your snapchat",
            "add me on snapchat", "follow you on tiktok", "dm you on instagram", "dmed you", "slid into your dms",
            "connect on facebook", "your personal account", "accepted my request", "accept my request", "my personal facebook",
            "on insta", "your story", "your stories", "friends on facebook",
        ],
        [@"\b(?:follow(?:ed|ing)?|add(?:ed)?|friend(?:ed)?)\b[^.!?\n]{0,30}\b(?:insta(?:gram)?|facebook|fb|tiktok|snapchat)\b(?![^.!?\n]{0,20}\b(?:page|posts?|templates?|grid)\b)",
         @"\b(?:insta(?:gram)?|facebook|tiktok|snapchat)\b[^.!?\n]{0,20}\bfollowed\b"],
        ["insta", "instagram", "facebook", "fb", "tiktok", "snapchat"]),
    ];

    /// <summary>Services people commonly ask freelancers for; those not in a client's scope are out of scope.</summary>
    public static readonly string[] ServiceCatalog =
    [
        "copywriting", "copy writing", "blog posts", "blog post", "seo", "search engine optimisation", "search engine optimization",
        "social media", "instagram posts", "instagram post", "post templates", "newsletter", "email campaign", "photography",
        "photo shoot", "photograph", "product photos", "video editing", "edit the video", "edit the launch video", "animation", "translation", "translate", "bookkeeping", "accounting", "tax return", "web hosting",
        "hosting", "domain", "app development", "mobile app", "ios app", "android app", "printing",
        "ads", "ad campaign", "advertising", "google ads", "facebook ads", "logo", "brand guidelines", "branding",
        "website", "web design", "landing page", "packaging", "illustration", "presentation", "pitch deck", "deck",
        "write the copy", "the copy for", "write the text", "text for our", "product names", "taglines", "menu boards",
        "market research", "data entry", "customer support", "virtual assistant", "calendar management", "travel booking",
    ];
}
