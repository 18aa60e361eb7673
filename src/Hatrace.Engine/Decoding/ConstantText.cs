using System.Globalization;

namespace Hatrace.Engine.Decoding;

/// <summary>The one place that applies the session's <see cref="ConstantStyle"/> (strace's -X) to a value that has a
/// name. Names are printed by tables and formatters that many decoders call, several calls deep; rather than pass the
/// style through all of them, the decode in progress sets it for its thread (each session decodes on its own tracer
/// thread), and the formatters ask here.</summary>
internal static class ConstantText
{
    [ThreadStatic]
    private static ConstantStyle t_style;

    internal static ConstantStyle Style => t_style;

    /// <summary>Sets the style of this thread until the returned scope is disposed.</summary>
    internal static Scope Use(ConstantStyle style)
    {
        var scope = new Scope(t_style);
        t_style = style;
        return scope;
    }

    /// <summary>A value by <paramref name="name"/>, by <paramref name="number"/>, or both, as the style asks; the
    /// number alone when the name is only the number again (a mask no name covers).</summary>
    internal static string Format(string number, string name) => t_style switch
    {
        ConstantStyle.Raw => number,
        ConstantStyle.Verbose when name != number => $"{number} /* {name} */",
        ConstantStyle.Verbose => number,
        _ => name,
    };

    /// <summary>A bit mask: its number in hex, <c>0</c> for zero.</summary>
    internal static string Flags(long flags, string names) => Format(DecodeContext.HexOrZero((ulong)flags), names);

    /// <summary>A named value: in hex when positive, as strace prints most of them, in decimal when negative.</summary>
    internal static string Value(long value, string name) =>
        Format(value < 0 ? value.ToString(CultureInfo.InvariantCulture) : DecodeContext.HexOrZero((ulong)value), name);

    /// <summary>A value printed in decimal whatever the style (signal numbers, <c>AT_FDCWD</c>).</summary>
    internal static string Decimal(long value, string name) => Format(value.ToString(CultureInfo.InvariantCulture), name);

    /// <summary>A signal number: <c>SIGUSR1</c>, <c>10</c> or <c>10 /* SIGUSR1 */</c>.</summary>
    internal static string Signal(int signal) => Decimal(signal, Model.Signals.GetName(signal));

    /// <summary>A number no name covers, with strace's hint (<c>0x7b /* SOCK_??? */</c>); the number alone when raw.</summary>
    internal static string Unnamed(string number, string hint) =>
        t_style == ConstantStyle.Raw ? number : $"{number} /* {hint} */";

    /// <summary>Restores the style that was in use before <see cref="Use"/>.</summary>
    internal readonly struct Scope(ConstantStyle previous) : IDisposable
    {
        public void Dispose() => t_style = previous;
    }
}
