using Hatrace.Engine.Decoding;
using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tracing;

namespace Hatrace.Cli.Tests;

/// <summary>strace's command line, read as strace reads it; mistakes get strace's messages.</summary>
public class StraceOptionsTests
{
    private static StraceOptions Parse(params string[] args) => StraceOptions.Parse(args);

    private static SyscallDefinition X64(string name) => SyscallTable.Find(SyscallArch.X86_64, name)!;

    [Fact]
    public void DefaultsAreStraces()
    {
        StraceOptions o = Parse("ls", "-l");
        Assert.Equal("ls", o.Program);
        Assert.Equal(["-l"], o.Arguments);
        Assert.Null(o.OutputFile);
        Assert.False(o.FollowForks);
        Assert.Equal(32, o.StringLength);
        Assert.Equal(40, o.Column);
        Assert.True(o.Trace.IsAll);
        Assert.Equal(SyscallStatus.All, o.Status);
        Assert.Equal(QuietMessages.None, o.Quiet);
        Assert.Equal(SummaryMode.None, o.Summary);
        Assert.Empty(o.Warnings);
    }

    [Fact]
    public void OptionsEndAtTheCommand()
    {
        // Like getopt with "+": -f after the program is the program's.
        StraceOptions o = Parse("-s", "8", "prog", "-f", "-o", "x");
        Assert.False(o.FollowForks);
        Assert.Null(o.OutputFile);
        Assert.Equal(["-f", "-o", "x"], o.Arguments);
        Assert.Equal("-f", Parse("--", "-f").Program);
    }

    [Theory]
    [InlineData("-s64")]
    [InlineData("-s", "64")]
    [InlineData("--string-limit=64")]
    [InlineData("--string-limit", "64")]
    [InlineData("--string-l=64")]
    public void ValuesMayBeGluedOrSeparate(params string[] option) =>
        Assert.Equal(64, Parse([.. option, "prog"]).StringLength);

    [Fact]
    public void ShortOptionsCluster()
    {
        StraceOptions o = Parse("-fqq", "-tt", "-ofile", "-Ta0", "prog");
        Assert.True(o.FollowForks);
        Assert.False(o.OutputSeparately);
        Assert.Equal(QuietMessages.Attach | QuietMessages.Personality | QuietMessages.Exit, o.Quiet);
        Assert.Equal((TimestampFormat.Time, 6), (o.AbsoluteTimestamps, o.AbsolutePrecision));
        Assert.Equal("file", o.OutputFile);
        Assert.True(o.SyscallTimes);
        Assert.Equal(0, o.Column);
    }

    [Theory]
    [InlineData("Time", 0, "-t")]
    [InlineData("Time", 6, "-tt")]
    [InlineData("Unix", 6, "-ttt")]
    [InlineData("Unix", 6, "-t", "-t", "-t", "-t")]
    [InlineData("Time", 0, "--absolute-timestamps")]
    [InlineData("Time", 9, "--absolute-timestamps=precision:ns")]
    [InlineData("Unix", 3, "--absolute-timestamps=unix,ms")]
    [InlineData("Unix", 3, "--absolute-timestamps=format:unix", "--timestamps=precision:ms")]
    [InlineData("None", 0, "--absolute-timestamps=format:none")]
    public void TimestampLevelsCount(string format, int precision, params string[] option)
    {
        StraceOptions o = Parse([.. option, "prog"]);
        Assert.Equal((Enum.Parse<TimestampFormat>(format), precision), (o.AbsoluteTimestamps, o.AbsolutePrecision));
    }

    [Fact]
    public void DoubleFollowSplitsTheOutput()
    {
        StraceOptions o = Parse("-ff", "-o", "log", "prog");
        Assert.True(o.FollowForks);
        Assert.True(o.OutputSeparately);
        Assert.True(Parse("-f", "-f", "prog").OutputSeparately);
        Assert.True(Parse("--follow-forks", "--output-separately", "prog").OutputSeparately);
    }

    [Fact]
    public void QuietLevelsAndTheImpliedQuietOfAFile()
    {
        Assert.Equal(QuietMessages.Attach | QuietMessages.Personality, Parse("-q", "prog").Quiet);
        Assert.Equal(QuietMessages.All, Parse("-qqq", "prog").Quiet);
        Assert.Equal(QuietMessages.Attach | QuietMessages.Personality, Parse("-o", "f", "prog").Quiet);
        Assert.Equal(QuietMessages.Exit, Parse("-e", "quiet=exit", "prog").Quiet);
        Assert.Equal(QuietMessages.All & ~QuietMessages.Exit, Parse("-e", "quiet=!exit", "prog").Quiet);
        Assert.Equal(QuietMessages.ThreadExecve, Parse("--quiet=superseded", "prog").Quiet);
    }

