using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Hatrace.Engine.Model;

/// <summary>A structure a call reads or fills (<c>struct stat</c>), the value of such an argument
/// (<see cref="SyscallArgument.Value"/>): its fields by the names the kernel and the man pages give them, each a typed
/// value (numbers as their C type, times as <see cref="DateTimeOffset"/>). A dictionary, so that PowerShell reads a
/// field as a member (<c>$_.Arguments.statbuf.Value.st_size</c>) and ConvertTo-Json writes the fields by name.</summary>
public sealed class StructValue : IReadOnlyDictionary<string, object?>, IDictionary, IEquatable<StructValue>
{
    private readonly object? _source;
    private readonly Func<object, IEnumerable<KeyValuePair<string, object?>>>? _read;
    private Dictionary<string, object?>? _fields;

    /// <summary>A structure from its fields, in order (a structure read back from a file).</summary>
    public StructValue(string typeName, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        ArgumentNullException.ThrowIfNull(fields);
        TypeName = typeName;
        _fields = new Dictionary<string, object?>(fields, StringComparer.Ordinal);
    }

    // Fields read out of the decoded structure only when asked: most calls are only ever printed.
    internal StructValue(string typeName, object source, Func<object, IEnumerable<KeyValuePair<string, object?>>> read)
    {
        TypeName = typeName;
        _source = source;
        _read = read;
    }

    /// <summary>A decoder's structure as a value, its fields read out only when asked.</summary>
    internal static StructValue Of<[DynamicallyAccessedMembers(Decoding.KernelLayout.Members)] T>(T value)
        where T : struct, IKernelStruct<T> =>
        new(T.TypeName, value, static source => ((T)source).Fields()) { Layout = typeof(T) };

    /// <summary>The decoder's structure this value was read as, whose declaration gives each field's place
    /// (<see cref="Decoding.KernelLayout"/>); null for a structure read back from a file or made up of parts.</summary>
    [DynamicallyAccessedMembers(Decoding.KernelLayout.Members)]
    internal Type? Layout { get; private init; }

    /// <summary>The decoder's structure itself, for a decoder that prints at exit what changed since entry (an ioctl's
    /// in/out structure); null for one made up of parts.</summary>
    internal object? Source => _source;

    /// <summary>The C type's name without <c>struct</c> (<c>stat</c>).</summary>
    public string TypeName { get; }

    private Dictionary<string, object?> Fields => _fields ??= new Dictionary<string, object?>(_read!(_source!), StringComparer.Ordinal);

    /// <summary>The field with this name.</summary>
    public object? this[string key] => Fields[key];

    /// <summary>The fields' names, in the structure's order.</summary>
    public IEnumerable<string> Keys => Fields.Keys;

    /// <summary>The fields' values, in the structure's order.</summary>
    public IEnumerable<object?> Values => Fields.Values;

    /// <summary>How many fields the structure has.</summary>
    public int Count => Fields.Count;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => Fields.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out object? value) => Fields.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => Fields.GetEnumerator();

    // IDictionary, read-only, for PowerShell, which reads a dictionary's keys as members.
    object? IDictionary.this[object key]
    {
        get => key is string name && Fields.TryGetValue(name, out object? value) ? value : null;
        set => throw ReadOnly();
    }

    ICollection IDictionary.Keys => Fields.Keys;

    ICollection IDictionary.Values => Fields.Values;

    bool IDictionary.IsReadOnly => true;

    bool IDictionary.IsFixedSize => true;

    bool ICollection.IsSynchronized => false;

    object ICollection.SyncRoot => this;

    bool IDictionary.Contains(object key) => key is string name && Fields.ContainsKey(name);

    IDictionaryEnumerator IDictionary.GetEnumerator() => ((IDictionary)Fields).GetEnumerator();

    void ICollection.CopyTo(Array array, int index) => ((ICollection)Fields).CopyTo(array, index);

    void IDictionary.Add(object key, object? value) => throw ReadOnly();

    void IDictionary.Clear() => throw ReadOnly();

    void IDictionary.Remove(object key) => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("A decoded structure cannot be changed.");

    /// <summary><c>{st_size=832, ...}</c>: the fields as name=value.</summary>
    public override string ToString() =>
        "{" + string.Join(", ", Fields.Select(f => f.Key + "=" + ValueParts.Text(f.Value))) + "}";

    /// <summary>Equal to a structure of the same type whose fields have the same names and values, numbers compared by
    /// value whatever their C type (a structure read back from a file holds 64-bit numbers).</summary>
    public bool Equals(StructValue? other) =>
        other is not null && TypeName == other.TypeName && Count == other.Count
        && Fields.All(f => other.TryGetValue(f.Key, out object? value) && ValueParts.Same(f.Value, value));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is StructValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TypeName, Count);
}

/// <summary>A structure of the kernel's ABI as a decoder reads it: its C type's name and its fields by the names the
/// kernel gives them, each a typed value (nested structures as <see cref="StructValue"/>).</summary>
internal interface IKernelStruct<TSelf> where TSelf : struct, IKernelStruct<TSelf>
{
    /// <summary>The C type's name without <c>struct</c> (<c>timespec</c>).</summary>
    static abstract string TypeName { get; }

    /// <summary>The fields, in the structure's order.</summary>
    IEnumerable<KeyValuePair<string, object?>> Fields();
}

/// <summary>A structure as i386 lays it out where x86_64's <typeparamref name="TWide"/> differs (32-bit longs and
/// pointers): read in its own layout, printed and valued as the x86_64 one it widens to, whose fields it has.</summary>
internal interface ICompatStruct<TSelf, TWide> : IKernelStruct<TSelf>
    where TSelf : struct, ICompatStruct<TSelf, TWide>
    where TWide : struct, IKernelStruct<TWide>
{
    /// <summary>The same fields, in x86_64's structure.</summary>
    TWide Widen();

    /// <summary>The fields, as the x86_64 structure names and types them.</summary>
    IEnumerable<KeyValuePair<string, object?>> IKernelStruct<TSelf>.Fields() => Widen().Fields();
}
