using System.Globalization;
using System.Management.Automation;
using Hatrace.Engine.Model;

namespace Hatrace.Cmdlets;

/// <summary>errno and signal names as a user types them: a name in any case (with or without SIG), or a number.</summary>
internal static class Names
{
    internal static int? ErrnoValue(string text) =>
        Errno.GetValue(text) ?? (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 4095 ? n : null);

    internal static int? SignalValue(string text) =>
        Signals.GetValue(text) ?? (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= Signals.Max ? n : null);

    internal static ErrorRecord UnknownErrno(string text) => new(
        new ArgumentException($"Unknown errno '{text}': use a name such as ENOENT or EIO, or a number from 1 to 4095."),
        ErrorIds.UnknownErrno, ErrorCategory.InvalidArgument, text);

    internal static ErrorRecord UnknownSignal(string text) => new(
        new ArgumentException($"Unknown signal '{text}': use a name such as SIGTERM or TERM, or a number from 1 to {Signals.Max}."),
        ErrorIds.UnknownSignal, ErrorCategory.InvalidArgument, text);
}
