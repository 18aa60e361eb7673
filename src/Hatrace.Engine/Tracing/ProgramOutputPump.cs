using System.Text;
using Hatrace.Engine.Model;
using Microsoft.Win32.SafeHandles;
using static Interop.Libc;

namespace Hatrace.Engine.Tracing;

/// <summary>Reads the pipes that stand for a program's standard output and error (<see cref="TraceStartInfo.CaptureOutput"/>)
/// and hands what comes to the session's events a line at a time. On a thread of its own, not the tracer's: a program
/// blocked on a full pipe makes no ptrace stop that would wake the tracer.</summary>
internal sealed class ProgramOutputPump : IDisposable
{
    // A longer run without a newline is handed on in pieces of this many characters.
    private const int MaxLineLength = 64 * 1024;
    // How long one poll waits before the pump looks again at whether it should give up.
    private const int PollMilliseconds = 100;

    private readonly int _processId;
    private readonly Source[] _sources;
    private readonly EventWriter _events;
    private readonly CancellationToken _stopping;
    private readonly LocalThread _thread;
    // When a poll that finds nothing ends the pump: never, until Finish (or Dispose) sets it.
    private long _quietDeadline = long.MaxValue;

    internal ProgramOutputPump(int processId, IReadOnlyList<(ProgramStream Stream, SafeFileHandle Pipe)> pipes, EventWriter events, CancellationToken stopping)
    {
        _processId = processId;
        _sources = [.. pipes.Select(p => new Source(p.Stream, p.Pipe))];
        _events = events;
        _stopping = stopping;
        _thread = new LocalThread("hatrace output", Run);
        _thread.Start();
    }

    /// <summary>Once every traced process is gone: reads on until each pipe's last writer has closed it, or until
    /// nothing has come for <paramref name="grace"/> (a process that escaped the trace may hold a pipe open).</summary>
    internal void Finish(TimeSpan grace)
    {
        Volatile.Write(ref _quietDeadline, Environment.TickCount64 + (long)grace.TotalMilliseconds);
        _thread.Thread.Join();
    }

    /// <summary>Stops reading (what is still in the pipes is lost) and closes the pipes.</summary>
    public void Dispose()
    {
        Volatile.Write(ref _quietDeadline, 0);
        _thread.Thread.Join();
        foreach (Source source in _sources)
            source.Pipe.Dispose();
    }

    private unsafe void Run()
    {
        byte[] bytes = new byte[16 * 1024];
        char[] chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        PollFd* fds = stackalloc PollFd[_sources.Length];
        while (!_stopping.IsCancellationRequested && _sources.Any(s => s.Open))
        {
            for (int i = 0; i < _sources.Length; i++)
                fds[i] = new PollFd { Fd = _sources[i].Open ? (int)_sources[i].Pipe.DangerousGetHandle() : -1, Events = POLLIN };
            int ready = Poll(fds, (nuint)_sources.Length, PollMilliseconds);
            if (ready == 0 && Environment.TickCount64 >= Volatile.Read(ref _quietDeadline))
                break;
            for (int i = 0; ready > 0 && i < _sources.Length; i++)
            {
                if (fds[i].Revents != 0)
                    ReadOnce(_sources[i], bytes, chars);
            }
        }
        foreach (Source source in _sources)
        {
            if (source.Line.Length > 0)
                Hand(source);
        }
    }

    // Reads what one ready pipe holds (end of file when its writers are all gone) and hands on the lines it completes.
    private unsafe void ReadOnce(Source source, byte[] bytes, char[] chars)
    {
        nint count;
        fixed (byte* buffer = bytes)
            count = Read((int)source.Pipe.DangerousGetHandle(), buffer, (nuint)bytes.Length);
        if (count < 0 && Interop.Errno.Last == Interop.Errno.EINTR)
            return;
        bool end = count <= 0;
        int decoded = source.Decoder.GetChars(bytes, 0, end ? 0 : (int)count, chars, 0, flush: end);
        foreach (char c in chars.AsSpan(0, decoded))
        {
            if (c == '\n')
            {
                Hand(source);
                continue;
            }
            source.Line.Append(c);
            if (source.Line.Length == MaxLineLength)
                Hand(source);
        }
        if (end)
            source.Open = false;
    }

    private void Hand(Source source)
    {
        int length = source.Line.Length;
        if (length > 0 && source.Line[length - 1] == '\r')
            length--;
        var line = new ProgramOutputEvent(_processId, TraceClock.Now(), source.Stream, source.Line.ToString(0, length));
        source.Line.Clear();
        try
        {
            _events.Deliver(line);
        }
        catch (Exception) when (_events.SinkFailure is not null)
        {
            // The sink failed on this thread: the session is stopping, and says why.
        }
    }

    private sealed class Source(ProgramStream stream, SafeFileHandle pipe)
    {
        internal ProgramStream Stream { get; } = stream;
        internal SafeFileHandle Pipe { get; } = pipe;
        internal Decoder Decoder { get; } = Encoding.UTF8.GetDecoder();
        internal StringBuilder Line { get; } = new();
        internal bool Open { get; set; } = true;
    }
}
