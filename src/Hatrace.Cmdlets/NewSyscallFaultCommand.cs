using System.Collections;
using System.Management.Automation;
using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tampering;

namespace Hatrace.Cmdlets;

/// <summary>Makes a fault rule for Start-TracedProcess -Fault: which calls fail (or return a made-up value, get a
/// signal, are delayed, find memory they use overwritten, or kill their process), which of them by count, path and
/// chance. The tracer applies the rule itself, with no scriptblock to run per call.</summary>
[Cmdlet(VerbsCommon.New, "SyscallFault")]
[OutputType(typeof(SyscallFault))]
public sealed class NewSyscallFaultCommand : PSCmdlet
{
    /// <summary>The syscalls the rule applies to; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SyscallNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>The errno the calls fail with: a name such as ENOSPC, or a number. The call does not run.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ErrnoNameCompleter))]
    public string? Errno { get; set; }

    /// <summary>The value the calls return instead of running.</summary>
    [Parameter]
    public long? ReturnValue { get; set; }

    /// <summary>A signal sent to the thread when the call returns: a name or a number. With -Errno or -ReturnValue
    /// both happen.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SignalNameCompleter))]
    public string? Signal { get; set; }

    /// <summary>Kills the process as it enters the call, which does not run.</summary>
    [Parameter]
    public SwitchParameter Kill { get; set; }

    /// <summary>Which matching calls are hit, counted from 1: <c>3</c>, <c>3+</c> (from the third on), <c>2+2</c>
    /// (every second from the second), <c>1..5</c>. Every call when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? When { get; set; }

    /// <summary>Only calls whose path, or the path of whose file descriptor, matches this wildcard (<c>*.o</c>).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The chance, from 0 to 1, that a scheduled call is hit.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double Probability { get; set; } = 1;

    /// <summary>The seed of -Probability's dice, so that a run can be repeated.</summary>
    [Parameter]
    public int? Seed { get; set; }

    /// <summary>Holds the thread this long before the call runs.</summary>
    [Parameter]
    public TimeSpan DelayEnter { get; set; }

    /// <summary>Holds the thread this long after the call returns.</summary>
    [Parameter]
    public TimeSpan DelayExit { get; set; }

    /// <summary>Bytes written where the call's arguments point as it is entered, before it runs (strace's poke_enter):
    /// a hashtable from the argument, by name (<c>buf</c>) or index from 0, to the bytes (a byte array, or a string
    /// written as UTF-8 without a NUL).</summary>
    [Parameter]
    public IDictionary? PokeEnter { get; set; }

    /// <summary>Bytes written where the call's arguments point as it returns, before the program reads them (strace's
    /// poke_exit): as -PokeEnter.</summary>
    [Parameter]
    public IDictionary? PokeExit { get; set; }

    /// <summary>Lets the call run and replaces its result afterwards, instead of skipping it.</summary>
    [Parameter]
    public SwitchParameter AfterCall { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (SyscallNamePattern.Unknown(Name).ToList() is [_, ..] unknown)
        {
            ThrowTerminatingError(SyscallNamePattern.UnknownError(unknown));
            return;
        }
        bool results = Errno is not null || ReturnValue is not null;
        bool delays = DelayEnter > TimeSpan.Zero || DelayExit > TimeSpan.Zero || PokeEnter?.Count > 0 || PokeExit?.Count > 0;
        if ((Errno is not null && ReturnValue is not null) || (Kill && (results || Signal is not null || delays)) || !(results || Kill || Signal is not null || delays))
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                "A fault does one thing to a call: -Errno or -ReturnValue (with -Signal, delays and pokes if wanted), -Signal, "
                + "-DelayEnter/-DelayExit, -PokeEnter/-PokeExit, or -Kill alone."),
                ErrorIds.NoFaultAction, ErrorCategory.InvalidArgument, Name));
            return;
        }
        var names = new SyscallNamePattern(Name);
        if (Pokes(PokeEnter, names) is not { } pokeEnter || Pokes(PokeExit, names) is not { } pokeExit)
            return;
        int errno = 0, signal = 0;
        if (Errno is not null)
        {
            if (Hatrace.Engine.Model.Errno.Parse(Errno) is not int e)
            {
                ThrowTerminatingError(Names.UnknownErrno(Errno));
                return;
            }
            errno = e;
        }
        if (Signal is not null)
        {
            if (Hatrace.Engine.Model.Signals.Parse(Signal) is not int s)
            {
                ThrowTerminatingError(Names.UnknownSignal(Signal));
                return;
            }
            signal = s;
        }
        FaultSchedule when = FaultSchedule.Always;
        if (When is not null)
        {
            try
            {
                when = FaultSchedule.Parse(When);
            }
            catch (FormatException error)
            {
                ThrowTerminatingError(new ErrorRecord(error, ErrorIds.InvalidSchedule, ErrorCategory.InvalidArgument, When));
                return;
            }
        }
        if (DelayEnter < TimeSpan.Zero || DelayExit < TimeSpan.Zero)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentOutOfRangeException(nameof(DelayEnter), "A delay cannot be negative."),
                ErrorIds.InvalidSchedule, ErrorCategory.InvalidArgument, DelayEnter < TimeSpan.Zero ? DelayEnter : DelayExit));
            return;
        }
        WriteObject(new SyscallFault
        {
            Syscalls = names.IsMatch,
            Description = string.Join(',', Name),
            Errno = errno,
            ReturnValue = ReturnValue,
            Signal = signal,
            Kill = Kill,
            When = when,
            PathPattern = Path,
            Probability = Probability,
            Seed = Seed,
            DelayEnter = DelayEnter,
            DelayExit = DelayExit,
            AfterCall = AfterCall,
            PokeEnter = pokeEnter,
            PokeExit = pokeExit,
        });
    }

    // -PokeEnter's or -PokeExit's hashtable as the engine takes it, by argument index; null after a terminating error. An
    // argument named is the same one in every call the rule matches.
    private Dictionary<int, byte[]>? Pokes(IDictionary? table, SyscallNamePattern names)
    {
        var pokes = new Dictionary<int, byte[]>();
        foreach (DictionaryEntry poke in table ?? new Hashtable())
        {
            object key = poke.Key is PSObject wrapped ? wrapped.BaseObject : poke.Key;
            int[] places = key is string argument
                ? [.. SyscallTable.All(SyscallArch.X86_64).Where(names.IsMatch)
                    .Select(d => d.Parameters.ToList().FindIndex(p => string.Equals(p.Name, argument, StringComparison.OrdinalIgnoreCase)))
                    .Distinct()]
                : LanguagePrimitives.TryConvertTo(key, out int index) && index is >= 0 and < 6 ? [index] : [];
            byte[]? bytes = (poke.Value is PSObject value ? value.BaseObject : poke.Value) switch
            {
                string text => System.Text.Encoding.UTF8.GetBytes(text),
                var other when LanguagePrimitives.TryConvertTo(other, out byte[]? converted) => converted,
                _ => null,
            };
            if (places is not [>= 0 and var place] || bytes is not { Length: > 0 })
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                    $"Cannot poke argument '{key}' with '{poke.Value}': the key is an argument's name that every call the rule matches has at one "
                    + "place, or its index from 0 to 5, and the value bytes (a byte array, or a string written as UTF-8)."),
                    ErrorIds.InvalidPoke, ErrorCategory.InvalidArgument, poke.Key));
                return null;
            }
            pokes[place] = bytes;
        }
        return pokes;
    }
}
