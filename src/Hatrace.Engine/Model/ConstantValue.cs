using System.Globalization;

namespace Hatrace.Engine.Model;

/// <summary>A value from a table of names, what strace prints as <c>AT_FDCWD</c>, <c>SOCK_STREAM</c> or
/// <c>F_GETFL</c>: the value of such an argument (<see cref="SyscallArgument.Value"/>). It converts to its number, so
/// numeric comparisons go on working; <c>.Name</c> asks for it by name.</summary>
public sealed class ConstantValue : IEquatable<ConstantValue>
{
    private readonly IConstantNames? _table;
    private string? _name;
    private bool _named;

    /// <summary>A value and its name as given (a value read back from a file); a null name for a number no name covers.</summary>
    public ConstantValue(long number, string? name)
    {
        Number = number;
        _name = name;
        _named = true;
    }

    // Named only when asked: most calls are only ever printed, and their text is made from the number.
    internal ConstantValue(long number, IConstantNames table)
    {
        Number = number;
        _table = table;
    }

    /// <summary>The value as the call received it.</summary>
    public long Number { get; }

    /// <summary>The value's name in the kernel's table; null for a number no name covers.</summary>
    public string? Name
    {
        get
        {
            if (!_named)
            {
                _name = _table!.NameOf(Number);
                _named = true;
            }
            return _name;
        }
    }

    // strace's text of the value, by the table that named it.
    internal string Render(Decoding.StraceRenderer render) =>
        _table is Decoding.NamedValues names ? names.Format(Number, render) : Name ?? Number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The value's number.</summary>
    public static implicit operator long(ConstantValue value) => value?.Number ?? 0;

    /// <summary>The number as an <see cref="int"/>, for PowerShell's comparisons with an <see cref="int"/> on the left
    /// (<c>12 -eq $value</c>).</summary>
    /// <exception cref="OverflowException">The number does not fit an <see cref="int"/>.</exception>
    public static explicit operator int(ConstantValue value) => checked((int)(value?.Number ?? 0));

    /// <summary>The name, or the number when no name covers it.</summary>
    public override string ToString() => Name ?? Number.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public bool Equals(ConstantValue? other) => other is not null && Number == other.Number && Name == other.Name;

    /// <summary>Equal to another value with the same number and name, and to a number equal to the value's, so that
    /// PowerShell's <c>-eq -100</c> compares the number.</summary>
    public override bool Equals(object? obj) => obj is ConstantValue other ? Equals(other) : IsNumber(obj, Number);

    // Whether obj is a number of a primitive type, or a string of one, equal to this one: PowerShell's -eq converts a
    // string on the right to the number on the left.
    internal static bool IsNumber(object? obj, long number) => obj switch
    {
        string s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) && parsed == number,
        long l => l == number,
        int i => i == number,
        short s => s == number,
        sbyte b => b == number,
        ulong u => number >= 0 && u == (ulong)number,
        uint u => u == number,
        ushort u => u == number,
        byte b => b == number,
        _ => false,
    };

    // How a number compares with obj, a number of any primitive type (or null, which it follows): the CompareTo of
    // the values that stand for numbers.
    internal static int CompareNumber(long number, object? obj) =>
        obj is null ? 1 : number.CompareTo(Convert.ToInt64(obj, CultureInfo.InvariantCulture));

    /// <inheritdoc/>
    public override int GetHashCode() => Number.GetHashCode();
}

/// <summary>A table of names for the values of an argument.</summary>
internal interface IConstantNames
{
    string? NameOf(long value);
}
