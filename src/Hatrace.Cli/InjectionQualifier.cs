using System.Globalization;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tampering;

namespace Hatrace.Cli;

/// <summary>strace's <c>-e inject=SET[:error=E|:retval=N][:signal=S][:syscall=NAME][:delay_enter=T][:delay_exit=T]
/// [:poke_enter=@argN=HEX,...][:poke_exit=@argN=HEX,...][:when=EXPR]</c> and <c>-e fault=SET[:error=E][:when=EXPR]</c>
/// (an inject whose error is ENOSYS unless given), as engine fault rules. A malformed value is strace's <c>invalid
/// inject argument 'VALUE'</c>, an unknown name in the set <c>invalid system call 'NAME'</c>.</summary>
internal static class InjectionQualifier
{
    /// <summary>Parses the value of <c>-e inject=</c> (or <c>-e fault=</c> when <paramref name="fault"/>).</summary>
    public static SyscallFault Parse(string text, bool fault)
    {
        string[] parts = text.Split(':');
        SyscallSet set = SyscallSet.Parse(parts[0]);
        int errno = 0, signal = 0;
        long? retval = null;
        string? replacement = null;
        TimeSpan delayEnter = TimeSpan.Zero, delayExit = TimeSpan.Zero;
        Dictionary<int, byte[]>? pokeEnter = null, pokeExit = null;
        FaultSchedule when = FaultSchedule.Always;
        foreach (string part in parts.Skip(1))
        {
            int equals = part.IndexOf('=');
            string key = equals < 0 ? part : part[..equals];
            string value = equals < 0 ? "" : part[(equals + 1)..];
            switch (key)
            {
                case "error" when errno == 0 && retval is null:
                    errno = Errno.Parse(value) ?? throw Invalid(text, fault);
                    break;
                case "retval" when !fault && errno == 0 && retval is null:
                    retval = long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long r) ? r : throw Invalid(text, fault);
                    break;
                case "signal" when !fault && signal == 0:
                    signal = Signals.Parse(value) ?? throw Invalid(text, fault);
                    break;
                case "syscall" when !fault:
                    replacement = SyscallTable.Find(SyscallArch.X86_64, value) is { } pure && SyscallClasses.Of(pure).HasFlag(SyscallClass.Pure)
                        ? pure.Name : throw Invalid(text, fault);
                    break;
                case "delay_enter" when !fault:
                    delayEnter = StraceTime.Parse(value) ?? throw Invalid(text, fault);
                    break;
                case "delay_exit" when !fault:
                    delayExit = StraceTime.Parse(value) ?? throw Invalid(text, fault);
                    break;
                case "poke_enter" when !fault && pokeEnter is null:
                    pokeEnter = Pokes(value) ?? throw Invalid(text, fault);
                    break;
                case "poke_exit" when !fault && pokeExit is null:
                    pokeExit = Pokes(value) ?? throw Invalid(text, fault);
                    break;
                case "when":
                    when = Schedule(value) ?? throw Invalid(text, fault);
                    break;
                default:
                    throw Invalid(text, fault);
            }
        }
        if (fault && errno == 0)
            errno = Errno.GetValue("ENOSYS")!.Value; // strace's -e fault= fails calls with it unless told otherwise
        // Something must be injected; syscall= only replaces a call that fails or returns a made-up value.
        bool injects = errno != 0 || retval is not null || signal != 0 || delayEnter > TimeSpan.Zero || delayExit > TimeSpan.Zero
            || pokeEnter is not null || pokeExit is not null;
        if (!injects || (replacement is not null && errno == 0 && retval is null))
            throw Invalid(text, fault);
        return new SyscallFault
        {
            Syscalls = set.Contains,
            Description = parts[0],
            Errno = errno,
            ReturnValue = retval,
            Signal = signal,
            Replacement = replacement,
            DelayEnter = delayEnter,
            DelayExit = delayExit,
            PokeEnter = pokeEnter ?? [],
            PokeExit = pokeExit ?? [],
            When = when,
        };
    }

    // @argN=HEX,@argM=HEX: the bytes to write where argument N (1 to 7, each once) points, an even number of hex digits.
    private static Dictionary<int, byte[]>? Pokes(string text)
    {
        var pokes = new Dictionary<int, byte[]>();
        foreach (string poke in text.Split(','))
        {
            if (!poke.StartsWith("@arg", StringComparison.Ordinal) || poke.Length < 7 || poke[4] is < '1' or > '7' || poke[5] != '=')
                return null;
            string hex = poke[6..];
            if (hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit) || !pokes.TryAdd(poke[4] - '1', Convert.FromHexString(hex)))
                return null;
        }
        return pokes;
    }

    private static HatraceUsageException Invalid(string text, bool fault) =>
        new($"invalid {(fault ? "fault" : "inject")} argument '{text}'");

    // strace's limits: first and step 1..65535, last 1..65534.
    private static FaultSchedule? Schedule(string text)
    {
        try
        {
            FaultSchedule when = FaultSchedule.Parse(text);
            return when.First > 65535 || (when.Last != long.MaxValue && when.Last > 65534) || when.Step > 65535 ? null : when;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
