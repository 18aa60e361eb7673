using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tampering;
using static Interop.Libc;

namespace Hatrace.Engine.Tracing;

/// <summary>The tracer's side of tampering: fault rules and hooks decide at a call's entry and exit, and the
/// changes are made here, on the tracer thread, before the thread resumes.</summary>
internal sealed partial class Tracer
{
    private readonly FaultRules _faults;
    private readonly List<(long Due, int ThreadId, int Signal)> _delayed = [];

    /// <summary>At a call's entry, once decoded: applies the fault rules that hit it and, for a hooked call, what the
    /// reader changes. Returns how long to hold the thread before it runs the call.</summary>
    private TimeSpan TamperEntry(Tracee tracee, SyscallEvent call, ref PtraceSyscallInfo info, bool emitted)
    {
        SyscallChanges? changes = null;
        if (!_faults.IsEmpty && call.Definition is { } definition && _faults.Covers(definition))
        {
            var ruled = new SyscallChanges();
            string? path = call.Path ?? (_faults.NeedsPath(definition) ? DescriptorPathOf(call) : null);
            if (_faults.Apply(call, path, ruled))
                changes = ruled;
        }
        if (emitted && call.Definition is { } hooked && _options.HookEntry?.Invoke(hooked) == true)
        {
            changes ??= new SyscallChanges();
            var stop = new SyscallStop(call, atEntry: true, changes);
            if (!Hold(stop))
                return TimeSpan.Zero;
            ApplyEntry(tracee, call, ref info, changes);
            stop.Finished();
        }
        else if (changes is not null)
        {
            ApplyEntry(tracee, call, ref info, changes);
        }
        tracee.Pending.Changes = changes;
        return changes?.DelayEnter ?? TimeSpan.Zero;
    }

    private void ApplyEntry(Tracee tracee, SyscallEvent call, ref PtraceSyscallInfo info, SyscallChanges changes)
    {
        bool registers = changes.ChangesEntry
            && SyscallRegisters.SetEntry(tracee.ThreadId, ref info, call.Arch, changes, _options.UseRegisterSets);
        bool poked = Poke(tracee, call, changes.PokeEnter);
        if (registers || poked)
        {
            tracee.Pending.BeginRevision();
            try
            {
                // A call made through socketcall has its arguments in memory, not in the registers.
                if (!Socketcall.MadeThrough(call))
                {
                    unsafe
                    {
                        for (int i = 0; i < 6; i++)
                            call.SetRawArgument(i, (long)info.Args[i]);
                    }
                }
                // The record shows what the call received.
                if (poked || changes.Arguments.Count > 0 || changes.ArgumentData.Count > 0)
                    tracee.Pending.DeferredArguments = _decoder.DecodeEntry(call);
            }
            finally
            {
                tracee.Pending.EndRevision();
            }
        }
        if (changes.Kill)
            Kill(tracee.ProcessId, SIGKILL);
        else
            tracee.ResumeSignal = changes.Signal; // the kernel sends it as the thread resumes (si_code SI_KERNEL), as strace's signal=
    }

    /// <summary>At a call's exit, once completed and decoded: sets the result the rules or the entry hook chose,
    /// and holds a hooked call for the reader. Returns how long to hold the thread before it
    /// goes on; <paramref name="handedOver"/> when the call went to the reader as a stop (and must not be emitted again).</summary>
    private TimeSpan TamperExit(Tracee tracee, SyscallEvent call, ref PtraceSyscallInfo info, bool emitted, out bool handedOver)
    {
        handedOver = false;
        SyscallChanges? changes = tracee.Pending.Changes;
        tracee.Pending.Changes = null;
        if (changes?.Result is long result)
            SetResult(tracee, call, ref info, changes, result);

        if (emitted && call.Definition is { } hooked && _options.HookExit?.Invoke(hooked) == true)
        {
            changes ??= new SyscallChanges();
            long? before = changes.Result;
            var stop = new SyscallStop(call, atEntry: false, changes);
            handedOver = true;
            if (!Hold(stop))
                return TimeSpan.Zero;
            if (changes.Result is long changed && changed != before)
                SetResult(tracee, call, ref info, changes, changed);
            else if (changes.MemoryWritten)
                _decoder.Redecode(call);
            call.NoteTampering(changes.Notes);
            stop.Finished();
            return changes.DelayExit;
        }
        if (changes is not null)
            call.NoteTampering(changes.Notes);
        return changes?.DelayExit ?? TimeSpan.Zero;
    }

