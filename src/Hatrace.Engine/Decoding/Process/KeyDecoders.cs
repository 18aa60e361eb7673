using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>The key management calls: add_key and request_key, their keyring by its KEY_SPEC_* name
/// (<c>KEY_SPEC_PROCESS_KEYRING</c>) or as its serial number; keyctl by operation, each showing the arguments it reads
/// (include/uapi/linux/keyctl.h), what it writes once it returned.</summary>
internal static class KeyDecoders
{
    private static readonly NamedValues s_keySpecs = new("key_specs", "KEY_SPEC_???");
    private static readonly NamedValues s_operations = new("keyctl_commands", "KEYCTL_???");
    private static readonly NamedValues s_requestDefaults = new("key_reqkey_defaults", "KEY_REQKEY_DEFL_???");
    private static readonly FlagSet s_permissions = new("key_permissions", "KEY_???");
    private static readonly FlagSet s_moveFlags = new("keyctl_move_flags", "KEYCTL_MOVE_???");
    private static readonly FlagSet[] s_capabilities = [new("keyctl_caps0"), new("keyctl_caps1")];

    private const int GetKeyringId = 0, JoinSessionKeyring = 1, Update = 2, Revoke = 3, Chown = 4, SetPermissions = 5,
        Describe = 6, Clear = 7, Link = 8, Unlink = 9, Search = 10, Read = 11, Instantiate = 12, Negate = 13,
        SetRequestKeyring = 14, SetTimeout = 15, AssumeAuthority = 16, GetSecurity = 17, SessionToParent = 18, Reject = 19,
        InstantiateIov = 20, Invalidate = 21, GetPersistent = 22, DhCompute = 23, PkeyQuery = 24, PkeyEncrypt = 25,
        PkeyDecrypt = 26, PkeySign = 27, PkeyVerify = 28, RestrictKeyring = 29, Move = 30, Capabilities = 31;

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
        [("add_key", DecodeAddKey), ("request_key", DecodeRequestKey), ("keyctl", DecodeKeyctl)];

    private static void DecodeAddKey(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetBuffer(2, (long)context.Unsigned(3));
        SetKeySerial(context, 4);
    }

    private static void DecodeRequestKey(DecodeContext context)
    {
        if (!context.Exiting)
            SetKeySerial(context, 3);
    }

    /// <summary>keyctl(operation, ...): the arguments as the operation reads them; the data DESCRIBE, READ, GET_SECURITY,
    /// DH_COMPUTE, the PKEY operations and CAPABILITIES write, at exit. An operation strace does not decode shows its four
    /// arguments in hex.</summary>
    private static void DecodeKeyctl(DecodeContext context)
    {
        int operation = (int)context.Signed(0);
        if (context.Exiting)
        {
            SetKeyctlOutput(context, operation);
            return;
        }
        context.Set(0, ArgumentKind.Int, new ConstantValue(operation, s_operations), render => s_operations.Format(operation, render));
        context.ShownCount = 1 + operation switch
        {
            GetKeyringId => Arguments(context, Serial, Int),
            JoinSessionKeyring => Arguments(context, String),
            Update => Arguments(context, Serial, Payload, UInt),
            Revoke or Clear or AssumeAuthority or Invalidate => Arguments(context, Serial),
            Chown => Arguments(context, Serial, Int, Int),
            SetPermissions => Arguments(context, Serial, (c, i) => c.SetFlags(i, s_permissions)),
            Describe or GetSecurity or Read => Arguments(context, Serial, Output, UInt),
            Link or Unlink => Arguments(context, Serial, Serial),
            Search => Arguments(context, Serial, String, String, Serial),
            Instantiate => Arguments(context, Serial, Payload, UInt, Serial),
            Negate => Arguments(context, Serial, UInt, Serial),
            SetRequestKeyring => Arguments(context, SetRequestDefault),
            SetTimeout => Arguments(context, Serial, UInt),
            SessionToParent => 0,
            Reject => Arguments(context, Serial, UInt, SetErrno, Serial),
            InstantiateIov => Arguments(context, Serial, (c, i) => IovecArray.Set(c, i, (long)c.Unsigned(i + 1), dataLength: long.MaxValue), UInt, Serial),
            GetPersistent => Arguments(context, Int, Serial),
            DhCompute => Arguments(context, SetDhParams, Output, UInt, SetKdfParams),
            PkeyQuery => Arguments(context, Serial, UInt, String, Pointer),
            PkeyEncrypt or PkeyDecrypt or PkeySign => Arguments(context, SetPkeyParams, String, PkeyInput, Output),
            PkeyVerify => Arguments(context, SetPkeyParams, String, PkeyInput, PkeyInput),
            RestrictKeyring => Arguments(context, Serial, String, String),
            Move => Arguments(context, Serial, Serial, Serial, (c, i) => c.SetFlags(i, s_moveFlags)),
            Capabilities => Arguments(context, Output, UInt),
            _ => Arguments(context, Hex, Hex, Hex, Hex),
        };
    }

