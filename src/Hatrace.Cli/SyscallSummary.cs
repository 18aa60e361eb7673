using System.Globalization;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Cli;

/// <summary>strace's -c table: per call, the time spent, the calls and the errors, sorted by time, with a total;
/// i386 calls in a table of their own. Times are the engine's: wall-clock time from entry to exit (strace's -w).
/// strace without -w shows system CPU time instead, which a tracer cannot measure per call.</summary>
internal sealed class SyscallSummary
{
    private const int MinNameWidth = 16;

    private readonly Dictionary<(SyscallArch Arch, string Name), Entry> _entries = [];

    /// <summary>Counts a call that returned.</summary>
    public void Add(SyscallEvent call)
    {
        if (!_entries.TryGetValue((call.Arch, call.Name), out Entry? entry))
        {
            entry = new Entry(call.Name, call.Number);
            _entries[(call.Arch, call.Name)] = entry;
        }
        entry.Calls++;
        if (call.ErrnoValue != 0)
            entry.Errors++;
        entry.Time += call.Duration;
    }

    private long _lostCalls;

    /// <summary>Counts calls the eBPF backend lost: the summary says how many it is missing.</summary>
    public void AddLost(RecordsLostEvent lost) => _lostCalls += lost.Calls;

    /// <summary>How many calls were counted, of every ABI.</summary>
    public long TotalCalls => _entries.Values.Sum(e => e.Calls);

    /// <summary>Prints the tables; nothing when no call was counted.</summary>
    public void Write(TextWriter writer)
    {
        WriteTable(writer, SyscallArch.X86_64, heading: null);
        WriteTable(writer, SyscallArch.I386, heading: "System call usage summary for 32 bit mode:");
        if (_lostCalls > 0)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_lostCalls} calls lost, not counted above"));
    }

    private void WriteTable(TextWriter writer, SyscallArch arch, string? heading)
    {
        // Most time first; equal times in syscall-number order, as strace lists them.
        List<Entry> entries = [.. _entries.Where(e => e.Key.Arch == arch).Select(e => e.Value)
            .OrderByDescending(e => e.Time).ThenBy(e => e.Number)];
        if (entries.Count == 0)
            return;
        if (heading is not null)
            writer.WriteLine(heading);

        int nameWidth = Math.Max(MinNameWidth, entries.Max(e => e.Name.Length) + 1);
        string rule = $"------ ----------- ----------- --------- --------- {new string('-', nameWidth)}";
        writer.WriteLine("% time     seconds  usecs/call     calls    errors syscall");
        writer.WriteLine(rule);
        TimeSpan total = entries.Aggregate(TimeSpan.Zero, (sum, e) => sum + e.Time);
        foreach (Entry e in entries)
        {
            double percent = total > TimeSpan.Zero ? 100.0 * e.Time.Ticks / total.Ticks : 0;
            writer.WriteLine(Row(percent, e.Time, e.Calls, e.Errors, e.Name));
        }
        writer.WriteLine(rule);
        writer.WriteLine(Row(100, total, entries.Sum(e => e.Calls), entries.Sum(e => e.Errors), "total"));
    }

    // "% time  seconds  usecs/call  calls  errors  name", the errors column blank when there are none.
    private static string Row(double percent, TimeSpan time, long calls, long errors, string name)
    {
        long usecsPerCall = calls == 0 ? 0 : time.Ticks / (10 * calls);
        return string.Create(CultureInfo.InvariantCulture,
            $"{percent,6:F2} {time.Ticks / (double)TimeSpan.TicksPerSecond,11:F6} {usecsPerCall,11} {calls,9} {(errors == 0 ? "" : errors.ToString(CultureInfo.InvariantCulture)),9} {name}");
    }

    private sealed class Entry(string name, long number)
    {
        public string Name { get; } = name;
        public long Number { get; } = number;
        public long Calls { get; set; }
        public long Errors { get; set; }
        public TimeSpan Time { get; set; }
    }
}
