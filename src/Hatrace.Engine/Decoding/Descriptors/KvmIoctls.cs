using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The KVM requests (KVMIO 0xae, include/uapi/linux/kvm.h): the capability asked about, the vCPU made, a
/// memory slot set, and x86's general and special registers set or read (struct kvm_regs, kvm_sregs), which strace
/// prints in part without -v. strace 6.1 also decodes the CPUID entries of KVM_SET_CPUID2 and
/// KVM_GET_SUPPORTED_CPUID; this leaves them, and the other requests, in hex.</summary>
internal static class KvmIoctls
{
    private static readonly ConstantTable s_requests = ConstantTable.Load("kvm_ioctls");
    private static readonly NamedValues s_capabilities = new("kvm_caps", "KVM_CAP_???");
    private static readonly FlagSet s_memoryFlags = new("kvm_mem_flags", "KVM_MEM_???");

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
            default:
                return false;
        }
        return true;
    }

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