    [Fact]
    public void TraceSetsChooseCalls()
    {
        Assert.True(Parse("-e", "trace=write,close", "p").Trace.Contains(X64("close")));
        Assert.False(Parse("-e", "trace=write,close", "p").Trace.Contains(X64("openat")));
        Assert.False(Parse("-e", "trace=!write", "p").Trace.Contains(X64("write")));
        Assert.True(Parse("-e", "trace=!write", "p").Trace.Contains(X64("read")));
        Assert.True(Parse("-e", "trace=/^open", "p").Trace.Contains(X64("openat")));
        Assert.False(Parse("-e", "trace=/^open", "p").Trace.Contains(X64("fsopen")));
        Assert.True(Parse("-e", "trace=%file", "p").Trace.Contains(X64("openat")));
        Assert.True(Parse("-e", "trace=file", "p").Trace.Contains(X64("unlink")));
        Assert.True(Parse("-e", "trace=%net", "p").Trace.Contains(X64("connect")));
        Assert.False(Parse("-e", "trace=none", "p").Trace.Contains(X64("write")));
        Assert.True(Parse("-e", "trace=!none", "p").Trace.IsAll);
        Assert.True(Parse("-e", "trace=all", "p").Trace.Contains(X64("write")));
        Assert.False(Parse("-e", "trace=write@32", "p").Trace.Contains(X64("write")));
        Assert.True(Parse("-e", "trace=write@32", "p").Trace.Contains(SyscallTable.Find(SyscallArch.I386, "write")!));
        Assert.True(Parse("-e", "trace=stat64", "p").Trace.Contains(SyscallTable.Find(SyscallArch.I386, "stat64")!));
        Assert.True(Parse("-e", "trace=?nosuchcall,write", "p").Trace.Contains(X64("write")));
    }

    [Theory]
    [InlineData("-eopenat")]
    [InlineData("-e", "openat")]
    [InlineData("-e", "t=openat")]
    [InlineData("--trace=openat")]
    [InlineData("-e", "trace=close", "-e", "trace=openat")] // the last one counts
    public void ShorthandsOfTrace(params string[] option)
    {
        SyscallSet set = Parse([.. option, "prog"]).Trace;
        Assert.True(set.Contains(X64("openat")));
        Assert.False(set.Contains(X64("close")));
    }

    [Fact]
    public void StatusSignalAndPathFilters()
    {
        Assert.Equal(SyscallStatus.Successful, Parse("-z", "p").Status);
        Assert.Equal(SyscallStatus.Failed, Parse("-Z", "p").Status);
        Assert.Equal(SyscallStatus.Failed | SyscallStatus.Unfinished, Parse("-e", "status=failed,unfinished", "p").Status);
        Assert.Equal(SyscallStatus.All & ~SyscallStatus.Failed, Parse("-e", "status=!failed", "p").Status);
        Assert.Equal(SyscallStatus.Failed, Parse("-e", "status=successful", "-Z", "p").Status);
        Assert.False(Parse("-e", "signal=!SIGCHLD", "p").Signals.Contains(17));
        Assert.True(Parse("-e", "signal=!SIGCHLD", "p").Signals.Contains(15));
        Assert.True(Parse("-e", "signal=chld,9", "p").Signals.Contains(17));
        Assert.True(Parse("-e", "signal=chld,9", "p").Signals.Contains(9));
        Assert.False(Parse("-e", "signals=none", "p").Signals.Contains(9));
        Assert.Equal(["/a", "/b"], Parse("-P", "/a", "--trace-path=/b", "p").Paths);
    }

    [Fact]
    public void SummaryAndTimingOptions()
    {
        Assert.Equal(SummaryMode.Only, Parse("-c", "p").Summary);
        Assert.Equal(SummaryMode.Both, Parse("-C", "p").Summary);
        Assert.True(Parse("-c", "-w", "p").WallClock);
        Assert.True(Parse("-r", "p").RelativeTimestamps);
        Assert.Equal(3, Parse("-I", "3", "p").Interruptible);
        Assert.Equal(4, Parse("-Inever_tstp", "p").Interruptible);
        Assert.Equal("1", Parse("-E", "A=1", "-E", "B", "p").Environment["A"]);
        Assert.Null(Parse("-E", "A=1", "-E", "B", "p").Environment["B"]);
        Assert.True(Parse("-A", "-o", "f", "p").AppendOutput);
    }

