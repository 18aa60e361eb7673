using System.Globalization;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>add_key: the payload as the <c>plen</c> bytes the kernel copies, the keyring by its KEY_SPEC_* name
/// (<c>KEY_SPEC_PROCESS_KEYRING</c>) or as its serial number.</summary>
internal static class KeyDecoders
{
    private static readonly NamedValues s_keySpecs = new("key_specs", "KEY_SPEC_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All => [("add_key", DecodeAddKey)];

    private static void DecodeAddKey(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetBuffer(2, (long)context.Unsigned(3));
        SetKeySerial(context, 4);
    }

    // A serial number no name covers is an ordinary key's: its number, without a hint.
    private static void SetKeySerial(DecodeContext context, int index)
    {
        long serial = context.Signed(index);
        string number = serial.ToString(CultureInfo.InvariantCulture);
        context.Set(index, ArgumentKind.Int, new ConstantValue(serial, s_keySpecs),
            s_keySpecs.NameOf(serial) is { } name ? context.Render.Decimal(serial, name) : number);
    }
}
