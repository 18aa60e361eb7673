using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Bpf;

/// <summary>bpf(cmd, attr, size): the command by name, and for the commands strace 6.1 decodes the part of union
/// bpf_attr it reads (the map, batch and program commands, attach, detach and query, test runs, BTF loads, links, raw
/// tracepoints, task descriptor queries, the id, pin and info commands). As strace does, the fields of a command's first
/// version always print (zero beyond <c>size</c>), a later field only when <c>size</c> reaches past where it starts;
/// descriptors print as -y described them when the call was made. Other commands show attr as its address.</summary>
internal static class BpfDecoders
{
    private static readonly NamedValues s_commands = new("bpf_commands", "BPF_???");
    private static readonly NamedValues s_mapTypes = new("bpf_map_types", "BPF_MAP_TYPE_???");
    private static readonly NamedValues s_progTypes = new("bpf_prog_types", "BPF_PROG_TYPE_???");
    private static readonly NamedValues s_attachTypes = new("bpf_attach_types", "BPF_???");
    private static readonly FlagSet s_mapFlags = new("bpf_map_flags", "BPF_F_???");
    private static readonly FlagSet s_progFlags = new("bpf_prog_flags", "BPF_F_???");
    private static readonly NamedValues s_elemFlags = new("bpf_elem_flags", "BPF_???");
    private static readonly FlagSet s_lookupFlags = new("bpf_lookup_flags", "BPF_???");
    private static readonly FlagSet s_fileFlags = new("bpf_file_flags", "BPF_F_???");
    private static readonly FlagSet s_attachFlags = new("bpf_attach_flags", "BPF_F_???");
    private static readonly FlagSet s_queryFlags = new("bpf_query_flags", "BPF_F_QUERY_???");
    private static readonly FlagSet s_testRunFlags = new("bpf_test_run_flags", "BPF_F_???");
    private static readonly NamedValues s_taskFdTypes = new("bpf_task_fd_types", "BPF_FD_TYPE_???");

    private const ulong MapCreate = 0, MapLookupElem = 1, MapUpdateElem = 2, MapDeleteElem = 3, MapGetNextKey = 4, ProgLoad = 5,
        ObjPin = 6, ObjGet = 7, ProgAttach = 8, ProgDetach = 9, ProgGetNextId = 11, MapGetNextId = 12, ProgGetFdById = 13, MapGetFdById = 14, ObjGetInfoByFd = 15,
        ProgTestRun = 10, ProgQuery = 16, RawTracepointOpen = 17, BtfLoad = 18, BtfGetFdById = 19, TaskFdQuery = 20, MapLookupAndDeleteElem = 21,
        MapFreeze = 22, BtfGetNextId = 23, MapLookupBatch = 24, MapLookupAndDeleteBatch = 25, MapUpdateBatch = 26, MapDeleteBatch = 27,
        LinkCreate = 28, LinkUpdate = 29, LinkGetFdById = 30, LinkGetNextId = 31;
    private const int DeleteEnd = 16; // BPF_MAP_DELETE_ELEM reads map_fd and key
    private const int LookupFlagsOffset = 24;
    private const int NextKeyEnd = 24, IdEnd = 4, ReplaceFdOffset = 16, DetachEnd = 12; // DETACH reads up to attach_type
    private const uint Replace = 0x4;    // BPF_F_REPLACE: old_prog_fd means something only with it
    private const uint PerfEvent = 41, TraceIter = 28; // BPF_PERF_EVENT's links read a cookie after flags, BPF_TRACE_ITER's an info
    private const uint NumaNode = 0x4;   // BPF_F_NUMA_NODE: numa_node means something only with it
    private const uint MostIdsShown = 65536;
    private const int MaxAttrSize = 4096; // how much of a larger attr is checked for bytes no field covers (the kernel's PAGE_SIZE limit)

    internal static IEnumerable<(string Name, Decoder Decode)> All => [("bpf", DecodeBpf)];

    /// <summary>Whether bpf command <paramref name="command"/> returns a new descriptor (a map, program, BTF object or
    /// link), which -y describes as strace 6.1 does.</summary>
    internal static bool ReturnsDescriptor(ulong command) => command is MapCreate or ProgLoad or ObjGet or ProgGetFdById or MapGetFdById
        or BtfLoad or BtfGetFdById or RawTracepointOpen or LinkCreate or LinkGetFdById;

