using System.Management.Automation;
using Hatrace.Engine.Model;

namespace Hatrace.Cmdlets;

/// <summary>The errors for an errno or signal that <see cref="Errno.Parse"/> or <see cref="Signals.Parse"/> did not know.</summary>
internal static class Names
{
    internal static ErrorRecord UnknownErrno(string text) => new(
        new ArgumentException($"Unknown errno '{text}': use a name such as ENOENT or EIO, or a number from 1 to 4095."),
        ErrorIds.UnknownErrno, ErrorCategory.InvalidArgument, text);

    internal static ErrorRecord UnknownSignal(string text) => new(
        new ArgumentException($"Unknown signal '{text}': use a name such as SIGTERM or TERM, or a number from 1 to {Signals.Max}."),
        ErrorIds.UnknownSignal, ErrorCategory.InvalidArgument, text);
}
