using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The shapes of an ioctl request's argument, ioctl's third, as the request's direction says: none, a number in
/// the register, or data it points to, read at entry when the request reads it (an input) and at exit when it writes it
/// (an output, printed as its address when the call failed and wrote nothing). Each is called in both phases; a family's
/// decoder picks one per request.</summary>
internal static class IoctlArgument
{
    internal const int Index = 2;

    /// <summary>A request that takes no argument: strace prints two.</summary>
    internal static void None(DecodeContext context)
    {
        if (!context.Exiting)
            context.ShownCount = Index;
    }

    /// <summary>A number passed in the register, in decimal as the unsigned long it is.</summary>
    internal static void Number(DecodeContext context)
    {
        if (!context.Exiting)
            context.SetUInt(Index);
    }

    /// <summary>An int passed in the register (a descriptor, a device number), in decimal.</summary>
    internal static void Int(DecodeContext context)
    {
        if (!context.Exiting)
            context.Set(Index, ArgumentKind.Int, (long)(int)context.Raw(Index), ((int)context.Raw(Index)).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A descriptor passed in the register, described as -y asks (<c>3&lt;/dev/ptmx&gt;</c>).</summary>
    internal static void Fd(DecodeContext context)
    {
        if (!context.Exiting)
            context.SetFd(Index);
    }

    /// <summary>A value from a table of names passed in the register (<c>TCIOFLUSH</c>).</summary>
    internal static void Named(DecodeContext context, NamedValues names)
    {
        ulong value = context.Unsigned(Index);
        if (!context.Exiting)
            context.Set(Index, ArgumentKind.UInt, new ConstantValue((long)value, names), render => names.FormatUnsigned(value, render));
    }

    /// <summary>A structure the request reads.</summary>
    internal static void Input<[DynamicallyAccessedMembers(KernelLayout.Members)] T>(DecodeContext context, StructPrinter<T> print)
        where T : unmanaged, IKernelStruct<T>
    {
        if (!context.Exiting)
            context.SetStruct(Index, print);
    }

    /// <summary>A structure the request fills in.</summary>
    internal static void Output<[DynamicallyAccessedMembers(KernelLayout.Members)] T>(DecodeContext context, StructPrinter<T> print)
        where T : unmanaged, IKernelStruct<T>
    {
        if (!context.Exiting)
            context.Defer(Index);
        else
            context.SetOutputStruct(Index, print);
    }

    /// <summary>A structure the request reads and writes back: printed at entry by <paramref name="input"/>; at exit,
    /// when the call succeeded, by the printer <paramref name="output"/> chooses from the structure as entered and as
    /// written (<c>{...} =&gt; {...}</c>), or left as entered when it returns null.</summary>
    internal static void InOut<[DynamicallyAccessedMembers(KernelLayout.Members)] T>(DecodeContext context, StructPrinter<T> input,
        Func<DecodeContext, T, T, StructPrinter<T>?> output)
        where T : unmanaged, IKernelStruct<T>
    {
        if (!context.Exiting)
        {
            context.SetStruct(Index, input);
            if (context.Arguments[Index]?.Value is StructValue)
                context.Defer(Index); // the exit needs the entry's value
            return;
        }
        if (context.Failed || context.Arguments[Index]?.Value is not StructValue { Source: T before }
            || !context.TryRead((ulong)context.Raw(Index), out T after) || output(context, before, after) is not { } print)
            return;
        bool abbreviate = context.Abbreviate;
        context.Set(Index, ArgumentKind.Pointer, StructValue.Of(after), render => print(after, render, abbreviate && !render.Verbose));
    }

    /// <summary>A number the request reads, printed as strace prints one (<c>[5]</c>).</summary>
    internal static void InputNumber<T>(DecodeContext context) where T : unmanaged, IBinaryInteger<T> =>
        InputNumber<T>(context, (value, _) => value.ToString(null, CultureInfo.InvariantCulture));

    /// <summary>A number the request reads, printed by <paramref name="print"/> (<c>[TIOCM_DTR]</c>).</summary>
    internal static void InputNumber<T>(DecodeContext context, Func<T, StraceRenderer, string> print) where T : unmanaged, IBinaryInteger<T>
    {
        if (!context.Exiting)
            context.SetPointee<T>(Index, (value, render) => StructWriter.Array([print(value, render)]));
    }

    /// <summary>A number the request writes (<c>[512]</c>).</summary>
    internal static void OutputNumber<T>(DecodeContext context) where T : unmanaged, IBinaryInteger<T> =>
        OutputNumber<T>(context, (value, _) => value.ToString(null, CultureInfo.InvariantCulture));

    /// <summary>A number the request writes, printed by <paramref name="print"/>.</summary>
    internal static void OutputNumber<T>(DecodeContext context, Func<T, StraceRenderer, string> print) where T : unmanaged, IBinaryInteger<T>
    {
        if (!context.Exiting)
            context.Defer(Index);
        else if (context.Failed)
            context.SetPointer(Index);
        else
            context.SetPointee<T>(Index, (value, render) => StructWriter.Array([print(value, render)]));
    }

    /// <summary><paramref name="count"/> numbers the request reads (<c>[4096, 8192]</c>).</summary>
    internal static void InputNumbers<T>(DecodeContext context, int count) where T : unmanaged, IBinaryInteger<T> =>
        InputNumbers<T>(context, count, value => value.ToString(null, CultureInfo.InvariantCulture));

    /// <summary><paramref name="count"/> numbers the request reads, each printed by <paramref name="print"/>
    /// (<c>[0x1f0, 0x3f6, 0xe]</c>).</summary>
    internal static void InputNumbers<T>(DecodeContext context, int count, Func<T, string> print) where T : unmanaged, IBinaryInteger<T>
    {
        if (!context.Exiting)
            SetNumbers(context, count, print);
    }

    /// <summary><paramref name="count"/> numbers the request writes (<c>[250, 33]</c>).</summary>
    internal static void OutputNumbers<T>(DecodeContext context, int count) where T : unmanaged, IBinaryInteger<T>
    {
        if (!context.Exiting)
            context.Defer(Index);
        else if (context.Failed)
            context.SetPointer(Index);
        else
            SetNumbers<T>(context, count, value => value.ToString(null, CultureInfo.InvariantCulture));
    }

    private static void SetNumbers<T>(DecodeContext context, int count, Func<T, string> print) where T : unmanaged, IBinaryInteger<T>
    {
        if (!context.Dereference)
            context.SetPointer(Index);
        else
            NumberArrays.Set(context, Index, count, print);
    }
}