    private static void DecodeBpf(DecodeContext context)
    {
        uint size = (uint)context.Unsigned(2);
        ulong command = context.Unsigned(0);
        if (context.Exiting)
        {
            if (command == ObjGetInfoByFd)
                DecodeInfoAtExit(context, size);
            else if (command == ProgQuery)
                DecodeQueryAtExit(context, size);
            return;
        }
        context.SetUnsignedNamed(0, s_commands);
        switch (command)
        {
            case MapCreate:
                SetAttr<MapCreateAttr>(context, size, Unsafe.SizeOf<MapCreateAttr>(), (attr, render, fd) => FormatMapCreate(attr, size, render, fd));
                break;
            case MapLookupElem or MapUpdateElem or MapLookupAndDeleteElem:
                // flags came with BPF_MAP_UPDATE_ELEM's first version (one value), later to the lookups (a mask)
                bool lookup = command != MapUpdateElem;
                bool hasFlags = !lookup || size > LookupFlagsOffset;
                SetAttr<MapElemAttr>(context, size, Unsafe.SizeOf<MapElemAttr>(), (attr, render, fd) => FormatMapElem(attr, render, fd, hasValue: true,
                    hasFlags ? (lookup ? s_lookupFlags.Format((long)attr.flags, render) : s_elemFlags.Format((long)attr.flags, render)) : null));
                break;
            case MapDeleteElem:
                SetAttr<MapElemAttr>(context, size, DeleteEnd, (attr, render, fd) => FormatMapElem(attr, render, fd, hasValue: false, flags: null));
                break;
            case MapGetNextKey:
                SetAttr<MapElemAttr>(context, size, NextKeyEnd, (attr, render, fd) => new StructWriter().Field("map_fd", fd((int)attr.map_fd, render))
                    .Field("key", DecodeContext.FormatAddress((long)attr.key)).Field("next_key", DecodeContext.FormatAddress((long)attr.value)).ToString());
                break;
            case MapFreeze:
                SetAttr<MapElemAttr>(context, size, IdEnd, (attr, render, fd) => new StructWriter().Field("map_fd", fd((int)attr.map_fd, render)).ToString());
                break;
            case ProgAttach:
                SetAttr<AttachAttr>(context, size, Unsafe.SizeOf<AttachAttr>(), (attr, render, fd) =>
                {
                    var text = new StructWriter().Field("target_fd", fd((int)attr.target_fd, render)).Field("attach_bpf_fd", fd((int)attr.attach_bpf_fd, render))
                        .Field("attach_type", s_attachTypes.Format(attr.attach_type, render))
                        .Field("attach_flags", s_attachFlags.Format(attr.attach_flags, render));
                    if (size > ReplaceFdOffset)
                        text.Field("replace_bpf_fd", fd((int)attr.replace_bpf_fd, render));
                    return text.ToString();
                });
                break;
            case ProgDetach:
                SetAttr<AttachAttr>(context, size, DetachEnd, (attr, render, fd) => new StructWriter()
                    .Field("target_fd", fd((int)attr.target_fd, render)).Field("attach_type", s_attachTypes.Format(attr.attach_type, render)).ToString());
                break;
            case ObjPin or ObjGet:
                SetObj(context, size);
                break;
            case ProgGetNextId or MapGetNextId or BtfGetNextId or LinkGetNextId:
                SetIds(context, size, "start_id");
                break;
            case ProgGetFdById:
                SetIds(context, size, "prog_id");
                break;
            case MapGetFdById:
                SetIds(context, size, "map_id");
                break;
            case BtfGetFdById or LinkGetFdById:
                string name = command == BtfGetFdById ? "btf_id" : "link_id";
                SetAttr<IdAttr>(context, size, IdEnd, (attr, _, _) => new StructWriter().Field(name, attr.start_id).ToString());
                break;
            case ProgLoad:
                SetProgLoad(context, size);
                break;
            case ObjGetInfoByFd:
                SetAttr<InfoAttr>(context, size, Unsafe.SizeOf<InfoAttr>(), (attr, render, fd) => FormatInfo(attr, attr.info_len, render, fd));
                context.Defer(1);
                break;
            case ProgTestRun:
                SetAttr<TestAttr>(context, size, TestEnd, (attr, render, fd) => FormatTest(attr, size, render, fd));
                break;
            case ProgQuery:
                SetAttr<QueryAttr>(context, size, QueryEnd, (attr, render, fd) => FormatQuery(attr, render, fd,
                    DecodeContext.FormatAddress((long)attr.prog_ids), attr.prog_cnt.ToString(CultureInfo.InvariantCulture)));
                context.Defer(1);
                break;
            case BtfLoad:
                SetBtfLoad(context, size);
                break;
            case LinkCreate:
                SetLinkCreate(context, size);
                break;
            case LinkUpdate:
                SetAttr<LinkUpdateAttr>(context, size, Unsafe.SizeOf<LinkUpdateAttr>(), (attr, render, fd) =>
                {
                    var text = new StructWriter().Field("link_fd", fd((int)attr.link_fd, render)).Field("new_prog_fd", fd((int)attr.new_prog_fd, render))
                        .Field("flags", s_attachFlags.Format(attr.flags, render));
                    if ((attr.flags & Replace) != 0)
                        text.Field("old_prog_fd", fd((int)attr.old_prog_fd, render));
                    return new StructWriter().Field("link_update", text.ToString()).ToString();
                });
                break;
            case RawTracepointOpen:
                SetRawTracepoint(context, size);
                break;
            case TaskFdQuery:
                SetTaskFdQuery(context, size);
                break;
            case MapLookupBatch or MapLookupAndDeleteBatch or MapUpdateBatch or MapDeleteBatch:
                SetAttr<BatchAttr>(context, size, Unsafe.SizeOf<BatchAttr>(), (attr, render, fd) => FormatBatch(attr, command, render, fd));
                break;
            default:
                context.SetPointer(1, PointerReason.NotDecoded);
                break;
        }
    }

    /// <summary>At exit, BPF_OBJ_GET_INFO_BY_FD's info_len as the kernel rewrote it (<c>info_len=128 =&gt; 104</c>),
    /// and under -v a map's info as the kernel wrote it.</summary>
    private static void DecodeInfoAtExit(DecodeContext context, uint size)
    {
        if (context.Arguments[1]?.Value is not StructValue entered || entered["info_len"] is not uint before)
            return;
        if (context.Failed || !TryReadAttr(context, size, Unsafe.SizeOf<InfoAttr>(), out InfoAttr attr, out _))
            return;
        MapInfo mapInfo = default;
        bool isMap = !context.Abbreviate && TryReadMapInfo(context, attr, out mapInfo);
        if (attr.info_len == before && !isMap)
            return;
        Func<int, StraceRenderer, string> fd = context.DescribedNow(attr.Descriptors);
        context.Set(1, ArgumentKind.Pointer, StructValue.Of(attr), render => FormatInfo(attr, before, render, fd,
            isMap ? FormatMapInfo(mapInfo, attr.info_len, render) : null));
    }

    private static string FormatInfo(InfoAttr attr, uint lengthBefore, StraceRenderer render, Func<int, StraceRenderer, string> fd, string? info = null)
    {
        string length = lengthBefore == attr.info_len
            ? attr.info_len.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{lengthBefore} => {attr.info_len}");
        return new StructWriter().Field("info", new StructWriter().Field("bpf_fd", fd((int)attr.bpf_fd, render)).Field("info_len", length)
            .Field("info", info ?? DecodeContext.FormatAddress((long)attr.info)).ToString()).ToString();
    }

    /// <summary>The bpf_map_info BPF_OBJ_GET_INFO_BY_FD wrote, when bpf_fd is a map (strace knows the kind by what
    /// the descriptor links to): its first info_len bytes, the rest zero; false when it is not a map or is unreadable.</summary>
    private static bool TryReadMapInfo(DecodeContext context, InfoAttr attr, out MapInfo info)
    {
        info = default;
        if (attr.info_len == 0 || attr.info == 0
            || Descriptors.DescriptorDescriber.PathOf(context.Call.ThreadId, (int)attr.bpf_fd) != "anon_inode:bpf-map")
            return false;
        var bytes = new byte[Unsafe.SizeOf<MapInfo>()];
        if (!context.TryReadBytes(attr.info, bytes.AsSpan(0, (int)Math.Min(attr.info_len, (uint)bytes.Length))))
            return false;
        info = MemoryMarshal.Read<MapInfo>(bytes);
        return true;
    }

