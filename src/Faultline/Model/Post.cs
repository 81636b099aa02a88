namespace Faultline.Model;

/// <summary>The kind of a span of text or a reference inside a post.</summary>
public enum EntityKind
{
    /// <summary>A bare URL in the text.</summary>
    Link,
    /// <summary>Text that links elsewhere; <see cref="Entity.Value"/> holds the href.</summary>
    TextLink,
    /// <summary>An @mention.</summary>
    Mention,
    /// <summary>A mention of a user without a username; Value holds the user id.</summary>
    MentionName,
    /// <summary>A #hashtag.</summary>
    Hashtag,
    /// <summary>A $cashtag.</summary>
    Cashtag,
    /// <summary>A /bot_command.</summary>
    BotCommand,
    /// <summary>An e-mail address.</summary>
    Email,
    /// <summary>A phone number.</summary>
    Phone,
    /// <summary>Bold text.</summary>
    Bold,
    /// <summary>Italic text.</summary>
    Italic,
    /// <summary>Underlined text.</summary>
    Underline,
    /// <summary>Struck-through text.</summary>
    Strikethrough,
    /// <summary>Spoiler text.</summary>
    Spoiler,
    /// <summary>Inline code.</summary>
    Code,
    /// <summary>A preformatted block; Value holds the language when given.</summary>
    Pre,
    /// <summary>A block quote.</summary>
    Blockquote,
    /// <summary>A custom emoji; Value holds its document id.</summary>
    CustomEmoji,
    /// <summary>Any entity type this version does not know; Value holds the original type name.</summary>
    Other,
}

/// <summary>
/// A span of a post's plain text. Offsets and lengths count UTF-16 code units of <see cref="Post.Text"/>
/// (the same unit Telegram uses), so a span can be cut with <c>Text.Substring(Offset, Length)</c>.
/// </summary>
public sealed record Entity(EntityKind Kind, int Offset, int Length, string? Value = null);

/// <summary>Where a forwarded post came from, as far as the format tells.</summary>
public sealed record ForwardOrigin
{
    /// <summary>Display name of the original channel or user (the only field Desktop exports carry).</summary>
    public string? Name { get; init; }
    /// <summary>Public handle of the origin, when known.</summary>
    public string? Handle { get; init; }
    /// <summary>Platform id of the origin channel or user, when known.</summary>
    public string? SourceId { get; init; }
    /// <summary>Id of the original post, when known.</summary>
    public string? PostId { get; init; }
    /// <summary>Original publication time (UTC), when known.</summary>
    public DateTimeOffset? Date { get; init; }
}

/// <summary>Engagement counters observed at a moment (views change after posting: keep every snapshot).</summary>
public sealed record Metrics
{
    /// <summary>View count.</summary>
    public long? Views { get; init; }
    /// <summary>Forward count.</summary>
    public long? Forwards { get; init; }
    /// <summary>Reply count.</summary>
    public long? Replies { get; init; }
    /// <summary>Reactions by emoji or reaction name.</summary>
    public IReadOnlyDictionary<string, long>? Reactions { get; init; }
}

/// <summary>
/// One URL behind an endnote of an assessment paragraph. For t.me links the channel handle and post id
/// are resolved so an analyst can ask which posts an assessment cites.
/// </summary>
public sealed record Citation(int Marker, string Url)
{
    /// <summary>Telegram handle when the URL is a t.me post link.</summary>
    public string? TelegramHandle { get; init; }
    /// <summary>Telegram post id when the URL is a t.me post link.</summary>
    public long? TelegramPostId { get; init; }
}

/// <summary>A media attachment placeholder: exports name the file but Faultline keeps only the reference.</summary>
public sealed record MediaRef(string Kind, string? File = null, string? MimeType = null);

/// <summary>
/// A post as one reader produced it from one input, before it reaches the archive. Language, content hash
/// and canonical URL are derived by the archive, not invented by readers.
/// </summary>
public sealed record Post
{
    /// <summary>The platform's id of the post within its source (message id, feed guid, paragraph number).</summary>
    public required string NativeId { get; init; }
    /// <summary>Publication time, UTC.</summary>
    public required DateTimeOffset Published { get; init; }
    /// <summary>Plain text without markup.</summary>
    public required string Text { get; init; }
    /// <summary>The original payload exactly as it stood in the input (a JSON object, an XML item, an HTML block …).</summary>
    public required string Raw { get; init; }
    /// <summary>Time of the last edit, when the format records it.</summary>
    public DateTimeOffset? Edited { get; init; }
    /// <summary>Author or post signature.</summary>
    public string? Author { get; init; }
    /// <summary>Headline, for feed items and articles.</summary>
    public string? Title { get; init; }
    /// <summary>The item's own URL when the format gives one (feeds, articles).</summary>
    public string? Url { get; init; }
    /// <summary>Links, mentions, hashtags, text links and formatting spans.</summary>
    public IReadOnlyList<Entity> Entities { get; init; } = [];
    /// <summary>Forward origin, when the post is a forward.</summary>
    public ForwardOrigin? ForwardedFrom { get; init; }
    /// <summary>Native id of the post this one replies to.</summary>
    public string? ReplyTo { get; init; }
    /// <summary>Attachments, as placeholders.</summary>
    public IReadOnlyList<MediaRef> Media { get; init; } = [];
    /// <summary>Engagement counters, when the format has them.</summary>
    public Metrics? Metrics { get; init; }
    /// <summary>Endnote citations (assessment paragraphs).</summary>
    public IReadOnlyList<Citation> Citations { get; init; } = [];
    /// <summary>Fields the input lacked, named as in the format, instead of invented defaults.</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];
}