    [Fact]
    public void HelpAndVersionWinOverTheRest()
    {
        Assert.True(Parse("-h").ShowHelp);
        Assert.True(Parse("-V", "-e", "trace=nosuchcall").ShowVersion);
        Assert.True(Parse("--help").ShowHelp);
    }

    [Theory]
    [InlineData(StringEscape.Octal)]
    [InlineData(StringEscape.HexNonPrintable, "-x")]
    [InlineData(StringEscape.HexAll, "-xx")]
    [InlineData(StringEscape.HexAll, "-x", "-x")]
    [InlineData(StringEscape.HexAll, "--strings-in-hex")]
    [InlineData(StringEscape.HexAll, "--strings-in-hex=all")]
    [InlineData(StringEscape.HexNonPrintable, "--strings-in-hex=non-ascii")]
    [InlineData(StringEscape.HexNonAsciiChars, "--strings-in-hex=non-ascii-chars")]
    [InlineData(StringEscape.Octal, "-xx", "--strings-in-hex=none")]
    public void DashXPrintsStringsInHex(StringEscape escape, params string[] options)
    {
        StraceOptions parsed = Parse([.. options, "prog"]);
        Assert.Equal(escape, parsed.StringEscape);
        Assert.Empty(parsed.Warnings);
    }

    [Theory]
    [InlineData(DescriptorDetail.None)]
    [InlineData(DescriptorDetail.Path, "-y")]
    [InlineData(DescriptorDetail.All, "-yy")]
    [InlineData(DescriptorDetail.All, "-y", "-y", "-y")]
    [InlineData(DescriptorDetail.Path, "--decode-fds")]
    [InlineData(DescriptorDetail.Path, "--decode-fds=path")]
    [InlineData(DescriptorDetail.Socket | DescriptorDetail.Device, "--decode-fds=socket,dev")]
    [InlineData(DescriptorDetail.All, "-e", "decode-fds=all")]
    [InlineData(DescriptorDetail.Socket | DescriptorDetail.Device | DescriptorDetail.Pidfd, "-e", "decode-fds=!path")]
    [InlineData(DescriptorDetail.Path | DescriptorDetail.Pidfd, "--decode-fds=path,pidfd")]
    [InlineData(DescriptorDetail.None, "-y", "--decode-fds=none")]
    public void DashYDescribesDescriptors(DescriptorDetail detail, params string[] options)
    {
        StraceOptions parsed = Parse([.. options, "prog"]);
        Assert.Equal(detail, parsed.DescriptorDetail);
        Assert.Empty(parsed.Warnings);
    }

    [Theory]
    [InlineData(ConstantStyle.Abbreviated)]
    [InlineData(ConstantStyle.Raw, "-X", "raw")]
    [InlineData(ConstantStyle.Raw, "-Xraw")]
    [InlineData(ConstantStyle.Verbose, "--const-print-style=verbose")]
    [InlineData(ConstantStyle.Abbreviated, "-Xraw", "-Xabbrev")]
    public void DashXChoosesHowConstantsPrint(ConstantStyle style, params string[] options)
    {
        StraceOptions parsed = Parse([.. options, "prog"]);
        Assert.Equal(style, parsed.ConstantStyle);
        Assert.Empty(parsed.Warnings);
    }

    [Theory]
    [InlineData("-v")]
    [InlineData("--no-abbrev")]
    [InlineData("-e", "abbrev=none")]
    [InlineData("--abbrev=none")]
    public void DashVAbbreviatesNothing(params string[] options)
    {
        StraceOptions parsed = Parse([.. options, "prog"]);
        Assert.False(parsed.Abbreviated.Contains(X64("newfstatat")));
        Assert.Empty(parsed.Warnings);
    }

    [Fact]
    public void QualifiersChooseTheirCalls()
    {
        StraceOptions parsed = Parse("-e", "a=execve", "-e", "verbose=!stat", "--raw=openat", "prog");
        SyscallDefinition openat = X64("openat");
        Assert.True(parsed.Abbreviated.Contains(X64("execve")));
        Assert.False(parsed.Abbreviated.Contains(openat));
        Assert.False(parsed.Dereferenced.Contains(X64("stat")));
        Assert.True(parsed.Dereferenced.Contains(openat));
        Assert.True(parsed.Undecoded!.Contains(openat));
        Assert.Null(Parse("prog").Undecoded);
    }

    [Theory]
    [InlineData("-zZ", "Only the last of -z/--successful-only/-Z/--failed-only options will take effect. See status qualifier for more complex filters.")]
    public void DecodingOptionsWarnOnce(string option, string warning) =>
        Assert.Equal([warning], Parse(option, "prog").Warnings);