    /// <summary>bpf_map_info as strace 6.1 prints it: its first version's fields always, the name, the device and
    /// namespace group and the BTF group when info_len reaches past where they start.</summary>
    private static string FormatMapInfo(MapInfo info, uint length, StraceRenderer render)
    {
        var text = new StructWriter().Field("type", s_mapTypes.Format(info.type, render)).Field("id", info.id).Field("key_size", info.key_size)
            .Field("value_size", info.value_size).Field("max_entries", info.max_entries).Field("map_flags", s_mapFlags.Format(info.map_flags, render));
        if (length > 24)
            text.Field("name", render.Quote(info.name.Text, truncated: false));
        if (length > 40)
        {
            string? interfaceName = Network.Netlink.NetlinkAttributes.InterfaceIndexName(info.ifindex);
            string index = info.ifindex.ToString(CultureInfo.InvariantCulture);
            text.Field("ifindex", interfaceName is null ? index : render.Format(index, interfaceName))
                .Field("btf_vmlinux_value_type_id", info.btf_vmlinux_value_type_id)
                .Field("netns_dev", Files.FileModes.FormatDevice(info.netns_dev, render)).Field("netns_ino", info.netns_ino.ToString(CultureInfo.InvariantCulture));
        }
        if (length > 64)
            text.Field("btf_id", info.btf_id).Field("btf_key_type_id", info.btf_key_type_id).Field("btf_value_type_id", info.btf_value_type_id);
        return text.ToString();
    }

    /// <summary>Reads the first <paramref name="size"/> bytes of the attr a command reads, the rest zero as the kernel
    /// takes them; false when attr is NULL, empty or unreadable (it then prints as its address). <paramref name="more"/>:
    /// the bytes from <paramref name="end"/>, where the command's fields end, to <paramref name="size"/>, when any is set.</summary>
    private static bool TryReadAttr<T>(DecodeContext context, uint size, int end, out T attr, out ExtraData? more) where T : unmanaged
    {
        var bytes = new byte[Math.Max(Unsafe.SizeOf<T>(), Math.Min(size, MaxAttrSize))];
        int wanted = (int)Math.Min(size, (uint)bytes.Length);
        attr = default;
        more = null;
        if (!context.Dereference || context.Raw(1) == 0 || wanted == 0 || !context.TryReadBytes((ulong)context.Raw(1), bytes.AsSpan(0, wanted)))
            return false;
        attr = MemoryMarshal.Read<T>(bytes);
        if (wanted > end && bytes.AsSpan(end, wanted - end).ContainsAnyExcept((byte)0))
            more = new ExtraData(end, bytes[end..wanted], context.Abbreviate);
        return true;
    }

    /// <summary>Bytes of an attr past the command's fields that hold something: strace's <c>...</c>, or under -v
    /// <c>extra_data="\x01..." /* bytes 16..143 */</c>.</summary>
    private sealed record ExtraData(int Start, byte[] Bytes, bool Abbreviate)
    {
        internal string AppendTo(string text, StraceRenderer render) => text[..^1] + (Abbreviate && !render.Verbose ? ", ...}"
            : $", extra_data={render.QuoteHex(Bytes, truncated: false)} /* bytes {Start}..{Start + Bytes.Length - 1} */}}");
    }

    /// <summary>Prints a command's part of union bpf_attr; <c>fd</c> prints one of its descriptors as the session's -y
    /// described it when the call was decoded (printers run later, when the descriptor may be gone).</summary>
    private delegate string AttrPrinter<T>(T attr, StraceRenderer render, Func<int, StraceRenderer, string> fd);

    private static void SetAttr<[DynamicallyAccessedMembers(KernelLayout.Members)] T>(DecodeContext context, uint size, int end, AttrPrinter<T> print)
        where T : unmanaged, IKernelStruct<T>, IBpfAttr
    {
        if (!TryReadAttr(context, size, end, out T attr, out ExtraData? more))
        {
            context.SetPointer(1);
            return;
        }
        Func<int, StraceRenderer, string> fd = context.DescribedNow(attr.Descriptors);
        context.Set(1, ArgumentKind.Pointer, StructValue.Of(attr), render => WithMore(print(attr, render, fd), more, render));
    }

    /// <summary>The structure's text with what bytes no field covers hold before its closing brace.</summary>
    private static string WithMore(string text, ExtraData? more, StraceRenderer render) => more?.AppendTo(text, render) ?? text;

