namespace Hatrace.Cli;

/// <summary>The command line asks for something hatrace cannot do. The message is the text after <c>hatrace: </c>,
/// worded as strace words the same mistake; <see cref="ShowHelpHint"/> adds strace's second line pointing at -h.</summary>
public sealed class HatraceUsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HatraceUsageException(string message, bool showHelpHint = false)
        : base(message) => ShowHelpHint = showHelpHint;

    /// <summary>Whether to follow the message with <c>Try 'hatrace -h' for more information.</c>, as strace does
    /// for a malformed command line (but not for an unknown name inside a valid option).</summary>
    public bool ShowHelpHint { get; }
}
