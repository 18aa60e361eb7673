using System.Text;
using Hatrace.Cli;
using Hatrace.Engine.Tracing;

// The hatrace command. Both streams are buffered: HatraceCommand flushes the trace whenever the engine has no
// more events ready, so lines come out promptly without a write per line, and flushes both before it returns.
// They are not disposed: a flush into a closed pipe would throw again at exit. A write that fails does not stop
// hatrace (GuardedOutputStream), and a standard stream it was started without is a sink.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
var stdout = new StreamWriter(Standard(1, "stdout"), utf8) { NewLine = "\n" };
var stderr = new StreamWriter(Standard(2, "stderr"), utf8, bufferSize: 64 * 1024) { NewLine = "\n" };
return HatraceCommand.Run(args, stdout, stderr, stderrIsTerminal: !Console.IsErrorRedirected);

// A standard descriptor written as strace writes it (SharedDescriptorStream): the console's streams pretend a write
// into a closed pipe succeeded, where hatrace must stop as strace stops. One hatrace was started without
// (hatrace ... >&-) is a sink.
static Stream Standard(int descriptor, string name) =>
    SharedDescriptorStream.Open(descriptor) is { } stream ? new GuardedOutputStream(stream, name, report: null) : Stream.Null;