    [Fact]
    public void DumpedDescriptorsAreSetsWithStracesSyntax()
    {
        StraceOptions parsed = Parse("-eread=3,5", "--write=!4", "prog");
        Assert.Equal([false, false, false, true, false, true], Enumerable.Range(0, 6).Select(parsed.ReadDescriptors!.Contains));
        Assert.Equal([true, true, true, true, false, true], Enumerable.Range(0, 6).Select(parsed.WriteDescriptors!.Contains));
        Assert.True(Parse("-e", "read=all", "prog").ReadDescriptors!.Contains(int.MaxValue));
        Assert.False(Parse("-e", "read=none", "prog").ReadDescriptors!.Contains(0));
        Assert.Null(Parse("prog").ReadDescriptors);
        Assert.Empty(Parse("-eread=3", "prog").Warnings);
    }

    [Fact]
    public void SummaryOnlyWarnsAboutTimingOptions() =>
        Assert.Equal(
            ["-r/--relative-timestamps has no effect with -c/--summary-only", "-T/--syscall-times has no effect with -c/--summary-only",
             "-t/--absolute-timestamps has no effect with -c/--summary-only"],
            Parse("-c", "-r", "-T", "-t", "prog").Warnings);

    [Fact]
    public void TheEbpfBackendSumsWallClockTimeSayingSo()
    {
        StraceOptions summary = Parse("--backend=ebpf", "-c", "prog");
        Assert.True(summary.WallClock);
        Assert.Equal(
            ["-c/-C sums wall-clock time with --backend=ebpf, as -w/--summary-wall-clock does: system time is read at stops"], summary.Warnings);
        Assert.Empty(Parse("--backend=ebpf", "-c", "-w", "prog").Warnings);
        Assert.False(Parse("-c", "prog").WallClock);
    }

