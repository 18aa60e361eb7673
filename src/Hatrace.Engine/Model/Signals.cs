using Hatrace.Engine.Constants;

namespace Hatrace.Engine.Model;

/// <summary>Signal names and numbers of x86_64 (Constants/Data/signals.txt).</summary>
public static class Signals
{
    private static readonly ConstantTable s_table = ConstantTable.Load("signals");

    /// <summary>The kernel's first realtime signal: strace names it SIGRTMIN and those after it SIGRT_n.</summary>
    private const int RealtimeMin = 32;

    /// <summary>The highest signal number (SIGRTMAX).</summary>
    public const int Max = 64;

    /// <summary>Every signal the kernel names, in order of number (the realtime ones after SIGRTMIN have no name of their own).</summary>
    public static IEnumerable<(int Value, string Name)> All => s_table.Entries.Select(e => ((int)e.Value, e.Name));

    /// <summary>The name of a signal (<c>SIGSEGV</c>, <c>SIGRT_2</c>); a number with no name prints as that number.</summary>
    public static string GetName(int signal) =>
        s_table.NameOf(signal)
        ?? (signal == RealtimeMin ? "SIGRTMIN"
            : signal > RealtimeMin && signal <= Max ? $"SIGRT_{signal - RealtimeMin}"
            : signal.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A signal number as a value: its name, or none for 0 and numbers the kernel does not name.</summary>
    internal static ConstantValue Value(long signal) =>
        new(signal, signal is >= 1 and <= Max ? GetName((int)signal) : null);

    /// <summary>A signal as a user writes it: a name (<c>SIGTERM</c>, <c>TERM</c>) or a number from 1 to <see cref="Max"/>; null otherwise.</summary>
    public static int? Parse(string text) =>
        GetValue(text) ?? (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= Max ? n : null);

    /// <summary>The number of a signal name, with or without its SIG prefix, or null.</summary>
    public static int? GetValue(string name)
    {
        string full = name.StartsWith("SIG", StringComparison.OrdinalIgnoreCase) ? name : "SIG" + name;
        if (s_table.TryGetValue(full, out long value))
            return (int)value;
        if (full.Equals("SIGRTMIN", StringComparison.OrdinalIgnoreCase))
            return RealtimeMin;
        if (full.StartsWith("SIGRT_", StringComparison.OrdinalIgnoreCase) && int.TryParse(full.AsSpan(6), out int offset)
            && offset > 0 && RealtimeMin + offset <= Max)
            return RealtimeMin + offset;
        return null;
    }
}
