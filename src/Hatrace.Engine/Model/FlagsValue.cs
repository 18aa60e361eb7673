using System.Globalization;

namespace Hatrace.Engine.Model;

/// <summary>A bit mask read by name, what strace prints as <c>O_WRONLY|O_CREAT|O_TRUNC</c>: the value of a flags
/// argument (<see cref="SyscallArgument.Value"/>). It converts to its number, so numeric comparisons and
/// <c>-band</c> go on working; <c>$_.Arguments.flags.Value.Names -contains 'O_CREAT'</c> asks for a flag by name.</summary>
public sealed class FlagsValue : IEquatable<FlagsValue>
{
    private readonly IFlagNames? _table;
    private IReadOnlyList<string>? _names;
    private long _unknown;

    /// <summary>A mask and its parts as given (a mask read back from a file).</summary>
    public FlagsValue(long number, IReadOnlyList<string> names, long unknown)
    {
        ArgumentNullException.ThrowIfNull(names);
        Number = number;
        _names = names;
        _unknown = unknown;
    }

    // Named only when asked: most calls are only ever printed, and their text is made from the number.
    internal FlagsValue(long number, IFlagNames table)
    {
        Number = number;
        _table = table;
    }

    /// <summary>The mask as the call received it.</summary>
    public long Number { get; }

    /// <summary>The names of the bits set (an array), in the order of the kernel's table (a field such as open's access mode
    /// first); the name of zero, where the table has one, when no bit is set.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            Name();
            return _names!;
        }
    }

    /// <summary>The bits no name covers; 0 when every bit set has a name.</summary>
    public long Unknown
    {
        get
        {
            Name();
            return _unknown;
        }
    }

    private void Name()
    {
        if (_names is null)
            (_names, _unknown) = _table!.Split(Number);
    }

    // strace's text of the mask, by the table that named it.
    internal string Render(Decoding.StraceRenderer render) => _table is Decoding.FlagSet flags ? flags.Format(Number, render) : ToString();

    /// <summary>The mask's number.</summary>
    public static implicit operator long(FlagsValue value) => value?.Number ?? 0;

    /// <summary>The number as an <see cref="int"/>, for PowerShell's comparisons with an <see cref="int"/> on the left
    /// (<c>12 -eq $value</c>).</summary>
    /// <exception cref="OverflowException">The number does not fit an <see cref="int"/>.</exception>
    public static explicit operator int(FlagsValue value) => checked((int)(value?.Number ?? 0));

    /// <summary>The bits of the mask that <paramref name="bits"/> has too: PowerShell's <c>-band</c>.</summary>
    public static long operator &(FlagsValue value, long bits) => (value?.Number ?? 0) & bits;

    /// <summary>The names joined with '|', then the bits no name covers in hex (<c>O_RDONLY|O_CLOEXEC</c>).</summary>
    public override string ToString()
    {
        string unknown = "0x" + Unknown.ToString("x", CultureInfo.InvariantCulture);
        return Names.Count == 0 ? unknown : Unknown == 0 ? string.Join('|', Names) : string.Join('|', Names) + "|" + unknown;
    }

    /// <inheritdoc/>
    public bool Equals(FlagsValue? other) =>
        other is not null && Number == other.Number && Unknown == other.Unknown && Names.SequenceEqual(other.Names);

    /// <summary>Equal to another mask with the same number and names, and to a number equal to the mask's, so that
    /// PowerShell's <c>-eq 0x241</c> compares the number.</summary>
    public override bool Equals(object? obj) => obj is FlagsValue other ? Equals(other) : ConstantValue.IsNumber(obj, Number);

    /// <inheritdoc/>
    public override int GetHashCode() => Number.GetHashCode();
}

/// <summary>How a table of flags splits a mask into the names of its bits and the bits left.</summary>
internal interface IFlagNames
{
    (IReadOnlyList<string> Names, long Unknown) Split(long mask);
}
