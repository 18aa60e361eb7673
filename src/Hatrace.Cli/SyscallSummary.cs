using System.Globalization;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Cli;

/// <summary>A column of the -c table (-U), and what the table may be sorted by (-S).</summary>
internal enum SummaryColumn
{
    /// <summary>The share of the time: <c>% time</c>.</summary>
    TimePercent,

    /// <summary>The time spent: <c>seconds</c>.</summary>
    TotalTime,

    /// <summary>The shortest call: <c>shortest</c>.</summary>
    MinTime,

    /// <summary>The longest call: <c>longest</c>.</summary>
    MaxTime,

    /// <summary>The time a call on average: <c>usecs/call</c>.</summary>
    AvgTime,

    /// <summary>The calls: <c>calls</c>.</summary>
    Calls,

    /// <summary>The calls that failed: <c>errors</c>.</summary>
    Errors,

    /// <summary>The call's name: <c>syscall</c>.</summary>
    Name,
}

/// <summary>strace's -c table: per call, the time spent, the calls and the errors, in the columns -U asks for (strace's
/// by default) and sorted as -S asks (by time by default), with a total; i386 calls in a table of their own. A call's time
/// is the system CPU time of its process from its entry to its exit (<see cref="SyscallEvent.SystemTime"/>), or with -w
/// its wall-clock time (<see cref="SyscallEvent.Duration"/>), as strace's.</summary>
/// <param name="columns">The columns, in order; the name among them.</param>
/// <param name="sortBy">What the rows are sorted by, most first (the name: in order); null for the calls' numbers.</param>
/// <param name="overhead">What is taken off each call's time (-O), down to zero at most.</param>
/// <param name="wallClock">-w: wall-clock times rather than system times.</param>
internal sealed class SyscallSummary(IReadOnlyList<SummaryColumn> columns, SummaryColumn? sortBy, TimeSpan overhead, bool wallClock)
{
    /// <summary>strace's columns, without -U.</summary>
    public static readonly IReadOnlyList<SummaryColumn> DefaultColumns =
        [SummaryColumn.TimePercent, SummaryColumn.TotalTime, SummaryColumn.AvgTime, SummaryColumn.Calls, SummaryColumn.Errors, SummaryColumn.Name];

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
        TimeSpan time = wallClock ? call.Duration : call.SystemTime ?? TimeSpan.Zero;
        entry.Add(time > overhead ? time - overhead : TimeSpan.Zero, call.ErrnoValue != 0);
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
        // Equal rows in syscall-number order, as strace lists them.
        List<Entry> entries = [.. Sorted(_entries.Where(e => e.Key.Arch == arch).Select(e => e.Value).OrderBy(e => e.Number))];
        if (entries.Count == 0)
            return;
        if (heading is not null)
            writer.WriteLine(heading);

        int nameWidth = Math.Max(MinNameWidth, entries.Max(e => e.Name.Length) + 1);
        var total = new Entry("total", 0);
        foreach (Entry e in entries)
            total.Add(e);
        string rule = Line(column => new string('-', Width(column, nameWidth)));
        writer.WriteLine(Line(column => Heading(column, nameWidth)));
        writer.WriteLine(rule);
        foreach (Entry e in entries)
        {
            double percent = total.Time > TimeSpan.Zero ? 100.0 * e.Time.Ticks / total.Time.Ticks : 0;
            writer.WriteLine(Line(column => Cell(column, e, percent, nameWidth)));
        }
        writer.WriteLine(rule);
        writer.WriteLine(Line(column => Cell(column, total, 100, nameWidth)));

        // The columns' texts, one space apart; the name's padded but where it is the last.
        string Line(Func<SummaryColumn, string> text) => string.Join(' ', columns.Select((column, i) =>
            column == SummaryColumn.Name && i == columns.Count - 1 ? text(column).TrimEnd() : text(column)));
    }

    private IEnumerable<Entry> Sorted(IEnumerable<Entry> entries) => sortBy switch
    {
        null => entries,
        SummaryColumn.Name => entries.OrderBy(e => e.Name, StringComparer.Ordinal),
        SummaryColumn.MinTime => entries.OrderByDescending(e => e.Shortest),
        SummaryColumn.MaxTime => entries.OrderByDescending(e => e.Longest),
        SummaryColumn.AvgTime => entries.OrderByDescending(e => e.AverageTicks),
        SummaryColumn.Calls => entries.OrderByDescending(e => e.Calls),
        SummaryColumn.Errors => entries.OrderByDescending(e => e.Errors),
        _ => entries.OrderByDescending(e => e.Time),
    };

    private static int Width(SummaryColumn column, int nameWidth) => column switch
    {
        SummaryColumn.TimePercent => 6,
        SummaryColumn.MinTime or SummaryColumn.MaxTime => 8,
        SummaryColumn.TotalTime or SummaryColumn.AvgTime => 11,
        SummaryColumn.Calls or SummaryColumn.Errors => 9,
        _ => nameWidth,
    };

    private static string Heading(SummaryColumn column, int nameWidth) => column switch
    {
        SummaryColumn.TimePercent => "% time",
        SummaryColumn.TotalTime => "    seconds",
        SummaryColumn.MinTime => "shortest",
        SummaryColumn.MaxTime => " longest",
        SummaryColumn.AvgTime => " usecs/call",
        SummaryColumn.Calls => "    calls",
        SummaryColumn.Errors => "   errors",
        _ => "syscall".PadRight(nameWidth),
    };

    // One row's cell; the errors' blank when there are none.
    private static string Cell(SummaryColumn column, Entry e, double percent, int nameWidth) => column switch
    {
        SummaryColumn.TimePercent => Format($"{percent,6:F2}"),
        SummaryColumn.TotalTime => Format($"{Seconds(e.Time),11:F6}"),
        SummaryColumn.MinTime => Format($"{Seconds(e.Shortest),8:F6}"),
        SummaryColumn.MaxTime => Format($"{Seconds(e.Longest),8:F6}"),
        SummaryColumn.AvgTime => Format($"{e.AverageTicks / 10,11}"),
        SummaryColumn.Calls => Format($"{e.Calls,9}"),
        SummaryColumn.Errors => Format($"{(e.Errors == 0 ? "" : e.Errors.ToString(CultureInfo.InvariantCulture)),9}"),
        _ => e.Name.PadRight(nameWidth),
    };

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static double Seconds(TimeSpan time) => time.Ticks / (double)TimeSpan.TicksPerSecond;

    private sealed class Entry(string name, long number)
    {
        public string Name { get; } = name;
        public long Number { get; } = number;
        public long Calls { get; private set; }
        public long Errors { get; private set; }
        public TimeSpan Time { get; private set; }
        public TimeSpan Shortest { get; private set; } = TimeSpan.MaxValue;
        public TimeSpan Longest { get; private set; }
        public long AverageTicks => Calls == 0 ? 0 : Time.Ticks / Calls;

        public void Add(TimeSpan duration, bool failed) => Add(1, failed ? 1 : 0, duration, duration, duration);

        /// <summary>Adds another entry's counts: the total row.</summary>
        public void Add(Entry other) => Add(other.Calls, other.Errors, other.Time, other.Shortest, other.Longest);

        private void Add(long calls, long errors, TimeSpan time, TimeSpan shortest, TimeSpan longest)
        {
            Calls += calls;
            Errors += errors;
            Time += time;
            Shortest = shortest < Shortest ? shortest : Shortest;
            Longest = longest > Longest ? longest : Longest;
        }
    }
}
