using System.Runtime.InteropServices;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>The structures quotactl's commands read and write, as x86_64's kernel lays them out
/// (include/uapi/linux/quota.h for the generic commands, include/uapi/linux/dqblk_xfs.h for XFS's Q_X* ones), and how
/// strace prints them: the limits and use whole, times, warnings and real-time fields only with -v.</summary>
internal static class QuotaStructs
{
    private static readonly FlagSet s_validFlags = new("quota_valid_flags", "QIF_???");
    private static readonly FlagSet s_infoValidFlags = new("quota_info_valid_flags", "IIF_???");
    private static readonly FlagSet s_infoFlags = new("quota_info_flags", "DQF_???");
    internal static readonly FlagSet StateFlags = new("xfs_quota_state_flags", "FS_QUOTA_???");
    internal static readonly FlagSet Types = new("xfs_quota_types", "FS_???_QUOTA");

    /// <summary>struct if_dqblk: one id's limits and use (Q_GETQUOTA, Q_SETQUOTA).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Dqblk : IKernelStruct<Dqblk>
    {
        public ulong dqb_bhardlimit, dqb_bsoftlimit, dqb_curspace, dqb_ihardlimit, dqb_isoftlimit, dqb_curinodes, dqb_btime, dqb_itime;
        public uint dqb_valid;

        public static string TypeName => "if_dqblk";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("dqb_bhardlimit", dqb_bhardlimit), new("dqb_bsoftlimit", dqb_bsoftlimit), new("dqb_curspace", dqb_curspace),
            new("dqb_ihardlimit", dqb_ihardlimit), new("dqb_isoftlimit", dqb_isoftlimit), new("dqb_curinodes", dqb_curinodes),
            new("dqb_btime", dqb_btime), new("dqb_itime", dqb_itime), new("dqb_valid", new FlagsValue(dqb_valid, s_validFlags)),
        ];
    }

    /// <summary>struct if_nextdqblk: struct if_dqblk and the id it is of (Q_GETNEXTQUOTA).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NextDqblk : IKernelStruct<NextDqblk>
    {
        public ulong dqb_bhardlimit, dqb_bsoftlimit, dqb_curspace, dqb_ihardlimit, dqb_isoftlimit, dqb_curinodes, dqb_btime, dqb_itime;
        public uint dqb_valid, dqb_id;

        public static string TypeName => "if_nextdqblk";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            .. AsDqblk.Fields(), new("dqb_id", dqb_id),
        ];

        internal readonly Dqblk AsDqblk => new()
        {
            dqb_bhardlimit = dqb_bhardlimit, dqb_bsoftlimit = dqb_bsoftlimit, dqb_curspace = dqb_curspace,
            dqb_ihardlimit = dqb_ihardlimit, dqb_isoftlimit = dqb_isoftlimit, dqb_curinodes = dqb_curinodes,
            dqb_btime = dqb_btime, dqb_itime = dqb_itime, dqb_valid = dqb_valid,
        };
    }

    /// <summary>struct if_dqinfo: the grace times and flags of a quota file (Q_GETINFO, Q_SETINFO).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Dqinfo : IKernelStruct<Dqinfo>
    {
        public ulong dqi_bgrace, dqi_igrace;
        public uint dqi_flags, dqi_valid;

        public static string TypeName => "if_dqinfo";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("dqi_bgrace", dqi_bgrace), new("dqi_igrace", dqi_igrace), new("dqi_flags", new FlagsValue(dqi_flags, s_infoFlags)),
            new("dqi_valid", new FlagsValue(dqi_valid, s_infoValidFlags)),
        ];
    }

    /// <summary>struct fs_disk_quota: XFS's limits, use and timers of one id (Q_XGETQUOTA, Q_XSETQLIM, Q_XGETNEXTQUOTA).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 112)]
    internal struct DiskQuota : IKernelStruct<DiskQuota>
    {
        [FieldOffset(0)] public sbyte d_version;
        [FieldOffset(1)] public sbyte d_flags;
        [FieldOffset(2)] public ushort d_fieldmask;
        [FieldOffset(4)] public uint d_id;
        [FieldOffset(8)] public ulong d_blk_hardlimit;
        [FieldOffset(16)] public ulong d_blk_softlimit;
        [FieldOffset(24)] public ulong d_ino_hardlimit;
        [FieldOffset(32)] public ulong d_ino_softlimit;
        [FieldOffset(40)] public ulong d_bcount;
        [FieldOffset(48)] public ulong d_icount;
        [FieldOffset(56)] public int d_itimer;
        [FieldOffset(60)] public int d_btimer;
        [FieldOffset(64)] public ushort d_iwarns;
        [FieldOffset(66)] public ushort d_bwarns;
        [FieldOffset(72)] public ulong d_rtb_hardlimit;
        [FieldOffset(80)] public ulong d_rtb_softlimit;
        [FieldOffset(88)] public ulong d_rtbcount;
        [FieldOffset(96)] public int d_rtbtimer;
        [FieldOffset(100)] public ushort d_rtbwarns;

        public static string TypeName => "fs_disk_quota";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("d_version", d_version), new("d_flags", new FlagsValue((byte)d_flags, Types)), new("d_fieldmask", d_fieldmask),
            new("d_id", d_id), new("d_blk_hardlimit", d_blk_hardlimit), new("d_blk_softlimit", d_blk_softlimit),
            new("d_ino_hardlimit", d_ino_hardlimit), new("d_ino_softlimit", d_ino_softlimit), new("d_bcount", d_bcount),
            new("d_icount", d_icount), new("d_itimer", d_itimer), new("d_btimer", d_btimer), new("d_iwarns", d_iwarns),
            new("d_bwarns", d_bwarns), new("d_rtb_hardlimit", d_rtb_hardlimit), new("d_rtb_softlimit", d_rtb_softlimit),
            new("d_rtbcount", d_rtbcount), new("d_rtbtimer", d_rtbtimer), new("d_rtbwarns", d_rtbwarns),
        ];
    }

    /// <summary>struct fs_qfilestat: where a quota type's file lies, in struct fs_quota_stat; struct fs_qfilestatv of
    /// struct fs_quota_statv has the same fields where this one has its padding.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct QuotaFileStat : IKernelStruct<QuotaFileStat>
    {
        public ulong qfs_ino, qfs_nblks;
        public uint qfs_nextents;

        public static string TypeName => "fs_qfilestat";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("qfs_ino", qfs_ino), new("qfs_nblks", qfs_nblks), new("qfs_nextents", qfs_nextents)];
    }

    /// <summary>struct fs_quota_stat: XFS's quota state, user and group files (Q_XGETQSTAT).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 80)]
    internal struct QuotaStat : IKernelStruct<QuotaStat>
    {
        [FieldOffset(0)] public sbyte qs_version;
        [FieldOffset(2)] public ushort qs_flags;
        [FieldOffset(8)] public QuotaFileStat qs_uquota;
        [FieldOffset(32)] public QuotaFileStat qs_gquota;
        [FieldOffset(56)] public uint qs_incoredqs;
        [FieldOffset(60)] public int qs_btimelimit;
        [FieldOffset(64)] public int qs_itimelimit;
        [FieldOffset(68)] public int qs_rtbtimelimit;
        [FieldOffset(72)] public ushort qs_bwarnlimit;
        [FieldOffset(74)] public ushort qs_iwarnlimit;

        public static string TypeName => "fs_quota_stat";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("qs_version", qs_version), new("qs_flags", new FlagsValue(qs_flags, StateFlags)),
            new("qs_uquota", StructValue.Of(qs_uquota)), new("qs_gquota", StructValue.Of(qs_gquota)),
            new("qs_incoredqs", qs_incoredqs), new("qs_btimelimit", qs_btimelimit), new("qs_itimelimit", qs_itimelimit),
            new("qs_rtbtimelimit", qs_rtbtimelimit), new("qs_bwarnlimit", qs_bwarnlimit), new("qs_iwarnlimit", qs_iwarnlimit),
        ];
    }

    /// <summary>struct fs_quota_statv: XFS's quota state with the project file too (Q_XGETQSTATV).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 160)]
    internal struct QuotaStatV : IKernelStruct<QuotaStatV>
    {
        [FieldOffset(0)] public sbyte qs_version;
        [FieldOffset(2)] public ushort qs_flags;
        [FieldOffset(4)] public uint qs_incoredqs;
        [FieldOffset(8)] public QuotaFileStat qs_uquota;
        [FieldOffset(32)] public QuotaFileStat qs_gquota;
        [FieldOffset(56)] public QuotaFileStat qs_pquota;
        [FieldOffset(80)] public int qs_btimelimit;
        [FieldOffset(84)] public int qs_itimelimit;
        [FieldOffset(88)] public int qs_rtbtimelimit;
        [FieldOffset(92)] public ushort qs_bwarnlimit;
        [FieldOffset(94)] public ushort qs_iwarnlimit;
        [FieldOffset(96)] public ushort qs_rtbwarnlimit;

        public static string TypeName => "fs_quota_statv";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("qs_version", qs_version), new("qs_flags", new FlagsValue(qs_flags, StateFlags)), new("qs_incoredqs", qs_incoredqs),
            new("qs_uquota", StructValue.Of(qs_uquota)), new("qs_gquota", StructValue.Of(qs_gquota)),
            new("qs_pquota", StructValue.Of(qs_pquota)), new("qs_btimelimit", qs_btimelimit), new("qs_itimelimit", qs_itimelimit),
            new("qs_rtbtimelimit", qs_rtbtimelimit), new("qs_bwarnlimit", qs_bwarnlimit), new("qs_iwarnlimit", qs_iwarnlimit),
            new("qs_rtbwarnlimit", qs_rtbwarnlimit),
        ];
    }

    internal static string Format(Dqblk dq, StraceRenderer render, bool abbreviate) =>
        FormatDqblk(dq, render, abbreviate, id: null);

    internal static string Format(NextDqblk next, StraceRenderer render, bool abbreviate) =>
        FormatDqblk(next.AsDqblk, render, abbreviate, next.dqb_id);

    // strace puts if_nextdqblk's id after the use when it leaves the times out, after the valid bits when not.
    private static string FormatDqblk(Dqblk dq, StraceRenderer render, bool abbreviate, uint? id)
    {
        var text = new StructWriter()
            .Field("dqb_bhardlimit", Decimal(dq.dqb_bhardlimit)).Field("dqb_bsoftlimit", Decimal(dq.dqb_bsoftlimit))
            .Field("dqb_curspace", Decimal(dq.dqb_curspace)).Field("dqb_ihardlimit", Decimal(dq.dqb_ihardlimit))
            .Field("dqb_isoftlimit", Decimal(dq.dqb_isoftlimit)).Field("dqb_curinodes", Decimal(dq.dqb_curinodes));
        if (abbreviate)
        {
            if (id is { } shown)
                text.Field("dqb_id", shown);
            return text.More().ToString();
        }
        text.Field("dqb_btime", Decimal(dq.dqb_btime)).Field("dqb_itime", Decimal(dq.dqb_itime))
            .Field("dqb_valid", s_validFlags.Format(dq.dqb_valid, render));
        if (id is { } last)
            text.Field("dqb_id", last);
        return text.ToString();
    }

    internal static string Format(Dqinfo info, StraceRenderer render, bool abbreviate) => new StructWriter()
        .Field("dqi_bgrace", Decimal(info.dqi_bgrace)).Field("dqi_igrace", Decimal(info.dqi_igrace))
        .Field("dqi_flags", s_infoFlags.Format(info.dqi_flags, render)).Field("dqi_valid", s_infoValidFlags.Format(info.dqi_valid, render))
        .ToString();

    internal static string Format(DiskQuota quota, StraceRenderer render, bool abbreviate)
    {
        var text = new StructWriter()
            .Field("d_version", quota.d_version).Field("d_flags", Types.Format((byte)quota.d_flags, render))
            .Field("d_fieldmask", DecodeContext.HexOrZero(quota.d_fieldmask)).Field("d_id", quota.d_id)
            .Field("d_blk_hardlimit", Decimal(quota.d_blk_hardlimit)).Field("d_blk_softlimit", Decimal(quota.d_blk_softlimit))
            .Field("d_ino_hardlimit", Decimal(quota.d_ino_hardlimit)).Field("d_ino_softlimit", Decimal(quota.d_ino_softlimit))
            .Field("d_bcount", Decimal(quota.d_bcount)).Field("d_icount", Decimal(quota.d_icount));
        if (abbreviate)
            return text.More().ToString();
        return text.Field("d_itimer", quota.d_itimer).Field("d_btimer", quota.d_btimer).Field("d_iwarns", quota.d_iwarns)
            .Field("d_bwarns", quota.d_bwarns).Field("d_rtb_hardlimit", Decimal(quota.d_rtb_hardlimit))
            .Field("d_rtb_softlimit", Decimal(quota.d_rtb_softlimit)).Field("d_rtbcount", Decimal(quota.d_rtbcount))
            .Field("d_rtbtimer", quota.d_rtbtimer).Field("d_rtbwarns", quota.d_rtbwarns).ToString();
    }

    internal static string Format(QuotaStat stat, StraceRenderer render, bool abbreviate)
    {
        var text = new StructWriter().Field("qs_version", stat.qs_version);
        if (abbreviate)
            return text.More().ToString();
        return text.Field("qs_flags", StateFlags.Format(stat.qs_flags, render))
            .Field("qs_uquota", Format(stat.qs_uquota)).Field("qs_gquota", Format(stat.qs_gquota))
            .Field("qs_incoredqs", stat.qs_incoredqs).Field("qs_btimelimit", stat.qs_btimelimit).Field("qs_itimelimit", stat.qs_itimelimit)
            .Field("qs_rtbtimelimit", stat.qs_rtbtimelimit).Field("qs_bwarnlimit", stat.qs_bwarnlimit)
            .Field("qs_iwarnlimit", stat.qs_iwarnlimit).ToString();
    }

    // strace leaves qs_rtbwarnlimit out.
    internal static string Format(QuotaStatV stat, StraceRenderer render, bool abbreviate)
    {
        var text = new StructWriter().Field("qs_version", stat.qs_version);
        if (abbreviate)
            return text.More().ToString();
        return text.Field("qs_flags", StateFlags.Format(stat.qs_flags, render)).Field("qs_incoredqs", stat.qs_incoredqs)
            .Field("qs_uquota", Format(stat.qs_uquota)).Field("qs_gquota", Format(stat.qs_gquota))
            .Field("qs_pquota", Format(stat.qs_pquota)).Field("qs_btimelimit", stat.qs_btimelimit)
            .Field("qs_itimelimit", stat.qs_itimelimit).Field("qs_rtbtimelimit", stat.qs_rtbtimelimit)
            .Field("qs_bwarnlimit", stat.qs_bwarnlimit).Field("qs_iwarnlimit", stat.qs_iwarnlimit).ToString();
    }

    private static string Format(QuotaFileStat file) => new StructWriter()
        .Field("qfs_ino", Decimal(file.qfs_ino)).Field("qfs_nblks", Decimal(file.qfs_nblks)).Field("qfs_nextents", file.qfs_nextents)
        .ToString();

    private static string Decimal(ulong value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
