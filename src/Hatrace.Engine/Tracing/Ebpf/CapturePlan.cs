using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Tracing.Ebpf;

/// <summary>What the kernel program reads of each call's memory, derived from the kernel's prototypes: the argument's
/// kind, and for pointers its C type (an iovec array, directory entries, a buffer with its length beside it). The
/// decoders then find in the captured bytes what they would read from the live process; what was not captured prints as
/// its address. Mirrors hatrace_call_plan of hatrace_trace.h.</summary>
internal static class CapturePlan
{
    internal const int MaxSyscall = 512;

    // Bytes of a structure behind a pointer whose size nothing else gives: enough for the structures calls take (struct
    // stat is 144, statx 256, a sockaddr at most 128); the few larger ones are listed.
    private const uint StructWindow = 256;
    private static readonly Dictionary<string, uint> s_largeStructs = new(StringComparer.Ordinal)
    {
        ["struct new_utsname"] = 390,
        ["struct rusage"] = 144,
        ["struct perf_event_attr"] = 512,
        ["struct sched_attr"] = 512,
        ["struct clone_args"] = 512,
    };

    // Calls whose "unsigned long" arguments are addresses where another argument says so (prctl's PR_SET_NAME and
    // PR_GET_PDEATHSIG, keyctl's, ptrace's data, semctl's union of a number and pointers): each is read as a structure of
    // this size too, which costs a failed read where it is no address. fcntl's, as frequent as it is, and a number but
    // for its locks, is left out.
    private static readonly HashSet<string> s_numbersThatMayBeAddresses = new(StringComparer.Ordinal)
    {
        "prctl", "arch_prctl", "keyctl", "ptrace", "semctl",
    };
    private const uint NumberWindow = 128;

    // An ioctl argument's bytes where the request does not give their size, as the old requests do not: struct
    // loop_config (LOOP_CONFIGURE) is 304.
    private const uint IoctlWindow = 512;

    private const uint PathBytes = 4097; // PATH_MAX and the byte after it, to tell a path cut short

    // What a socket call's data may hold: netlink messages are decoded whole, and a dump's reply is a few pages.
    private const uint MessageBytes = 16384;

    internal enum Kind : byte { None, String, Fixed, ArgLength, ResultLength, StringArray, Iovecs, Stack, Msghdr, Ioctl, Mmsghdr }

    // rt_sigreturn's text is the mask in the signal frame at the stack pointer (SignalDecoders): the frame up to it.
    private const uint SignalFrameBytes = 8 + 8 + 24 + 256 + 8;

    [Flags]
    internal enum Phase : byte { Entry = 1, Exit = 2, ExitFailed = 4 }

    // Outputs the kernel writes when the call fails too, which the decoders print then: a sleep's time left when a
    // signal cut it short, the size a structure should have had (E2BIG), a file handle's (EOVERFLOW).
    private static readonly Dictionary<string, int> s_writtenOnFailure = new(StringComparer.Ordinal)
    {
        ["nanosleep"] = 1,
        ["clock_nanosleep"] = 3,
        ["sched_setattr"] = 1,
        ["perf_event_open"] = 0,
        ["name_to_handle_at"] = 2,
    };

    [StructLayout(LayoutKind.Sequential)]
    internal struct ArgPlan
    {
        public Kind Kind;
        public Phase Phases;
        public byte LengthArg;
        public byte Shift;
        public uint Size;
    }

    [InlineArray(6)]
    internal struct ArgPlans
    {
        private ArgPlan _first;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct CallPlan
    {
        public uint Traced;
        public uint EntryRecord;
        public uint Socket;
        public uint ExitCapture;
        public ArgPlans Args;
    }

    /// <summary>The plan of every x86_64 call number below <see cref="MaxSyscall"/>; <paramref name="traced"/> says which
    /// calls are recorded at all (all when null).</summary>
    internal static CallPlan[] Build(Func<SyscallDefinition, bool>? traced, int stringLength)
    {
        var plans = new CallPlan[MaxSyscall];
        // Numbers the kernel does not name are recorded only when every call is.
        for (int n = 0; n < plans.Length; n++)
            plans[n].Traced = traced is null ? 1u : 0u;
        foreach (SyscallDefinition definition in SyscallTable.All(SyscallArch.X86_64))
        {
            if (definition.Number >= MaxSyscall)
                continue;
            ref CallPlan plan = ref plans[definition.Number];
            plan.Traced = traced?.Invoke(definition) ?? true ? 1u : 0u;
            // The socket calls (their first parameter is a socket): netlink messages are decoded by the socket's protocol.
            plan.Socket = definition.Parameters is [{ Name: "sockfd" }, ..] ? 1u : 0u;
            if (definition.Name == "rt_sigreturn")
            {
                plan.Args[0] = new ArgPlan { Kind = Kind.Stack, Phases = Phase.Entry, Size = SignalFrameBytes };
                plan.EntryRecord = 1;
            }
            for (int i = 0; i < definition.Parameters.Count && i < 6; i++)
            {
                plan.Args[i] = Of(definition, i, stringLength);
                if ((plan.Args[i].Phases & Phase.Entry) != 0)
                    plan.EntryRecord = 1;
                if ((plan.Args[i].Phases & Phase.Exit) != 0)
                    plan.ExitCapture = 1;
            }
            if (s_writtenOnFailure.TryGetValue(definition.Name, out int written))
            {
                plan.Args[written].Phases |= Phase.ExitFailed;
                plan.ExitCapture = 2;
            }
        }
        return plans;
    }

