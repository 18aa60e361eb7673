using System.Globalization;

namespace Hatrace.Engine.Model;

/// <summary>A file descriptor, the value of <c>fd</c>, <c>dirfd</c> and the like (<see cref="SyscallArgument.Value"/>):
/// its number and, when the session resolves descriptors (strace's <c>-y</c>), what it referred to. It converts to its
/// number, so <c>$_.Arguments.fd.Value -eq 3</c> works; <c>.Path -like '/etc/*'</c> asks what it was.</summary>
public sealed class DescriptorValue : IEquatable<DescriptorValue>, IComparable
{
    /// <summary>Descriptor <paramref name="number"/>, referring to <paramref name="path"/> (null when not resolved).</summary>
    public DescriptorValue(int number, string? path)
    {
        Number = number;
        Path = path;
    }

    /// <summary>The descriptor's number (<c>AT_FDCWD</c>, -100, for a directory descriptor meaning the working
    /// directory).</summary>
    public int Number { get; }

    /// <summary>What the descriptor referred to when the call was decoded, as /proc/PID/fd links to it
    /// (<c>/etc/passwd</c>, <c>pipe:[6789]</c>, <c>socket:[12345]</c>); for <c>AT_FDCWD</c>, the working directory.
    /// Null for a descriptor that was not open, and unless the session resolves descriptors
    /// (<see cref="Tracing.TraceSessionOptions.DescriptorDetail"/>). Escaped as <see cref="StringValue.Text"/> is.</summary>
    public string? Path { get; }

    /// <summary>The number.</summary>
    public static implicit operator long(DescriptorValue value) => value?.Number ?? 0;

    /// <summary>The number, for PowerShell's comparisons with an <see cref="int"/> on the left (<c>3 -eq $value</c>).</summary>
    public static implicit operator int(DescriptorValue value) => value?.Number ?? 0;

    /// <summary>Descriptor <paramref name="number"/>, for PowerShell's comparisons with a number on the right
    /// (<c>-gt 2</c>).</summary>
    public static explicit operator DescriptorValue(int number) => new(number, null);

    /// <summary>The number.</summary>
    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public bool Equals(DescriptorValue? other) => other is not null && Number == other.Number && Path == other.Path;

    /// <summary>Equal to another descriptor with the same number and path, and to a number equal to its own.</summary>
    public override bool Equals(object? obj) => obj is DescriptorValue other ? Equals(other) : ConstantValue.IsNumber(obj, Number);

    /// <summary>Orders by the number, against another value of this type or a number: PowerShell's <c>-gt</c>,
    /// <c>Sort-Object</c>.</summary>
    public int CompareTo(object? obj) => ConstantValue.CompareNumber(Number, obj is DescriptorValue other ? other.Number : obj);

    /// <inheritdoc/>
    public override int GetHashCode() => Number;
}