    [Theory]
    [InlineData("invalid system call 'foo'", false, "-e", "trace=foo", "prog")]
    [InlineData("invalid system call 'foo'", false, "-efoo", "prog")]
    [InlineData("invalid system call 'bogus=1'", false, "-e", "bogus=1", "prog")]
    [InlineData("invalid system call '%foo'", false, "-e", "trace=%foo", "prog")]
    [InlineData("invalid system call 'OPENAT'", false, "-e", "trace=OPENAT", "prog")]
    [InlineData("invalid system call '/zzzz'", false, "-e", "trace=/zzzz", "prog")]
    [InlineData("invalid system call 'stat64@64'", false, "-e", "trace=stat64@64", "prog")]
    [InlineData("invalid system call '!'", false, "-e", "trace=!", "prog")]
    [InlineData("invalid system call ''", false, "-e", "trace=", "prog")]
    [InlineData("invalid system call 'none'", false, "-e", "trace=write,none", "prog")]
    [InlineData("invalid system call '!close'", false, "-e", "trace=write,!close", "prog")]
    [InlineData("regcomp: (: Unmatched ( or \\(", false, "-e", "trace=/(", "prog")]
    [InlineData("invalid status 'foo'", false, "-e", "status=foo", "prog")]
    [InlineData("invalid status 'all'", false, "-e", "status=all,failed", "prog")]
    [InlineData("invalid signal 'FOO'", false, "-e", "signal=FOO", "prog")]
    [InlineData("invalid signal '256'", false, "-e", "signal=256", "prog")]
    [InlineData("invalid signal ''", false, "-e", "signal=", "prog")]
    [InlineData("invalid quiet 'foo'", false, "-e", "quiet=foo", "prog")]
    [InlineData("invalid descriptor 'foo'", false, "-e", "read=foo", "prog")]
    [InlineData("invalid decode-fds 'bogus'", false, "--decode-fds=bogus", "prog")]
    [InlineData("invalid decode-fds ''", false, "-e", "decode-fds=", "prog")]
    [InlineData("invalid -s argument: '-1'", true, "-s", "-1", "prog")]
    [InlineData("invalid -s argument: '1x'", true, "-s", "1x", "prog")]
    [InlineData("invalid -a argument: 'abc'", true, "-a", "abc", "prog")]
    [InlineData("invalid -X argument: 'foo'", true, "-X", "foo", "prog")]
    [InlineData("invalid system call 'nosuch'", false, "-e", "abbrev=nosuch", "prog")]
    [InlineData("invalid -I argument: '5'", true, "-I", "5", "prog")]
    [InlineData("invalid -I argument: '0'", true, "-I", "0", "prog")]
    [InlineData("invalid option -- 'Q'", true, "-Q", "prog")]
    [InlineData("option requires an argument -- 'o'", true, "-o")]
    [InlineData("unrecognized option '--foo'", true, "--foo", "prog")]
    [InlineData("option '--follow-forks' doesn't allow an argument", true, "--follow-forks=1", "prog")]
    [InlineData("Invalid process id: 'abc'", false, "-p", "abc")]
    [InlineData("Invalid process id: '0'", false, "-p", "1,0")]
    [InlineData("-c/--summary-only and -C/--summary are mutually exclusive", true, "-c", "-C", "prog")]
    [InlineData("(-c/--summary-only or -C/--summary) and -ff/--output-separately are mutually exclusive", true, "-ff", "-c", "prog")]
    [InlineData("-w/--summary-wall-clock must be given with (-c/--summary-only or -C/--summary)", true, "-w", "prog")]
    [InlineData("must have PROG [ARGS] or -p PID", true)]
    [InlineData("must have PROG [ARGS] or -p PID", true, "-f")]
    [InlineData("-e inject= and -e fault= change calls, which needs --backend=ptrace: the eBPF backend only observes", true, "--backend=ebpf", "-e", "inject=read:error=EIO", "prog")]
    [InlineData("-e read= and -e write= dump whole buffers, which needs --backend=ptrace: the eBPF backend only observes", true, "--backend=ebpf", "-e", "read=3", "prog")]
    [InlineData("-D starts the tracer beside the program, which needs --backend=ptrace: the eBPF backend only observes", true, "--backend=ebpf", "-D", "prog")]
    [InlineData("-k unwinds the program's stack, which needs --backend=ptrace: the eBPF backend only observes", true, "-k", "--backend=ebpf", "prog")]
    [InlineData("-n numbers each line with its thread's last call, which needs --backend=ptrace: the eBPF backend only observes", true, "--backend=ebpf", "-n", "prog")]
    [InlineData("-i reads each thread's instruction pointer, which needs --backend=ptrace: the eBPF backend only observes", true, "--backend=ebpf", "--instruction-pointer", "prog")]
    [InlineData("-b lets processes go at execve, which needs --backend=ptrace: the eBPF backend only observes", true, "--backend=ebpf", "-b", "execve", "prog")]
    [InlineData("Syscall 'open' for -b isn't supported", false, "-b", "open", "prog")]
    [InlineData("invalid -O argument: '5x'", true, "-c", "-O", "5x", "prog")]
    [InlineData("piping the output and -ff/--output-separately are mutually exclusive", true, "-ff", "-o", "|cat", "prog")]
    [InlineData("invalid -O argument: '-5'", true, "-c", "-O", "-5", "prog")]
    [InlineData("Syscall 'open' for -b isn't supported", false, "--detach-on=open", "prog")]
    [InlineData("invalid --backend argument: 'bpftrace' (ptrace or ebpf)", true, "--backend=bpftrace", "prog")]
    [InlineData("invalid --absolute-timestamps argument: 'unix,foo'", true, "--absolute-timestamps=unix,foo", "prog")]
    [InlineData("invalid --absolute-timestamps argument: 'format:ms'", true, "--absolute-timestamps=format:ms", "prog")]
    [InlineData("invalid --relative-timestamps argument: 'xs'", true, "--relative-timestamps=xs", "prog")]
    [InlineData("invalid --syscall-times argument: 'foo'", true, "--syscall-times=foo", "prog")]
    [InlineData("-t and --absolute-timestamps cannot be provided simultaneously", false, "-tt", "--absolute-timestamps=precision:ms", "prog")]
    [InlineData("invalid --buffer-size argument: '1K' (4K to 1G)", true, "--buffer-size=1K", "prog")]
    [InlineData("invalid --buffer-size argument: 'lots' (4K to 1G)", true, "--buffer-size=lots", "prog")]
    public void MistakesGetStracesMessages(string message, bool hint, params string[] args)
    {
        var error = Assert.Throws<HatraceUsageException>(() => Parse(args));
        Assert.Equal(message, error.Message);
        Assert.Equal(hint, error.ShowHelpHint);
    }

    [Fact]
    public void KAsksForStackTracesWithoutAWarning()
    {
        StraceOptions options = Parse("-k", "prog");
        Assert.True(options.StackTraces);
        Assert.Empty(options.Warnings);
        Assert.False(Parse("prog").StackTraces);
    }

    [Fact]
    public void BackendAndBufferSizeAreRead()
    {
        StraceOptions options = Parse("--backend=ebpf", "--buffer-size=64M", "prog");
        Assert.Equal(TraceBackend.Ebpf, options.Backend);
        Assert.Equal(64 << 20, options.EbpfBufferSize);
        Assert.Equal(TraceBackend.Ptrace, Parse("prog").Backend);
    }
}