    private static string FormatMapCreate(MapCreateAttr attr, uint size, StraceRenderer render, Func<int, StraceRenderer, string> fd)
    {
        var text = new StructWriter()
            .Field("map_type", s_mapTypes.Format(attr.map_type, render))
            .Field("key_size", attr.key_size).Field("value_size", attr.value_size).Field("max_entries", attr.max_entries);
        if (size > 16)
            text.Field("map_flags", s_mapFlags.Format(attr.map_flags, render));
        if (size > 20)
            text.Field("inner_map_fd", fd((int)attr.inner_map_fd, render));
        if (size > 24 && (attr.map_flags & NumaNode) != 0)
            text.Field("numa_node", attr.numa_node);
        if (size > 28)
            text.Field("map_name", render.Quote(attr.map_name.Text, truncated: false));
        if (size > 44)
            text.Field("map_ifindex", attr.map_ifindex);
        if (size > 48)
        {
            text.Field("btf_fd", fd((int)attr.btf_fd, render)).Field("btf_key_type_id", attr.btf_key_type_id)
                .Field("btf_value_type_id", attr.btf_value_type_id).Field("btf_vmlinux_value_type_id", attr.btf_vmlinux_value_type_id);
        }
        if (size > 64)
            text.Field("map_extra", attr.map_extra.ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    // Descriptors are __u32 in the attr; strace prints them as the ints they are (map_fd=-1).
    private static string FormatMapElem(MapElemAttr attr, StraceRenderer render, Func<int, StraceRenderer, string> fd, bool hasValue, string? flags)
    {
        var text = new StructWriter().Field("map_fd", fd((int)attr.map_fd, render)).Field("key", DecodeContext.FormatAddress((long)attr.key));
        if (hasValue)
            text.Field("value", DecodeContext.FormatAddress((long)attr.value));
        if (flags is not null)
            text.Field("flags", flags);
        return text.ToString();
    }

    /// <summary>BPF_PROG_LOAD: the license is a string the attr points to, read now (the text is made later).</summary>
    private static void SetProgLoad(DecodeContext context, uint size)
    {
        if (!TryReadAttr(context, size, Unsafe.SizeOf<ProgLoadAttr>(), out ProgLoadAttr attr, out ExtraData? more))
        {
            context.SetPointer(1);
            return;
        }
        Func<StraceRenderer, string> license = context.StringField(attr.license);
        Func<StraceRenderer, string> instructions = Instructions(context, attr);
        Func<int, StraceRenderer, string> fd = context.DescribedNow(attr.Descriptors);
        context.Set(1, ArgumentKind.Pointer, StructValue.Of(attr), render => WithMore(FormatProgLoad(attr, size, license, instructions, render, fd), more, render));
    }

    /// <summary>BPF_PROG_LOAD's instructions, read now: their address, or under -v each instruction.</summary>
    private static Func<StraceRenderer, string> Instructions(DecodeContext context, ProgLoadAttr attr)
    {
        bool abbreviate = context.Abbreviate;
        var instructions = abbreviate ? null : StructArrays.Read<BpfPrograms.BpfInsn>(context, (long)attr.insns, attr.insn_cnt,
            (instruction, render, _) => BpfPrograms.Format(instruction, render));
        return render => (abbreviate && !render.Verbose) || instructions is null
            ? DecodeContext.FormatAddress((long)attr.insns) : instructions.Value.Text(render);
    }

    private static string FormatProgLoad(ProgLoadAttr attr, uint size, Func<StraceRenderer, string> license, Func<StraceRenderer, string> instructions,
        StraceRenderer render, Func<int, StraceRenderer, string> fd)
    {
        var text = new StructWriter()
            .Field("prog_type", s_progTypes.Format(attr.prog_type, render))
            .Field("insn_cnt", attr.insn_cnt)
            .Field("insns", instructions(render))
            .Field("license", license(render));
        if (size > 24)
            text.Field("log_level", attr.log_level).Field("log_size", attr.log_size).Field("log_buf", DecodeContext.FormatAddress((long)attr.log_buf));
        if (size > 40)
        {
            text.Field("kern_version", render.Format(DecodeContext.HexOrZero(attr.kern_version), string.Create(CultureInfo.InvariantCulture,
                $"KERNEL_VERSION({attr.kern_version >> 16}, {(attr.kern_version >> 8) & 0xff}, {attr.kern_version & 0xff})")));
        }
        if (size > 44)
            text.Field("prog_flags", s_progFlags.Format(attr.prog_flags, render));
        if (size > 48)
            text.Field("prog_name", render.Quote(attr.prog_name.Text, truncated: false));
        if (size > 64)
            text.Field("prog_ifindex", attr.prog_ifindex);
        if (size > 68)
            text.Field("expected_attach_type", s_attachTypes.Format(attr.expected_attach_type, render));
        if (size > 72)
        {
            text.Field("prog_btf_fd", fd((int)attr.prog_btf_fd, render)).Field("func_info_rec_size", attr.func_info_rec_size)
                .Field("func_info", DecodeContext.FormatAddress((long)attr.func_info)).Field("func_info_cnt", attr.func_info_cnt)
                .Field("line_info_rec_size", attr.line_info_rec_size)
                .Field("line_info", DecodeContext.FormatAddress((long)attr.line_info)).Field("line_info_cnt", attr.line_info_cnt);
        }
        if (size > 108)
            text.Field("attach_btf_id", attr.attach_btf_id);
        if (size > 112)
            text.Field("attach_prog_fd", fd((int)attr.attach_prog_fd, render));
        if (size > 120)
            text.Field("fd_array", DecodeContext.FormatAddress((long)attr.fd_array));
        return text.ToString();
    }

    /// <summary>The *_GET_NEXT_ID and *_GET_FD_BY_ID commands: the id (named as the command names it), next_id, and
    /// open_flags when size reaches it.</summary>
    private static void SetIds(DecodeContext context, uint size, string idName) =>
        SetAttr<IdAttr>(context, size, Unsafe.SizeOf<IdAttr>(), (attr, render, _) =>
        {
            var text = new StructWriter().Field(idName, attr.start_id).Field("next_id", attr.next_id);
            if (size > 8)
                text.Field("open_flags", s_fileFlags.Format(attr.open_flags, render));
            return text.ToString();
        });

    private const int TestEnd = 76, QueryEnd = 28, BtfEnd = 28, LinkCreateEnd = 16, CookieEnd = 24, IterEnd = 28, RawTracepointEnd = 12;

    /// <summary>At exit, when BPF_PROG_QUERY succeeds: the ids the kernel wrote, as many as the prog_cnt it wrote, and
    /// prog_cnt as it rewrote it (<c>prog_cnt=3 =&gt; 0</c>); the other fields as they were given.</summary>
    private static void DecodeQueryAtExit(DecodeContext context, uint size)
    {
        if (context.Failed || context.Arguments[1]?.Value is not StructValue { Source: QueryAttr entered }
            || !TryReadAttr(context, size, QueryEnd, out QueryAttr written, out ExtraData? more))
            return;
        string count = entered.prog_cnt == written.prog_cnt ? written.prog_cnt.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{entered.prog_cnt} => {written.prog_cnt}");
        string ids = Words(context, entered.prog_ids, written.prog_cnt, out uint[] values, out bool cut)
            ? FormatWords(values, cut, id => id.ToString(CultureInfo.InvariantCulture)) : DecodeContext.FormatAddress((long)entered.prog_ids);
        Func<int, StraceRenderer, string> fd = context.DescribedNow(entered.Descriptors);
        context.Set(1, ArgumentKind.Pointer, StructValue.Of(written), render => WithMore(FormatQuery(entered, render, fd, ids, count), more, render));
    }

    /// <summary>An array of <paramref name="count"/> __u32 the attr points to, read now: without -v as many as the
    /// string length (<paramref name="cut"/> when there are more), with it all (up to a bound no real call reaches);
    /// false when it prints as its address (NULL, even when empty, or unreadable).</summary>
    private static bool Words(DecodeContext context, ulong address, uint count, out uint[] values, out bool cut)
    {
        int shown = (int)Math.Min(count, context.Abbreviate ? (uint)context.StringLength : MostIdsShown);
        var bytes = new byte[shown * sizeof(uint)];
        cut = count > shown;
        values = [];
        if (address == 0 || (count != 0 && !context.TryReadBytes(address, bytes)))
            return false;
        values = MemoryMarshal.Cast<byte, uint>(bytes).ToArray();
        return true;
    }

    private static string FormatWords(uint[] values, bool cut, Func<uint, string> each)
    {
        IEnumerable<string> items = values.Select(each);
        return "[" + string.Join(", ", cut ? items.Append("...") : items) + "]";
    }

    private static string FormatQuery(QueryAttr attr, StraceRenderer render, Func<int, StraceRenderer, string> fd, string ids, string count) =>
        new StructWriter().Field("query", new StructWriter()
            .Field("target_fd", fd((int)attr.target_fd, render)).Field("attach_type", s_attachTypes.Format(attr.attach_type, render))
            .Field("query_flags", s_queryFlags.Format(attr.query_flags, render)).Field("attach_flags", s_attachFlags.Format(attr.attach_flags, render))
            .Field("prog_ids", ids).Field("prog_cnt", count).ToString()).ToString();

    /// <summary>BPF_PROG_TEST_RUN: its first version's fields, the context's when size reaches ctx_in, flags and cpu
    /// when it reaches past batch_size's predecessors, as strace shows them.</summary>
    private static string FormatTest(TestAttr attr, uint size, StraceRenderer render, Func<int, StraceRenderer, string> fd)
    {
        var text = new StructWriter().Field("prog_fd", fd((int)attr.prog_fd, render)).Field("retval", attr.retval)
            .Field("data_size_in", attr.data_size_in).Field("data_size_out", attr.data_size_out)
            .Field("data_in", DecodeContext.FormatAddress((long)attr.data_in)).Field("data_out", DecodeContext.FormatAddress((long)attr.data_out))
            .Field("repeat", attr.repeat).Field("duration", attr.duration);
        if (size > 40)
        {
            text.Field("ctx_size_in", attr.ctx_size_in).Field("ctx_size_out", attr.ctx_size_out)
                .Field("ctx_in", DecodeContext.FormatAddress((long)attr.ctx_in)).Field("ctx_out", DecodeContext.FormatAddress((long)attr.ctx_out));
        }
        if (size > 64)
            text.Field("flags", s_testRunFlags.Format(attr.flags, render)).Field("cpu", attr.cpu);
        if (size > 72)
            text.Field("batch_size", attr.batch_size);
        return new StructWriter().Field("test", text.ToString()).ToString();
    }

    /// <summary>BPF_BTF_LOAD: the BTF data is btf_size bytes the attr points to, read now.</summary>
    private static void SetBtfLoad(DecodeContext context, uint size)
    {
        if (!TryReadAttr(context, size, BtfEnd, out BtfLoadAttr attr, out ExtraData? more))
        {
            context.SetPointer(1);
            return;
        }
        Func<StraceRenderer, string> btf = context.BufferField(attr.btf, attr.btf_size);
        context.Set(1, ArgumentKind.Pointer, StructValue.Of(attr), render => WithMore(new StructWriter().Field("btf", btf(render))
            .Field("btf_log_buf", DecodeContext.FormatAddress((long)attr.btf_log_buf)).Field("btf_size", attr.btf_size)
            .Field("btf_log_size", attr.btf_log_size).Field("btf_log_level", attr.btf_log_level).ToString(), more, render));
    }

    /// <summary>BPF_LINK_CREATE: what follows flags depends on the attach type; a perf event's cookie and an
    /// iterator's info print, any other type's part of the union counts as bytes no field covers.</summary>
    private static void SetLinkCreate(DecodeContext context, uint size)
    {
        if (!TryReadAttr(context, size, Unsafe.SizeOf<LinkCreateAttr>(), out LinkCreateAttr peek, out _))
        {
            context.SetPointer(1);
            return;
        }
        int end = peek.attach_type switch { PerfEvent => CookieEnd, TraceIter => IterEnd, _ => LinkCreateEnd };
        // An iterator's info: as strace 6.1 reads it, iter_info_len maps, each described now under -y.
        uint[] maps = [];
        bool cut = false;
        bool iterMaps = peek.attach_type == TraceIter && Words(context, peek.bpf_cookie, peek.iter_info_len, out maps, out cut);
        Func<int, StraceRenderer, string> mapFd = context.DescribedNow([.. maps.Select(map => (int)map)]);
        SetAttr<LinkCreateAttr>(context, size, end, (attr, render, fd) =>
        {
            var text = new StructWriter().Field("prog_fd", fd((int)attr.prog_fd, render)).Field("target_fd", fd((int)attr.target_fd, render))
                .Field("attach_type", s_attachTypes.Format(attr.attach_type, render)).Field("flags", attr.flags);
            if (attr.attach_type == PerfEvent)
                text.Field("perf_event", new StructWriter().Field("bpf_cookie", DecodeContext.HexOrZero(attr.bpf_cookie)).ToString());
            else if (attr.attach_type == TraceIter)
            {
                text.Field("iter_info", iterMaps ? FormatWords(maps, cut, map => new StructWriter().Field("map", new StructWriter()
                        .Field("map_fd", mapFd((int)map, render)).ToString()).ToString()) : DecodeContext.FormatAddress((long)attr.bpf_cookie))
                    .Field("iter_info_len", attr.iter_info_len);
            }
            return new StructWriter().Field("link_create", text.ToString()).ToString();
        });
    }

    /// <summary>BPF_RAW_TRACEPOINT_OPEN: the tracepoint's name is a string the attr points to, read now.</summary>
    private static void SetRawTracepoint(DecodeContext context, uint size)
    {
        if (!TryReadAttr(context, size, RawTracepointEnd, out RawTracepointAttr attr, out ExtraData? more))
        {
            context.SetPointer(1);
            return;
        }
        Func<StraceRenderer, string> name = context.StringField(attr.name);
        Func<int, StraceRenderer, string> fd = context.DescribedNow(attr.Descriptors);
        context.Set(1, ArgumentKind.Pointer, StructValue.Of(attr), render => WithMore(new StructWriter().Field("raw_tracepoint", new StructWriter()
            .Field("name", name(render)).Field("prog_fd", fd((int)attr.prog_fd, render)).ToString()).ToString(), more, render));
    }

    /// <summary>BPF_TASK_FD_QUERY: buf is a string of at most buf_len bytes, read now; its fd is the queried
    /// process's, described (as strace does) as the caller's.</summary>
    private static void SetTaskFdQuery(DecodeContext context, uint size)
    {
        if (!TryReadAttr(context, size, Unsafe.SizeOf<TaskFdQueryAttr>(), out TaskFdQueryAttr attr, out ExtraData? more))
        {
            context.SetPointer(1);
            return;
        }
        Func<StraceRenderer, string> buf = BoundedString(context, attr.buf, attr.buf_len);
        Func<int, StraceRenderer, string> fd = context.DescribedNow(attr.Descriptors);
        context.Set(1, ArgumentKind.Pointer, StructValue.Of(attr), render => WithMore(new StructWriter().Field("task_fd_query", new StructWriter()
            .Field("pid", attr.pid).Field("fd", fd((int)attr.fd, render)).Field("flags", attr.flags).Field("buf_len", attr.buf_len)
            .Field("buf", buf(render)).Field("prog_id", attr.prog_id).Field("fd_type", s_taskFdTypes.Format(attr.fd_type, render))
            .Field("probe_offset", attr.probe_offset.ToString(CultureInfo.InvariantCulture))
            .Field("probe_addr", DecodeContext.HexOrZero(attr.probe_addr)).ToString()).ToString(), more, render));
    }

    /// <summary>A string of at most <paramref name="length"/> bytes (and the string length), read now: cut (<c>"ab"...</c>)
    /// when no NUL ends it within them; its address when NULL or unreadable.</summary>
    private static Func<StraceRenderer, string> BoundedString(DecodeContext context, ulong address, uint length)
    {
        int limit = (int)Math.Min(length, (uint)context.StringLength);
        if (context.Memory.TryReadCString(context.Call.ThreadId, address, limit, out ReadOnlySpan<byte> bytes, out bool truncated))
        {
            byte[] text = bytes.ToArray();
            return render => render.Quote(text, truncated);
        }
        string pointer = DecodeContext.FormatAddress((long)address);
        return _ => pointer;
    }

    /// <summary>The *_BATCH map commands: the lookups read in_batch and out_batch, the deletion no values.</summary>
    private static string FormatBatch(BatchAttr attr, ulong command, StraceRenderer render, Func<int, StraceRenderer, string> fd)
    {
        var text = new StructWriter();
        if (command is MapLookupBatch or MapLookupAndDeleteBatch)
        {
            text.Field("in_batch", DecodeContext.FormatAddress((long)attr.in_batch))
                .Field("out_batch", DecodeContext.FormatAddress((long)attr.out_batch));
        }
        text.Field("keys", DecodeContext.FormatAddress((long)attr.keys));
        if (command != MapDeleteBatch)
            text.Field("values", DecodeContext.FormatAddress((long)attr.values));
        text.Field("count", attr.count).Field("map_fd", fd((int)attr.map_fd, render))
            .Field("elem_flags", s_lookupFlags.Format((long)attr.elem_flags, render)).Field("flags", DecodeContext.HexOrZero(attr.flags));
        return new StructWriter().Field("batch", text.ToString()).ToString();
    }

    /// <summary>BPF_OBJ_PIN and BPF_OBJ_GET: the path is a string the attr points to, read now (the text is made later).</summary>
    private static void SetObj(DecodeContext context, uint size)
    {
        if (!TryReadAttr(context, size, Unsafe.SizeOf<ObjAttr>(), out ObjAttr attr, out ExtraData? more))
        {
            context.SetPointer(1);
            return;
        }
        Func<StraceRenderer, string> path = context.StringField(attr.pathname, ArgumentKind.Path);
        Func<int, StraceRenderer, string> fd = context.DescribedNow(attr.Descriptors);
        context.Set(1, ArgumentKind.Pointer, StructValue.Of(attr), render =>
        {
            var writer = new StructWriter()
                .Field("pathname", path(render))
                .Field("bpf_fd", fd((int)attr.bpf_fd, render));
            if (size > 12)
                writer.Field("file_flags", s_fileFlags.Format(attr.file_flags, render));
            return WithMore(writer.ToString(), more, render);
        });
    }

    /// <summary>A command's part of union bpf_attr, naming the descriptors it holds so that -y can describe them when
    /// the call is decoded.</summary>
    internal interface IBpfAttr
    {
        /// <summary>The values of the part's descriptor fields.</summary>
        int[] Descriptors { get; }
    }

    /// <summary>A name of union bpf_attr: NUL-terminated in BPF_OBJ_NAME_LEN (16) bytes.</summary>
    [InlineArray(16)]
    internal struct ObjectName
    {
        private byte _byte;

        /// <summary>The bytes before the NUL.</summary>
        [UnscopedRef]
        internal readonly ReadOnlySpan<byte> Text => StraceQuoting.BeforeNul(this);
    }

    /// <summary>union bpf_attr as BPF_MAP_CREATE reads it (include/uapi/linux/bpf.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MapCreateAttr : IKernelStruct<MapCreateAttr>, IBpfAttr
    {
        public uint map_type, key_size, value_size, max_entries, map_flags, inner_map_fd, numa_node;
        public ObjectName map_name;
        public uint map_ifindex, btf_fd, btf_key_type_id, btf_value_type_id, btf_vmlinux_value_type_id;
        public ulong map_extra;

        public static string TypeName => "bpf_attr_map_create";

        public readonly int[] Descriptors => [(int)inner_map_fd, (int)btf_fd];

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("map_type", new ConstantValue(map_type, s_mapTypes)), new("key_size", key_size), new("value_size", value_size),
            new("max_entries", max_entries), new("map_flags", new FlagsValue(map_flags, s_mapFlags)), new("inner_map_fd", new DescriptorValue((int)inner_map_fd, null)),
            new("numa_node", numa_node), new("map_name", StraceQuoting.Display(map_name.Text)), new("map_ifindex", map_ifindex),
            new("btf_fd", new DescriptorValue((int)btf_fd, null)), new("btf_key_type_id", btf_key_type_id), new("btf_value_type_id", btf_value_type_id),
            new("btf_vmlinux_value_type_id", btf_vmlinux_value_type_id), new("map_extra", map_extra),
        ];
    }

    /// <summary>union bpf_attr as the map element commands read it (include/uapi/linux/bpf.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MapElemAttr : IKernelStruct<MapElemAttr>, IBpfAttr
    {
        public uint map_fd;
        public ulong key, value, flags;

        public static string TypeName => "bpf_attr_map_elem";

        public readonly int[] Descriptors => [(int)map_fd];

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("map_fd", new DescriptorValue((int)map_fd, null)), new("key", key), new("value", value), new("flags", flags)];
    }

