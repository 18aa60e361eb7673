namespace Hatrace.Engine.Model;

/// <summary>A set of signals (sigset_t), what strace prints as <c>[INT TERM]</c>: the value of a mask argument
/// (<see cref="SyscallArgument.Value"/>) or field. <c>$_.Arguments.set.Value.Names -contains 'SIGINT'</c> asks for a
/// signal by name.</summary>
public sealed class SignalSetValue : IEquatable<SignalSetValue>
{
    private readonly int[] _numbers;

    /// <summary>A set of these signals' numbers (a set read back from a file).</summary>
    public SignalSetValue(IEnumerable<int> numbers, int size)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        _numbers = [.. numbers.Order()];
        Size = size;
    }

    /// <summary>The set in <paramref name="mask"/>: bit n is signal n + 1, as the kernel lays sigset_t out.</summary>
    internal static SignalSetValue FromMask(ReadOnlySpan<byte> mask)
    {
        // Made at every rt_sigprocmask: the numbers counted, then written in order, into one array.
        int count = 0;
        foreach (byte b in mask)
            count += System.Numerics.BitOperations.PopCount(b);
        int[] numbers = count == 0 ? [] : new int[count];
        for (int bit = 0, n = 0; n < count; bit++)
        {
            if ((mask[bit / 8] & (1 << (bit % 8))) != 0)
                numbers[n++] = bit + 1;
        }
        return new SignalSetValue(numbers, mask.Length);
    }

    private SignalSetValue(int[] numbers, int size)
    {
        _numbers = numbers;
        Size = size;
    }

    /// <summary>The signals' numbers, in increasing order.</summary>
    public IReadOnlyList<int> Numbers => _numbers;

    /// <summary>The signals' names (<c>SIGINT</c>, <c>SIGRTMIN</c>, <c>SIGRT_1</c>), in increasing order of number.</summary>
    public IReadOnlyList<string> Names => [.. _numbers.Select(Signals.GetName)];

    /// <summary>The set's size in bytes, as the call gave it (8 for the kernel's sigset_t).</summary>
    public int Size { get; }

    /// <summary>Whether the set holds the signal of this name (<c>SIGINT</c>) or number.</summary>
    public bool Contains(string signal) => Names.Contains(signal, StringComparer.Ordinal);

    /// <inheritdoc cref="Contains(string)"/>
    public bool Contains(int signal) => _numbers.Contains(signal);

    /// <summary>The names joined with spaces, in brackets: <c>[SIGINT SIGTERM]</c>.</summary>
    public override string ToString() => "[" + string.Join(' ', Names) + "]";

    /// <inheritdoc/>
    public bool Equals(SignalSetValue? other) => other is not null && Size == other.Size && _numbers.SequenceEqual(other._numbers);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SignalSetValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Size, _numbers.Length);
}
