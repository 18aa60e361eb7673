using System.Globalization;

namespace Hatrace.Cli;

/// <summary>strace's time specification (inject's delays, -O's overhead): a decimal number, microseconds unless a unit
/// follows (s, ms, us, ns).</summary>
internal static class StraceTime
{
    /// <summary>The time the text gives, or null when it is none.</summary>
    public static TimeSpan? Parse(string text)
    {
        (string number, double scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 1e-3),
            _ when text.EndsWith("us", StringComparison.Ordinal) => (text[..^2], 1e-6),
            _ when text.EndsWith("ns", StringComparison.Ordinal) => (text[..^2], 1e-9),
            _ when text.EndsWith('s') => (text[..^1], 1.0),
            _ => (text, 1e-6),
        };
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)
            ? TimeSpan.FromSeconds(value * scale) : null;
    }
}
