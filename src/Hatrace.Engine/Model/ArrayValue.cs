using System.Collections;

namespace Hatrace.Engine.Model;

/// <summary>An array a call reads or fills (<c>struct pollfd[]</c>, <c>struct iovec[]</c>, a descriptor pair): the value of
/// such an argument (<see cref="SyscallArgument.Value"/>), its items each a typed value. A list, so that PowerShell
/// enumerates and indexes it (<c>$_.Arguments.fds.Value[0].revents</c>).</summary>
public sealed class ArrayValue : IReadOnlyList<object?>, IEquatable<ArrayValue>
{
    private readonly object?[] _items;

    /// <summary>An array of these items, in order.</summary>
    public ArrayValue(IEnumerable<object?> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
    }

    /// <summary>The item at <paramref name="index"/>.</summary>
    public object? this[int index] => _items[index];

    /// <summary>How many items were read.</summary>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <summary>Equal to an array with equal items, numbers compared by value whatever their C type.</summary>
    public bool Equals(ArrayValue? other) =>
        other is not null && _items.Length == other._items.Length && _items.Zip(other._items).All(p => ValueParts.Same(p.First, p.Second));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ArrayValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _items.Length;

    /// <summary><c>[3, 4]</c>: the items' text.</summary>
    public override string ToString() => "[" + string.Join(", ", _items.Select(ValueParts.Text)) + "]";
}
