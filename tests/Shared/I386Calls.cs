using System.Diagnostics;
using System.Reflection;
using Xunit.Sdk;

namespace Hatrace.Tests;

/// <summary>Whether this machine runs i386 calls (int 0x80) in a 64-bit process. Not every one does: with ia32
/// emulation off at run time (ia32_emulation=0, as some hypervisors have it) the kernel answers int 0x80 with SIGSEGV,
/// traced or not. Found out once per test run by running tests/programs/int80 untraced. Linked into each test project,
/// which says where its compiled programs are.</summary>
internal static partial class I386Calls
{
    internal const string UnavailableReason = "this machine does not run i386 calls: int 0x80 is answered with SIGSEGV (ia32 emulation is off)";

    private static readonly Lazy<bool> s_available = new(Probe);

    internal static bool Available => s_available.Value;

    /// <summary>The compiled tests/programs/int80, which makes one i386 call and exits 0.</summary>
    private static partial string Int80 { get; }

    private static bool Probe()
    {
        using Process int80 = Process.Start(new ProcessStartInfo(Int80) { RedirectStandardInput = true })!;
        int80.WaitForExit();
        // .NET reports a death by signal N as 128 + N.
        const int killedBySigsegv = 128 + 11;
        return int80.ExitCode switch
        {
            0 => true,
            killedBySigsegv => false,
            int other => throw new InvalidOperationException($"{Int80} exited with {other}: it neither ran its i386 call nor died of SIGSEGV"),
        };
    }
}

/// <summary>A test of i386 calls: skipped, with the reason, where the machine runs none.</summary>
internal sealed class NeedsI386FactAttribute : FactAttribute
{
    public NeedsI386FactAttribute()
    {
        if (!I386Calls.Available)
            Skip = I386Calls.UnavailableReason;
    }
}

/// <summary>A test of what happens to an i386 call where the machine runs none: skipped where it does.</summary>
internal sealed class WithoutI386FactAttribute : FactAttribute
{
    public WithoutI386FactAttribute()
    {
        if (I386Calls.Available)
            Skip = "this machine runs i386 calls: the test is of one that answers int 0x80 with SIGSEGV";
    }
}

/// <summary>One row of a theory, as InlineData (which is sealed) gives it, that makes i386 calls: skipped, with the
/// reason, where the machine runs none.</summary>
internal sealed class NeedsI386InlineDataAttribute : DataAttribute
{
    private readonly object[] _row;

    public NeedsI386InlineDataAttribute(params object[] row)
    {
        _row = row;
        if (!I386Calls.Available)
            Skip = I386Calls.UnavailableReason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [_row];
}
