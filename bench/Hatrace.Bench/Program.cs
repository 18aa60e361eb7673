// Traces a program to its end through the engine's public API and prints, as one JSON line, how long it
// took and how many syscall events it read. Usage: Hatrace.Bench [--noisy-sigchld] PROGRAM [ARGS...]
//   --noisy-sigchld  keeps SIGCHLD stop notifications on (TraceSessionOptions.QuietChildStops = false).
using System.Diagnostics;
using System.Text.Json;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

bool noisy = args.Length > 0 && args[0] == "--noisy-sigchld";
string[] command = noisy ? args[1..] : args;
if (command.Length == 0)
{
    Console.Error.WriteLine("usage: Hatrace.Bench [--noisy-sigchld] PROGRAM [ARGS...]");
    return 2;
}

var watch = Stopwatch.StartNew();
TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
long syscalls = 0;
using (TraceSession session = TraceSession.Start(
    new TraceStartInfo { FileName = command[0], Arguments = command[1..] },
    new TraceSessionOptions { QuietChildStops = !noisy }))
{
    foreach (TraceEvent e in session.ReadEvents())
    {
        if (e is SyscallEvent)
            syscalls++;
    }
}
watch.Stop();
Console.WriteLine(JsonSerializer.Serialize(new
{
    seconds = watch.Elapsed.TotalSeconds,
    tracerCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds,
    syscalls,
}));
return 0;
