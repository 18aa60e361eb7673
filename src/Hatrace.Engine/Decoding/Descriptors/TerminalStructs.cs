using System.Runtime.InteropServices;
using System.Text;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Decoding.Files;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>struct termios and struct winsize of the terminal ioctls, as strace prints them without -v:
/// <c>{c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|..., ...}</c>.</summary>
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

    internal static string FormatTermios(Termios termios) =>
        new StructWriter()
            .Field("c_iflag", Flags(new StringBuilder(), s_inputFlags, termios.c_iflag))
            .Field("c_oflag", OutputFlags(termios.c_oflag))
            .Field("c_cflag", ControlFlags(termios.c_cflag))
            .Field("c_lflag", Flags(new StringBuilder(), s_localFlags, termios.c_lflag))
            .More().ToString();

    internal static string FormatWindowSize(WindowSize size) =>
        new StructWriter().Field("ws_row", size.ws_row).Field("ws_col", size.ws_col)
            .Field("ws_xpixel", size.ws_xpixel).Field("ws_ypixel", size.ws_ypixel).ToString();

    private static string OutputFlags(uint flags)
    {
        var text = new StringBuilder();
        foreach ((string prefix, uint mask) in s_outputDelays)
        {
            uint value = (flags & mask) / (mask & ~(mask - 1));
            text.Append(prefix == "TAB" && value == 3 ? "XTABS" : prefix + value).Append('|');
        }
        return Flags(text, s_outputFlags, flags & ~s_outputDelays.Aggregate(0u, (all, d) => all | d.Mask));
    }

    private static string ControlFlags(uint flags)
    {
        var text = new StringBuilder();
        text.Append(Baud(flags & BaudMask)).Append('|');
        if ((flags & InputBaudMask) != 0)
            text.Append(Baud((flags & InputBaudMask) >> InputBaudShift)).Append("<<IBSHIFT|");
        text.Append("CS").Append(5 + ((flags & SizeMask) >> 4)).Append('|');
        return Flags(text, s_controlFlags, flags & ~(BaudMask | InputBaudMask | SizeMask));
    }

    private static string Baud(uint value) => s_baudRates.NameOf(value) ?? DecodeContext.Hex(value);

    /// <summary>The names of the bits, after what the text holds; nothing at all when no bit is set.</summary>
    private static string Flags(StringBuilder text, FlagSet names, uint flags)
    {
        int start = text.Length;
        long left = names.AppendNames(text, flags);
        if (left != 0)
            text.Append(text.Length > start ? "|" : "").Append(DecodeContext.Hex((ulong)left));
        return text.ToString();
    }

    /// <summary>The kernel's struct termios (include/uapi/asm-generic/termbits.h): four flag words, c_line and 19 c_cc.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 36)]
    internal struct Termios : IKernelStruct<Termios>
    {
        public uint c_iflag;
        public uint c_oflag;
        public uint c_cflag;
        public uint c_lflag;

        public static string TypeName => "termios";

        // c_oflag and c_cflag hold fields (delays, the baud rate, the character size) beside their bits: numbers.
        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("c_iflag", new FlagsValue(c_iflag, s_inputFlags)), new("c_oflag", c_oflag), new("c_cflag", c_cflag),
            new("c_lflag", new FlagsValue(c_lflag, s_localFlags)),
        ];
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
