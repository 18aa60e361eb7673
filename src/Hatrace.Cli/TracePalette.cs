namespace Hatrace.Cli;

/// <summary>The colours of the trace's text (<c>--color</c>): ANSI SGR sequences for the parts of a line worth
/// finding at a glance.</summary>
internal sealed class TracePalette
{
    /// <summary>Ends any colour.</summary>
    public const string Reset = "\e[0m";

    /// <summary>The palette of hatrace's text.</summary>
    public static TracePalette Default { get; } = new();

    private TracePalette()
    {
    }

    /// <summary>A call's name: bold blue.</summary>
    public string Name { get; } = "\e[1;34m";

    /// <summary>A failed call's result, <c>-1 ENOENT (No such file or directory)</c>: red.</summary>
    public string Error { get; } = "\e[31m";

    /// <summary>A quoted string: green.</summary>
    public string String { get; } = "\e[32m";

    /// <summary>A signal's line, <c>--- SIGCHLD {...} ---</c>: yellow.</summary>
    public string Signal { get; } = "\e[33m";

    /// <summary>An exit line, <c>+++ exited with 0 +++</c>: magenta.</summary>
    public string Exit { get; } = "\e[35m";

    /// <summary>Whether to colour: <c>--color=always</c> does, <c>--color=never</c> does not, and by default
    /// (<c>auto</c>) only a terminal is coloured, and only when NO_COLOR is not set (to anything, empty included).
    /// An explicit <c>--color=always</c> wins over NO_COLOR, as no-color.org asks of command-line options.</summary>
    public static bool IsOn(ColorMode mode, bool outputIsTerminal, string? noColor) => mode switch
    {
        ColorMode.Always => true,
        ColorMode.Never => false,
        _ => outputIsTerminal && noColor is null,
    };
}
