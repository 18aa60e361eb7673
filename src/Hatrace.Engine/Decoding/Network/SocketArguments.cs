using System.Globalization;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Network;

/// <summary>Arguments the socket calls share: a socket address and its length, which some calls take by value and
/// others as an in/out int (<c>[110 => 16]</c>). These would sit well in DecodeContext once other families need them.</summary>
internal static class SocketArguments
{
    /// <summary>The address <paramref name="length"/> bytes long at argument <paramref name="index"/>; its pointer when
    /// it cannot be read or is too short to decode.</summary>
    internal static void SetSockaddr(DecodeContext context, int index, long length)
    {
        long address = context.Raw(index);
        if (address == 0 || length <= 0)
        {
            context.SetPointer(index);
            return;
        }
        var bytes = new byte[(int)Math.Min(length, SockaddrFormatter.MaxLength)];
        string? text = context.TryReadBytes((ulong)address, bytes) ? SockaddrFormatter.Format(bytes, context.Render) : null;
        if (text is null)
            context.SetPointer(index);
        else
            context.Set(index, ArgumentKind.Pointer, new Model.SocketAddressValue(bytes), text);
    }

    /// <summary>At entry: the int an in/out length points to, <c>[110]</c>; its pointer when unreadable.</summary>
    internal static void SetLengthIn(DecodeContext context, int index)
    {
        if (context.Raw(index) == 0 || !context.TryRead((ulong)context.Raw(index), out int length))
            context.SetPointer(index);
        else
            context.Set(index, ArgumentKind.Int, (long)length, $"[{length.ToString(CultureInfo.InvariantCulture)}]");
    }

    /// <summary>At exit: the length the call wrote back, <c>[110 => 16]</c> (<c>[16]</c> when unchanged). Returns it,
    /// or null when either end could not be read (the argument then keeps its entry text).</summary>
    internal static int? SetLengthOut(DecodeContext context, int index)
    {
        if (LengthIn(context, index) is not long lengthIn || context.Failed
            || !context.TryRead((ulong)context.Raw(index), out int lengthOut))
            return null;
        string text = lengthIn == lengthOut
            ? $"[{lengthOut.ToString(CultureInfo.InvariantCulture)}]"
            : $"[{lengthIn.ToString(CultureInfo.InvariantCulture)} => {lengthOut.ToString(CultureInfo.InvariantCulture)}]";
        context.Set(index, ArgumentKind.Pointer, (long)lengthOut, text);
        return lengthOut;
    }

    /// <summary>At exit: an address the call wrote, as long as the smaller of the two lengths says.</summary>
    internal static void SetSockaddrOut(DecodeContext context, int addressIndex, int lengthIndex)
    {
        long lengthIn = LengthIn(context, lengthIndex) ?? 0;
        int? lengthOut = SetLengthOut(context, lengthIndex);
        if (context.Raw(addressIndex) == 0 || lengthOut is not int written)
            context.SetPointer(addressIndex);
        else
            SetSockaddr(context, addressIndex, Math.Min(lengthIn, written));
    }

    // The length SetLengthIn read (an Int; an unreadable length is a Pointer and has none).
    private static long? LengthIn(DecodeContext context, int index) =>
        context.Arguments[index] is { Kind: ArgumentKind.Int, Value: long length } ? length : null;

    /// <summary>An int the argument points to, <c>[1]</c>, or its pointer.</summary>
    internal static void SetIntPointer(DecodeContext context, int index)
    {
        if (context.Raw(index) == 0 || !context.TryRead((ulong)context.Raw(index), out int value))
            context.SetPointer(index);
        else
            context.Set(index, ArgumentKind.Pointer, (long)value, $"[{value.ToString(CultureInfo.InvariantCulture)}]");
    }
}
