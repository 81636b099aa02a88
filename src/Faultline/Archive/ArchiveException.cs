namespace Faultline.Archive;

/// <summary>The archive cannot be used as asked (newer schema, locked, not an archive): shown as one line.</summary>
public sealed class ArchiveException : Exception
{
    /// <summary>Creates the error.</summary>
    public ArchiveException(string message) : base(message) { }

    /// <summary>Creates the error with its cause.</summary>
    public ArchiveException(string message, Exception inner) : base(message, inner) { }
}
