using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Decoding.Files;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The device-mapper requests (type 0xfd, include/uapi/linux/dm-ioctl.h), dmsetup's and LVM's: struct dm_ioctl
/// with the fields each command reads at entry and writes at exit (<c>[{version=[4, 0, 0], data_size=16384, name="vol0",
/// flags=DM_EXISTS_FLAG}] =&gt; [{...}]</c>), and the data after it: DM_TABLE_LOAD's target specs, DM_TARGET_MSG's message,
/// a new name or geometry read; the devices' names, a table's dependencies, its targets' statuses and the targets'
/// versions written. Without -v strace prints <c>...</c> for the data.</summary>
internal static class DmIoctls
{
    private const uint AbiVersion = 4;         // DM_VERSION_MAJOR: strace decodes no other
    private const uint BufferFull = 0x100;     // DM_BUFFER_FULL_FLAG
    private const uint SuspendFlag = 0x2;      // DM_SUSPEND_FLAG
    private const int MaxData = 1 << 16;       // the most of a command's data read here
    private const int SizeEnd = 12;            // offsetof(struct dm_ioctl, data_size)
    private static readonly int s_headerSize = Marshal.SizeOf<DmIoctl>();
    private static readonly int s_specSize = Marshal.SizeOf<DmTargetSpec>();
    private static readonly int s_dataOffset = (int)Marshal.OffsetOf<DmIoctl>(nameof(DmIoctl.data)); // offsetof(struct dm_ioctl, data)

    private static readonly ConstantTable s_requests = ConstantTable.Load("dm_ioctls");
    private static readonly FlagSet s_flags = new("dm_flags");

    /// <summary>What strace shows of a command's struct dm_ioctl and data.</summary>
    [Flags]
    private enum Shows
    {
        None = 0,
        DataStart = 1,      // data_start: the command has data after the header
        Device = 2,         // dev, name and uuid: the command names a device
        TargetCountIn = 4,  // target_count at entry
        EventIn = 8,        // event_nr at entry
        Counts = 16,        // target_count, open_count and event_nr at exit
        DataIn = 32,        // the data is the command's input
        DataOut = 64,       // the data is the command's output
        Resume = 128,       // event_nr at entry without DM_SUSPEND_FLAG
    }

    private static readonly Dictionary<string, Shows> s_commands = new()
    {
        ["DM_VERSION"] = Shows.Device,
        ["DM_REMOVE_ALL"] = Shows.None,
        ["DM_LIST_DEVICES"] = Shows.DataStart | Shows.DataOut,
        ["DM_DEV_CREATE"] = Shows.Device | Shows.Counts,
        ["DM_DEV_REMOVE"] = Shows.Device | Shows.EventIn,
        ["DM_DEV_RENAME"] = Shows.DataStart | Shows.Device | Shows.EventIn | Shows.Counts | Shows.DataIn,
        ["DM_DEV_SUSPEND"] = Shows.Device | Shows.Counts | Shows.Resume,
        ["DM_DEV_STATUS"] = Shows.Device | Shows.Counts,
        ["DM_DEV_WAIT"] = Shows.DataStart | Shows.Device | Shows.EventIn | Shows.Counts | Shows.DataOut,
        ["DM_TABLE_LOAD"] = Shows.DataStart | Shows.Device | Shows.TargetCountIn | Shows.Counts | Shows.DataIn,
        ["DM_TABLE_CLEAR"] = Shows.Device | Shows.Counts,
        ["DM_TABLE_DEPS"] = Shows.DataStart | Shows.Device | Shows.Counts | Shows.DataOut,
        ["DM_TABLE_STATUS"] = Shows.DataStart | Shows.Device | Shows.Counts | Shows.DataOut,
        ["DM_LIST_VERSIONS"] = Shows.DataStart | Shows.DataOut,
        ["DM_TARGET_MSG"] = Shows.DataStart | Shows.Device | Shows.Counts | Shows.DataIn,
        ["DM_DEV_SET_GEOMETRY"] = Shows.DataStart | Shows.Device | Shows.DataIn,
        ["DM_DEV_ARM_POLL"] = Shows.Device,
    };

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    // DM_GET_TARGET_VERSION, which strace leaves undecoded, prints as its address.
    private static bool Decode(DecodeContext context, uint request)
    {
        if (s_requests.NameOf(request) is not string name || !s_commands.TryGetValue(name, out Shows shows))
            return false;
        long address = context.Raw(IoctlArgument.Index);
        if (address == 0)
            return false; // strace prints NULL as the number it is
        if (!context.Exiting)
        {
            // -e verbose=none leaves the header decoded, as strace does; one whose size leaves out even the size
            // prints as its address.
            if (!context.TryReadData((ulong)address, out DmIoctl entry) || entry.data_size < SizeEnd)
            {
                context.SetPointer(IoctlArgument.Index);
                return true;
            }
            Func<StraceRenderer, string>? data = shows.HasFlag(Shows.DataIn) ? InputData(context, address, entry, name) : null;
            context.Set(IoctlArgument.Index, ArgumentKind.Pointer, StructValue.Of(entry),
                render => "[" + Header(entry, shows, exiting: false, render) + data?.Invoke(render) + "]");
            context.Defer(IoctlArgument.Index);
            return true;
        }
        // A failed command wrote nothing: what it read stays as it printed.
        if (context.Failed || context.Arguments[IoctlArgument.Index]?.Value is not StructValue { Source: DmIoctl before }
            || !context.TryReadData((ulong)address, out DmIoctl after))
            return true;
        Func<StraceRenderer, string>? entered = shows.HasFlag(Shows.DataIn) ? InputData(context, address, before, name) : null;
        Func<StraceRenderer, string>? written = shows.HasFlag(Shows.DataOut) && after.version[0] == AbiVersion && HasData(after)
            && (after.flags & BufferFull) == 0 ? OutputData(context, address, after, name) : null;
        context.Set(IoctlArgument.Index, ArgumentKind.Pointer, StructValue.Of(after), render =>
            "[" + Header(before, shows, exiting: false, render) + entered?.Invoke(render) + "] => ["
            + Header(after, shows, exiting: true, render) + written?.Invoke(render) + "]");
        return true;
    }

