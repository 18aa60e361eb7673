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
        : this(items, truncated: false, stoppedAt: null)
    {
    }

    /// <summary>An array of these items, read in part.</summary>
    /// <param name="items">The items read, in order.</param>
    /// <param name="truncated">Whether the array has more items than were read (strace's <c>...</c>).</param>
    /// <param name="stoppedAt">Where reading stopped on memory that could not be read; null when it did not.</param>
    public ArrayValue(IEnumerable<object?> items, bool truncated, PointerValue? stoppedAt)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
        Truncated = truncated;
        StoppedAt = stoppedAt;
    }

    /// <summary>Whether the array has more items than were read: strace without <c>-v</c> prints so many (argv's
    /// <c>-s</c>), or a call's count goes beyond what the kernel takes. strace prints <c>...</c> after them.</summary>
    public bool Truncated { get; }

    /// <summary>Where reading stopped because the memory could not be read (an argv running into an unmapped page); null
    /// when every item was read.</summary>
    public PointerValue? StoppedAt { get; }

    /// <summary>The item at <paramref name="index"/>.</summary>
    public object? this[int index] => _items[index];

    /// <summary>How many items were read.</summary>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <summary>Equal to an array with equal items, numbers compared by value whatever their C type.</summary>
    public bool Equals(ArrayValue? other) =>
        other is not null && Truncated == other.Truncated && Equals(StoppedAt, other.StoppedAt)
        && _items.Length == other._items.Length && _items.Zip(other._items).All(p => ValueParts.Same(p.First, p.Second));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ArrayValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _items.Length;

    /// <summary><c>[3, 4]</c>: the items' text.</summary>
    public override string ToString() => "[" + string.Join(", ", _items.Select(ValueParts.Text)) + "]";
}
