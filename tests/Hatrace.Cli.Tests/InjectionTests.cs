namespace Hatrace.Cli.Tests;

/// <summary>-e inject= and -e fault=: strace's syntax, its errors, and the same trace as strace's for the same rule.</summary>
public class InjectionTests
{
    private static readonly string Writer = Runner.Program("fault_writer");

    [Theory]
    [InlineData("-e", "inject=write:error=FOO")]
    [InlineData("-e", "inject=write")]
    [InlineData("-e", "inject=write:error=EIO:retval=1")]
    [InlineData("-e", "inject=write:when=0")]
    [InlineData("-e", "inject=write:delay_enter=abc")]
    [InlineData("-e", "inject=nosuch:error=EIO")]
    [InlineData("-e", "inject=write:signal=FOO")]
    [InlineData("-e", "inject=write:syscall=write:error=EIO")]
    [InlineData("-e", "inject=write:foo=1")]
    [InlineData("-e", "fault=write:retval=1")]
    [InlineData("--inject=write:when=1..")]
    [InlineData("-e", "inject=write:poke_enter=@arg8=41")]
    [InlineData("-e", "inject=write:poke_enter=@arg2=414")]
    [InlineData("-e", "inject=write:poke_enter=arg2=41")]
    [InlineData("-e", "inject=write:poke_enter=@arg2=")]
    [InlineData("-e", "inject=write:poke_exit=@arg2=41,@arg2=42")]
    [InlineData("-e", "inject=write:poke_enter=@arg2=41:poke_enter=@arg3=41")]
    [InlineData("-e", "fault=write:poke_enter=@arg2=41")]
    public void BadRulesAreRefusedInStracesWords(params string[] rule)
    {
        string[] args = [.. rule, "true"];
        RunResult strace = Runner.Strace(args);
        RunResult hatrace = Runner.Run(args);
        Assert.Equal(1, strace.ExitCode);
        Assert.Equal(1, hatrace.ExitCode);
        Assert.Equal(strace.Stderr.Replace("strace", "hatrace", StringComparison.Ordinal), hatrace.Stderr);
    }

    [Theory]
    [InlineData("inject=write:error=ENOSPC:when=3")]
    [InlineData("inject=write:retval=4:when=2+2")]
    [InlineData("fault=write:when=2..3")]
    [InlineData("inject=write:error=EIO:signal=SIGUSR1:when=2")]
    [InlineData("inject=write:signal=SIGUSR2:when=4")]
    [InlineData("inject=openat:error=EACCES:syscall=getpid")]
    [InlineData("inject=write:poke_enter=@arg2=5859:when=2+2")]
    [InlineData("inject=write:poke_exit=@arg2=21,@arg1=00:when=3")]
    [InlineData("inject=write:poke_enter=@arg2=41:error=ENOSPC:when=4")]
    [InlineData("inject=write:delay_enter=1000:when=2")]
    [InlineData("inject=write:retval=4:delay_exit=1ms:when=3")]
    [InlineData("inject=write:poke_exit=@arg2=21:delay_enter=1000:error=EIO:when=4")]
    [InlineData("inject=write:poke_exit=@arg2=21:error=EIO:when=4")]
    public void TheTraceAndTheProgramsFateAreStraces(string rule)
    {
        using TempPath straceOut = Runner.TempFile(), hatraceOut = Runner.TempFile(), straceLog = Runner.TempFile(), hatraceLog = Runner.TempFile();
        RunResult strace = Runner.Strace("-o", straceLog.Path, "-e", rule, "-e", "trace=write,openat", Writer, "direct", straceOut.Path, "5");
        RunResult hatrace = Runner.Run("-o", hatraceLog.Path, "-e", rule, "-e", "trace=write,openat", Writer, "direct", hatraceOut.Path, "5");
        Assert.Equal(strace.ExitCode, hatrace.ExitCode);
        Assert.Equal(Lines(straceLog.Path, straceOut.Path), Lines(hatraceLog.Path, hatraceOut.Path));
        Assert.Equal(Contents(straceOut.Path), Contents(hatraceOut.Path));
    }

    private static List<string> Lines(string log, string output) =>
        [.. File.ReadAllLines(log).Select(l => l.Replace(output, "OUT", StringComparison.Ordinal))];

    private static string? Contents(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
