using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The terminal ioctls' structures as strace prints them: struct termios, termios2 and the old struct termio
/// (<c>{c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|..., ...}</c>,
/// with -v also <c>c_line=N_TTY, c_cc=[[VINTR]=0x3, ...]</c> and termios2's speeds), and struct winsize.</summary>
internal static class TerminalStructs
{
    private const uint BaudMask = 0x100f;       // CBAUD
    private const uint InputBaudMask = 0x100f0000; // CIBAUD
    private const int InputBaudShift = 16;      // IBSHIFT
    private const uint SizeMask = 0x30;         // CSIZE: CS5 + n

    // The delay fields of c_oflag (termbits.h): each prints as its prefix and the field's value, NL0 to FF1.
    private static readonly (string Prefix, uint Mask)[] s_outputDelays =
        [("NL", 0x100), ("CR", 0x600), ("TAB", 0x1800), ("BS", 0x2000), ("VT", 0x4000), ("FF", 0x8000)];

    private static readonly FlagSet s_inputFlags = new("termios_input_flags");
    private static readonly FlagSet s_outputFlags = new("termios_output_flags");
    private static readonly FlagSet s_controlFlags = new("termios_control_flags");
    private static readonly FlagSet s_localFlags = new("termios_local_flags");
    private static readonly ConstantTable s_baudRates = ConstantTable.Load("termios_baud_rates");
    private static readonly ConstantTable s_controlChars = ConstantTable.Load("termios_control_chars");

    // Line disciplines: c_line. (TIOCGETD's and TIOCSETD's, strace prints as numbers.)
    private static readonly NamedValues s_lineDisciplines = new("termios_line_disciplines", "N_???");

    internal static string FormatTermios(Termios termios, StraceRenderer render, bool abbreviate) =>
        Format(termios.c_iflag, termios.c_oflag, termios.c_cflag, termios.c_lflag, termios.c_line, termios.c_cc, render, abbreviate).ToString();

    internal static string FormatTermios2(Termios2 termios, StraceRenderer render, bool abbreviate)
    {
        StructWriter text = Format(termios.c_iflag, termios.c_oflag, termios.c_cflag, termios.c_lflag, termios.c_line, termios.c_cc, render, abbreviate);
        return abbreviate ? text.ToString() : text.Field("c_ispeed", termios.c_ispeed).Field("c_ospeed", termios.c_ospeed).ToString();
    }

    internal static string FormatTermio(Termio termio, StraceRenderer render, bool abbreviate) =>
        Format(termio.c_iflag, termio.c_oflag, termio.c_cflag, termio.c_lflag, termio.c_line, termio.c_cc, render, abbreviate).ToString();

    internal static string FormatWindowSize(WindowSize size) =>
        new StructWriter().Field("ws_row", size.ws_row).Field("ws_col", size.ws_col)
            .Field("ws_xpixel", size.ws_xpixel).Field("ws_ypixel", size.ws_ypixel).ToString();

    // The fields the three structures share; without -v, strace stops after the flags.
    private static StructWriter Format(uint input, uint output, uint control, uint local, byte line, ReadOnlySpan<byte> controlChars,
        StraceRenderer render, bool abbreviate)
    {
        var text = new StructWriter()
            .Field("c_iflag", Flags(s_inputFlags, input, render))
            .Field("c_oflag", OutputFlags(output, render))
            .Field("c_cflag", ControlFlags(control, render))
            .Field("c_lflag", Flags(s_localFlags, local, render));
        if (abbreviate)
            return text.More();
        return text.Field("c_line", s_lineDisciplines.Format(line, render)).Field("c_cc", ControlChars(controlChars));
    }

    // [[VINTR]=0x3, ..., [17]=0]: each character by its index's name (under -X raw too), an index no name covers by its number.
    private static string ControlChars(ReadOnlySpan<byte> chars)
    {
        var items = new string[chars.Length];
        for (int i = 0; i < chars.Length; i++)
        {
            string index = s_controlChars.NameOf(i) ?? i.ToString(CultureInfo.InvariantCulture);
            items[i] = $"[{index}]={DecodeContext.HexOrZero(chars[i])}";
        }
        return StructWriter.Array(items);
    }

    // Each delay field by its value (NL0, XTABS), then the bits: NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, and with no bit
    // set a '|' and nothing after it, as strace prints it.
    private static string OutputFlags(uint flags, StraceRenderer render)
    {
        var text = new StringBuilder();
        foreach ((string prefix, uint mask) in s_outputDelays)
        {
            uint value = (flags & mask) / (mask & ~(mask - 1));
            text.Append(render.Format(DecodeContext.HexOrZero(flags & mask), prefix == "TAB" && value == 3 ? "XTABS" : prefix + value)).Append('|');
        }
        return text.Append(Flags(s_outputFlags, flags & ~s_outputDelays.Aggregate(0u, (all, d) => all | d.Mask), render)).ToString();
    }

