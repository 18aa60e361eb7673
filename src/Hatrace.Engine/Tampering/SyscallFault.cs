using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Tampering;

/// <summary>A rule the tracer applies by itself, with no reader involved: when a chosen syscall is called (and its
/// path matches, and its count is in <see cref="When"/>, and the dice say so), the call fails, returns a made-up
/// value, is delayed, has memory its arguments point to overwritten, or its process gets a signal. A failure or
/// made-up value skips the real call, so that nothing happens behind the program's back, unless <see cref="AfterCall"/>
/// is set. Each rule counts its own calls across
/// the whole session.</summary>
public sealed class SyscallFault
{
    /// <summary>Which syscalls the rule applies to.</summary>
    public required Func<SyscallDefinition, bool> Syscalls { get; init; }

    /// <summary>How the rule names its syscalls, for messages and <see cref="ToString"/>.</summary>
    public string Description { get; init; } = "";

    /// <summary>The errno the call fails with (<c>ENOSPC</c> is 28); 0 when it does not fail.</summary>
    public int Errno { get; init; }

    /// <summary>The value the call returns instead of running; null when it returns its own.</summary>
    public long? ReturnValue { get; init; }

    /// <summary>A signal sent to the thread as it enters the call, delivered when the call returns; 0 for none.</summary>
    public int Signal { get; init; }

    /// <summary>Kills the process (SIGKILL) as it enters the call, which does not run.</summary>
    public bool Kill { get; init; }

    /// <summary>Which matching calls are hit.</summary>
    public FaultSchedule When { get; init; } = FaultSchedule.Always;

    /// <summary>A wildcard (<c>*</c> and <c>?</c>) the call's path, or the path of its file descriptor, must match;
    /// null for any call.</summary>
    public string? PathPattern { get; init; }

    /// <summary>The chance that a scheduled call is hit, from 0 to 1.</summary>
    public double Probability { get; init; } = 1;

    /// <summary>The seed of the dice, for a run that can be repeated; null for a random one.</summary>
    public int? Seed { get; init; }

    /// <summary>How long the thread is held before the call runs.</summary>
    public TimeSpan DelayEnter { get; init; }

    /// <summary>How long the thread is held after the call returns.</summary>
    public TimeSpan DelayExit { get; init; }

    /// <summary>Bytes written where arguments point (by the argument's index, 0 for the first) as the call is entered,
    /// before it runs and before its arguments are decoded (strace's <c>poke_enter=@arg2=4142</c>).</summary>
    public IReadOnlyDictionary<int, byte[]> PokeEnter { get; init; } = new Dictionary<int, byte[]>();

    /// <summary>Bytes written where arguments point as the call returns, before its outputs are decoded (strace's
    /// <c>poke_exit=</c>).</summary>
    public IReadOnlyDictionary<int, byte[]> PokeExit { get; init; } = new Dictionary<int, byte[]>();

    /// <summary>Runs the real call and replaces its result afterwards, instead of skipping it.</summary>
    public bool AfterCall { get; init; }

    /// <summary>The name of a syscall to run instead, with the same arguments (strace's <c>syscall=</c>, meant for calls
    /// with no side effects such as getpid); null to run the call itself, or nothing when it fails or returns a
    /// made-up value.</summary>
    public string? Replacement { get; init; }

    /// <summary>Whether the rule changes the call's result.</summary>
    internal bool SetsResult => Errno != 0 || ReturnValue is not null;

    /// <summary>The rule in strace's -e inject syntax.</summary>
    public override string ToString()
    {
        var parts = new List<string> { Description };
        if (Errno != 0)
            parts.Add("error=" + (Model.Errno.GetName(Errno) ?? Errno.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (ReturnValue is long value)
            parts.Add($"retval={value}");
        if (Signal != 0)
            parts.Add("signal=" + Model.Signals.GetName(Signal));
        if (Kill)
            parts.Add("kill");
        if (DelayEnter > TimeSpan.Zero)
            parts.Add($"delay_enter={DelayEnter.TotalMicroseconds:0}us");
        if (DelayExit > TimeSpan.Zero)
            parts.Add($"delay_exit={DelayExit.TotalMicroseconds:0}us");
        if (PokeEnter.Count > 0)
            parts.Add("poke_enter=" + Pokes(PokeEnter));
        if (PokeExit.Count > 0)
            parts.Add("poke_exit=" + Pokes(PokeExit));
        if (When != FaultSchedule.Always)
            parts.Add($"when={When}");
        return string.Join(':', parts);

        static string Pokes(IReadOnlyDictionary<int, byte[]> pokes) =>
            string.Join(',', pokes.Select(p => $"@arg{p.Key + 1}={Convert.ToHexStringLower(p.Value)}"));
    }
}
