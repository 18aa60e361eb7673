using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Files;

/// <summary>Calls on paths whose flags, modes or owners print by name: access and faccessat*, the *at calls' AT_*
/// flags (execveat's among them), fanotify's class, flags and marks, renameat2, chown and its variants, mknod, umask, utimensat and umount2.</summary>
internal static class PathDecoders
{
    private const long UtimeNow = (1L << 30) - 1;
    private const long UtimeOmit = (1L << 30) - 2;

    private static readonly FlagSet s_accessModes = new("access_modes", "?_OK");
    private static readonly FlagSet s_accessAtFlags = new("access_at_flags", "AT_???");
    private static readonly FlagSet s_atFlags = new("at_flags", "AT_???");
    private static readonly FlagSet s_renameFlags = new("rename_flags", "RENAME_??"); // strace's hint, with two
    private static readonly FlagSet s_umountFlags = new("umount_flags", "MNT_???");
    private static readonly FlagSet s_execveatFlags = new("execveat_flags", "AT_???");
    private static readonly FlagSet s_fanotifyMarkFlags = new("fanotify_mark_flags", "FAN_MARK_???");
    private static readonly FlagSet s_fanotifyEvents = new("fanotify_events", "FAN_???");
    private static readonly NamedValues s_fanotifyClasses = new("fanotify_classes", "FAN_CLASS_???");
    private static readonly FlagSet s_fanotifyInitFlags = new("fanotify_init_flags", "FAN_???");
    private const uint FanotifyClassBits = 0xc; // FAN_ALL_CLASS_BITS

