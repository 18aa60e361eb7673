using Hatrace.Engine.Model;

namespace Hatrace.Cli;

/// <summary>A stream hatrace writes its output through, which a failed write does not stop: strace reports a trace
/// file it cannot write (<c>strace: /dev/full: No space left on device</c>) and goes on tracing, the program unharmed.
/// A broken pipe is the exception: it ends hatrace as SIGPIPE ends strace (<see cref="BrokenPipeException"/>), but
/// for the pipe into an -o |COMMAND, which strace reports and traces on. Any other error is reported the first time,
/// and what could not be written is lost; later writes are tried again, as a full disk may have room again.</summary>
internal sealed class GuardedOutputStream : Stream
{
    private const int EPIPE = 32;

    private readonly Stream _inner;
    private readonly string _name;
    private readonly Action<string>? _report;
    private readonly bool _brokenPipeEnds;
    private bool _reported;

    /// <param name="inner">The stream written to; closed with this one.</param>
    /// <param name="name">What the report calls it: the file's path.</param>
    /// <param name="report">Says what failed, or null where there is nowhere to say it (stderr itself).</param>
    /// <param name="brokenPipeEnds">Whether a broken pipe ends hatrace (<see cref="BrokenPipeException"/>) rather
    /// than being reported as any other error.</param>
    public GuardedOutputStream(Stream inner, string name, Action<string>? report, bool brokenPipeEnds = true)
    {
        _inner = inner;
        _name = name;
        _report = report;
        _brokenPipeEnds = brokenPipeEnds;
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            _inner.Write(buffer);
        }
        catch (IOException e)
        {
            Failed(e);
        }
    }

    public override void Flush()
    {
        try
        {
            _inner.Flush();
        }
        catch (IOException e)
        {
            Failed(e);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                _inner.Dispose();
            }
            catch (IOException e)
            {
                Failed(e);
            }
        }
        base.Dispose(disposing);
    }

    private void Failed(IOException e)
    {
        // An IOException from the runtime's Unix layer carries the errno as its HResult.
        if (e.HResult == EPIPE && _brokenPipeEnds)
            throw new BrokenPipeException(_name, e);
        if (_reported)
            return;
        _reported = true;
        _report?.Invoke($"{_name}: {(e.HResult is > 0 and < 4096 ? Errno.GetMessage(e.HResult) : e.Message)}");
    }
}

/// <summary>A write into a pipe nobody reads any more: hatrace stops, as strace dies of SIGPIPE.</summary>
internal sealed class BrokenPipeException(string name, Exception inner) : IOException($"{name}: Broken pipe", inner);
