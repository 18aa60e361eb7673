using System.Globalization;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tampering;
using Hatrace.Engine.Tracing;

namespace Hatrace.Cli;

/// <summary>Which of strace's -c summaries to print.</summary>
internal enum SummaryMode
{
    /// <summary>The trace only.</summary>
    None,

    /// <summary><c>-c</c>: the summary instead of the trace.</summary>
    Only,

    /// <summary><c>-C</c>: the trace, then the summary.</summary>
    Both,
}

/// <summary>When the text of the trace is coloured (<c>--color</c>).</summary>
internal enum ColorMode
{
    /// <summary>When the trace goes to a terminal and NO_COLOR is not set.</summary>
    Auto,

    /// <summary>Always, NO_COLOR or not.</summary>
    Always,

    /// <summary>Never.</summary>
    Never,
}

/// <summary>strace's command line, parsed: what to run, what to show and how. Parsing checks everything strace
/// checks before it starts the program, with strace's messages.</summary>
internal sealed class StraceOptions
{
    private const string Flags = "AcCdDfFhiknqrtTvVwxyYzZ";
    private const string Valued = "abeEIoOpPsSuUX";

    private static readonly LongOption[] s_longOptions =
    [
        new("output", "o", LongOptionValue.Required),
        new("output-append-mode", "A", LongOptionValue.None),
        new("output-separately", "--output-separately", LongOptionValue.None),
        new("follow-forks", "--follow-forks", LongOptionValue.None),
        new("trace", "--trace", LongOptionValue.Required),
        new("signal", "--signal", LongOptionValue.Required),
        new("signals", "--signal", LongOptionValue.Required),
        new("status", "--status", LongOptionValue.Required),
        new("read", "--read", LongOptionValue.Required),
        new("write", "--write", LongOptionValue.Required),
        new("inject", "--inject", LongOptionValue.Required),
        new("fault", "--fault", LongOptionValue.Required),
        new("quiet", "--quiet", LongOptionValue.Optional),
        new("silent", "--quiet", LongOptionValue.Optional),
        new("silence", "--quiet", LongOptionValue.Optional),
        new("trace-path", "P", LongOptionValue.Required),
        new("string-limit", "s", LongOptionValue.Required),
        new("columns", "a", LongOptionValue.Required),
        new("summary-only", "c", LongOptionValue.None),
        new("summary", "C", LongOptionValue.None),
        new("summary-wall-clock", "w", LongOptionValue.None),
        new("summary-sort-by", "S", LongOptionValue.Required),
        new("summary-columns", "U", LongOptionValue.Required),
        new("successful-only", "z", LongOptionValue.None),
        new("failed-only", "Z", LongOptionValue.None),
        new("syscall-times", "--syscall-times", LongOptionValue.Optional),
        new("relative-timestamps", "--relative-timestamps", LongOptionValue.Optional),
        new("absolute-timestamps", "--absolute-timestamps", LongOptionValue.Optional),
        new("timestamps", "--absolute-timestamps", LongOptionValue.Optional),
        new("interruptible", "I", LongOptionValue.Required),
        new("env", "E", LongOptionValue.Required),
        new("attach", "p", LongOptionValue.Required),
        new("daemonize", "--daemonize", LongOptionValue.Optional),
        new("help", "h", LongOptionValue.None),
        new("version", "V", LongOptionValue.None),
        new("seccomp-bpf", "--seccomp-bpf", LongOptionValue.None),
        new("no-abbrev", "v", LongOptionValue.None),
        new("const-print-style", "X", LongOptionValue.Required),
        new("abbrev", "--abbrev", LongOptionValue.Required),
        new("verbose", "--verbose", LongOptionValue.Required),
        new("raw", "--raw", LongOptionValue.Required),
        new("decode-fds", "--decode-fds", LongOptionValue.Optional),
        new("decode-pids", "--decode-pids", LongOptionValue.Required),
        new("pidns-translation", "--pidns-translation", LongOptionValue.None),
        new("strings-in-hex", "--strings-in-hex", LongOptionValue.Optional),
        new("instruction-pointer", "i", LongOptionValue.None),
        new("user", "u", LongOptionValue.Required),
        new("detach-on", "b", LongOptionValue.Required),
        new("summary-syscall-overhead", "O", LongOptionValue.Required),
        new("debug", "d", LongOptionValue.None),
        new("kvm", "--kvm", LongOptionValue.Required),
        new("tips", "--tips", LongOptionValue.Optional),
        new("syscall-number", "n", LongOptionValue.None),
        new("stack-traces", "k", LongOptionValue.None),
        // hatrace's own.
        new("json", "--json", LongOptionValue.None),
        new("color", "--color", LongOptionValue.Optional),
        new("colour", "--color", LongOptionValue.Optional),
        new("remap-pids", "--remap-pids", LongOptionValue.None),
        new("exclude-runtime-noise", "--exclude-runtime-noise", LongOptionValue.None),
        new("no-seccomp-bpf", "--no-seccomp-bpf", LongOptionValue.None),
        new("backend", "--backend", LongOptionValue.Required),
        new("buffer-size", "--buffer-size", LongOptionValue.Required),
        new("seccomp-profile", "--seccomp-profile", LongOptionValue.Required),
    ];

