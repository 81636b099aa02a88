namespace Faultline.Reading;

/// <summary>
/// Bad input: thrown by a reader with the position and the reason, and shown to the analyst as one line
/// "file: position: reason". The file is then rejected as a whole.
/// </summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="position">Where: "line 12", "line 3, column 7", "offset 4096", "item 17".</param>
    /// <param name="reason">Why, in the analyst's words.</param>
    public InputException(string position, string reason) : base($"{position}: {reason}")
    {
        Position = position;
        Reason = reason;
    }

    /// <summary>Creates the error wrapping a lower-level cause.</summary>
    public InputException(string position, string reason, Exception inner) : base($"{position}: {reason}", inner)
    {
        Position = position;
        Reason = reason;
    }

    /// <summary>Where in the input.</summary>
    public string Position { get; }

    /// <summary>Why it was rejected.</summary>
    public string Reason { get; }
}
