using Hatrace.Engine.Constants;

namespace Hatrace.Engine.Model;

/// <summary>errno names and messages, with the kernel's numbers (Constants/Data/errno.txt).</summary>
public static class Errno
{
    private static readonly ConstantTable s_table = ConstantTable.Load("errno");

    // Kernel-internal values never reach a program untraced; their text says what the kernel does with them.
    private static readonly Dictionary<int, string> s_internalMessages = new()
    {
        [512] = "To be restarted if SA_RESTART is set",
        [513] = "To be restarted",
        [514] = "To be restarted if no handler",
        [516] = "Interrupted by signal",
    };

    /// <summary>The name of an errno value (<c>ENOENT</c>), or null for a number the kernel does not name.</summary>
    public static string? GetName(int errno) => s_table.NameOf(errno);

    /// <summary>The value of an errno name, or null. Names are matched without regard to case.</summary>
    public static int? GetValue(string name) => s_table.TryGetValue(name, out long value) ? (int)value : null;

    /// <summary>An errno as a user writes it: a name (<c>ENOSPC</c>, any case) or a number from 1 to 4095; null otherwise.</summary>
    public static int? Parse(string text) =>
        GetValue(text) ?? (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 4095 ? n : null);

    /// <summary>Whether a syscall's raw result (the kernel's return register) is a failure: the negated errno, -4095 to -1.</summary>
    internal static bool IsFailure(long rawResult) => rawResult is >= -4095 and < 0;

    /// <summary>Every errno the kernel names, in order of value.</summary>
    public static IEnumerable<(int Value, string Name)> All => s_table.Entries.Select(e => ((int)e.Value, e.Name));

    /// <summary>The message of an errno value, as strerror gives it (<c>No such file or directory</c>).</summary>
    public static string GetMessage(int errno) =>
        (uint)errno < (uint)s_messages.Length ? s_messages[errno] ??= Message(errno) : Message(errno);

    // Asked for at every failed call: each kept once made.
    private static readonly string?[] s_messages = new string?[256];

    private static string Message(int errno) =>
        s_internalMessages.TryGetValue(errno, out string? message) ? message
        : System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno);
}