    /// <summary>union bpf_attr as BPF_PROG_LOAD reads it, up to fd_array (include/uapi/linux/bpf.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ProgLoadAttr : IKernelStruct<ProgLoadAttr>, IBpfAttr
    {
        public uint prog_type, insn_cnt;
        public ulong insns, license;
        public uint log_level, log_size;
        public ulong log_buf;
        public uint kern_version, prog_flags;
        public ObjectName prog_name;
        public uint prog_ifindex, expected_attach_type, prog_btf_fd, func_info_rec_size;
        public ulong func_info;
        public uint func_info_cnt, line_info_rec_size;
        public ulong line_info;
        public uint line_info_cnt, attach_btf_id, attach_prog_fd;
        public ulong fd_array;

        public static string TypeName => "bpf_attr_prog_load";

        public readonly int[] Descriptors => [(int)prog_btf_fd, (int)attach_prog_fd];

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("prog_type", new ConstantValue(prog_type, s_progTypes)), new("insn_cnt", insn_cnt), new("insns", insns),
            new("license", license), new("log_level", log_level), new("log_size", log_size), new("log_buf", log_buf),
            new("kern_version", kern_version), new("prog_flags", new FlagsValue(prog_flags, s_progFlags)),
            new("prog_name", StraceQuoting.Display(prog_name.Text)), new("prog_ifindex", prog_ifindex),
            new("expected_attach_type", new ConstantValue(expected_attach_type, s_attachTypes)), new("prog_btf_fd", new DescriptorValue((int)prog_btf_fd, null)),
            new("func_info_rec_size", func_info_rec_size), new("func_info", func_info), new("func_info_cnt", func_info_cnt),
            new("line_info_rec_size", line_info_rec_size), new("line_info", line_info), new("line_info_cnt", line_info_cnt),
            new("attach_btf_id", attach_btf_id), new("attach_prog_fd", new DescriptorValue((int)attach_prog_fd, null)), new("fd_array", fd_array),
        ];
    }

    /// <summary>union bpf_attr as the BPF_OBJ_* commands read it (include/uapi/linux/bpf.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ObjAttr : IKernelStruct<ObjAttr>, IBpfAttr
    {
        public ulong pathname;
        public uint bpf_fd, file_flags;

        public static string TypeName => "bpf_attr_obj";

        public readonly int[] Descriptors => [(int)bpf_fd];

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("pathname", pathname), new("bpf_fd", new DescriptorValue((int)bpf_fd, null)), new("file_flags", new FlagsValue(file_flags, s_fileFlags))];
    }

    /// <summary>union bpf_attr as BPF_PROG_ATTACH and BPF_PROG_DETACH read it (include/uapi/linux/bpf.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct AttachAttr : IKernelStruct<AttachAttr>, IBpfAttr
    {
        public uint target_fd, attach_bpf_fd, attach_type, attach_flags, replace_bpf_fd;

        public static string TypeName => "bpf_attr_attach";

        public readonly int[] Descriptors => [(int)target_fd, (int)attach_bpf_fd, (int)replace_bpf_fd];

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("target_fd", new DescriptorValue((int)target_fd, null)), new("attach_bpf_fd", new DescriptorValue((int)attach_bpf_fd, null)), new("attach_type", new ConstantValue(attach_type, s_attachTypes)),
            new("attach_flags", new FlagsValue(attach_flags, s_attachFlags)), new("replace_bpf_fd", new DescriptorValue((int)replace_bpf_fd, null)),
        ];
    }

    /// <summary>union bpf_attr as the *_GET_NEXT_ID and *_GET_FD_BY_ID commands read it (include/uapi/linux/bpf.h);
    /// start_id shares its place with prog_id, map_id, btf_id and link_id.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct IdAttr : IKernelStruct<IdAttr>, IBpfAttr
    {
        public uint start_id, next_id, open_flags;

        public static string TypeName => "bpf_attr_id";

        public readonly int[] Descriptors => [];

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("start_id", start_id), new("next_id", next_id), new("open_flags", new FlagsValue(open_flags, s_fileFlags))];
    }

    /// <summary>union bpf_attr's info, as BPF_OBJ_GET_INFO_BY_FD reads it (include/uapi/linux/bpf.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct InfoAttr : IKernelStruct<InfoAttr>, IBpfAttr
    {
        public uint bpf_fd, info_len;
        public ulong info;

        public static string TypeName => "bpf_attr_info";

        public readonly int[] Descriptors => [(int)bpf_fd];

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("bpf_fd", new DescriptorValue((int)bpf_fd, null)), new("info_len", info_len), new("info", info)];
    }

    /// <summary>union bpf_attr's test, as BPF_PROG_TEST_RUN reads it (include/uapi/linux/bpf.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct TestAttr : IKernelStruct<TestAttr>, IBpfAttr
    {
        public uint prog_fd, retval, data_size_in, data_size_out;
        public ulong data_in, data_out;
        public uint repeat, duration, ctx_size_in, ctx_size_out;
        public ulong ctx_in, ctx_out;
        public uint flags, cpu, batch_size;

        public static string TypeName => "bpf_attr_test";

        public readonly int[] Descriptors => [(int)prog_fd];

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("prog_fd", new DescriptorValue((int)prog_fd, null)), new("retval", retval), new("data_size_in", data_size_in),
            new("data_size_out", data_size_out), new("data_in", data_in), new("data_out", data_out), new("repeat", repeat),
            new("duration", duration), new("ctx_size_in", ctx_size_in), new("ctx_size_out", ctx_size_out), new("ctx_in", ctx_in),
            new("ctx_out", ctx_out), new("flags", new FlagsValue(flags, s_testRunFlags)), new("cpu", cpu), new("batch_size", batch_size),
        ];
    }

    /// <summary>union bpf_attr's query, as BPF_PROG_QUERY reads it, up to prog_cnt (include/uapi/linux/bpf.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct QueryAttr : IKernelStruct<QueryAttr>, IBpfAttr
    {
        public uint target_fd, attach_type, query_flags, attach_flags;
        public ulong prog_ids;
        public uint prog_cnt;

        public static string TypeName => "bpf_attr_query";

        public readonly int[] Descriptors => [(int)target_fd];

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("target_fd", new DescriptorValue((int)target_fd, null)), new("attach_type", new ConstantValue(attach_type, s_attachTypes)),
            new("query_flags", new FlagsValue(query_flags, s_queryFlags)), new("attach_flags", new FlagsValue(attach_flags, s_attachFlags)),
            new("prog_ids", prog_ids), new("prog_cnt", prog_cnt),
        ];
    }

    /// <summary>union bpf_attr as BPF_BTF_LOAD reads it, up to btf_log_level (include/uapi/linux/bpf.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct BtfLoadAttr : IKernelStruct<BtfLoadAttr>
    {
        public ulong btf, btf_log_buf;
        public uint btf_size, btf_log_size, btf_log_level;

        public static string TypeName => "bpf_attr_btf_load";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("btf", btf), new("btf_log_buf", btf_log_buf), new("btf_size", btf_size), new("btf_log_size", btf_log_size),
            new("btf_log_level", btf_log_level),
        ];
    }

    /// <summary>union bpf_attr's link_create, as BPF_LINK_CREATE reads it (include/uapi/linux/bpf.h): after flags, a
    /// union of which the perf event's and the iterator's members are read here (bpf_cookie shares iter_info's place).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct LinkCreateAttr : IKernelStruct<LinkCreateAttr>, IBpfAttr
    {
        public uint prog_fd, target_fd, attach_type, flags;
        public ulong bpf_cookie;
        public uint iter_info_len;

        public static string TypeName => "bpf_attr_link_create";

        public readonly int[] Descriptors => [(int)prog_fd, (int)target_fd];

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("prog_fd", new DescriptorValue((int)prog_fd, null)), new("target_fd", new DescriptorValue((int)target_fd, null)),
            new("attach_type", new ConstantValue(attach_type, s_attachTypes)), new("flags", flags), new("bpf_cookie", bpf_cookie),
            new("iter_info_len", iter_info_len),
        ];
    }

    /// <summary>union bpf_attr's link_update, as BPF_LINK_UPDATE reads it (include/uapi/linux/bpf.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct LinkUpdateAttr : IKernelStruct<LinkUpdateAttr>, IBpfAttr
    {
        public uint link_fd, new_prog_fd, flags, old_prog_fd;

        public static string TypeName => "bpf_attr_link_update";

        public readonly int[] Descriptors => [(int)link_fd, (int)new_prog_fd, (int)old_prog_fd];

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("link_fd", new DescriptorValue((int)link_fd, null)), new("new_prog_fd", new DescriptorValue((int)new_prog_fd, null)),
            new("flags", new FlagsValue(flags, s_attachFlags)), new("old_prog_fd", new DescriptorValue((int)old_prog_fd, null)),
        ];
    }

    /// <summary>union bpf_attr's raw_tracepoint, as BPF_RAW_TRACEPOINT_OPEN reads it (include/uapi/linux/bpf.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct RawTracepointAttr : IKernelStruct<RawTracepointAttr>, IBpfAttr
    {
        public ulong name;
        public uint prog_fd;

        public static string TypeName => "bpf_attr_raw_tracepoint";

        public readonly int[] Descriptors => [(int)prog_fd];

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("name", name), new("prog_fd", new DescriptorValue((int)prog_fd, null))];
    }

    /// <summary>union bpf_attr's task_fd_query, as BPF_TASK_FD_QUERY reads it (include/uapi/linux/bpf.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct TaskFdQueryAttr : IKernelStruct<TaskFdQueryAttr>, IBpfAttr
    {
        public uint pid, fd, flags, buf_len;
        public ulong buf;
        public uint prog_id, fd_type;
        public ulong probe_offset, probe_addr;

        public static string TypeName => "bpf_attr_task_fd_query";

        public readonly int[] Descriptors => [(int)fd];

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("pid", pid), new("fd", new DescriptorValue((int)fd, null)), new("flags", flags), new("buf_len", buf_len), new("buf", buf),
            new("prog_id", prog_id), new("fd_type", new ConstantValue(fd_type, s_taskFdTypes)), new("probe_offset", probe_offset),
            new("probe_addr", probe_addr),
        ];
    }

    /// <summary>union bpf_attr's batch, as the *_BATCH map commands read it (include/uapi/linux/bpf.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct BatchAttr : IKernelStruct<BatchAttr>, IBpfAttr
    {
        public ulong in_batch, out_batch, keys, values;
        public uint count, map_fd;
        public ulong elem_flags, flags;

        public static string TypeName => "bpf_attr_batch";

        public readonly int[] Descriptors => [(int)map_fd];

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("in_batch", in_batch), new("out_batch", out_batch), new("keys", keys), new("values", values), new("count", count),
            new("map_fd", new DescriptorValue((int)map_fd, null)), new("elem_flags", new FlagsValue((long)elem_flags, s_lookupFlags)),
            new("flags", flags),
        ];
    }

    /// <summary>struct bpf_map_info up to btf_value_type_id, the fields strace 6.1 prints (include/uapi/linux/bpf.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MapInfo : IKernelStruct<MapInfo>
    {
        public uint type, id, key_size, value_size, max_entries, map_flags;
        public ObjectName name;
        public uint ifindex, btf_vmlinux_value_type_id;
        public ulong netns_dev, netns_ino;
        public uint btf_id, btf_key_type_id, btf_value_type_id;

        public static string TypeName => "bpf_map_info";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("type", new ConstantValue(type, s_mapTypes)), new("id", id), new("key_size", key_size), new("value_size", value_size),
            new("max_entries", max_entries), new("map_flags", new FlagsValue(map_flags, s_mapFlags)),
            new("name", StraceQuoting.Display(name.Text)), new("ifindex", ifindex), new("btf_vmlinux_value_type_id", btf_vmlinux_value_type_id),
            new("netns_dev", netns_dev), new("netns_ino", netns_ino), new("btf_id", btf_id), new("btf_key_type_id", btf_key_type_id),
            new("btf_value_type_id", btf_value_type_id),
        ];
    }
}
