using System.Globalization;

namespace Hatrace.Engine.Model;

/// <summary>How the parts of structures and arrays compare and print: numbers by value whatever their C type (a value
/// read back from a file holds 64-bit numbers), sequences item by item whatever their type (bytes, a descriptor
/// array), everything else by its own equality.</summary>
internal static class ValueParts
{
    internal static bool Same(object? a, object? b) => (a, b) switch
    {
        _ when IsInteger(a) && IsInteger(b) => AsInt128(a!) == AsInt128(b!),
        (StructValue or ArrayValue or SignalSetValue or SocketAddressValue, _) => Equals(a, b),
        (System.Collections.IEnumerable x and not string, System.Collections.IEnumerable y and not string) =>
            x.Cast<object?>().SequenceEqual(y.Cast<object?>(), Comparer.Instance),
        _ => Equals(a, b),
    };

    /// <summary>A part of a value as its structure or array prints it: bytes quoted as strace quotes them, arrays in
    /// brackets.</summary>
    internal static string Text(object? value) => value switch
    {
        null => "NULL",
        string text => text,
        byte[] bytes => "\"" + Decoding.StraceQuoting.Display(bytes) + "\"",
        StringValue text => "\"" + text.Text + "\"",
        StructValue or SocketAddressValue or SignalSetValue or ArrayValue => value.ToString()!,
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Text)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static bool IsInteger(object? value) => value is long or ulong or int or uint or short or ushort or byte or sbyte;

    private static Int128 AsInt128(object number) => number is ulong u ? u : Convert.ToInt64(number, CultureInfo.InvariantCulture);

    private sealed class Comparer : IEqualityComparer<object?>
    {
        internal static readonly Comparer Instance = new();

        public new bool Equals(object? x, object? y) => Same(x, y);

        public int GetHashCode(object? obj) => 0;
    }
}
