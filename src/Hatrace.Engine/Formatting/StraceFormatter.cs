using System.Globalization;
using System.Text;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Formatting;

/// <summary>Builds strace's text from the model, and from nothing else.</summary>
public static class StraceFormatter
{
    /// <summary>The kernel's first internal errno: a call that fails with one of these is restarted or
    /// interrupted, and strace shows its result as <c>?</c>.</summary>
    private const int FirstKernelInternalErrno = 512;

    /// <summary><c>openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3</c>; <c>= ?</c> for a call that never returned.</summary>
    public static string Format(SyscallEvent call)
    {
        var text = new StringBuilder(96);
        text.Append(call.Name).Append('(').Append(call.Arguments.ToString()).Append(") = ");
        AppendResult(text, call);
        return text.ToString();
    }

    /// <summary>The event's line made with <paramref name="options"/>' rules: a call, an entry and a signal made again
    /// from what was decoded, a process's start and exec with their ids printed as the options print pids, other events
    /// as they are.</summary>
    public static string Format(TraceEvent e, StraceTextOptions options)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(options);
        return e switch
        {
            SyscallEvent call => Format(call, options),
            SyscallEntryEvent entry => Format(entry, options),
            SignalEvent signal => Format(signal, options.Renderer),
            ProcessStartEvent start => Format(start, options.Renderer),
            ProcessExecEvent exec => Format(exec, options.Renderer),
            _ => e.Text,
        };
    }

    /// <summary>The call's line made with <paramref name="options"/>' rules instead of the session's.</summary>
    public static string Format(SyscallEvent call, StraceTextOptions options)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(options);
        var text = new StringBuilder(96);
        text.Append(call.Name).Append('(').AppendJoin(", ", call.Arguments.Select(a => a.Render(options.Renderer))).Append(") = ");
        AppendResult(text, call, options.Renderer);
        return text.ToString();
    }

    /// <summary>The part after <c> = </c>: <c>3</c>, <c>0x7f00deadb000</c>, <c>-1 ENOENT (No such file or directory)</c>, <c>?</c>.</summary>
    public static void AppendResult(StringBuilder text, SyscallEvent call) => AppendResult(text, call, (StraceRenderer?)null);

    /// <summary>The part after <c> = </c>, made with <paramref name="options"/>' rules.</summary>
    public static void AppendResult(StringBuilder text, SyscallEvent call, StraceTextOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AppendResult(text, call, options.Renderer);
    }

    // With the session's rules when render is null.
    private static void AppendResult(StringBuilder text, SyscallEvent call, StraceRenderer? render)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(call);
        if (call.RawResult is not long raw)
        {
            text.Append('?');
            return;
        }
        if (call.ErrnoValue != 0)
        {
            text.Append(call.ErrnoValue >= FirstKernelInternalErrno ? "?" : "-1")
                .Append(' ').Append(call.Errno).Append(" (").Append(call.ErrorMessage).Append(')');
        }
        else
        {
            if (call.RenderResultText(render) is { } resultText)
                text.Append(resultText);
            else if (render is not null && call.Definition is { } definition && (definition.Classes & SyscallClass.ReturnsProcessId) != 0)
                text.Append(render.ProcessId(raw));
            else
                text.Append(raw);
        }
        text.Append((call.ArgumentsInjected, call.ResultInjected) switch
        {
            (true, true) => " (INJECTED: args, retval)",
            (true, false) => " (INJECTED: args)",
            (false, true) => " (INJECTED)",
            _ => "",
        });
        if (call.Delayed)
            text.Append(" (DELAYED)");
    }

    /// <summary>What strace prints when a call is entered: its name and the leading arguments decided then, with
    /// the comma before the next when more follow (<c>read(3, </c>).</summary>
    public static string Format(SyscallEntryEvent entry) => FormatEntry(entry.Call, entry.Arguments, entry.Arguments.Count, null);

    /// <summary>What strace prints when a call is entered, made with <paramref name="options"/>' rules.</summary>
    public static string Format(SyscallEntryEvent entry, StraceTextOptions options)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(options);
        return FormatEntry(entry.Call, entry.Arguments, entry.Arguments.Count, options.Renderer);
    }

    /// <summary>What strace prints of a call at its entry (<c>read(3, </c>), from the whole call.</summary>
    public static string FormatEntry(SyscallEvent call)
    {
        var text = new StringBuilder(64);
        AppendEntry(text, call);
        return text.ToString();
    }

    /// <summary>What strace prints of a call at its entry, made with <paramref name="options"/>' rules.</summary>
    public static string FormatEntry(SyscallEvent call, StraceTextOptions options)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(options);
        return FormatEntry(call, call.Arguments, EntryCount(call), options.Renderer);
    }

    /// <summary>Appends what strace prints of a call at its entry (<c>read(3, </c>), from the whole call: for a writer
    /// that builds the line anyway.</summary>
    public static void AppendEntry(StringBuilder text, SyscallEvent call)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(call);
        AppendEntry(text, call, call.Arguments, EntryCount(call), null);
    }

    /// <summary>Appends what strace prints when a call is entered (<see cref="Format(SyscallEntryEvent)"/>): for a writer
    /// that builds the line anyway.</summary>
    public static void AppendEntry(StringBuilder text, SyscallEntryEvent entry)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(entry);
        AppendEntry(text, entry.Call, entry.Arguments, entry.Arguments.Count, null);
    }

    // How many of the call's arguments were decided at its entry.
    private static int EntryCount(SyscallEvent call) => Math.Min(call.EntryArgumentCount, call.Arguments.Count);

    private static string FormatEntry(SyscallEvent call, IReadOnlyList<SyscallArgument> arguments, int count, StraceRenderer? render)
    {
        var text = new StringBuilder(64);
        AppendEntry(text, call, arguments, count, render);
        return text.ToString();
    }

    // The name and the first count arguments; an argument the decoder extended at exit prints as it was at entry (the
    // exit's text adds the rest).
    private static void AppendEntry(StringBuilder text, SyscallEvent call, IReadOnlyList<SyscallArgument> arguments, int count, StraceRenderer? render)
    {
        text.Append(call.Name).Append('(');
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
                text.Append(", ");
            (i == count - 1 && call.ContinuedEntry is { } continued ? continued : arguments[i]).AppendTo(text, render);
        }
        if (count > 0 && count < call.ShownArguments && call.ContinuedEntry is null)
            text.Append(", ");
    }

    /// <summary>What follows the entry's text once the call returned: the arguments decided at exit and the
    /// closing parenthesis (<c>"data", 16)</c>). The entry's text and this make the call's whole text.</summary>
    public static void AppendExitArguments(StringBuilder text, SyscallEvent call) => AppendExitArguments(text, call, (StraceRenderer?)null);

    /// <summary>What follows the entry's text once the call returned, made with <paramref name="options"/>' rules.</summary>
    public static void AppendExitArguments(StringBuilder text, SyscallEvent call, StraceTextOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AppendExitArguments(text, call, options.Renderer);
    }

    private static void AppendExitArguments(StringBuilder text, SyscallEvent call, StraceRenderer? render)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(call);
        int first = call.EntryArgumentCount;
        if (call.ContinuedEntry is { } continued && first > 0)
        {
            // What the decoder added to the argument at exit, then the rest, each after its comma.
            string entered = render is null ? continued.Text : continued.Render(render);
            string whole = Text(call.Arguments[first - 1], render);
            text.Append(whole.StartsWith(entered, StringComparison.Ordinal) ? whole.AsSpan(entered.Length) : "");
            for (int i = first; i < call.Arguments.Count; i++)
                call.Arguments[i].AppendTo(text.Append(", "), render);
        }
        else
        {
            for (int i = first; i < call.Arguments.Count; i++)
                call.Arguments[i].AppendTo(text.Append(i > first ? ", " : ""), render);
        }
        text.Append(')');
    }

    private static string Text(SyscallArgument argument, StraceRenderer? render) => render is null ? argument.Text : argument.Render(render);

    /// <summary>The hex dump strace prints after a call's line for <c>-e read=</c> and <c>-e write=</c>: sixteen bytes a
    /// line, <c> | 00000  68 65 6c 6c 6f 0a  hello.   |</c>, each buffer of a vector after a <c> * 5 bytes in buffer 0</c>
    /// line, and each message's after a <c> = 2 buffers in vector 0</c> line.</summary>
    public static IEnumerable<string> FormatDump(TransferredData data)
    {
        for (int m = 0; m < data.Messages.Count; m++)
        {
            IReadOnlyList<byte[]> buffers = data.Messages[m];
            if (data.Layout == TransferLayout.Messages)
                yield return $" = {buffers.Count} buffers in vector {m}";
            for (int b = 0; b < buffers.Count; b++)
            {
                if (data.Layout != TransferLayout.Buffer)
                    yield return $" * {buffers[b].Length} bytes in buffer {b}";
                for (int offset = 0; offset < buffers[b].Length; offset += DumpWidth)
                    yield return DumpLine(buffers[b].AsSpan(offset, Math.Min(DumpWidth, buffers[b].Length - offset)), offset);
            }
        }
    }

    private const int DumpWidth = 16;

    // Hex in two groups of eight, then the bytes that are printable ASCII, '.' for the others.
    private static string DumpLine(ReadOnlySpan<byte> bytes, int offset)
    {
        var line = new StringBuilder(80);
        line.Append(" | ").Append(offset.ToString("x5", CultureInfo.InvariantCulture)).Append("  ");
        for (int i = 0; i < DumpWidth; i++)
        {
            if (i < bytes.Length)
                line.Append(bytes[i].ToString("x2", CultureInfo.InvariantCulture)).Append(' ');
            else
                line.Append("   ");
            if (i == DumpWidth / 2 - 1)
                line.Append(' ');
        }
        line.Append(' ');
        foreach (byte b in bytes)
            line.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
        return line.Append(' ', DumpWidth - bytes.Length).Append(" |").ToString();
    }

    /// <summary><c>+++ exited with 0 +++</c>, <c>+++ killed by SIGKILL +++</c>.</summary>
    public static string Format(ExitEvent exit) =>
        exit.Signal is int signal
            ? $"+++ killed by {Signals.GetName(signal)}{(exit.CoreDumped ? " (core dumped)" : "")} +++"
            : $"+++ exited with {exit.ExitCode} +++";

    /// <summary>A new process: strace prints nothing for it; this says who started it, or that the tracer attached to it.</summary>
    public static string Format(ProcessStartEvent start) => Format(start, StraceRenderer.Default);

    private static string Format(ProcessStartEvent start, StraceRenderer render) =>
        start.AttachedThreadIds.Count > 0 ? $"+++ attached with {start.AttachedThreadIds.Count} thread{(start.AttachedThreadIds.Count == 1 ? "" : "s")} +++"
        : start.ParentProcessId == 0 ? "+++ started +++"
        : $"+++ started by {render.ProcessId(start.ParentProcessId)} +++";

    /// <summary>A thread a traced process started: strace prints no line for it, only its <c>Process N attached</c>
    /// message.</summary>
    public static string Format(ThreadStartEvent start) => "+++ thread started +++";

    /// <summary>A thread the tracer let go: strace prints no line for it, only its <c>Process N detached</c> message.</summary>
    public static string Format(DetachEvent detach) => "+++ detached +++";

    /// <summary><c>+++ lost 12 calls, 1 other record +++</c>.</summary>
    public static string Format(RecordsLostEvent lost)
    {
        ArgumentNullException.ThrowIfNull(lost);
        string text = $"+++ lost {lost.Calls} call{(lost.Calls == 1 ? "" : "s")}";
        if (lost.OtherRecords > 0)
            text += $", {lost.OtherRecords} other record{(lost.OtherRecords == 1 ? "" : "s")}";
        return text + " +++";
    }

    /// <summary>A program change: the path and argv execve ran.</summary>
    public static string Format(ProcessExecEvent exec) => Format(exec, StraceRenderer.Default);

    private static string Format(ProcessExecEvent exec, StraceRenderer render)
    {
        var text = new StringBuilder("+++ execve ");
        // The path is display-safe already (StraceQuoting.Display): quoting it again would double its escapes.
        text.Append('"').Append(exec.Path).Append('"');
        if (exec.FormerThreadId != exec.ProcessId)
            text.Append(" by thread ").Append(render.ProcessId(exec.FormerThreadId));
        return text.Append(" +++").ToString();
    }

    /// <summary><c>--- stopped by SIGSTOP ---</c>.</summary>
    public static string Format(GroupStopEvent stop) => $"--- stopped by {stop.SignalName} ---";

    /// <summary><c>--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=42, si_uid=0} ---</c>.</summary>
    public static string Format(SignalEvent signal) => Format(signal, StraceRenderer.Default);

    /// <summary>The signal's line made with <paramref name="options"/>' rules: its sender's pid as they print pids.</summary>
    public static string Format(SignalEvent signal, StraceTextOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Format(signal, options.Renderer);
    }

    // The siginfo made first, not within the line's interpolation (see SignalInfoFormatter.Format).
    private static string Format(SignalEvent signal, StraceRenderer render)
    {
        string info = SignalInfoFormatter.Format(signal, render);
        return string.Concat("--- ", signal.SignalName, " ", info, " ---");
    }
}
