using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class HatraceNative
    {
        /// <summary>HatraceSpawnedChild of hatrace_spawn.h.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct SpawnedChild
        {
            public int Pid;
            public int ReleaseFd;
            public int ErrorFd;
            public int Ready;
        }

        /// <summary>Stages of HatraceSpawnStage: where a child failed before its program started.</summary>
        internal enum SpawnStage
        {
            ChangeDirectory = 1,
            Release = 2,
            Seccomp = 3,
            Execve = 4,
            StandardStreams = 5,
            Credentials = 6,
        }

        /// <summary>Who a program runs as (HatraceCredentials of hatrace_spawn.h): its user and group, and every group it
        /// belongs to.</summary>
        internal sealed record Credentials(uint UserId, uint GroupId, uint[] Groups);

        [StructLayout(LayoutKind.Sequential)]
        private unsafe struct NativeCredentials
        {
            public uint UserId;
            public uint GroupId;
            public uint* Groups;
            public int GroupCount;
        }

        [LibraryImport(Libraries.HatraceNative, EntryPoint = "HatraceNative_Spawn")]
        private static unsafe partial int Spawn(byte* path, byte** argv, byte** envp, byte* workingDirectory, int* stdio, void* filter,
            int filterCount, ulong ignoredSignals, NativeCredentials* credentials, SpawnedChild* child);

        /// <summary>HatraceWaker of hatrace_spawn.h.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct Waker
        {
            public int Pid;
            public int ReleaseFd;
        }

        /// <summary>Forks a child that holds nothing of this process's and exits once released (hatrace_spawn.h).</summary>
        /// <returns>0, or the errno of pipe2 or fork.</returns>
        [LibraryImport(Libraries.HatraceNative, EntryPoint = "HatraceNative_StartWaker")]
        internal static partial int StartWaker(out Waker waker);

        /// <summary>Whether the calling thread may become SCHED_IDLE and take its policy back: known from CAP_SYS_NICE,
        /// or tried on a native thread of its own that ends either way (hatrace_spawn.h).</summary>
        [LibraryImport(Libraries.HatraceNative, EntryPoint = "HatraceNative_MayLeaveIdlePolicy")]
        internal static partial int MayLeaveIdlePolicy();

        [LibraryImport(Libraries.HatraceNative, EntryPoint = "HatraceNative_Release")]
        internal static partial int Release(int releaseFd);

        [LibraryImport(Libraries.HatraceNative, EntryPoint = "HatraceNative_ReadSpawnError")]
        private static unsafe partial int ReadSpawnError(int errorFd, int* stage, int* error);

        /// <summary>Forks a child that waits to be released before it calls execve (hatrace_spawn.h).
        /// The strings are marshalled before the fork, so the child touches no managed memory.</summary>
        /// <param name="filter">A classic BPF program, 8 bytes per instruction, or empty for none.</param>
        /// <param name="stdio">The child's fds 0, 1 and 2 (-1 inherits one), or null to inherit all three.</param>
        /// <param name="ignoredSignals">The signals the program starts with ignored (bit sig-1); the others get their default.</param>
        /// <param name="credentials">The user the program runs as, or null for this process's.</param>
        /// <returns>0 and the child, or the errno of pipe2 or fork.</returns>
        internal static unsafe int SpawnTraced(string path, IReadOnlyList<string> argv, IReadOnlyList<string> envp, string? workingDirectory,
            ReadOnlySpan<byte> filter, out SpawnedChild child, int[]? stdio = null, ulong ignoredSignals = 0, Credentials? credentials = null)
        {
            using var strings = new NativeStrings();
            byte* nativeDirectory = workingDirectory is null ? null : strings.Utf8(workingDirectory);
            fixed (int* stdioFds = stdio)
            fixed (byte* filterBytes = filter)
            fixed (uint* groups = credentials?.Groups)
            {
                NativeCredentials identity = Identity(credentials, groups);
                SpawnedChild spawned;
                int result = Spawn(strings.Utf8(path), strings.Vector(argv), strings.Vector(envp), nativeDirectory, stdioFds, filterBytes,
                    filter.Length / 8, ignoredSignals, credentials is null ? null : &identity, &spawned);
                child = spawned;
                return result;
            }
        }

        // credentials' native form, its groups fixed by the caller.
        private static unsafe NativeCredentials Identity(Credentials? credentials, uint* groups) => credentials is null ? default
            : new() { UserId = credentials.UserId, GroupId = credentials.GroupId, Groups = groups, GroupCount = credentials.Groups.Length };

        [LibraryImport(Libraries.HatraceNative, EntryPoint = "HatraceNative_ExecBesideTracer")]
        private static unsafe partial int ExecBesideTracer(byte* path, byte** argv, byte** envp, byte* tracerPath, byte** tracerArgv,
            byte** tracerEnvp, int isolation, ulong ignoredSignals, NativeCredentials* credentials);

        /// <summary>Starts the tracer as a grandchild, waits until it has attached to this process, and replaces this
        /// process with the program (hatrace_spawn.h). On the thread the tracer attaches to.</summary>
        /// <returns>Only on failure: the errno of execve, pipe2 or fork, or -1 when the tracer ended without attaching.</returns>
        internal static unsafe int ExecBesideTracer(string path, IReadOnlyList<string> argv, IReadOnlyList<string> envp,
            string tracerPath, IReadOnlyList<string> tracerArgv, IReadOnlyList<string> tracerEnvp, int isolation, ulong ignoredSignals,
            Credentials? credentials)
        {
            using var strings = new NativeStrings();
            fixed (uint* groups = credentials?.Groups)
            {
                NativeCredentials identity = Identity(credentials, groups);
                return ExecBesideTracer(strings.Utf8(path), strings.Vector(argv), strings.Vector(envp),
                    strings.Utf8(tracerPath), strings.Vector(tracerArgv), strings.Vector(tracerEnvp), isolation, ignoredSignals,
                    credentials is null ? null : &identity);
            }
        }

        /// <summary>Strings and NULL-ended vectors of them in native memory, marshalled before a fork so that the
        /// child touches no managed memory; freed together.</summary>
        private sealed unsafe class NativeStrings : IDisposable
        {
            private readonly List<nint> _allocations = [];

            public byte* Utf8(string s)
            {
                nint p = Marshal.StringToCoTaskMemUTF8(s);
                _allocations.Add(p);
                return (byte*)p;
            }

            public byte** Vector(IReadOnlyList<string> items)
            {
                var array = (byte**)Marshal.AllocCoTaskMem((items.Count + 1) * sizeof(nint));
                _allocations.Add((nint)array);
                for (int i = 0; i < items.Count; i++)
                    array[i] = Utf8(items[i]);
                array[items.Count] = null;
                return array;
            }

            public void Dispose()
            {
                foreach (nint p in _allocations)
                    Marshal.FreeCoTaskMem(p);
            }
        }

        /// <summary>After the child is gone: whether it failed before its program ran, and where and why.</summary>
        internal static unsafe bool TryReadSpawnError(int errorFd, out SpawnStage stage, out int error)
        {
            int s = 0, e = 0;
            bool failed = ReadSpawnError(errorFd, &s, &e) == 1;
            stage = (SpawnStage)s;
            error = e;
            return failed;
        }
    }
}
