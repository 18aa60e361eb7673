using System.Globalization;

namespace Hatrace.Engine.Model;

/// <summary>A process or thread id, the value of <c>pid</c>, <c>tid</c> and the like (<see cref="SyscallArgument.Value"/>);
/// negative for a process group (<c>kill(-1234, ...)</c>) or -1 for any process, as the call's man page says. It
/// converts to its number, so <c>$_.Arguments.pid.Value -eq $child.Id</c> works; marked as a pid, so that
/// <c>--remap-pids</c> and <c>Compare-SyscallTrace</c> renumber it.</summary>
public sealed class ProcessIdValue : IEquatable<ProcessIdValue>, IComparable
{
    /// <summary>Id <paramref name="number"/>.</summary>
    public ProcessIdValue(int number) => Number = number;

    /// <summary>The id as the call received it.</summary>
    public int Number { get; }

    /// <summary>The number.</summary>
    public static implicit operator long(ProcessIdValue value) => value?.Number ?? 0;

    /// <summary>The number, for PowerShell's comparisons with an <see cref="int"/> on the left.</summary>
    public static implicit operator int(ProcessIdValue value) => value?.Number ?? 0;

    /// <summary>Id <paramref name="number"/>, for PowerShell's comparisons with a number on the right (<c>-gt 1</c>).</summary>
    public static explicit operator ProcessIdValue(int number) => new(number);

    /// <summary>The number.</summary>
    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public bool Equals(ProcessIdValue? other) => other is not null && Number == other.Number;

    /// <summary>Equal to another id with the same number, and to a number equal to it.</summary>
    public override bool Equals(object? obj) => obj is ProcessIdValue other ? Equals(other) : ConstantValue.IsNumber(obj, Number);

    /// <summary>Orders by the number, against another value of this type or a number: PowerShell's <c>-gt</c>,
    /// <c>Sort-Object</c>.</summary>
    public int CompareTo(object? obj) => ConstantValue.CompareNumber(Number, obj is ProcessIdValue other ? other.Number : obj);

    /// <inheritdoc/>
    public override int GetHashCode() => Number;
}