    /// <summary>At a call's exit, before its outputs are decoded: writes what fault rules poke there.</summary>
    private static void PokeExit(Tracee tracee, SyscallEvent call)
    {
        if (tracee.Pending.Changes is { PokeExit.Count: > 0 } changes)
            Poke(tracee, call, changes.PokeExit);
    }

    // Writes each poke where its argument points; true when one was written. One that cannot be (an argument that is
    // no address, or that the call does not have) is left out, as strace leaves it.
    private static bool Poke(Tracee tracee, SyscallEvent call, List<KeyValuePair<int, byte[]>> pokes)
    {
        bool written = false;
        foreach ((int index, byte[] data) in pokes)
        {
            try
            {
                if (index < 6)
                {
                    TraceeMemory.Write(tracee.ThreadId, (ulong)call.GetRawArgument(index), data);
                    written = call.ArgumentsInjected = true;
                }
            }
            catch (IOException)
            {
            }
        }
        return written;
    }

    private void SetResult(Tracee tracee, SyscallEvent call, ref PtraceSyscallInfo info, SyscallChanges changes, long result)
    {
        if (!SyscallRegisters.SetExit(tracee.ThreadId, ref info, result, _options.UseRegisterSets))
            return;
        call.InjectResult(result, ran: changes.Number != -1);
        _decoder.Redecode(call);
    }

    /// <summary>A call that will never return was changed: its record still says how.</summary>
    private static void NoteUnfinished(Tracee tracee, SyscallEvent call)
    {
        if (tracee.Pending.Changes is { } changes)
            call.NoteTampering(changes.Notes);
        tracee.Pending.Changes = null;
    }

    // Hands the stop to the reader and waits until it resumes the call; false when the session stops first.
    private bool Hold(SyscallStop stop)
    {
        _waiter.WaitElsewhere();
        Emit(stop);
        if (stop.WaitForResume(_stopping.Token))
            return true;
        stop.Finished();
        return false;
    }

    /// <summary>Resumes the thread from a syscall stop now, or after <paramref name="delay"/> (the tracer goes on with
    /// the others meanwhile), with the signal a fault rule chose.</summary>
    private void ResumeAfter(Tracee tracee, TimeSpan delay)
    {
        int signal = tracee.ResumeSignal;
        tracee.ResumeSignal = 0;
        if (delay <= TimeSpan.Zero)
            Resume(tracee.ThreadId, signal);
        else
            _delayed.Add((TraceClock.Now() + (long)(delay.TotalSeconds * System.Diagnostics.Stopwatch.Frequency), tracee.ThreadId, signal));
    }

    /// <summary>waitpid while some threads are held for a delay: polls, resuming each when its time comes; with usage as
    /// <see cref="StopWaiter.Wait"/>.</summary>
    private unsafe int WaitWithDelays(int* status, ResourceUsage* usage)
    {
        _waiter.WaitElsewhere();
        while (true)
        {
            long now = TraceClock.Now();
            for (int i = _delayed.Count - 1; i >= 0; i--)
            {
                if (_delayed[i].Due <= now)
                {
                    Resume(_delayed[i].ThreadId, _delayed[i].Signal);
                    _delayed.RemoveAt(i);
                }
            }
            if (_delayed.Count == 0)
                return Wait4(-1, status, __WALL | __WNOTHREAD, usage);
            int tid = Wait4(-1, status, __WALL | __WNOTHREAD | WNOHANG, usage);
            if (tid != 0)
                return tid;
            Thread.Sleep(1);
        }
    }

    // The path of the call's first descriptor argument, for a rule that matches on paths.
    private static string? DescriptorPathOf(SyscallEvent call)
    {
        if (call.FdPath is { } known)
            return known;
        IReadOnlyList<SyscallParameter> parameters = call.Definition?.Parameters ?? [];
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Kind == ArgumentKind.Fd)
                return Decoding.Descriptors.DescriptorDescriber.PathOf(call.ThreadId, (int)call.GetRawArgument(i));
        }
        return null;
    }

    // A thread held for a delay that dies meanwhile must not be resumed later (its id may be reused).
    private void ForgetDelayed(int tid) => _delayed.RemoveAll(d => d.ThreadId == tid);
}
