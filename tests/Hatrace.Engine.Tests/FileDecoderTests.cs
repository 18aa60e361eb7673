using System.Text.RegularExpressions;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Decoding.Descriptors;
using Hatrace.Engine.Decoding.Files;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>The files and descriptors families: strace is the oracle for every call files_calls makes on purpose,
/// and the formatting with tricky corners is checked as plain functions.</summary>
public partial class FileDecoderTests
{
    [Theory]
    [InlineData]
    [InlineData("-X", "raw")]
    [InlineData("-X", "verbose")]
    [InlineData("-xx")]
    public void FilesCallsReadAsStraceWritesThem(params string[] straceOptions)
    {
        string program = TestPrograms.PathOf("files_calls");
        // The program makes this directory and removes it; both runs get the same one, so their paths match.
        string scratch = Path.Combine(Path.GetTempPath(), $"hatrace-files-{Environment.ProcessId}-{Guid.NewGuid():N}");
        ConstantStyle style = straceOptions switch
        {
            [_, "raw"] => ConstantStyle.Raw,
            [_, "verbose"] => ConstantStyle.Verbose,
            _ => ConstantStyle.Abbreviated,
        };
        List<string> expected = AfterMarker(StraceOracle.RunWithOptions(straceOptions, program, scratch));
        var options = new TraceSessionOptions
        {
            ConstantStyle = style,
            StringEscape = straceOptions is ["-xx"] ? StringEscape.HexAll : StringEscape.Octal,
        };
        var (events, exit) = TestPrograms.Trace(options, program, scratch);
        List<string> actual = AfterMarker(events.OfType<SyscallEvent>().Select(c => c.Text));
        Assert.Equal(0, exit?.ExitCode);
        StraceOracle.AssertEnough(expected, 100);
        for (int i = 0; i < Math.Min(expected.Count, actual.Count); i++)
            Assert.Equal(expected[i], actual[i]);
        Assert.Equal(expected.Count, actual.Count);
    }

    [Fact]
    public void DirectoryEntriesPrintWholeUnabbreviatedAndAreTheValueWhateverPrints()
    {
        string program = TestPrograms.PathOf("files_calls");
        string scratch = Path.Combine(Path.GetTempPath(), $"hatrace-files-{Environment.ProcessId}-{Guid.NewGuid():N}");
        // The inodes are new in each run; the rest (names, types, lengths, hash offsets) is the same.
        static List<string> Listings(IEnumerable<string> lines) =>
            [.. lines.Where(l => l.StartsWith("getdents", StringComparison.Ordinal)).Select(l => Inode().Replace(l, "d_ino=N"))];
        List<string> expected = Listings(StraceOracle.RunWithOptions(["-v"], program, scratch));
        var (events, _) = TestPrograms.Trace(new TraceSessionOptions { Abbreviated = _ => false }, program, scratch);
        Assert.Equal(5, expected.Count);
        Assert.Contains(expected, l => l.Contains("d_name=\"hard2\", d_type=DT_REG}", StringComparison.Ordinal)); // getdents' order
        Assert.Equal(expected, Listings(events.OfType<SyscallEvent>().Select(c => c.Text)));

        // Abbreviated, the entries print as a count and are the value still.
        (events, _) = TestPrograms.Trace(program, scratch);
        SyscallEvent listing = events.OfType<SyscallEvent>().First(c => c.Name == "getdents64" && c.Result > 24);
        Assert.EndsWith(" /* 8 entries */", listing.Arguments[1].Text);
        var entries = Assert.IsType<ArrayValue>(listing.Arguments[1].Value);
        Assert.Equal(8, entries.Count);
        StructValue fifo = entries.Cast<StructValue>().Single(e => e["d_name"]!.ToString() == "fifo");
        Assert.Equal("DT_FIFO", Assert.IsType<ConstantValue>(fifo["d_type"]).Name);
        Assert.Equal(["d_ino", "d_off", "d_reclen", "d_type", "d_name"], fifo.Keys);
    }

    [Theory]
    [InlineData(0x81a4, "S_IFREG|0644")]
    [InlineData(0x43ff, "S_IFDIR|S_ISVTX|0777")]
    [InlineData(0x8000 | 0x800 | 0x400 | 0x1ed, "S_IFREG|S_ISUID|S_ISGID|0755")]
    [InlineData(0x1180, "S_IFIFO|0600")]
    [InlineData(0xc000, "S_IFSOCK|000")]
    [InlineData(0x1a4, "0644")]
    public void ModesPrintTheirTypeAndPermissions(long mode, string text) => Assert.Equal(text, FileModes.Format(mode, StraceRenderer.Default));