    // Decides arguments 1, 2, ... each as given; returns how many.
    private static int Arguments(DecodeContext context, params ReadOnlySpan<Action<DecodeContext, int>> set)
    {
        for (int i = 0; i < set.Length; i++)
            set[i](context, i + 1);
        return set.Length;
    }

    private static void Serial(DecodeContext context, int index) => SetKeySerial(context, index);
    // An int (a uid, a flag) passed in a register of its own: its low 32 bits, signed.
    private static void Int(DecodeContext context, int index) =>
        context.Set(index, ArgumentKind.Int, (long)(int)context.Raw(index), ((int)context.Raw(index)).ToString(CultureInfo.InvariantCulture));
    private static void UInt(DecodeContext context, int index) => context.SetUInt(index);
    private static void Hex(DecodeContext context, int index) => context.SetHex(index);
    private static void String(DecodeContext context, int index) => context.SetString(index);
    private static void Pointer(DecodeContext context, int index) => context.SetPointer(index, PointerReason.NotDecoded);
    private static void Output(DecodeContext context, int index) => context.Defer(index);

    // The data an operation reads: as long as the next argument says.
    private static void Payload(DecodeContext context, int index) => context.SetBuffer(index, (long)context.Unsigned(index + 1));

    // A PKEY operation's input: as long as its parameters say (in_len, or in2_len for VERIFY's second).
    private static void PkeyInput(DecodeContext context, int index)
    {
        if (context.TryRead((ulong)context.Raw(1), out PkeyParams parameters))
            context.SetBuffer(index, index == 3 ? parameters.in_len : parameters.out_len);
        else
            context.SetPointer(index);
    }

    private static void SetRequestDefault(DecodeContext context, int index)
    {
        int keyring = (int)context.Raw(index);
        context.Set(index, ArgumentKind.Int, new ConstantValue(keyring, s_requestDefaults), render => s_requestDefaults.FormatDecimal(keyring, render));
    }

    private static void SetErrno(DecodeContext context, int index)
    {
        long error = (long)context.Unsigned(index);
        if (error <= int.MaxValue && Errno.GetName((int)error) is { } name)
            context.Set(index, ArgumentKind.UInt, new ConstantValue(error, name), context.Render.Decimal(error, name));
        else
            context.SetUInt(index);
    }

    private static void SetKeyctlOutput(DecodeContext context, int operation)
    {
        switch (operation)
        {
            case Describe or GetSecurity or Read or DhCompute or PkeyEncrypt or PkeyDecrypt or PkeySign or Capabilities when context.Failed:
                context.SetPointer(operation == Capabilities ? 1 : operation is Describe or GetSecurity or Read or DhCompute ? 2 : 4, PointerReason.NotWritten);
                break;
            case Describe or GetSecurity:
                context.SetBufferEndingInNul(2, Written(context, 3));
                break;
            case Read or DhCompute:
                context.SetBuffer(2, Written(context, 3));
                break;
            case PkeyEncrypt or PkeyDecrypt or PkeySign:
                context.SetBuffer(4, context.Result);
                break;
            case Capabilities:
                SetCapabilities(context, Written(context, 2));
                break;
        }
    }

    // What the kernel wrote to a buffer of the length argument lengthIndex gives: the result, up to that length.
    private static long Written(DecodeContext context, int lengthIndex) => Math.Min(context.Result, (long)context.Unsigned(lengthIndex));

    // KEYCTL_CAPABILITIES: a byte of flags per set, [KEYCTL_CAPS0_..., KEYCTL_CAPS1_...].
    private static void SetCapabilities(DecodeContext context, long count)
    {
        byte[]? bytes = context.ReadArray((ulong)context.Raw(1), count, 1, out PointerValue? stoppedAt);
        if (bytes is null || stoppedAt is not null)
        {
            context.SetPointer(1);
            return;
        }
        var values = bytes.Select((b, i) => i < s_capabilities.Length ? (object)new FlagsValue(b, s_capabilities[i]) : (long)b).ToArray();
        context.Set(1, ArgumentKind.Pointer, new ArrayValue(values), render => StructWriter.Array(bytes.Select((b, i) =>
            i < s_capabilities.Length ? s_capabilities[i].Format(b, render) : DecodeContext.HexOrZero(b))));
    }

