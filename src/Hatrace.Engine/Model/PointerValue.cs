using System.Globalization;

namespace Hatrace.Engine.Model;

/// <summary>A pointer the trace did not follow, what strace prints as <c>NULL</c> or <c>0x7ffc2a1e5e40</c>: the
/// value of an argument whose memory was not decoded (<see cref="SyscallArgument.Value"/>), with the reason. It
/// converts to its address, so numeric comparisons (<c>-eq 0</c>) go on working.</summary>
public sealed class PointerValue : IEquatable<PointerValue>, IComparable
{
    /// <summary>A pointer at <paramref name="address"/>, not followed for <paramref name="reason"/>.</summary>
    public PointerValue(long address, PointerReason reason)
    {
        Address = address;
        Reason = reason;
    }

    /// <summary>The address, as the call received it.</summary>
    public long Address { get; }

    /// <summary>Why what it points to was not decoded.</summary>
    public PointerReason Reason { get; }

    /// <summary>The address.</summary>
    public static implicit operator long(PointerValue value) => value?.Address ?? 0;

    /// <summary>The address as an <see cref="int"/>, for PowerShell's comparisons with an <see cref="int"/> on the left
    /// (<c>0 -eq $value</c>).</summary>
    /// <exception cref="OverflowException">The address does not fit an <see cref="int"/>.</exception>
    public static explicit operator int(PointerValue value) => checked((int)(value?.Address ?? 0));

    /// <summary>A pointer at <paramref name="address"/>, for PowerShell's comparisons with a number on the right.</summary>
    public static explicit operator PointerValue(long address) => new(address, address == 0 ? PointerReason.Null : PointerReason.NotDecoded);

    /// <summary><c>NULL</c> or the address in hex, as strace prints it.</summary>
    public override string ToString() => Address == 0 ? "NULL" : "0x" + Address.ToString("x", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public bool Equals(PointerValue? other) => other is not null && Address == other.Address && Reason == other.Reason;

    /// <summary>Equal to another pointer with the same address and reason, and to a number equal to the address.</summary>
    public override bool Equals(object? obj) => obj is PointerValue other ? Equals(other) : ConstantValue.IsNumber(obj, Address);

    /// <summary>Orders by the address, against another value of this type or a number: PowerShell's <c>-gt</c>,
    /// <c>Sort-Object</c>.</summary>
    public int CompareTo(object? obj) => ConstantValue.CompareNumber(Address, obj is PointerValue other ? other.Address : obj);

    /// <inheritdoc/>
    public override int GetHashCode() => Address.GetHashCode();
}