    private static bool HasData(DmIoctl header) =>
        header.data_size >= s_dataOffset && header.data_start >= s_headerSize && header.data_size > header.data_start;

    // The fields a command reads (at entry) or writes (at exit); a version other than 4 alone, with strace's comment.
    private static string Header(DmIoctl header, Shows shows, bool exiting, StraceRenderer render)
    {
        string version = StructWriter.Array([header.version[0].ToString(CultureInfo.InvariantCulture),
            header.version[1].ToString(CultureInfo.InvariantCulture), header.version[2].ToString(CultureInfo.InvariantCulture)]);
        if (header.version[0] != AbiVersion)
            return "{version=" + version + " /* unsupported device mapper ABI version */}";
        if (header.data_size < s_dataOffset)
            return "{version=" + version + ", data_size=" + header.data_size.ToString(CultureInfo.InvariantCulture) + " /* data_size too small */}";
        var text = new StructWriter().Field("version", version).Field("data_size", header.data_size);
        if (shows.HasFlag(Shows.DataStart))
            text.Field("data_start", header.data_start);
        if (shows.HasFlag(Shows.Device))
        {
            if (header.dev != 0)
                text.Field("dev", FileModes.FormatDevice(header.dev, render));
            if (header.name[0] != 0)
                text.Field("name", render.QuoteFixed(header.name));
            if (header.uuid[0] != 0)
                text.Field("uuid", render.QuoteFixed(header.uuid));
        }
        if (!exiting && shows.HasFlag(Shows.TargetCountIn))
            text.Field("target_count", header.target_count);
        // A resume (DM_DEV_SUSPEND without DM_SUSPEND_FLAG) reads the event number too: the uevent's cookie.
        bool resume = shows.HasFlag(Shows.Resume) && (header.flags & SuspendFlag) == 0;
        if (!exiting && (shows.HasFlag(Shows.EventIn) || resume))
            text.Field("event_nr", header.event_nr);
        if (exiting && shows.HasFlag(Shows.Counts))
            text.Field("target_count", header.target_count).Field("open_count", header.open_count).Field("event_nr", header.event_nr);
        return text.Field("flags", s_flags.Format(header.flags, render)).ToString();
    }

