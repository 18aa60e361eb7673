using System.Globalization;

namespace Hatrace.Engine.Tampering;

/// <summary>Which of the matching calls a fault hits, counted from 1: strace's <c>when=first[..last][+[step]]</c>.
/// <c>3</c> is the third call only, <c>3+</c> the third and every one after, <c>2+2</c> every second call from the
/// second, <c>1..5</c> the first five.</summary>
public readonly record struct FaultSchedule(long First, long Last, long Step)
{
    /// <summary>Every call.</summary>
    public static FaultSchedule Always { get; } = new(1, long.MaxValue, 1);

    /// <summary>Whether the <paramref name="count"/>-th matching call is hit.</summary>
    public bool Contains(long count) => count >= First && count <= Last && (count - First) % Step == 0;

    /// <summary>Reads strace's syntax; every number is at least 1, and <c>last</c> at least <c>first</c>.</summary>
    /// <exception cref="FormatException">The text is not a schedule.</exception>
    public static FaultSchedule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string rest = text.Trim();
        long step = 0, last;
        int plus = rest.IndexOf('+');
        if (plus >= 0)
        {
            step = plus == rest.Length - 1 ? 1 : Number(rest[(plus + 1)..], text);
            rest = rest[..plus];
        }
        int dots = rest.IndexOf("..", StringComparison.Ordinal);
        long first = Number(dots < 0 ? rest : rest[..dots], text);
        if (dots >= 0)
            last = Number(rest[(dots + 2)..], text);
        else
            last = step == 0 ? first : long.MaxValue;
        if (last < first)
            throw new FormatException($"'{text}' is not a schedule: the last call comes before the first.");
        return new FaultSchedule(first, last, step == 0 ? 1 : step);
    }

    private static long Number(string part, string text) =>
        long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value >= 1
            ? value
            : throw new FormatException($"'{text}' is not a schedule: expected first[..last][+[step]] with numbers from 1, as in 3, 3+, 2+2 or 1..5.");

    /// <summary>The schedule in the syntax <see cref="Parse"/> reads.</summary>
    public override string ToString() =>
        (Last == long.MaxValue, Step) switch
        {
            (true, 1) => $"{First}+",
            (true, _) => $"{First}+{Step}",
            (false, _) when Last == First => First.ToString(CultureInfo.InvariantCulture),
            (false, 1) => $"{First}..{Last}",
            _ => $"{First}..{Last}+{Step}",
        };
}