    private static ArgPlan Of(SyscallDefinition definition, int index, int stringLength)
    {
        SyscallParameter parameter = definition.Parameters[index];
        // Buffers print -s bytes; netlink messages and the like are decoded whole, so a little more is kept.
        uint buffer = (uint)Math.Max(stringLength + 1, 1024);
        bool reads = definition.Name.Contains("read", StringComparison.Ordinal) || definition.Name.Contains("recv", StringComparison.Ordinal);
        int next = index + 1 < definition.Parameters.Count ? index + 1 : -1;
        switch (parameter.Kind)
        {
            case ArgumentKind.Path:
            case ArgumentKind.String:
                return new ArgPlan { Kind = Kind.String, Phases = Phase.Entry, Size = PathBytes };
            case ArgumentKind.InputBuffer:
                return new ArgPlan { Kind = Kind.ArgLength, Phases = Phase.Entry, LengthArg = (byte)parameter.LengthIndex, Size = buffer };
            case ArgumentKind.OutputBuffer:
                return new ArgPlan { Kind = Kind.ResultLength, Phases = Phase.Exit, Size = buffer };
            case ArgumentKind.StringArray:
            case ArgumentKind.EnvironmentArray:
                return new ArgPlan { Kind = Kind.StringArray, Phases = Phase.Entry, Size = (uint)stringLength + 1 };
        }
        // ioctl's argument is a number or a pointer, as the request says: read it as a structure, which costs nothing when
        // it is no address, of the size the request gives where that is more (struct dm_ioctl, kvm_sregs: 312 bytes).
        if (definition.Name == "ioctl" && index == 2)
            return new ArgPlan { Kind = Kind.Ioctl, Phases = Phase.Entry | Phase.Exit, LengthArg = 1, Size = IoctlWindow };
        if (parameter.Type == "unsigned long" && s_numbersThatMayBeAddresses.Contains(definition.Name))
            return new ArgPlan { Kind = Kind.Fixed, Phases = Phase.Entry | Phase.Exit, Size = NumberWindow };
        // A pointer its typedef names (capget's cap_user_header_t and cap_user_data_t): read as a structure.
        if (parameter.Kind == ArgumentKind.Pointer && !parameter.Type.Contains('*', StringComparison.Ordinal))
            return new ArgPlan { Kind = Kind.Fixed, Phases = Phase.Entry | Phase.Exit, Size = StructWindow };
        if (parameter.Kind != ArgumentKind.Pointer || !parameter.Type.Contains("__user *", StringComparison.Ordinal))
            return default;
        string type = parameter.Type.Replace("const ", "", StringComparison.Ordinal).Replace(" __user *", "", StringComparison.Ordinal);
        // What readv fills, at its exit; the iovecs at its entry too, which a failed call prints.
        if (type == "struct iovec" && next >= 0)
        {
            return reads
                ? new ArgPlan { Kind = Kind.Iovecs, Phases = Phase.Entry | Phase.Exit, LengthArg = (byte)next, Shift = 1, Size = buffer }
                : new ArgPlan { Kind = Kind.Iovecs, Phases = Phase.Entry, LengthArg = (byte)next, Size = buffer };
        }
        // A message's name, control data and iovecs; what recvmsg fills, at its exit.
        if (type == "struct user_msghdr")
            return new ArgPlan { Kind = Kind.Msghdr, Phases = Phase.Entry | Phase.Exit, Shift = reads ? (byte)1 : (byte)0, Size = MessageBytes };
        if (type == "struct mmsghdr" && next >= 0)
            return new ArgPlan { Kind = Kind.Mmsghdr, Phases = Phase.Entry | Phase.Exit, LengthArg = (byte)next, Shift = reads ? (byte)1 : (byte)0, Size = MessageBytes };
        if (type is "struct linux_dirent64" or "struct linux_dirent")
            return new ArgPlan { Kind = Kind.ResultLength, Phases = Phase.Exit, Size = 32768 };
        // A buffer with its length after it (recvfrom, sendto, getxattr...): what the call read or wrote. Not a number
        // after it that is no length (landlock_add_rule's flags, fsconfig's aux): the structure or string is read then.
        if (type is "void" or "char" && next >= 0 && IsLength(definition.Parameters[next]))
        {
            uint size = definition.Parameters[0].Name == "sockfd" ? MessageBytes : buffer;
            return reads || definition.Name.StartsWith("get", StringComparison.Ordinal) || definition.Name.Contains("listxattr", StringComparison.Ordinal)
                ? new ArgPlan { Kind = Kind.ResultLength, Phases = Phase.Exit, Size = size }
                : new ArgPlan { Kind = Kind.ArgLength, Phases = Phase.Entry, LengthArg = (byte)next, Size = size };
        }
        return new ArgPlan { Kind = Kind.Fixed, Phases = Phase.Entry | Phase.Exit, Size = s_largeStructs.GetValueOrDefault(type, StructWindow) };
    }

    // A size_t, or a number named as a length (count, optlen, bufsiz, plen, argsz...).
    private static bool IsLength(SyscallParameter parameter) =>
        parameter.Kind is ArgumentKind.UInt or ArgumentKind.Int
        && (parameter.Type == "size_t" || s_lengthNames.Any(end => parameter.Name.EndsWith(end, StringComparison.Ordinal)));

    private static readonly string[] s_lengthNames = ["len", "size", "siz", "count", "sz"];
}