    // The data a command reads, after the header: "..." without -v; with -v DM_TABLE_LOAD's target specs, DM_TARGET_MSG's
    // message, or the new name or geometry, each record strace finds out of place as "???" with its comment.
    private static Func<StraceRenderer, string>? InputData(DecodeContext context, long address, DmIoctl header, string name)
    {
        if (header.version[0] != AbiVersion || !HasData(header) || (name == "DM_TABLE_LOAD" && header.target_count == 0))
            return null;
        if (context.Abbreviate)
            return _ => ", ...";
        // As far as it can be read: a record past that prints as misplaced.
        byte[] data = context.ReadArray((ulong)address, Math.Min(header.data_size, MaxData), 1, out _) ?? [];
        var items = new List<Func<StraceRenderer, string>>();
        int start = (int)Math.Min(header.data_start, (uint)data.Length);
        switch (name)
        {
            case "DM_TABLE_LOAD":
                TargetSpecs(context, data, header, items);
                break;
            case "DM_TARGET_MSG" when start + sizeof(ulong) > data.Length:
                items.Add(_ => "??? /* misplaced struct dm_target_msg */");
                break;
            case "DM_TARGET_MSG":
                string sector = BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(start)).ToString(CultureInfo.InvariantCulture);
                Func<StraceRenderer, string> message = String(context, data.AsSpan(start + sizeof(ulong)));
                items.Add(render => new StructWriter().Field("sector", sector).Field("message", message(render)).ToString());
                break;
            default:
                Func<StraceRenderer, string> text = String(context, data.AsSpan(start));
                items.Add(render => new StructWriter().Field("string", text(render)).ToString());
                break;
        }
        return render => ", " + string.Join(", ", items.Select(item => item(render)));
    }

    // The data a command wrote, after the header: "..." without -v; with -v the devices' names, a table's dependencies,
    // its targets' statuses or the targets' versions, each record strace finds out of place as "???" with its comment.
    private static Func<StraceRenderer, string>? OutputData(DecodeContext context, long address, DmIoctl header, string name)
    {
        if (name is "DM_DEV_WAIT" or "DM_TABLE_STATUS" && header.target_count == 0)
            return null;
        if (context.Abbreviate)
            return _ => ", ...";
        byte[] data = context.ReadArray((ulong)address, Math.Min(header.data_size, MaxData), 1, out _) ?? [];
        var items = new List<Func<StraceRenderer, string>>();
        switch (name)
        {
            case "DM_LIST_DEVICES":
                Records(data, header, NameListHeader, "dm_name_list", items, record =>
                {
                    ulong dev = BinaryPrimitives.ReadUInt64LittleEndian(record);
                    Func<StraceRenderer, string> device = String(context, record[NameListHeader..]);
                    return render => new StructWriter().Field("dev", FileModes.FormatDevice(dev, render)).Field("name", device(render)).ToString();
                }, record => BinaryPrimitives.ReadUInt32LittleEndian(record[sizeof(ulong)..]));
                break;
            case "DM_LIST_VERSIONS":
                Records(data, header, VersionsHeader, "dm_target_versions", items, record =>
                {
                    var parts = new string[3];
                    for (int i = 0; i < parts.Length; i++)
                        parts[i] = BinaryPrimitives.ReadUInt32LittleEndian(record[((i + 1) * sizeof(uint))..]).ToString(CultureInfo.InvariantCulture);
                    string version = StructWriter.Array(parts);
                    Func<StraceRenderer, string> target = String(context, record[VersionsHeader..]);
                    return render => new StructWriter().Field("name", target(render)).Field("version", version).ToString();
                }, record => BinaryPrimitives.ReadUInt32LittleEndian(record));
                break;
            case "DM_TABLE_DEPS":
                Dependencies(data, header, items);
                break;
            default:
                TargetSpecs(context, data, header, items, withStatus: true);
                break;
        }
        return render => ", " + string.Join(", ", items.Select(item => item(render)));
    }

    private const int NameListHeader = 12;  // offsetof(struct dm_name_list, name)
    private const int VersionsHeader = 16;  // offsetof(struct dm_target_versions, name)

    // A chain of records from data_start, each at its next's offset from the one before, until a next of 0.
    private static void Records(byte[] data, DmIoctl header, int headerSize, string type, List<Func<StraceRenderer, string>> items,
        Func<ReadOnlySpan<byte>, Func<StraceRenderer, string>> print, Func<ReadOnlySpan<byte>, uint> next)
    {
        long offset = header.data_start;
        while (true)
        {
            if (offset + headerSize > data.Length)
            {
                items.Add(_ => $"??? /* misplaced struct {type} */");
                return;
            }
            ReadOnlySpan<byte> record = data.AsSpan((int)offset);
            items.Add(print(record));
            if (next(record) == 0)
                return;
            offset += next(record);
        }
    }

    // struct dm_target_deps: the count and the devices the table uses.
    private static void Dependencies(byte[] data, DmIoctl header, List<Func<StraceRenderer, string>> items)
    {
        long offset = header.data_start;
        uint count = offset + sizeof(ulong) <= data.Length ? BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)offset)) : 0;
        if (offset + sizeof(ulong) > data.Length || offset + sizeof(ulong) + (long)count * sizeof(ulong) > data.Length)
        {
            items.Add(_ => "??? /* misplaced struct dm_target_deps */");
            return;
        }
        ulong[] devices = [.. Enumerable.Range(0, (int)count).Select(i => BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan((int)offset + sizeof(ulong) * (i + 1))))];
        items.Add(render => new StructWriter().Field("count", count)
            .Field("deps", StructWriter.Array(devices.Select(device => FileModes.FormatDevice(device, render)))).ToString());
    }

    // target_count specs, each followed by its parameters (its status at exit), the next at its next's offset from this one.
    private static void TargetSpecs(DecodeContext context, byte[] data, DmIoctl header, List<Func<StraceRenderer, string>> items, bool withStatus = false)
    {
        long offset = header.data_start;
        for (uint i = 0; i < header.target_count; i++)
        {
            if (offset + s_specSize > data.Length)
            {
                items.Add(_ => "??? /* misplaced struct dm_target_spec */");
                return;
            }
            DmTargetSpec spec = MemoryMarshal.Read<DmTargetSpec>(data.AsSpan((int)offset));
            Func<StraceRenderer, string> parameters = String(context, data.AsSpan((int)offset + s_specSize));
            items.Add(render =>
            {
                var text = new StructWriter().Field("sector_start", spec.sector_start.ToString(CultureInfo.InvariantCulture))
                    .Field("length", spec.length.ToString(CultureInfo.InvariantCulture));
                if (withStatus)
                    text.Field("status", spec.status);
                return text.Field("target_type", render.QuoteFixed(spec.target_type)).Field("string", parameters(render)).ToString();
            });
            // A next of 0 leaves the next spec, if any, out of place.
            offset = spec.next == 0 ? data.Length : offset + spec.next;
        }
    }

    // A string in the data, up to its NUL or the data's end, quoted up to the string length.
    private static Func<StraceRenderer, string> String(DecodeContext context, ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> text = StraceQuoting.BeforeNul(bytes);
        bool truncated = text.Length > context.StringLength;
        byte[] shown = (truncated ? text[..context.StringLength] : text).ToArray();
        return render => render.Quote(shown, truncated);
    }

    /// <summary>struct dm_ioctl: the header of every device-mapper command, its data following at data_start.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct DmIoctl : IKernelStruct<DmIoctl>
    {
        public DmVersion version;
        public uint data_size;
        public uint data_start;
        public uint target_count;
        public int open_count;
        public uint flags;
        public uint event_nr;
        public uint padding;
        public ulong dev;
        public DmName name;
        public DmUuid uuid;
        public DmData data;

        public static string TypeName => "dm_ioctl";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("version", new long[] { version[0], version[1], version[2] }), new("data_size", data_size),
            new("data_start", data_start), new("target_count", target_count), new("open_count", open_count),
            new("flags", new FlagsValue(flags, s_flags)), new("event_nr", event_nr), new("dev", dev),
            new("name", StraceQuoting.Display(StraceQuoting.BeforeNul(name))), new("uuid", StraceQuoting.Display(StraceQuoting.BeforeNul(uuid))),
        ];
    }

    /// <summary>struct dm_target_spec: a target's sectors and type, its parameters following it.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct DmTargetSpec : IKernelStruct<DmTargetSpec>
    {
        public ulong sector_start;
        public ulong length;
        public int status;
        public uint next;
        public DmTargetType target_type;

        public static string TypeName => "dm_target_spec";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("sector_start", sector_start), new("length", length), new("status", status), new("next", next),
            new("target_type", StraceQuoting.Display(StraceQuoting.BeforeNul(target_type))),
        ];
    }

    /// <summary>dm_ioctl's version[3]: major, minor and patch level.</summary>
    [InlineArray(3)]
    internal struct DmVersion
    {
        private uint _element;
    }

    /// <summary>DM_NAME_LEN chars.</summary>
    [InlineArray(128)]
    internal struct DmName
    {
        private byte _byte;
    }

    /// <summary>DM_UUID_LEN chars.</summary>
    [InlineArray(129)]
    internal struct DmUuid
    {
        private byte _byte;
    }

    /// <summary>dm_ioctl's last 7 bytes, padding or the start of the data.</summary>
    [InlineArray(7)]
    internal struct DmData
    {
        private byte _byte;
    }

    /// <summary>DM_MAX_TYPE_NAME chars.</summary>
    [InlineArray(16)]
    internal struct DmTargetType
    {
        private byte _byte;
    }
}
