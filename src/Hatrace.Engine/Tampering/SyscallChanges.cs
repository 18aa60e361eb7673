namespace Hatrace.Engine.Tampering;

/// <summary>What the tracer is to change in one call, gathered from fault rules and hooks and applied on the
/// tracer thread: registers at entry (number, arguments), the return value at exit, a signal, a delay.</summary>
internal sealed class SyscallChanges
{
    /// <summary>The syscall number to run at entry; -1 skips the call.</summary>
    internal long? Number { get; set; }

    /// <summary>Argument registers to replace at entry, by index.</summary>
    internal Dictionary<int, long> Arguments { get; } = [];

    /// <summary>Data to copy into the tracee at entry, for an argument to point to.</summary>
    internal Dictionary<int, byte[]> ArgumentData { get; } = [];

    /// <summary>Bytes to write where arguments point, by index, at entry and at exit.</summary>
    internal List<KeyValuePair<int, byte[]>> PokeEnter { get; } = [];

    internal List<KeyValuePair<int, byte[]>> PokeExit { get; } = [];

    /// <summary>The raw return value to set at exit: a failure is the negated errno.</summary>
    internal long? Result { get; set; }

    /// <summary>A signal sent to the thread at entry, delivered when the call returns; 0 for none.</summary>
    internal int Signal { get; set; }

    /// <summary>Kill the process at entry.</summary>
    internal bool Kill { get; set; }

    internal TimeSpan DelayEnter { get; set; }

    internal TimeSpan DelayExit { get; set; }

    /// <summary>Memory was written while the call was stopped: its outputs are decoded again.</summary>
    internal bool MemoryWritten { get; set; }

    /// <summary>What changed, in words, for <see cref="Model.SyscallEvent.Tampering"/>.</summary>
    internal List<string> Notes { get; } = [];

    internal bool ChangesEntry => Number is not null || Arguments.Count > 0 || ArgumentData.Count > 0;
}
