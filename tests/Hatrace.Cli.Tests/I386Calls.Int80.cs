namespace Hatrace.Tests;

// The shared probe (tests/Shared/I386Calls.cs) runs int80 from where this project finds its programs.
internal static partial class I386Calls
{
    private static partial string Int80 => Hatrace.Cli.Tests.Runner.Program("int80");
}