    private const int FanNoFd = -1;

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("access", context => SetAccessMode(context, 1)),
        ("faccessat", context => SetAccessMode(context, 2)),
        ("faccessat2", DecodeFaccessat2),
        ("unlinkat", context => SetInput(context, () => context.SetFlags(2, s_atFlags))),
        ("linkat", context => SetInput(context, () => context.SetFlags(4, s_atFlags))),
        ("renameat2", context => SetInput(context, () => context.SetFlags(4, s_renameFlags))),
        ("readlink", context => SetInput(context, () => SetBufferSize(context, 2))),
        ("readlinkat", context => SetInput(context, () => SetBufferSize(context, 3))),
        ("fchownat", DecodeFchownat),
        ("mknod", context => DecodeMknod(context, 1)),
        ("mknodat", context => DecodeMknod(context, 2)),
        ("umask", DecodeUmask),
        ("utimensat", DecodeUtimensat),
        ("umount2", context => SetInput(context, () => context.SetFlags(1, s_umountFlags))),
        ("execveat", context => SetInput(context, () => context.SetFlags(4, s_execveatFlags))),
        ("fanotify_init", DecodeFanotifyInit),
        ("fanotify_mark", DecodeFanotifyMark),
    ];

    /// <summary>fanotify_init(flags, event_f_flags): the notification class, then the other flags, each styled as -X
    /// asks (<c>FAN_CLASS_NOTIF|FAN_CLOEXEC</c>); the events' descriptors' open flags as open's.</summary>
    private static void DecodeFanotifyInit(DecodeContext context)
    {
        if (context.Exiting)
            return;
        uint flags = (uint)context.Unsigned(0);
        context.Set(0, ArgumentKind.UInt, new FlagsValue(flags, s_fanotifyInitFlags), render =>
        {
            string notificationClass = s_fanotifyClasses.FormatUnsigned(flags & FanotifyClassBits, render);
            uint rest = flags & ~FanotifyClassBits;
            return rest == 0 ? notificationClass : notificationClass + "|" + s_fanotifyInitFlags.Format(rest, render);
        });
        long eventFlags = (uint)context.Unsigned(1);
        context.Set(1, ArgumentKind.OpenFlags, OpenFlags.Value(eventFlags), OpenFlags.Format(eventFlags, context.Render));
    }

    /// <summary>fanotify_mark(fanotify_fd, flags, mask, dirfd, pathname): dirfd -1 is <c>FAN_NOFD</c> (no path given).</summary>
    private static void DecodeFanotifyMark(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetFlags(1, s_fanotifyMarkFlags);
        context.SetFlags(2, s_fanotifyEvents);
        if (context.Signed(3) == FanNoFd)
            context.Set(3, ArgumentKind.DirFd, new DescriptorValue(FanNoFd, null), context.Render.Decimal(FanNoFd, "FAN_NOFD"));
        else
            GenericDecoder.SetDirFd(context, 3);
    }

    // readlink's bufsiz, an int to the kernel, as strace prints it: the whole register, unsigned.
    private static void SetBufferSize(DecodeContext context, int index) =>
        context.Set(index, ArgumentKind.UInt, context.Raw(index), ((ulong)context.Raw(index)).ToString(CultureInfo.InvariantCulture));

    private static void SetInput(DecodeContext context, Action decode)
    {
        if (!context.Exiting)
            decode();
    }

    private static void SetAccessMode(DecodeContext context, int index)
    {
        if (context.Exiting)
            return;
        long mode = (long)context.Unsigned(index);
        if (mode == 0)
            context.Set(index, ArgumentKind.Int, new FlagsValue(0, ["F_OK"], 0), context.Render.Value(0, "F_OK"));
        else
            context.Set(index, ArgumentKind.Int, new FlagsValue(mode, s_accessModes), s_accessModes.Format(mode, context.Render));
    }

    private static void DecodeFaccessat2(DecodeContext context)
    {
        SetAccessMode(context, 2);
        if (!context.Exiting)
            context.SetFlags(3, s_accessAtFlags);
    }

    private static void DecodeFchownat(DecodeContext context)
    {
        if (!context.Exiting)
            context.SetFlags(4, s_atFlags);
    }

    /// <summary>The mode with its file type; the device only for device files, as the kernel reads it only then.</summary>
    private static void DecodeMknod(DecodeContext context, int modeIndex)
    {
        if (context.Exiting)
            return;
        long mode = (long)context.Unsigned(modeIndex);
        context.Set(modeIndex, ArgumentKind.Mode, mode, FileModes.Format(mode, context.Render));
        if (FileModes.IsDevice(mode))
            context.Set(modeIndex + 1, ArgumentKind.UInt, (long)context.Unsigned(modeIndex + 1), FileModes.FormatDevice(context.Unsigned(modeIndex + 1), context.Render));
        else
            context.ShownCount = modeIndex + 1;
    }

    /// <summary>The mask and the previous mask it returns, both in octal.</summary>
    private static void DecodeUmask(DecodeContext context)
    {
        if (!context.Exiting)
            context.Set(0, ArgumentKind.Mode, (long)context.Unsigned(0), GenericDecoder.FormatMode(context.Unsigned(0)));
        else if (!context.Failed)
            context.SetResultText(GenericDecoder.FormatMode((ulong)context.Result));
    }

    private static void DecodeUtimensat(DecodeContext context)
    {
        if (context.Exiting)
            return;
        if (context.Raw(2) != 0 && context.TryRead((ulong)context.Raw(2), out TimespecPair times))
            context.Set(2, ArgumentKind.Pointer, new ArrayValue([StructValue.Of(times.Access), StructValue.Of(times.Modify)]),
                context.ArrayText(render => [FormatTime(times.Access, render), FormatTime(times.Modify, render)]));
        else
            context.SetPointer(2);
        context.SetFlags(3, s_atFlags);
    }

    /// <summary><c>{tv_sec=1, tv_nsec=2} /* 1970-01-01T00:00:01.000000002+0000 */</c>, or UTIME_NOW / UTIME_OMIT (the
    /// structure itself under <c>-X raw</c>, both under <c>-X verbose</c>).</summary>
    internal static string FormatTime(TimeStructs.Timespec time, StraceRenderer render) => time.tv_nsec switch
    {
        UtimeNow => render.Format(TimeStructs.Format(time), "UTIME_NOW"),
        UtimeOmit => render.Format(TimeStructs.Format(time), "UTIME_OMIT"),
        _ => TimeStructs.Format(time) + TimeComment(time),
    };

    /// <summary>The date of a time as strace adds it in a comment: <c> /* 2026-11-26T16:00:56.937059301+0000 */</c>.</summary>
    internal static string TimeComment(TimeStructs.Timespec time) => TimeComment(time.tv_sec, time.tv_nsec, 9);

    /// <summary>The date of a time whose fraction of a second has <paramref name="digits"/> digits (6 for a timeval's
    /// microseconds), in strace's comment; nothing for the epoch itself (strace leaves a zero time bare), a fraction out
    /// of range or a date DateTimeOffset cannot hold.</summary>
    internal static string TimeComment(long seconds, long fraction, int digits)
    {
        // Within a day of DateTimeOffset's range, so that no time zone can push it out.
        if ((seconds == 0 && fraction == 0) || fraction < 0 || fraction >= (long)Math.Pow(10, digits) || seconds < -62135596800 + 86400 || seconds > 253402300799 - 86400)
            return "";
        DateTimeOffset utc = DateTimeOffset.FromUnixTimeSeconds(seconds);
        DateTimeOffset local = TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.Local);
        TimeSpan offset = local.Offset;
        string sign = offset < TimeSpan.Zero ? "-" : "+";
        string decimals = fraction == 0 ? "" : "." + fraction.ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $" /* {local:yyyy-MM-dd'T'HH:mm:ss}{decimals}{sign}{offset.Duration():hhmm} */");
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct TimespecPair
    {
        public TimeStructs.Timespec Access;
        public TimeStructs.Timespec Modify;
    }
}