    private readonly List<string> _warnings = [];
    private readonly List<string> _paths = [];
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);
    private int _quietLevel;
    private QuietMessages? _quietSet;
    private int _statusFlags; // how many -z and -Z were given: strace warns when more than one

    /// <summary>-o: where the trace goes; stderr when null.</summary>
    public string? OutputFile { get; private set; }

    /// <summary>-o |COMMAND or -o !COMMAND: the shell command the trace is piped into; null for none.</summary>
    public string? OutputCommand => OutputFile is ['|' or '!', .. string command] ? command : null;

    /// <summary>-A: append to the -o file instead of truncating it.</summary>
    public bool AppendOutput { get; private set; }

    /// <summary>-f: trace the threads and processes the program starts.</summary>
    public bool FollowForks { get; private set; }

    /// <summary>-ff: with -o, one file per process, named FILE.PID.</summary>
    public bool OutputSeparately { get; private set; }

    /// <summary>-e trace=: the calls to trace.</summary>
    public SyscallSet Trace { get; private set; } = SyscallSet.All;

    /// <summary>-e signal=: the signals whose delivery is shown.</summary>
    public SignalSet Signals { get; private set; } = SignalSet.All;

    /// <summary>-e status=, -z, -Z: the results to show.</summary>
    public SyscallStatus Status { get; private set; } = SyscallStatus.All;

    /// <summary>-e read=: the descriptors whose reads are dumped in hex after their line; none when null.</summary>
    public DescriptorSet? ReadDescriptors { get; private set; }

    /// <summary>-e write=: the descriptors whose writes are dumped in hex after their line; none when null.</summary>
    public DescriptorSet? WriteDescriptors { get; private set; }

    /// <summary>-P: show only calls with one of these paths as an argument; all calls when empty.</summary>
    public IReadOnlyList<string> Paths => _paths;

    /// <summary>-s: how many bytes of strings and buffers to show.</summary>
    public int StringLength { get; private set; } = 32;

    /// <summary>-x and -xx: strings in hex.</summary>
    public StringEscape StringEscape { get; private set; } = StringEscape.Octal;

    /// <summary>-y, -yy, --decode-fds: what file descriptors print with besides their number.</summary>
    public DescriptorDetail DescriptorDetail { get; private set; }

    /// <summary>-X: named constants and flags by name, as numbers, or both.</summary>
    public ConstantStyle ConstantStyle { get; private set; } = ConstantStyle.Abbreviated;

    /// <summary>-e abbrev=, -v (none): the calls whose large structures print abbreviated.</summary>
    public SyscallSet Abbreviated { get; private set; } = SyscallSet.All;

    /// <summary>-e verbose=: the calls whose structures are decoded; the others print their addresses.</summary>
    public SyscallSet Dereferenced { get; private set; } = SyscallSet.All;

    /// <summary>-e raw=: the calls printed undecoded, in hex; none when null.</summary>
    public SyscallSet? Undecoded { get; private set; }

    /// <summary>-p: the processes to attach to, in order; empty when a program is started instead.</summary>
    public IReadOnlyList<int> ProcessIds => _processIds;

    private readonly List<int> _processIds = [];

    // -p takes one id or a list separated by commas or spaces, as strace reads it.
    private void AddProcessIds(string value)
    {
        foreach (string item in value.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid <= 0)
                throw new HatraceUsageException($"Invalid process id: '{item}'");
            if (!_processIds.Contains(pid))
                _processIds.Add(pid);
        }
    }

    /// <summary>-e inject= and -e fault=, in order.</summary>
    public IReadOnlyList<SyscallFault> Faults => _faults;

    private readonly List<SyscallFault> _faults = [];

    /// <summary>-a: the column <c>=</c> is aligned to.</summary>
    public int Column { get; private set; } = 40;

    /// <summary>-q, -qq, -qqq, -e quiet=: the messages not to print. Running a program (not attaching) with -o implies -q,
    /// as in strace.</summary>
    public QuietMessages Quiet =>
        _quietSet ?? (_quietLevel switch
        {
            0 => OutputFile is null || ProcessIds.Count > 0 ? QuietMessages.None : QuietMessages.Attach | QuietMessages.Personality,
            1 => QuietMessages.Attach | QuietMessages.Personality,
            2 => QuietMessages.Attach | QuietMessages.Personality | QuietMessages.Exit,
            _ => QuietMessages.All,
        });

    /// <summary>-t, --absolute-timestamps: the wall-clock time before each line, as a time of day (-t, -tt) or as
    /// seconds since the epoch (-ttt); none by default.</summary>
    public TimestampFormat AbsoluteTimestamps { get; private set; }

    /// <summary>The digits of <see cref="AbsoluteTimestamps"/> after the second: 0 (-t), 6 (-tt, -ttt), or 0, 3, 6 or 9
    /// as --absolute-timestamps=precision:s|ms|us|ns says.</summary>
    public int AbsolutePrecision { get; private set; }

    /// <summary>-r: the time since the previous line, before each line.</summary>
    public bool RelativeTimestamps { get; private set; }

    /// <summary>The digits of -r's time after the second (--relative-timestamps=s|ms|us|ns): 6 by default.</summary>
    public int RelativePrecision { get; private set; } = 6;

    /// <summary>-T: the time spent in each call, after it.</summary>
    public bool SyscallTimes { get; private set; }

    /// <summary>The digits of -T's time after the second (--syscall-times=s|ms|us|ns): 6 by default.</summary>
    public int SyscallTimesPrecision { get; private set; } = 6;

    private int _shortTimestamps; // how many -t were given: strace refuses them with --absolute-timestamps
    private bool _longTimestamps;

    /// <summary>-c, -C: the summary table.</summary>
    public SummaryMode Summary { get; private set; }

    /// <summary>Whether the output shows when calls were made or how long they took: -t, -r, -T, -c, -C, --json.</summary>
    public bool ShowsTimes => AbsoluteTimestamps != TimestampFormat.None || RelativeTimestamps || SyscallTimes || Summary != SummaryMode.None || Json;

    /// <summary>-S: what the summary's rows are sorted by; null for -S nothing (the calls' numbers).</summary>
    public SummaryColumn? SummarySortBy { get; private set; } = SummaryColumn.TotalTime;

    /// <summary>-U: the summary's columns, in order, the name among them.</summary>
    public IReadOnlyList<SummaryColumn> SummaryColumns { get; private set; } = SyscallSummary.DefaultColumns;

    /// <summary>-w: the -c table sums each call's wall-clock time, from entry to exit, rather than the system CPU time of
    /// its process meanwhile.</summary>
    public bool WallClock { get; private set; }

    /// <summary>-I: when hatrace may be interrupted; null for strace's default (2, or 3 with -o).</summary>
    public int? Interruptible { get; private set; }

    /// <summary>-E: variables to set (or, with a null value, remove) for the program.</summary>
    public IReadOnlyDictionary<string, string?> Environment => _environment;

    /// <summary>--json: the trace as JSON Lines (docs/json-schema.md) instead of strace's text.</summary>
    public bool Json { get; private set; }

    /// <summary>--color: when the text is coloured.</summary>
    public ColorMode Color { get; private set; }

    /// <summary>--remap-pids: pids and tids shown as numbers in order of appearance, the program 1, hatrace 0.</summary>
    public bool RemapPids { get; private set; }

    /// <summary>-Y, --decode-pids=comm: each pid followed by its process's name, <c>42&lt;sh&gt;</c>.</summary>
    public bool ProcessNames { get; private set; }

    /// <summary>--pidns-translation, --decode-pids=pidns: a pid the program sees in a pid namespace of its own is
    /// followed by what hatrace's namespace calls it, in strace's words: <c>1 /* 4242 in strace's PID NS */</c>.</summary>
    public bool PidNamespaceTranslation { get; private set; }

    /// <summary>--exclude-runtime-noise: leave out the calls of <see cref="SyscallClass.RuntimeNoise"/>.</summary>
    public bool ExcludeRuntimeNoise { get; private set; }

    /// <summary>Whether the kernel may run the calls not traced without stopping (strace's --seccomp-bpf, which hatrace
    /// does whenever it can, with -f); --no-seccomp-bpf stops at every call.</summary>
    public bool SeccompFilter { get; private set; } = true;

    private bool _seccompAsked; // --seccomp-bpf given: strace says when it cannot apply
    private bool _sortAsked, _columnsAsked; // -S, -U given: without -c, strace warns of one and refuses the other

    /// <summary>--backend=ptrace|ebpf: how the calls are seen (ptrace by default).</summary>
    public TraceBackend Backend { get; private set; }

    /// <summary>--buffer-size=SIZE: the eBPF backend's ring buffer, in bytes (K, M and G suffixes).</summary>
    public int EbpfBufferSize { get; private set; } = TraceSessionOptions.DefaultEbpfBufferSize;

    /// <summary>--seccomp-profile=FILE: the profile PROG runs under; null for none.</summary>
    public SeccompProfile? SeccompProfile { get; private set; }

    /// <summary>-n: each line starts with the number of its thread's last call, <c>[ 257] </c>.</summary>
    public bool SyscallNumbers { get; private set; }

    /// <summary>-i: each line starts with its thread's instruction pointer, <c>[00007f9d8389ead7] </c>.</summary>
    public bool InstructionPointers { get; private set; }

    /// <summary>-O: what the -c table takes off each call's time, the cost of tracing it, as strace does.</summary>
    public TimeSpan SummaryOverhead { get; private set; }

    /// <summary>-b execve: each traced process is let go once its execve succeeds, but PROG's first.</summary>
    public bool DetachOnExecve { get; private set; }

    /// <summary>-u: the user PROG runs as, with its groups; null for hatrace's own.</summary>
    public string? UserName { get; private set; }

    /// <summary>-k: each call's user stack, under its line.</summary>
    public bool StackTraces { get; private set; }

    /// <summary>-h: print the help and exit.</summary>
    public bool ShowHelp { get; private set; }

    /// <summary>-V: print the version and exit.</summary>
    public bool ShowVersion { get; private set; }

    /// <summary>The program to run.</summary>
    public string Program { get; private set; } = "";

    /// <summary>-D, -DD, -DDD: the tracer runs beside the program, which stays the caller's child; null without.</summary>
    public DetachedTracerIsolation? Detached => _detachedLevel == 0 ? null : (DetachedTracerIsolation)_detachedLevel;

    private int _detachedLevel;

    /// <summary>Whether a program is to run (beside any <see cref="ProcessIds"/>), or processes only attached.</summary>
    public bool RunsProgram { get; private set; }

    /// <summary>The program's arguments.</summary>
    public IReadOnlyList<string> Arguments { get; private set; } = [];

    /// <summary>Lines to print on stderr before the trace starts (after <c>hatrace: </c>): options ignored, and
    /// strace's own warnings about options that do nothing together.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Parses a command line (without the program name).</summary>
    /// <exception cref="HatraceUsageException">The command line is wrong, or asks for what hatrace cannot do.</exception>
    public static StraceOptions Parse(IReadOnlyList<string> args)
    {
        var options = new StraceOptions();
        var reader = new CommandLineReader(args, Flags, Valued, s_longOptions);
        while (reader.TryRead(out string key, out string? value))
        {
            options.Apply(key, value);
            if (options.ShowHelp || options.ShowVersion)
                return options; // strace answers -h and -V at once, whatever follows
        }
        IReadOnlyList<string> command = reader.Remaining;
        if (command.Count == 0 && options._processIds.Count == 0)
            throw new HatraceUsageException("must have PROG [ARGS] or -p PID", showHelpHint: true);
        if (command.Count > 0)
        {
            options.Program = command[0];
            options.RunsProgram = true;
            options.Arguments = [.. command.Skip(1)];
        }
        options.Validate();
        return options;
    }

    private void Apply(string key, string? value)
    {
        switch (key)
        {
            case "o": OutputFile = value!; break;
            case "A": AppendOutput = true; break;
            case "F":
                _warnings.Add("option -F is deprecated, please use -f/--follow-forks instead");
                goto case "f";
            case "f":
                OutputSeparately |= FollowForks; // a second -f
                FollowForks = true;
                break;
            case "--follow-forks": FollowForks = true; break;
            case "--output-separately": OutputSeparately = true; break;
            case "e": ApplyQualifier(value!); break;
            case "--trace": Trace = SyscallSet.Parse(value!); break;
            case "--signal": Signals = SignalSet.Parse(value!); break;
            case "--status": Status = CallStatusSet.Parse(value!); break;
            case "--read": ReadDescriptors = DescriptorSet.Parse(value!); break;
            case "--write": WriteDescriptors = DescriptorSet.Parse(value!); break;
            case "--inject": _faults.Add(InjectionQualifier.Parse(value!, fault: false)); break;
            case "--fault": _faults.Add(InjectionQualifier.Parse(value!, fault: true)); break;
            case "--quiet": _quietSet = value is null ? QuietMessages.Attach | QuietMessages.Personality : QuietSet.Parse(value); break;
            case "P": _paths.Add(value!); break;
            case "s": StringLength = ParseCount('s', value!, int.MaxValue); break;
            case "a": Column = ParseCount('a', value!, int.MaxValue); break;
            case "I": Interruptible = ParseInterruptible(value!); break;
            case "q": _quietLevel++; _quietSet = null; break;
            case "t":
                (AbsoluteTimestamps, AbsolutePrecision) = ++_shortTimestamps switch
                {
                    1 => (TimestampFormat.Time, 0),
                    2 => (TimestampFormat.Time, 6),
                    _ => (TimestampFormat.Unix, 6),
                };
                break;
            case "--absolute-timestamps": ApplyAbsoluteTimestamps(value); break;
            case "r": RelativeTimestamps = true; break;
            case "--relative-timestamps":
                RelativeTimestamps = true;
                RelativePrecision = value is null ? RelativePrecision : Precision(value) ?? throw InvalidArgument(key, value);
                break;
            case "T": SyscallTimes = true; break;
            case "--syscall-times":
                SyscallTimes = true;
                SyscallTimesPrecision = value is null ? SyscallTimesPrecision : Precision(value) ?? throw InvalidArgument(key, value);
                break;
            case "c": Summary = Summary == SummaryMode.Both ? throw BothSummaries() : SummaryMode.Only; break;
            case "C": Summary = Summary == SummaryMode.Only ? throw BothSummaries() : SummaryMode.Both; break;
            case "S": SummarySortBy = ParseSortBy(value!); _sortAsked = true; break;
            case "U": SummaryColumns = ParseSummaryColumns(value!); _columnsAsked = true; break;
            case "w": WallClock = true; break;
            case "z": SetStatusFlag(SyscallStatus.Successful); break;
            case "Z": SetStatusFlag(SyscallStatus.Failed); break;
            case "E": ApplyEnvironment(value!); break;
            case "h": ShowHelp = true; break;
            case "V": ShowVersion = true; break;
            case "p": AddProcessIds(value!); break;
            case "u": UserName = value!; break;
            case "b": DetachOnExecve = value == "execve" ? true : throw new HatraceUsageException($"Syscall '{value}' for -b isn't supported"); break;
            // Options that change only how calls are printed or how hatrace runs, not what is traced: the trace is
            // still right without them.
            // -x prints non-text strings in hex, a second -x every string.
            case "x": StringEscape = StringEscape == StringEscape.Octal ? StringEscape.HexNonPrintable : StringEscape.HexAll; break;
            case "--strings-in-hex": StringEscape = ParseStringsInHex(value); break;
            case "Y": ProcessNames = true; break;
            case "--decode-pids": ApplyDecodePids(value!, $"invalid --decode-pids argument: '{value}'"); break;
            case "--pidns-translation": PidNamespaceTranslation = true; break;
            case "v": Abbreviated = SyscallSet.Parse("none"); break;
            case "X": ConstantStyle = ParseConstantStyle(value!); break;
            case "--abbrev": Abbreviated = SyscallSet.Parse(value!); break;
            case "--verbose": Dereferenced = SyscallSet.Parse(value!); break;
            case "--raw": Undecoded = SyscallSet.Parse(value!); break;
            // -y describes descriptors by their paths, a second -y in every way it can.
            case "y": DescriptorDetail = DescriptorDetail == DescriptorDetail.None ? DescriptorDetail.Path : DescriptorDetail.All; break;
            case "--decode-fds": DescriptorDetail = value is null ? DescriptorDetail.Path : ParseDescriptorDetail(value); break;
            case "D": _detachedLevel++; break;
            case "--daemonize":
                _detachedLevel = value switch
                {
                    null or "grandchild" => 1,
                    "pgroup" or "pgrp" => 2,
                    "session" => 3,
                    _ => throw new HatraceUsageException($"invalid --daemonize argument: '{value}'", showHelpHint: true),
                };
                break;
            case "k": StackTraces = true; break;
            case "n": SyscallNumbers = true; break;
            case "i": InstructionPointers = true; break;
            case "O":
                SummaryOverhead = StraceTime.Parse(value!) ?? throw new HatraceUsageException($"invalid -O argument: '{value}'", showHelpHint: true);
                break;
            case "d": Ignore("-" + key); break;
            case "--kvm": Ignore("-e kvm="); break;
            case "--tips": Ignore("--tips"); break;
            case "--seccomp-bpf": SeccompFilter = _seccompAsked = true; break;
            case "--no-seccomp-bpf": SeccompFilter = false; break;
            case "--backend": Backend = ParseBackend(value!); break;
            case "--buffer-size": EbpfBufferSize = ParseSize(value!); break;
            case "--seccomp-profile": SeccompProfile = LoadProfile(value!); break;
            case "--json": Json = true; break;
            case "--color": Color = ParseColorMode(value); break;
            case "--remap-pids": RemapPids = true; break;
            case "--exclude-runtime-noise": ExcludeRuntimeNoise = true; break;
            default: throw new HatraceUsageException($"-{key}: not supported yet");
        }
    }

    // -e NAME=VALUE with a qualifier strace knows; anything else, -e foo included, is a trace set.
    private void ApplyQualifier(string expression)
    {
        int equals = expression.IndexOf('=');
        string name = equals < 0 ? "" : expression[..equals];
        string value = equals < 0 ? expression : expression[(equals + 1)..];
        switch (name)
        {
            case "trace" or "t": Trace = SyscallSet.Parse(value); break;
            case "signal" or "signals" or "s": Signals = SignalSet.Parse(value); break;
            case "status": Status = CallStatusSet.Parse(value); break;
            case "quiet" or "silent" or "silence" or "q": _quietSet = QuietSet.Parse(value); break;
            case "abbrev" or "a": Abbreviated = SyscallSet.Parse(value); break;
            case "verbose" or "v": Dereferenced = SyscallSet.Parse(value); break;
            case "raw" or "x": Undecoded = SyscallSet.Parse(value); break;
            case "read" or "reads" or "r": ReadDescriptors = DescriptorSet.Parse(value); break;
            case "write" or "writes" or "w": WriteDescriptors = DescriptorSet.Parse(value); break;
            case "decode-fds": DescriptorDetail = ParseDescriptorDetail(value); break;
            case "decode-pids": ApplyDecodePids(value, $"invalid decode-pids '{value}'"); break;
            case "kvm": Ignore($"-e {name}="); break;
            case "inject": _faults.Add(InjectionQualifier.Parse(value, fault: false)); break;
            case "fault": _faults.Add(InjectionQualifier.Parse(value, fault: true)); break;
            default: Trace = SyscallSet.Parse(expression); break;
        }
    }

    private void SetStatusFlag(SyscallStatus status)
    {
        if (++_statusFlags == 2)
            _warnings.Add("Only the last of -z/--successful-only/-Z/--failed-only options will take effect. See status qualifier for more complex filters.");
        Status = status;
    }

    private void ApplyEnvironment(string value)
    {
        int equals = value.IndexOf('=');
        if (equals < 0)
            _environment[value] = null;
        else
            _environment[value[..equals]] = value[(equals + 1)..];
    }

    private void Ignore(string option)
    {
        string warning = $"{option} is not supported yet, ignored";
        if (!_warnings.Contains(warning))
            _warnings.Add(warning);
    }

    // strace's checks of options that cannot go together, made once the whole command line is read.
    private void Validate()
    {
        if (_shortTimestamps > 0 && _longTimestamps)
            throw new HatraceUsageException("-t and --absolute-timestamps cannot be provided simultaneously");
        if (_detachedLevel > 3)
            throw new HatraceUsageException($"Too many -D's ({_detachedLevel}), maximum supported -D count is 3", showHelpHint: true);
        if (UserName is not null && !System.Environment.IsPrivilegedProcess)
            throw new HatraceUsageException("You must be root to use the -u/--username option");
        if (_detachedLevel > 0 && !RunsProgram)
            throw new HatraceUsageException("PROG [ARGS] must be specified with -D/--daemonize", showHelpHint: true);
        if (Summary != SummaryMode.None && OutputSeparately)
            throw new HatraceUsageException("(-c/--summary-only or -C/--summary) and -ff/--output-separately are mutually exclusive", showHelpHint: true);
        if (WallClock && Summary == SummaryMode.None)
            throw new HatraceUsageException("-w/--summary-wall-clock must be given with (-c/--summary-only or -C/--summary)", showHelpHint: true);
        if (_columnsAsked && Summary == SummaryMode.None)
            throw new HatraceUsageException("-U/--summary-columns must be given with (-c/--summary-only or -C/--summary)", showHelpHint: true);
        if (_sortAsked && Summary == SummaryMode.None)
            _warnings.Add("-S/--summary-sort-by has no effect without (-c/--summary-only or -C/--summary)");
        if (OutputCommand is not null && OutputSeparately)
            throw new HatraceUsageException("piping the output and -ff/--output-separately are mutually exclusive", showHelpHint: true);
        if (Json && Summary != SummaryMode.None)
            throw new HatraceUsageException("--json and (-c/--summary-only or -C/--summary) are mutually exclusive", showHelpHint: true);
        if (Json && RemapPids)
            throw new HatraceUsageException("--remap-pids applies to the text: not with --json", showHelpHint: true);
        if (Summary == SummaryMode.Only)
        {
            if (RelativeTimestamps)
                _warnings.Add("-r/--relative-timestamps has no effect with -c/--summary-only");
            if (SyscallTimes)
                _warnings.Add("-T/--syscall-times has no effect with -c/--summary-only");
            if (AbsoluteTimestamps != TimestampFormat.None)
                _warnings.Add("-t/--absolute-timestamps has no effect with -c/--summary-only");
        }
        if (Backend == TraceBackend.Ebpf)
        {
            // What the eBPF backend cannot do is refused, not ignored: the user asked for it.
            string? refused = Faults.Count > 0 ? "-e inject= and -e fault= change calls"
                : ReadDescriptors is not null || WriteDescriptors is not null ? "-e read= and -e write= dump whole buffers"
                : _detachedLevel > 0 ? "-D starts the tracer beside the program"
                : StackTraces ? "-k unwinds the program's stack"
                : DetachOnExecve ? "-b lets processes go at execve"
                : SyscallNumbers ? "-n numbers each line with its thread's last call"
                : InstructionPointers ? "-i reads each thread's instruction pointer"
                : null;
            if (refused is not null)
                throw new HatraceUsageException($"{refused}, which needs --backend=ptrace: the eBPF backend only observes", showHelpHint: true);
            if (Summary != SummaryMode.None && !WallClock)
            {
                _warnings.Add("-c/-C sums wall-clock time with --backend=ebpf, as -w/--summary-wall-clock does: system time is read at stops");
                WallClock = true;
            }
        }
        if (SeccompProfile is not null && (!RunsProgram || _processIds.Count > 0 || _detachedLevel > 0))
            throw new HatraceUsageException("--seccomp-profile applies to PROG, which hatrace starts: not with -p or -D", showHelpHint: true);
        if (_seccompAsked && _processIds.Count > 0)
            _warnings.Add("--seccomp-bpf is not enabled for processes attached with -p");
        // -n numbers a signal's or an exit's line with the thread's last call, which strace sees whatever is traced.
        if (SyscallNumbers && !_seccompAsked)
            SeccompFilter = false;
        if (_seccompAsked && !FollowForks)
            _warnings.Add("--seccomp-bpf cannot be used without -f/--follow-forks, disabling");
    }

    private static TraceBackend ParseBackend(string value) => value switch
    {
        "ptrace" => TraceBackend.Ptrace,
        "ebpf" or "bpf" => TraceBackend.Ebpf,
        _ => throw new HatraceUsageException($"invalid --backend argument: '{value}' (ptrace or ebpf)", showHelpHint: true),
    };

    private static SeccompProfile LoadProfile(string path)
    {
        try
        {
            return SeccompProfile.Load(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new HatraceUsageException($"--seccomp-profile: {path}: No such file or directory");
        }
        catch (UnauthorizedAccessException)
        {
            throw new HatraceUsageException($"--seccomp-profile: {path}: Permission denied");
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            throw new HatraceUsageException($"--seccomp-profile: {path}: {e.Message}");
        }
    }

    // A byte count with an optional K, M or G (powers of 1024), as --buffer-size takes it: at least a page, at most 1G.
    private static int ParseSize(string value)
    {
        long unit = value.Length == 0 ? 1 : char.ToUpperInvariant(value[^1]) switch { 'K' => 1 << 10, 'M' => 1 << 20, 'G' => 1 << 30, _ => 1 };
        string digits = unit == 1 ? value : value[..^1];
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit) && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long count)
            && count * unit is >= 4096 and <= 1 << 30)
            return (int)(count * unit);
        throw new HatraceUsageException($"invalid --buffer-size argument: '{value}' (4K to 1G)", showHelpHint: true);
    }

    private static HatraceUsageException BothSummaries() =>
        new("-c/--summary-only and -C/--summary are mutually exclusive", showHelpHint: true);

    // A non-negative decimal number, as strace reads -s and -a.
    private static int ParseCount(char option, string text, int max)
    {
        if (text.Length > 0 && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value <= max)
            return value;
        throw new HatraceUsageException($"invalid -{option} argument: '{text}'", showHelpHint: true);
    }

    private static readonly Dictionary<string, DescriptorDetail> s_descriptorDetails = new(StringComparer.Ordinal)
    {
        ["none"] = DescriptorDetail.None,
        ["path"] = DescriptorDetail.Path,
        ["socket"] = DescriptorDetail.Socket,
        ["dev"] = DescriptorDetail.Device,
        ["pidfd"] = DescriptorDetail.Pidfd,
        ["all"] = DescriptorDetail.All,
    };

    // --strings-in-hex's WHEN; none given is all, as -xx.
    private static StringEscape ParseStringsInHex(string? value) => value switch
    {
        null or "all" => StringEscape.HexAll,
        "non-ascii" => StringEscape.HexNonPrintable,
        "non-ascii-chars" => StringEscape.HexNonAsciiChars,
        "none" => StringEscape.Octal,
        _ => throw new HatraceUsageException($"invalid --strings-in-hex argument: '{value}'", showHelpHint: true),
    };

    // The summary's columns by the names -U and -S take, each with strace's other names for it.
    private static readonly Dictionary<string, SummaryColumn> s_summaryColumns = new(StringComparer.Ordinal)
    {
        ["time-percent"] = SummaryColumn.TimePercent,
        ["time"] = SummaryColumn.TimePercent,
        ["total-time"] = SummaryColumn.TotalTime,
        ["time-total"] = SummaryColumn.TotalTime,
        ["min-time"] = SummaryColumn.MinTime,
        ["shortest"] = SummaryColumn.MinTime,
        ["time-min"] = SummaryColumn.MinTime,
        ["max-time"] = SummaryColumn.MaxTime,
        ["longest"] = SummaryColumn.MaxTime,
        ["time-max"] = SummaryColumn.MaxTime,
        ["avg-time"] = SummaryColumn.AvgTime,
        ["time-avg"] = SummaryColumn.AvgTime,
        ["calls"] = SummaryColumn.Calls,
        ["count"] = SummaryColumn.Calls,
        ["errors"] = SummaryColumn.Errors,
        ["error"] = SummaryColumn.Errors,
        ["name"] = SummaryColumn.Name,
        ["syscall"] = SummaryColumn.Name,
        ["syscall-name"] = SummaryColumn.Name,
    };

    // -S: a column, or nothing (none) for the calls' numbers; the time's share sorts as the time does.
    private static SummaryColumn? ParseSortBy(string value) =>
        value is "nothing" or "none" ? null
        : s_summaryColumns.TryGetValue(value, out SummaryColumn column) ? column
        : throw new HatraceUsageException($"invalid sortby: '{value}'", showHelpHint: true);

    // -U: columns in order, each once; the name last when not given.
    private static List<SummaryColumn> ParseSummaryColumns(string value)
    {
        var columns = new List<SummaryColumn>();
        string[] items = value.Split(',');
        for (int i = 0; i < items.Length; i++)
        {
            if (!s_summaryColumns.TryGetValue(items[i], out SummaryColumn column))
                throw new HatraceUsageException($"unknown column name: '{items[i]}'", showHelpHint: true);
            if (columns.Contains(column))
            {
                string residual = string.Join(',', items[i..]);
                throw new HatraceUsageException($"call summary column has been provided more than once: '{items[i]}' (-U option residual: '{residual}')",
                    showHelpHint: true);
            }
            columns.Add(column);
        }
        if (!columns.Contains(SummaryColumn.Name))
            columns.Add(SummaryColumn.Name);
        return columns;
    }

    // -e decode-pids=SET and --decode-pids=SET: comm, pidns, all (both) or none, comma-separated.
    private void ApplyDecodePids(string value, string error)
    {
        foreach (string item in value.Split(','))
        {
            switch (item)
            {
                case "comm": ProcessNames = true; break;
                case "pidns": PidNamespaceTranslation = true; break;
                case "all": ProcessNames = PidNamespaceTranslation = true; break;
                case "none": ProcessNames = PidNamespaceTranslation = false; break;
                default: throw new HatraceUsageException(error);
            }
        }
    }

    // A comma-separated set of details, negated by a leading '!'.
    private static DescriptorDetail ParseDescriptorDetail(string text)
    {
        bool negated = text.StartsWith('!');
        var detail = DescriptorDetail.None;
        foreach (string item in (negated ? text[1..] : text).Split(','))
        {
            if (!s_descriptorDetails.TryGetValue(item, out DescriptorDetail one))
                throw new HatraceUsageException($"invalid decode-fds '{text}'");
            detail |= one;
        }
        return negated ? DescriptorDetail.All & ~detail : detail;
    }

    private static ConstantStyle ParseConstantStyle(string text) => text switch
    {
        "raw" => ConstantStyle.Raw,
        "abbrev" => ConstantStyle.Abbreviated,
        "verbose" => ConstantStyle.Verbose,
        _ => throw new HatraceUsageException($"invalid -X argument: '{text}'", showHelpHint: true),
    };

    // --color alone is --color=always, as in GNU ls and grep.
    private static ColorMode ParseColorMode(string? text) => text switch
    {
        null or "always" => ColorMode.Always,
        "auto" => ColorMode.Auto,
        "never" => ColorMode.Never,
        _ => throw new HatraceUsageException($"invalid --color argument: '{text}'", showHelpHint: true),
    };

    private static int ParseInterruptible(string text) => text switch
    {
        "1" or "anywhere" => 1,
        "2" or "waiting" => 2,
        "3" or "never" => 3,
        "4" or "never_tstp" => 4,
        _ => throw new HatraceUsageException($"invalid -I argument: '{text}'", showHelpHint: true),
    };

    // --absolute-timestamps[=[format:]FORMAT,[precision:]PRECISION]: each given, in any order, and each once more
    // where the option comes again; the format is the time of day when none is given.
    private void ApplyAbsoluteTimestamps(string? value)
    {
        _longTimestamps = true;
        if (AbsoluteTimestamps == TimestampFormat.None)
            AbsoluteTimestamps = TimestampFormat.Time;
        foreach (string item in value?.Split(',') ?? [])
        {
            int colon = item.IndexOf(':');
            string kind = colon < 0 ? "" : item[..colon], named = item[(colon + 1)..];
            if (kind is "" or "format" && TimestampFormatNamed(named) is { } format)
                AbsoluteTimestamps = format;
            else if (kind is "" or "precision" && Precision(named) is int digits)
                AbsolutePrecision = digits;
            else
                throw InvalidArgument("--absolute-timestamps", value!);
        }
    }

    private static TimestampFormat? TimestampFormatNamed(string name) => name switch
    {
        "none" => TimestampFormat.None,
        "time" => TimestampFormat.Time,
        "unix" => TimestampFormat.Unix,
        _ => null,
    };

    // A timestamp's precision, as digits after the second.
    private static int? Precision(string unit) => unit switch
    {
        "s" => 0,
        "ms" => 3,
        "us" => 6,
        "ns" => 9,
        _ => null,
    };

    private static HatraceUsageException InvalidArgument(string option, string value) =>
        new($"invalid {option} argument: '{value}'", showHelpHint: true);
}

/// <summary>How -t and --absolute-timestamps print the time of each line.</summary>
internal enum TimestampFormat
{
    /// <summary>Not at all.</summary>
    None,

    /// <summary>As the time of day: <c>15:16:05</c>.</summary>
    Time,

    /// <summary>As seconds since the epoch: <c>1796656565</c>.</summary>
    Unix,
}
