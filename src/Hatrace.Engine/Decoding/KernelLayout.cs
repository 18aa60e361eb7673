using System.Buffers.Binary;
using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding;

/// <summary>Where each field of a decoder's kernel structure lies (<see cref="Model.IKernelStruct{TSelf}"/>), read from
/// the structure's own declaration: its fields bear the kernel's names (<c>st_size</c>), an explicit layout gives their
/// offsets, a sequential one is laid out as C lays it out. The one description of a structure, for decoding and for a
/// hook that sets an output's fields by name (<c>st_size = 42</c>, <c>nodename = "mocked"</c>). A test compares every
/// offset with the kernel's headers.</summary>
internal sealed class KernelLayout
{
    private static readonly ConcurrentDictionary<Type, KernelLayout> s_layouts = new();

    private readonly Dictionary<string, Field> _fields;

    private KernelLayout(string name, Dictionary<string, Field> fields, int size, int alignment)
    {
        Name = name;
        _fields = fields;
        Size = size;
        Alignment = alignment;
    }

    /// <summary>The C type's name, as the structure's value gives it (<c>stat</c>).</summary>
    internal string Name { get; }

    /// <summary>The structure's size in bytes.</summary>
    internal int Size { get; }

    private int Alignment { get; }

    /// <summary>Each field's name, offset and size, in order of offset.</summary>
    internal IEnumerable<(string Name, int Offset, int Size)> Fields =>
        _fields.Select(f => (f.Key, f.Value.Offset, f.Value.Size)).OrderBy(f => f.Offset);

    /// <summary>One field: where it is and what it holds.</summary>
    private sealed record Field(int Offset, int Size, FieldKind Kind, KernelLayout? Nested);

    private enum FieldKind
    {
        Integer,
        Text,
        Structure,
        Other,
    }

    /// <summary>The layout of a decoder's structure type, named as its values are (<c>stat</c>).</summary>
    internal static KernelLayout Of([DynamicallyAccessedMembers(Members)] Type type) => s_layouts.GetOrAdd(type, _ => Build(type));

    /// <summary>The layout of the structure a parameter of this C type points to (<c>struct stat __user *</c>), for an
    /// output no decoder has read (a failed call's); null for a type no decoder declares.</summary>
    internal static KernelLayout? ForParameter(string parameterType) =>
        parameterType.Replace("const ", "", StringComparison.Ordinal).Split(' ') is ["struct", string name, ..] ? name switch
        {
            "stat" => Of(typeof(Files.StatDecoders.KernelStat)),
            "statx" => Of(typeof(Files.StatDecoders.KernelStatx)),
            "statfs" => Of(typeof(Files.StatfsDecoders.KernelStatfs)),
            "new_utsname" => Of(typeof(Process.ProcessDecoders.NewUtsname)),
            "sysinfo" => Of(typeof(Process.UsageDecoders.SystemInfo)),
            "rlimit" or "rlimit64" => Of(typeof(Process.LimitDecoders.ResourceLimit)),
            "clone_args" => Of(typeof(Process.CloneDecoders.CloneArgs)),
            "sigaction" => Of(typeof(SignalFamily.SignalDecoders.KernelSigaction)),
            "sigaltstack" => Of(typeof(SignalFamily.SignalDecoders.StackInfo)),
            "open_how" => Of(typeof(Files.Openat2Decoders.OpenHow)),
            "__kernel_timespec" => Of(typeof(TimeStructs.Timespec)),
            "__kernel_old_timeval" => Of(typeof(TimeStructs.Timeval)),
            "__kernel_itimerspec" => Of(typeof(Time.TimeFormatter.Itimerspec)),
            "__kernel_old_itimerval" => Of(typeof(Time.TimeFormatter.Itimerval)),
            "__kernel_timex" => Of(typeof(Time.ClockAdjustDecoders.KernelTimex)),
            _ => null,
        } : null;