    // The baud rate, the input baud rate when set (B38400<<IBSHIFT), the character size, then the bits.
    private static string ControlFlags(uint flags, StraceRenderer render)
    {
        var text = new StringBuilder();
        text.Append(Baud(flags & BaudMask, render)).Append('|');
        if ((flags & InputBaudMask) != 0)
            text.Append(Baud((flags & InputBaudMask) >> InputBaudShift, render)).Append("<<")
                .Append(render.Format(DecodeContext.Hex(InputBaudShift), "IBSHIFT")).Append('|');
        text.Append(render.Format(DecodeContext.HexOrZero(flags & SizeMask), "CS" + (5 + ((flags & SizeMask) >> 4)))).Append('|');
        return text.Append(Flags(s_controlFlags, flags & ~(BaudMask | InputBaudMask | SizeMask), render)).ToString();
    }

    private static string Baud(uint value, StraceRenderer render) =>
        render.Format(DecodeContext.HexOrZero(value), s_baudRates.NameOf(value) ?? DecodeContext.Hex(value));

    /// <summary>The names of the bits and the bits no name covers in hex; nothing at all when no bit is set.</summary>
    private static string Flags(FlagSet names, uint flags, StraceRenderer render)
    {
        if (flags == 0)
            return "";
        var text = new StringBuilder();
        long left = names.AppendNames(text, flags);
        if (left != 0)
            text.Append(text.Length > 0 ? "|" : "").Append(DecodeContext.Hex((ulong)left));
        return render.Flags(flags, text.ToString());
    }

    // The fields the three structures share, as values. c_oflag and c_cflag hold fields (delays, the baud rate, the
    // character size) beside their bits: numbers.
    private static KeyValuePair<string, object?>[] Fields(uint input, uint output, uint control, uint local, byte line, ReadOnlySpan<byte> controlChars) =>
    [
        new("c_iflag", new FlagsValue(input, s_inputFlags)), new("c_oflag", output), new("c_cflag", control),
        new("c_lflag", new FlagsValue(local, s_localFlags)), new("c_line", new ConstantValue(line, s_lineDisciplines)),
        new("c_cc", controlChars.ToArray()),
    ];

    /// <summary>The kernel's struct termios (include/uapi/asm-generic/termbits.h): four flag words, c_line and NCCS (19) c_cc.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Termios : IKernelStruct<Termios>
    {
        public uint c_iflag;
        public uint c_oflag;
        public uint c_cflag;
        public uint c_lflag;
        public byte c_line;
        public ControlCharacters c_cc;

        public static string TypeName => "termios";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => TerminalStructs.Fields(c_iflag, c_oflag, c_cflag, c_lflag, c_line, c_cc);
    }

    /// <summary>struct termios2 (TCGETS2 and TCSETS2): struct termios and the input and output speeds in baud.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Termios2 : IKernelStruct<Termios2>
    {
        public uint c_iflag;
        public uint c_oflag;
        public uint c_cflag;
        public uint c_lflag;
        public byte c_line;
        public ControlCharacters c_cc;
        public uint c_ispeed;
        public uint c_ospeed;

        public static string TypeName => "termios2";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [.. TerminalStructs.Fields(c_iflag, c_oflag, c_cflag, c_lflag, c_line, c_cc), new("c_ispeed", c_ispeed), new("c_ospeed", c_ospeed)];
    }

    /// <summary>The old struct termio (TCGETA and TCSETA, include/uapi/asm-generic/termios.h): 16-bit flag words and NCC (8) c_cc.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Termio : IKernelStruct<Termio>
    {
        public ushort c_iflag;
        public ushort c_oflag;
        public ushort c_cflag;
        public ushort c_lflag;
        public byte c_line;
        public OldControlCharacters c_cc;

        public static string TypeName => "termio";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => TerminalStructs.Fields(c_iflag, c_oflag, c_cflag, c_lflag, c_line, c_cc);
    }

    /// <summary>termios' c_cc: NCCS control characters.</summary>
    [InlineArray(19)]
    internal struct ControlCharacters
    {
        private byte _char;
    }

    /// <summary>termio's c_cc: NCC control characters.</summary>
    [InlineArray(8)]
    internal struct OldControlCharacters
    {
        private byte _char;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct WindowSize : IKernelStruct<WindowSize>
    {
        public ushort ws_row;
        public ushort ws_col;
        public ushort ws_xpixel;
        public ushort ws_ypixel;

        public static string TypeName => "winsize";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("ws_row", ws_row), new("ws_col", ws_col), new("ws_xpixel", ws_xpixel), new("ws_ypixel", ws_ypixel)];
    }
}
