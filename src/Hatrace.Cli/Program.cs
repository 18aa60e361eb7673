using System.Text;
using Hatrace.Cli;

// The hatrace command. Both streams are buffered: HatraceCommand flushes the trace whenever the engine has no
// more events ready, so lines come out promptly without a write per line, and flushes both before it returns.
// They are not disposed: a flush into a closed pipe would throw again at exit.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8) { NewLine = "\n" };
var stderr = new StreamWriter(Console.OpenStandardError(), utf8, bufferSize: 64 * 1024) { NewLine = "\n" };
return HatraceCommand.Run(args, stdout, stderr, stderrIsTerminal: !Console.IsErrorRedirected);