    /// <summary>Writes <paramref name="value"/> into field <paramref name="field"/> of the structure in
    /// <paramref name="bytes"/>: a number into an integer, a string into a character array, a dictionary of fields into a
    /// nested structure (<c>it_value = @{ tv_sec = 5 }</c>).</summary>
    /// <exception cref="ArgumentException">The structure has no such field, or the value does not fit it.</exception>
    internal void Set(Span<byte> bytes, string field, object? value)
    {
        if (!_fields.TryGetValue(field, out Field? f))
            throw new ArgumentException($"struct {Name} has no field '{field}'; its fields are {string.Join(", ", _fields.Keys)}.", nameof(field));
        Span<byte> at = bytes.Slice(f.Offset, f.Size);
        switch (f.Kind)
        {
            case FieldKind.Text:
                byte[] text = Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                if (text.Length >= f.Size)
                    throw new ArgumentException($"{field} holds at most {f.Size - 1} bytes; '{value}' has {text.Length}.", nameof(value));
                at.Clear();
                text.CopyTo(at);
                break;
            case FieldKind.Structure when value is IDictionary nested:
                foreach (DictionaryEntry entry in nested)
                    f.Nested!.Set(at, Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "", entry.Value);
                break;
            // A time, as struct statx's times read: its seconds and nanoseconds.
            case FieldKind.Structure when value is DateTimeOffset time && f.Nested!._fields.ContainsKey("tv_sec") && f.Nested._fields.ContainsKey("tv_nsec"):
                f.Nested.Set(at, "tv_sec", time.ToUnixTimeSeconds());
                f.Nested.Set(at, "tv_nsec", (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) % TimeSpan.TicksPerSecond * 100);
                break;
            case FieldKind.Structure:
                throw new ArgumentException($"{field} is a struct {f.Nested!.Name}: give its fields as a dictionary.", nameof(value));
            case FieldKind.Integer:
                WriteInteger(at, field, value);
                break;
            default:
                throw new ArgumentException($"{field} cannot be set by value; write its bytes with WriteMemory.", nameof(field));
        }
    }

    private static void WriteInteger(Span<byte> at, string field, object? value)
    {
        long number;
        try
        {
            // A field's own value, read from a decoded structure, writes back as it was.
            number = value switch
            {
                FlagsValue flags => flags.Number,
                ConstantValue constant => constant.Number,
                ProcessIdValue pid => pid.Number,
                DescriptorValue fd => fd.Number,
                PointerValue pointer => pointer.Address,
                SignalSetValue set => set.Numbers.Aggregate(0L, (mask, signal) => mask | (1L << (signal - 1))),
                DateTimeOffset time => time.ToUnixTimeSeconds(),
                _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException($"{field} is a number; '{value}' is not one.", nameof(value), e);
        }
        switch (at.Length)
        {
            case 1: at[0] = (byte)number; break;
            case 2: BinaryPrimitives.WriteInt16LittleEndian(at, (short)number); break;
            case 4: BinaryPrimitives.WriteInt32LittleEndian(at, (int)number); break;
            default: BinaryPrimitives.WriteInt64LittleEndian(at, number); break;
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = FieldTypes)]
    private static KernelLayout Build([DynamicallyAccessedMembers(Members)] Type type)
    {
        string name = type.GetProperty(nameof(IKernelStruct<>.TypeName), BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string ?? type.Name;
        bool explicitLayout = type.IsExplicitLayout;
        var fields = new Dictionary<string, Field>(StringComparer.OrdinalIgnoreCase);
        int end = 0, alignment = 1;
        int pack = type.StructLayoutAttribute?.Pack is int packing and > 0 ? packing : int.MaxValue; // a packed header's __attribute__((packed))
        foreach (FieldInfo info in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            (int size, int fieldAlignment, FieldKind kind, KernelLayout? nested) = Describe(info.FieldType);
            fieldAlignment = Math.Min(fieldAlignment, pack);
            int offset = explicitLayout ? info.GetCustomAttribute<FieldOffsetAttribute>()!.Value : Align(end, fieldAlignment);
            fields[info.Name] = new Field(offset, size, kind, nested);
            end = Math.Max(end, offset + size);
            alignment = Math.Max(alignment, fieldAlignment);
        }
        int declared = type.StructLayoutAttribute?.Size ?? 0;
        return new KernelLayout(name, fields, Math.Max(declared, Align(end, alignment)), alignment);
    }

    // What a field of this type is, and its size and alignment as C gives them.
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = FieldTypes)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Marshal.SizeOf of a primitive type needs no marshalling code")]
    private static (int Size, int Alignment, FieldKind Kind, KernelLayout? Nested) Describe([DynamicallyAccessedMembers(Members)] Type type)
    {
        if (type.IsPrimitive)
        {
            int size = Marshal.SizeOf(type);
            return (size, size, FieldKind.Integer, null);
        }
        if (type.GetCustomAttribute<InlineArrayAttribute>() is { } array)
        {
            FieldInfo element = type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)[0];
            (int size, int alignment, _, _) = Describe(element.FieldType);
            return (size * array.Length, alignment, element.FieldType == typeof(byte) ? FieldKind.Text : FieldKind.Other, null);
        }
        KernelLayout nested = Of(type);
        return (nested.Size, nested.Alignment, FieldKind.Structure, nested);
    }

    // What the layout reads of a type: its fields (an inline array's one is private) and its TypeName.
    internal const DynamicallyAccessedMemberTypes Members =
        DynamicallyAccessedMemberTypes.PublicFields | DynamicallyAccessedMemberTypes.NonPublicFields | DynamicallyAccessedMemberTypes.PublicProperties;

    private const string FieldTypes = "The fields of a decoder's structure are integers, inline arrays and structures whose fields the structure's own code reads, so they are kept.";

    private static int Align(int offset, int alignment) => (offset + alignment - 1) / alignment * alignment;
}