    [Theory]
    [InlineData(0x103UL, "makedev(0x1, 0x3)")]
    [InlineData(0UL, "makedev(0, 0)")]
    [InlineData(0x100000088301UL, "makedev(0x1883, 0x1)")] // the major's high bits sit from bit 32
    [InlineData(0x12300045UL, "makedev(0, 0x12345)")] // the minor's high bits sit from bit 20
    public void DevicesSplitAsMakedevDoes(ulong device, string text) => Assert.Equal(text, FileModes.FormatDevice(device, StraceRenderer.Default));

    [Fact]
    public void StatShowsTheDeviceInsteadOfTheSizeForDevices()
    {
        Assert.Equal("{st_mode=S_IFREG|0640, st_size=10, ...}",
            StatDecoders.FormatStat(new StatDecoders.KernelStat { st_mode = 0x81a0, st_size = 10 }, StraceRenderer.Default));
        Assert.Equal("{st_mode=S_IFBLK|0660, st_rdev=makedev(0x8, 0x1), ...}",
            StatDecoders.FormatStat(new StatDecoders.KernelStat { st_mode = 0x61b0, st_rdev = 0x801, st_size = 0 }, StraceRenderer.Default));
    }

    [Theory]
    [InlineData(0x0, "AT_STATX_SYNC_AS_STAT")]
    [InlineData(0x6000, "AT_STATX_FORCE_SYNC|AT_STATX_DONT_SYNC")]
    [InlineData(0x4900, "AT_STATX_DONT_SYNC|AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT")]
    public void StatxFlagsStartWithTheSyncType(long flags, string text) => Assert.Equal(text, StatDecoders.FormatStatxFlags(flags, StraceRenderer.Default));

    [Fact]
    public void StatxFieldsPrintWhereTheMaskSaysTheKernelFilledThemIn()
    {
        var statx = new StatDecoders.KernelStatx { stx_mask = 0x200, stx_mode = 0x81a4, stx_size = 10, stx_nlink = 1 }; // STATX_SIZE
        Assert.Equal("{stx_mask=STATX_SIZE, stx_attributes=0, stx_size=10, ...}", StatDecoders.FormatStatx(statx, StraceRenderer.Default));
        Assert.Equal("{stx_mask=STATX_SIZE, stx_blksize=0, stx_attributes=0, stx_size=10, stx_attributes_mask=0, stx_rdev_major=0, "
            + "stx_rdev_minor=0, stx_dev_major=0, stx_dev_minor=0}", StatDecoders.FormatStatx(statx, StraceRenderer.Default, abbreviate: false));
    }

    [Fact]
    public void StatxAttributesPrintByName() =>
        Assert.Equal("{stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_attributes=STATX_ATTR_MOUNT_ROOT, stx_mode=S_IFDIR|0755, stx_size=4096, ...}",
            StatDecoders.FormatStatx(new StatDecoders.KernelStatx { stx_mask = 0x17ff, stx_attributes = 0x2000, stx_mode = 0x41ed, stx_size = 4096 }, StraceRenderer.Default));

    [Fact]
    public void UtimensatTimesPrintAsStraceDoes()
    {
        Assert.Equal("UTIME_NOW", PathDecoders.FormatTime(new Decoding.TimeStructs.Timespec { tv_nsec = (1 << 30) - 1 }, StraceRenderer.Default));
        Assert.Equal("UTIME_OMIT", PathDecoders.FormatTime(new Decoding.TimeStructs.Timespec { tv_nsec = (1 << 30) - 2 }, StraceRenderer.Default));
        Assert.Equal("{tv_sec=0, tv_nsec=1073741822}", PathDecoders.FormatTime(new Decoding.TimeStructs.Timespec { tv_nsec = (1 << 30) - 2 },
            new StraceRenderer(ConstantStyle.Raw, StringEscape.Octal)));
        Assert.Equal("{tv_sec=0, tv_nsec=0}", PathDecoders.FormatTime(default, StraceRenderer.Default)); // time zero: no date
        string text = PathDecoders.FormatTime(new Decoding.TimeStructs.Timespec { tv_sec = 1, tv_nsec = 2 }, StraceRenderer.Default);
        Assert.Matches(@"^\{tv_sec=1, tv_nsec=2\} /\* 19(70-01-01|69-12-31)T\d\d:\d\d:01\.000000002[+-]\d{4} \*/$", text);
    }

