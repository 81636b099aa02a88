namespace Faultline.Model;

/// <summary>What kind of outlet a source is.</summary>
public enum SourceKind
{
    /// <summary>A Telegram broadcast channel.</summary>
    TelegramChannel,
    /// <summary>A Telegram group or supergroup chat.</summary>
    TelegramGroup,
    /// <summary>An RSS, Atom or JSON feed.</summary>
    Feed,
    /// <summary>A website whose articles were saved as HTML.</summary>
    Website,
    /// <summary>A TV or radio programme transcribed to text.</summary>
    Transcript,
    /// <summary>A think-tank assessment with endnotes.</summary>
    Assessment,
}

/// <summary>
/// A source as a reader sees it. <see cref="Key"/> is the stable identity used to recognise the same
/// source across imports (for Telegram the numeric channel id, for a feed its site link).
/// </summary>
public sealed record SourceInfo(SourceKind Kind, string Key)
{
    /// <summary>Public handle (t.me/&lt;handle&gt;), when the input or the analyst supplies it.</summary>
    public string? Handle { get; init; }
    /// <summary>Display title.</summary>
    public string? Title { get; init; }
    /// <summary>Home URL of the source.</summary>
    public string? Url { get; init; }
    /// <summary>The platform's own id (a Telegram channel id), when known.</summary>
    public string? NativeId { get; init; }
}

/// <summary>Whether an input holds a source's full history for the span it covers.</summary>
public enum CoverageKind
{
    /// <summary>
    /// Every post between the first and last date in the input is present (a full Telegram export):
    /// a post the archive knows in that span but the input lacks was deleted.
    /// </summary>
    Complete,
    /// <summary>A window or sample (a feed, one HTML page of an export): absence proves nothing.</summary>
    Partial,
}

/// <summary>A service message (pin, title change, member join …): kept as an event of the source, not a post.</summary>
public sealed record SourceEvent(string NativeId, DateTimeOffset Time, string Action, string Raw)
{
    /// <summary>Who performed the action, when recorded.</summary>
    public string? Actor { get; init; }
    /// <summary>Action details such as the new title or the pinned message id.</summary>
    public string? Detail { get; init; }
}
