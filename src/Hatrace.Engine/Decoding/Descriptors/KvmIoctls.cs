using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The KVM requests (KVMIO 0xae, include/uapi/linux/kvm.h): the capability asked about, the vCPU made, a
/// memory slot set, x86's general and special registers set or read (struct kvm_regs, kvm_sregs) and the CPUID
/// entries set or supported (struct kvm_cpuid2), which strace prints in part without -v; the other requests in hex,
/// as strace leaves them.</summary>
internal static class KvmIoctls
{
    private static readonly ConstantTable s_requests = ConstantTable.Load("kvm_ioctls");
    private static readonly NamedValues s_capabilities = new("kvm_caps", "KVM_CAP_???");
    private static readonly FlagSet s_memoryFlags = new("kvm_mem_flags", "KVM_MEM_???");
    private static readonly FlagSet s_cpuidFlags = new("kvm_cpuid_flags", "KVM_CPUID_FLAG_???");

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        switch (s_requests.NameOf(request))
        {
            case "KVM_CHECK_EXTENSION":
                IoctlArgument.Named(context, s_capabilities);
                break;
            case "KVM_CREATE_VCPU":
                // The vCPU's id, an unsigned int.
                if (!context.Exiting)
                    context.Set(IoctlArgument.Index, Syscalls.ArgumentKind.UInt, (long)(uint)context.Raw(IoctlArgument.Index),
                        ((uint)context.Raw(IoctlArgument.Index)).ToString(CultureInfo.InvariantCulture));
                break;
            case "KVM_SET_USER_MEMORY_REGION":
                IoctlArgument.Input<KvmUserspaceMemoryRegion>(context, (region, render, _) => new StructWriter().Field("slot", region.slot)
                    .Field("flags", s_memoryFlags.Format(region.flags, render)).Field("guest_phys_addr", Hex(region.guest_phys_addr))
                    .Field("memory_size", region.memory_size.ToString(CultureInfo.InvariantCulture))
                    .Field("userspace_addr", Hex(region.userspace_addr)).ToString());
                break;
            case "KVM_SET_REGS":
                IoctlArgument.Input<KvmRegs>(context, (regs, _, abbreviate) => Format(regs, abbreviate));
                break;
            case "KVM_GET_REGS":
                IoctlArgument.Output<KvmRegs>(context, (regs, _, abbreviate) => Format(regs, abbreviate));
                break;
            case "KVM_SET_SREGS":
                IoctlArgument.Input<KvmSregs>(context, (sregs, _, abbreviate) => Format(sregs, abbreviate));
                break;
            case "KVM_GET_SREGS":
                IoctlArgument.Output<KvmSregs>(context, (sregs, _, abbreviate) => Format(sregs, abbreviate));
                break;
            case "KVM_SET_CPUID2":
                if (!context.Exiting)
                    SetCpuid(context);
                break;
            case "KVM_GET_SUPPORTED_CPUID" or "KVM_GET_EMULATED_CPUID":
                if (!context.Exiting)
                    context.Defer(IoctlArgument.Index);
                else if (context.Failed)
                    context.SetPointer(IoctlArgument.Index);
                else
                    SetCpuid(context);
                break;
            default:
                return false;
        }
        return true;
    }

    // struct kvm_cpuid2 and the nent entries that follow it, which strace leaves out without -v.
    private static void SetCpuid(DecodeContext context)
    {
        long address = context.Raw(IoctlArgument.Index);
        if (!context.Dereference || address == 0 || !context.TryRead((ulong)address, out KvmCpuid2 cpuid))
        {
            context.SetPointer(IoctlArgument.Index);
            return;
        }
        long first = address + Marshal.SizeOf<KvmCpuid2>();
        var entries = StructArrays.Read<KvmCpuidEntry2>(context, first, cpuid.nent, (entry, render, _) => Format(entry, render));
        bool abbreviate = context.Abbreviate;
        var value = new StructValue(KvmCpuid2.TypeName,
            [new("nent", cpuid.nent), new("entries", entries?.Value ?? (object)DecodeContext.Pointer(first, PointerReason.Unreadable))]);
        context.Set(IoctlArgument.Index, Syscalls.ArgumentKind.Pointer, value, render =>
        {
            string list = cpuid.nent == 0 ? "[]" : abbreviate && !render.Verbose ? "[...]"
                : entries is var (_, text) ? text(render) : DecodeContext.FormatAddress(first);
            return new StructWriter().Field("nent", cpuid.nent).Field("entries", list).ToString();
        });
    }

    private static string Format(KvmCpuidEntry2 entry, StraceRenderer render) =>
        new StructWriter().Field("function", Hex(entry.function)).Field("index", Hex(entry.index)).Field("flags", s_cpuidFlags.Format(entry.flags, render))
            .Field("eax", Hex(entry.eax)).Field("ebx", Hex(entry.ebx)).Field("ecx", Hex(entry.ecx)).Field("edx", Hex(entry.edx)).ToString();

    private static string Hex(ulong value) => DecodeContext.HexOrZero(value);

    private static string Decimal(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    // Without -v strace keeps rax, the stack and frame pointers, rip and rflags.
    private static string Format(KvmRegs regs, bool abbreviate)
    {
        var text = new StructWriter().Field("rax", Hex(regs.rax));
        if (abbreviate)
            text.More();
        else
            text.Field("rbx", Hex(regs.rbx)).Field("rcx", Hex(regs.rcx)).Field("rdx", Hex(regs.rdx)).Field("rsi", Hex(regs.rsi)).Field("rdi", Hex(regs.rdi));
        text.Field("rsp", Hex(regs.rsp)).Field("rbp", Hex(regs.rbp));
        if (abbreviate)
            text.More();
        else
        {
            text.Field("r8", Hex(regs.r8)).Field("r9", Hex(regs.r9)).Field("r10", Hex(regs.r10)).Field("r11", Hex(regs.r11))
                .Field("r12", Hex(regs.r12)).Field("r13", Hex(regs.r13)).Field("r14", Hex(regs.r14)).Field("r15", Hex(regs.r15));
        }
        return text.Field("rip", Hex(regs.rip)).Field("rflags", Hex(regs.rflags)).ToString();
    }

    // Without -v strace prints the code segment only.
    private static string Format(KvmSregs sregs, bool abbreviate)
    {
        var text = new StructWriter().Field("cs", Format(sregs.cs));
        if (abbreviate)
            return text.More().ToString();
        return text.Field("ds", Format(sregs.ds)).Field("es", Format(sregs.es)).Field("fs", Format(sregs.fs)).Field("gs", Format(sregs.gs))
            .Field("ss", Format(sregs.ss)).Field("tr", Format(sregs.tr)).Field("ldt", Format(sregs.ldt))
            .Field("gdt", Format(sregs.gdt)).Field("idt", Format(sregs.idt)).Field("cr0", Decimal(sregs.cr0)).Field("cr2", Decimal(sregs.cr2))
            .Field("cr3", Decimal(sregs.cr3)).Field("cr4", Decimal(sregs.cr4)).Field("cr8", Decimal(sregs.cr8)).Field("efer", Decimal(sregs.efer))
            .Field("apic_base", Hex(sregs.apic_base))
            .Field("interrupt_bitmap", StructWriter.Array(((ReadOnlySpan<ulong>)sregs.interrupt_bitmap).ToArray().Select(Hex))).ToString();
    }

    private static string Format(KvmSegment segment) =>
        new StructWriter().Field("base", Hex(segment.@base)).Field("limit", segment.limit).Field("selector", segment.selector)
            .Field("type", segment.type).Field("present", segment.present).Field("dpl", segment.dpl).Field("db", segment.db)
            .Field("s", segment.s).Field("l", segment.l).Field("g", segment.g).Field("avl", segment.avl).ToString();

    private static string Format(KvmDtable table) => new StructWriter().Field("base", Hex(table.@base)).Field("limit", table.limit).ToString();

    /// <summary>struct kvm_userspace_memory_region (KVM_SET_USER_MEMORY_REGION): a slot of guest memory and where the
    /// caller's memory backs it.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct KvmUserspaceMemoryRegion : IKernelStruct<KvmUserspaceMemoryRegion>
    {
        public uint slot, flags;
        public ulong guest_phys_addr, memory_size, userspace_addr;

        public static string TypeName => "kvm_userspace_memory_region";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("slot", slot), new("flags", new FlagsValue(flags, s_memoryFlags)), new("guest_phys_addr", guest_phys_addr),
            new("memory_size", memory_size), new("userspace_addr", userspace_addr),
        ];
    }

    /// <summary>x86's struct kvm_regs: a vCPU's general registers.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct KvmRegs : IKernelStruct<KvmRegs>
    {
        public ulong rax, rbx, rcx, rdx, rsi, rdi, rsp, rbp, r8, r9, r10, r11, r12, r13, r14, r15, rip, rflags;

        public static string TypeName => "kvm_regs";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("rax", rax), new("rbx", rbx), new("rcx", rcx), new("rdx", rdx), new("rsi", rsi), new("rdi", rdi), new("rsp", rsp), new("rbp", rbp),
            new("r8", r8), new("r9", r9), new("r10", r10), new("r11", r11), new("r12", r12), new("r13", r13), new("r14", r14), new("r15", r15),
            new("rip", rip), new("rflags", rflags),
        ];
    }

    /// <summary>x86's struct kvm_segment: a segment register as its descriptor's fields.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct KvmSegment : IKernelStruct<KvmSegment>
    {
        public ulong @base;
        public uint limit;
        public ushort selector;
        public byte type, present, dpl, db, s, l, g, avl, unusable, padding;

        public static string TypeName => "kvm_segment";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("base", @base), new("limit", limit), new("selector", selector), new("type", type), new("present", present), new("dpl", dpl),
            new("db", db), new("s", s), new("l", l), new("g", g), new("avl", avl), new("unusable", unusable),
        ];
    }

    /// <summary>x86's struct kvm_dtable: a descriptor table's base and limit.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct KvmDtable : IKernelStruct<KvmDtable>
    {
        public ulong @base;
        public ushort limit;
        public DtablePadding padding;

        public static string TypeName => "kvm_dtable";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("base", @base), new("limit", limit)];
    }

    /// <summary>x86's struct kvm_sregs: a vCPU's segment, descriptor table and control registers, and its pending
    /// interrupts.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct KvmSregs : IKernelStruct<KvmSregs>
    {
        public KvmSegment cs, ds, es, fs, gs, ss, tr, ldt;
        public KvmDtable gdt, idt;
        public ulong cr0, cr2, cr3, cr4, cr8, efer, apic_base;
        public InterruptBitmap interrupt_bitmap;

        public static string TypeName => "kvm_sregs";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("cs", StructValue.Of(cs)), new("ds", StructValue.Of(ds)), new("es", StructValue.Of(es)), new("fs", StructValue.Of(fs)),
            new("gs", StructValue.Of(gs)), new("ss", StructValue.Of(ss)), new("tr", StructValue.Of(tr)), new("ldt", StructValue.Of(ldt)),
            new("gdt", StructValue.Of(gdt)), new("idt", StructValue.Of(idt)), new("cr0", cr0), new("cr2", cr2), new("cr3", cr3), new("cr4", cr4),
            new("cr8", cr8), new("efer", efer), new("apic_base", apic_base),
            new("interrupt_bitmap", new ArrayValue(((ReadOnlySpan<ulong>)interrupt_bitmap).ToArray().Select(word => (object?)(long)word))),
        ];
    }

    /// <summary>x86's struct kvm_cpuid2 without its flexible entries: how many follow it.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct KvmCpuid2 : IKernelStruct<KvmCpuid2>
    {
        public uint nent, padding;

        public static string TypeName => "kvm_cpuid2";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("nent", nent)];
    }

    /// <summary>x86's struct kvm_cpuid_entry2: a CPUID leaf and subleaf, and the registers it answers.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct KvmCpuidEntry2 : IKernelStruct<KvmCpuidEntry2>
    {
        public uint function, index, flags, eax, ebx, ecx, edx;
        public CpuidPadding padding;

        public static string TypeName => "kvm_cpuid_entry2";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("function", function), new("index", index), new("flags", new FlagsValue(flags, s_cpuidFlags)), new("eax", eax), new("ebx", ebx),
            new("ecx", ecx), new("edx", edx),
        ];
    }

    /// <summary>kvm_cpuid_entry2's padding[3].</summary>
    [InlineArray(3)]
    internal struct CpuidPadding
    {
        private uint _value;
    }

    /// <summary>kvm_dtable's padding[3].</summary>
    [InlineArray(3)]
    internal struct DtablePadding
    {
        private ushort _value;
    }

    /// <summary>kvm_sregs' interrupt_bitmap[(KVM_NR_INTERRUPTS + 63) / 64].</summary>
    [InlineArray(4)]
    internal struct InterruptBitmap
    {
        private ulong _word;
    }
}