    // A serial number no name covers is an ordinary key's: its number, without a hint.
    private static void SetKeySerial(DecodeContext context, int index)
    {
        long serial = (int)context.Signed(index);
        string number = serial.ToString(CultureInfo.InvariantCulture);
        context.Set(index, ArgumentKind.Int, new ConstantValue(serial, s_keySpecs),
            s_keySpecs.NameOf(serial) is { } name ? context.Render.Decimal(serial, name) : number);
    }

    /// <summary>struct keyctl_dh_params: the keys of a Diffie-Hellman computation.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct DhParams : IKernelStruct<DhParams>
    {
        public int priv, prime, @base;

        public static string TypeName => "keyctl_dh_params";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("priv", priv), new("prime", prime), new("base", @base)];
    }

    // strace names the private key by the union's other member, "private".
    private static void SetDhParams(DecodeContext context, int index) =>
        context.SetStruct<DhParams>(index, (dh, _, _) => new StructWriter().Field("private", dh.priv).Field("prime", dh.prime).Field("base", dh.@base).ToString());

    /// <summary>struct keyctl_kdf_params: the key derivation applied to a Diffie-Hellman result.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct KdfParams : IKernelStruct<KdfParams>
    {
        public ulong hashname, otherinfo;
        public uint otherinfolen;
        public Spare __spare;

        public static string TypeName => "keyctl_kdf_params";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("hashname", new PointerValue((long)hashname, PointerReason.NotDecoded)),
            new("otherinfo", new PointerValue((long)otherinfo, PointerReason.NotDecoded)), new("otherinfolen", otherinfolen),
            new("__spare", ((ReadOnlySpan<uint>)__spare).ToArray()),
        ];
    }

    /// <summary>__u32 __spare[8].</summary>
    [InlineArray(8)]
    internal struct Spare
    {
        private uint _word;
    }

    // The hash name and other information are read now; the spare words show only when one is set.
    private static void SetKdfParams(DecodeContext context, int index)
    {
        if (context.Raw(index) == 0 || !context.TryRead((ulong)context.Raw(index), out KdfParams kdf))
        {
            context.SetPointer(index);
            return;
        }
        Func<StraceRenderer, string> hash = context.StringField(kdf.hashname), other = context.BufferField(kdf.otherinfo, kdf.otherinfolen);
        uint[] spare = ((ReadOnlySpan<uint>)kdf.__spare).ToArray();
        int shown = context.Abbreviate ? Math.Min(spare.Length, context.StringLength) : spare.Length; // as -s cuts arrays
        context.Set(index, ArgumentKind.Pointer, StructValue.Of(kdf), render =>
        {
            var text = new StructWriter().Field("hashname", hash(render)).Field("otherinfo", other(render)).Field("otherinfolen", kdf.otherinfolen);
            IEnumerable<string> words = spare.Take(shown).Select(word => DecodeContext.HexOrZero(word));
            if (spare.Any(word => word != 0))
                text.Field("__spare", StructWriter.Array(shown < spare.Length ? words.Append("...") : words));
            return text.ToString();
        });
    }

    /// <summary>struct keyctl_pkey_params: the key and the lengths of a public key operation's data.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 40)]
    internal struct PkeyParams : IKernelStruct<PkeyParams>
    {
        public int key_id;
        public uint in_len, out_len;

        public static string TypeName => "keyctl_pkey_params";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("key_id", new ConstantValue(key_id, s_keySpecs)), new("in_len", in_len), new("out_len", out_len)];
    }

    // VERIFY's second length is the union's in2_len.
    private static void SetPkeyParams(DecodeContext context, int index)
    {
        bool verify = context.Signed(0) == PkeyVerify;
        context.SetStruct<PkeyParams>(index, (p, render, _) => new StructWriter()
            .Field("key_id", s_keySpecs.NameOf(p.key_id) is { } name ? render.Decimal(p.key_id, name) : p.key_id.ToString(CultureInfo.InvariantCulture))
            .Field("in_len", p.in_len).Field(verify ? "in2_len" : "out_len", p.out_len).ToString());
    }
}
