// Traces a program to its end through the engine's public API and prints, as one JSON line, how long it
// took, how many syscall events it read and how many bytes the process allocated meanwhile (engine and reader).
// Usage: Hatrace.Bench [--noisy-sigchld] [--trace NAME] PROGRAM [ARGS...]
//   --noisy-sigchld  keeps SIGCHLD stop notifications on (TraceSessionOptions.QuietChildStops = false).
//   --trace NAME     emits only the calls named NAME (as -e trace=NAME), to see what the others cost.
using System.Diagnostics;
using System.Text.Json;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

bool noisy = false;
string? traced = null;
int first = 0;
for (; first < args.Length && args[first].StartsWith("--", StringComparison.Ordinal); first++)
{
    if (args[first] == "--noisy-sigchld")
        noisy = true;
    else if (args[first] == "--trace" && first + 1 < args.Length)
        traced = args[++first];
}
string[] command = args[first..];
if (command.Length == 0)
{
    Console.Error.WriteLine("usage: Hatrace.Bench [--noisy-sigchld] [--trace NAME] PROGRAM [ARGS...]");
    return 2;
}

var watch = Stopwatch.StartNew();
TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
long syscalls = 0;
using (TraceSession session = TraceSession.Start(
    new TraceStartInfo { FileName = command[0], Arguments = command[1..] },
    new TraceSessionOptions { QuietChildStops = !noisy, Syscalls = traced is null ? null : d => d.Name == traced }))
{
    foreach (TraceEvent e in session.ReadEvents())
    {
        if (e is SyscallEvent)
            syscalls++;
    }
}
watch.Stop();
long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
Console.WriteLine(JsonSerializer.Serialize(new
{
    seconds = watch.Elapsed.TotalSeconds,
    tracerCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds,
    syscalls,
    allocatedBytes = allocated,
}));
return 0;
