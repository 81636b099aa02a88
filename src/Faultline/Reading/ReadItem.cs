using Faultline.Model;

namespace Faultline.Reading;

/// <summary>What a reader yields: a source header, then that source's posts and events.</summary>
public abstract record ReadItem;

/// <summary>Starts a source; the posts and events that follow belong to it until the next one.</summary>
public sealed record SourceStarted(SourceInfo Source, CoverageKind Coverage) : ReadItem;

/// <summary>One post of the current source.</summary>
public sealed record PostRead(Post Post) : ReadItem;

/// <summary>One service event of the current source.</summary>
public sealed record EventRead(SourceEvent Event) : ReadItem;