    [Theory]
    [InlineData(long.MaxValue, 0L)]
    [InlineData(long.MinValue, 0L)]
    [InlineData(0L, -1L)]
    public void TimesOutOfRangePrintWithoutTheirDate(long seconds, long nanoseconds) =>
        Assert.DoesNotContain("/*", PathDecoders.FormatTime(new Decoding.TimeStructs.Timespec { tv_sec = seconds, tv_nsec = nanoseconds }, StraceRenderer.Default));

    [Theory]
    [InlineData(0x3L, "MFD_CLOEXEC|MFD_ALLOW_SEALING")]
    [InlineData(0x4L | (21L << 26), "MFD_HUGETLB|21<<MFD_HUGE_SHIFT")]
    [InlineData(30L << 26, "30<<MFD_HUGE_SHIFT")]
    public void MemfdFlagsShowTheHugePageSizeField(long flags, string text) =>
        Assert.Equal(text, DescriptorDecoders.FormatMemfdFlags(flags, StraceRenderer.Default));

    [Fact]
    public void LocksPrintTheirPidOnlyWhenTheKernelFilledIt()
    {
        var lk = new FcntlDecoders.Flock { l_type = 1, l_whence = 1, l_start = 1, l_len = 0, l_pid = 42 };
        Assert.Equal("{l_type=F_WRLCK, l_whence=SEEK_CUR, l_start=1, l_len=0}", FcntlDecoders.FormatLock(lk, withPid: false, StraceRenderer.Default));
        Assert.Equal("{l_type=F_WRLCK, l_whence=SEEK_CUR, l_start=1, l_len=0, l_pid=42}", FcntlDecoders.FormatLock(lk, withPid: true, StraceRenderer.Default));
    }

    [Theory]
    [InlineData(0x12345678u, "_IOC(_IOC_NONE, 0x56, 0x78, 0x1234)")]
    [InlineData(0x800455abu, "_IOC(_IOC_READ, 0x55, 0xab, 0x4)")]
    [InlineData(0xc0000000u, "_IOC(_IOC_READ|_IOC_WRITE, 0, 0, 0)")]
    public void UnnamedIoctlsPrintTheirParts(uint request, string text) => Assert.Equal(text, IoctlDecoders.FormatRequest(request));

    [Fact]
    public void TermiosPrintsItsFieldsThenItsFlags()
    {
        var sane = new TerminalStructs.Termios { c_iflag = 0x500, c_oflag = 0x5, c_cflag = 0xbf, c_lflag = 0x8a3b };
        Assert.Equal("{c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, "
            + "c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, ...}", TerminalStructs.FormatTermios(sane, StraceRenderer.Default, abbreviate: true));
        // No flags at all print as nothing, not 0; a field's value shows even when no flag follows it.
        var bare = new TerminalStructs.Termios { c_oflag = 0x1800, c_cflag = 0xf0000 | 0x10 };
        Assert.Equal("{c_iflag=, c_oflag=NL0|CR0|XTABS|BS0|VT0|FF0|, c_cflag=B0|B38400<<IBSHIFT|CS6|, c_lflag=, ...}",
            TerminalStructs.FormatTermios(bare, StraceRenderer.Default, abbreviate: true));
    }

    [Fact]
    public void WindowSizesPrintInFull() =>
        Assert.Equal("{ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}",
            TerminalStructs.FormatWindowSize(new TerminalStructs.WindowSize { ws_row = 24, ws_col = 80 }));

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(0x1L, "0x1 /* AT_??? */")]
    [InlineData(0x1100L, "AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH")]
    [InlineData(0x10100L, "AT_SYMLINK_NOFOLLOW|0x10000")]
    public void FlagsPrintAsStraceDoes(long flags, string text) =>
        Assert.Equal(text, new Decoding.FlagSet("at_flags", "AT_???").Format(flags, StraceRenderer.Default));

    // Everything after the program's getpid: before it are the loader's calls and the scratch set-up. The free
    // space statfs reports moves as anything on the machine writes, so its counts are taken out.
    private static List<string> AfterMarker(IEnumerable<string> lines) =>
        [.. lines.SkipWhile(l => !l.StartsWith("getpid(", StringComparison.Ordinal)).Skip(1)
            .Select(l => FreeCounts().Replace(l, "$1=N"))];

    [GeneratedRegex(@"\b(f_bfree|f_bavail|f_ffree)=\d+")]
    private static partial Regex FreeCounts();

    [GeneratedRegex(@"\bd_ino=\d+")]
    private static partial Regex Inode();

}
