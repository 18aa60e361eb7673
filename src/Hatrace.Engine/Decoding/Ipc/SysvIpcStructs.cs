using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Ipc;

/// <summary>The structures of System V IPC's control calls as x86_64's kernel lays them out (the 64-bit
/// <c>*64_ds</c> forms of asm-generic/ipcbuf.h, shmbuf.h and msgbuf.h), and how strace prints them: every field it
/// shows at IPC_STAT, only those the kernel reads at IPC_SET.</summary>
internal static class SysvIpcStructs
{
    /// <summary>struct ipc64_perm (include/uapi/asm-generic/ipcbuf.h): who owns the object, and its mode.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 48)]
    internal struct IpcPerm : IKernelStruct<IpcPerm>
    {
        public int key;
        public uint uid, gid, cuid, cgid, mode;
        public ushort seq;

        public static string TypeName => "ipc64_perm";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("key", key), new("uid", uid), new("gid", gid), new("cuid", cuid), new("cgid", cgid), new("mode", mode),
            new("seq", seq),
        ];
    }

    /// <summary>struct shmid64_ds (include/uapi/asm-generic/shmbuf.h), 64-bit.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 112)]
    internal struct ShmidDs : IKernelStruct<ShmidDs>
    {
        public IpcPerm shm_perm;
        public ulong shm_segsz;
        public long shm_atime, shm_dtime, shm_ctime;
        public int shm_cpid, shm_lpid;
        public ulong shm_nattch;

        public static string TypeName => "shmid64_ds";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("shm_perm", StructValue.Of(shm_perm)), new("shm_segsz", shm_segsz), new("shm_atime", shm_atime),
            new("shm_dtime", shm_dtime), new("shm_ctime", shm_ctime), new("shm_cpid", new ProcessIdValue(shm_cpid)),
            new("shm_lpid", new ProcessIdValue(shm_lpid)), new("shm_nattch", shm_nattch),
        ];
    }

    /// <summary>struct msqid64_ds (include/uapi/asm-generic/msgbuf.h), 64-bit.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 120)]
    internal struct MsqidDs : IKernelStruct<MsqidDs>
    {
        public IpcPerm msg_perm;
        public long msg_stime, msg_rtime, msg_ctime;
        public ulong msg_cbytes, msg_qnum, msg_qbytes;
        public int msg_lspid, msg_lrpid;

        public static string TypeName => "msqid64_ds";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("msg_perm", StructValue.Of(msg_perm)), new("msg_stime", msg_stime), new("msg_rtime", msg_rtime),
            new("msg_ctime", msg_ctime), new("msg_cbytes", msg_cbytes), new("msg_qnum", msg_qnum),
            new("msg_qbytes", msg_qbytes), new("msg_lspid", new ProcessIdValue(msg_lspid)),
            new("msg_lrpid", new ProcessIdValue(msg_lrpid)),
        ];
    }

    /// <summary>struct semid64_ds (arch/x86/include/uapi/asm/sembuf.h), 64-bit: each time is followed by an unused word.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 104)]
    internal struct SemidDs : IKernelStruct<SemidDs>
    {
        [FieldOffset(0)] public IpcPerm sem_perm;
        [FieldOffset(48)] public long sem_otime;
        [FieldOffset(64)] public long sem_ctime;
        [FieldOffset(80)] public ulong sem_nsems;

        public static string TypeName => "semid64_ds";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("sem_perm", StructValue.Of(sem_perm)), new("sem_otime", sem_otime), new("sem_ctime", sem_ctime),
            new("sem_nsems", sem_nsems),
        ];
    }

    /// <summary>struct seminfo (include/uapi/linux/sem.h): the limits semctl's IPC_INFO and SEM_INFO report.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SemInfo : IKernelStruct<SemInfo>
    {
        public int semmap, semmni, semmns, semmnu, semmsl, semopm, semume, semusz, semvmx, semaem;

        public static string TypeName => "seminfo";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("semmap", semmap), new("semmni", semmni), new("semmns", semmns), new("semmnu", semmnu), new("semmsl", semmsl),
            new("semopm", semopm), new("semume", semume), new("semusz", semusz), new("semvmx", semvmx), new("semaem", semaem),
        ];
    }

    /// <summary>struct shminfo64 (include/uapi/asm-generic/shmbuf.h): the limits shmctl's IPC_INFO reports.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 72)]
    internal struct ShmInfo64 : IKernelStruct<ShmInfo64>
    {
        public ulong shmmax, shmmin, shmmni, shmseg, shmall;

        public static string TypeName => "shminfo64";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("shmmax", shmmax), new("shmmin", shmmin), new("shmmni", shmmni), new("shmseg", shmseg), new("shmall", shmall)];
    }

    /// <summary>struct shm_info (include/uapi/linux/shm.h): the use shmctl's SHM_INFO reports.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ShmUsage : IKernelStruct<ShmUsage>
    {
        public int used_ids;
        public ulong shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;

        public static string TypeName => "shm_info";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("used_ids", used_ids), new("shm_tot", shm_tot), new("shm_rss", shm_rss), new("shm_swp", shm_swp),
            new("swap_attempts", swap_attempts), new("swap_successes", swap_successes),
        ];
    }

    /// <summary>struct msginfo (include/uapi/linux/msg.h): the limits msgctl's IPC_INFO and MSG_INFO report.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MsgInfo : IKernelStruct<MsgInfo>
    {
        public int msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql;
        public ushort msgseg;

        public static string TypeName => "msginfo";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("msgpool", msgpool), new("msgmap", msgmap), new("msgmax", msgmax), new("msgmnb", msgmnb),
            new("msgmni", msgmni), new("msgssz", msgssz), new("msgtql", msgtql), new("msgseg", msgseg),
        ];
    }

    /// <summary>struct sembuf (include/uapi/linux/sem.h): one operation of semop.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Sembuf : IKernelStruct<Sembuf>
    {
        public ushort sem_num;
        public short sem_op, sem_flg;

        public static string TypeName => "sembuf";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("sem_num", sem_num), new("sem_op", sem_op), new("sem_flg", new FlagsValue((ushort)sem_flg, s_semFlags))];
    }

    private static readonly FlagSet s_semFlags = new("sem_flags", "SEM_???");

    internal static string Format(Sembuf op, StraceRenderer render) => new StructWriter()
        .Field("sem_num", op.sem_num).Field("sem_op", op.sem_op).Field("sem_flg", s_semFlags.Format((ushort)op.sem_flg, render)).ToString();

    /// <summary>The owner and mode: all of them as IPC_STAT reads them, or the three IPC_SET sets.</summary>
    private static string Format(IpcPerm perm, bool all)
    {
        var text = new StructWriter().Field("uid", Id(perm.uid)).Field("gid", Id(perm.gid)).Field("mode", Octal(perm.mode));
        if (all)
            text.Field("key", perm.key).Field("cuid", Id(perm.cuid)).Field("cgid", Id(perm.cgid));
        return text.ToString();
    }

    // The mode word whole in octal (037777777777 for all bits), not only a file mode's 16 bits.
    private static string Octal(uint mode) => "0" + Convert.ToString(mode, 8).PadLeft(2, '0');

    // An id is unsigned but for -1, which means "unchanged" to the kernel and prints so.
    private static string Id(uint id) => id == uint.MaxValue ? "-1" : id.ToString(CultureInfo.InvariantCulture);

    internal static string FormatStat(ShmidDs ds, StraceRenderer render) => new StructWriter()
        .Field("shm_perm", Format(ds.shm_perm, all: true)).Field("shm_segsz", Unsigned(ds.shm_segsz))
        .Field("shm_cpid", render.ProcessId(ds.shm_cpid)).Field("shm_lpid", render.ProcessId(ds.shm_lpid))
        .Field("shm_nattch", Unsigned(ds.shm_nattch)).Field("shm_atime", ds.shm_atime).Field("shm_dtime", ds.shm_dtime)
        .Field("shm_ctime", ds.shm_ctime).ToString();

    internal static string FormatSet(ShmidDs ds) => new StructWriter().Field("shm_perm", Format(ds.shm_perm, all: false)).ToString();

    internal static string FormatStat(MsqidDs ds, StraceRenderer render) => new StructWriter()
        .Field("msg_perm", Format(ds.msg_perm, all: true)).Field("msg_stime", ds.msg_stime).Field("msg_rtime", ds.msg_rtime)
        .Field("msg_ctime", ds.msg_ctime).Field("msg_qnum", Unsigned(ds.msg_qnum)).Field("msg_qbytes", Unsigned(ds.msg_qbytes))
        .Field("msg_lspid", render.ProcessId(ds.msg_lspid)).Field("msg_lrpid", render.ProcessId(ds.msg_lrpid)).ToString();

    internal static string FormatSet(MsqidDs ds) => new StructWriter()
        .Field("msg_perm", Format(ds.msg_perm, all: false)).Field("msg_qbytes", Unsigned(ds.msg_qbytes)).ToString();

    internal static string FormatStat(SemidDs ds) => new StructWriter()
        .Field("sem_perm", Format(ds.sem_perm, all: true)).Field("sem_otime", ds.sem_otime).Field("sem_ctime", ds.sem_ctime)
        .Field("sem_nsems", Unsigned(ds.sem_nsems)).ToString();

    internal static string FormatSet(SemidDs ds) => new StructWriter().Field("sem_perm", Format(ds.sem_perm, all: false)).ToString();

    internal static string Format(SemInfo info) => new StructWriter()
        .Field("semmap", info.semmap).Field("semmni", info.semmni).Field("semmns", info.semmns).Field("semmnu", info.semmnu)
        .Field("semmsl", info.semmsl).Field("semopm", info.semopm).Field("semume", info.semume).Field("semusz", info.semusz)
        .Field("semvmx", info.semvmx).Field("semaem", info.semaem).ToString();

    internal static string Format(ShmInfo64 info) => new StructWriter()
        .Field("shmmax", Unsigned(info.shmmax)).Field("shmmin", Unsigned(info.shmmin)).Field("shmmni", Unsigned(info.shmmni))
        .Field("shmseg", Unsigned(info.shmseg)).Field("shmall", Unsigned(info.shmall)).ToString();

    internal static string Format(ShmUsage usage) => new StructWriter()
        .Field("used_ids", usage.used_ids).Field("shm_tot", Unsigned(usage.shm_tot)).Field("shm_rss", Unsigned(usage.shm_rss))
        .Field("shm_swp", Unsigned(usage.shm_swp)).Field("swap_attempts", Unsigned(usage.swap_attempts))
        .Field("swap_successes", Unsigned(usage.swap_successes)).ToString();

    internal static string Format(MsgInfo info) => new StructWriter()
        .Field("msgpool", info.msgpool).Field("msgmap", info.msgmap).Field("msgmax", info.msgmax).Field("msgmnb", info.msgmnb)
        .Field("msgmni", info.msgmni).Field("msgssz", info.msgssz).Field("msgtql", info.msgtql).Field("msgseg", info.msgseg).ToString();

    private static string Unsigned(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
