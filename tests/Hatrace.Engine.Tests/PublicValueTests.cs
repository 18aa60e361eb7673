using System.Collections;
using System.Net;
using System.Text.Json;
using Hatrace.Engine.Formatting;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>Every decoded argument's value is one of the engine's public value types, however deep: the test
/// programs between them make the calls of every decoder family, abbreviated and with -v.</summary>
// Both trace programs that make objects of fixed names (ipc_calls' message queue): never two at once.
[Collection("Programs with fixed names")]
public partial class PublicValueTests
{
    private static readonly string[] Programs =
    [
        "decode_cases", "files_calls", "network_calls", "signals_calls", "time_calls", "process_calls", "process_usage",
        "poll_calls", "memory_calls", "memory_edges", "verbose_calls", "vector_calls", "fd_paths", "process_futex", "transfer_dump",
        "time_mount_calls", "ipc_calls", "sched_calls", "misc_calls", "quota_calls", "ioctl_calls", "keys_calls", "netlink_calls",
        "prctl_calls", "clone_calls", "ptrace_calls", "sockopt_calls",
        "netlink_more",
        "ioctl_v4l2_calls",
        "ioctl_devices_calls",
        "ioctl_more_calls",
        "bpf_calls",
        "netlink_route_more",
        "ipc_more_calls",
    ];

    public static TheoryData<string, bool> Cases()
    {
        var cases = new TheoryData<string, bool>();
        foreach (string program in Programs)
        {
            cases.Add(program, true);
            cases.Add(program, false);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryValueIsPublic(string program, bool abbreviated)
    {
        var options = new TraceSessionOptions { Abbreviated = _ => abbreviated };
        var (events, _) = TestPrograms.Trace(options, TestPrograms.PathOf(program));
        var leaks = new List<string>();
        int values = 0;
        foreach (SyscallEvent call in events.OfType<SyscallEvent>())
        {
            foreach (SyscallArgument argument in call.Arguments)
            {
                values++;
                Check(argument.Value, $"{call.Name}.{argument.Name}", leaks);
                // What prints as a structure, an array or a number pointed to is that as a value too, not the address
                // it was read from.
                if ((argument.Text.StartsWith('{') || argument.Text.StartsWith('[')) && (argument.Value is null || argument.Value.Equals(argument.Raw)))
                    leaks.Add($"{call.Name}.{argument.Name}: {argument.Text} is its address");
                // What prints as a name is a named value: its names are there to filter on, not only in the text.
                if (Name().IsMatch(argument.Text) && argument.Text != "NULL" && argument.Kind != ArgumentKind.DirFd
                    && argument.Value is not (ConstantValue or FlagsValue))
                    leaks.Add($"{call.Name}.{argument.Name}: {argument.Text} is a {argument.Value?.GetType().Name ?? "null"}");
                // An address printed for a pointer says why it was not followed; quoted bytes are a string value.
                if (argument.Kind == ArgumentKind.Pointer && Address().IsMatch(argument.Text) && argument.Value is not PointerValue)
                    leaks.Add($"{call.Name}.{argument.Name}: the address {argument.Text} is a {argument.Value?.GetType().Name ?? "null"}");
                if (argument.Text.StartsWith('"') && argument.Value is not StringValue)
                    leaks.Add($"{call.Name}.{argument.Name}: {argument.Text} is a {argument.Value?.GetType().Name ?? "null"}");
            }
            using var text = new StringWriter();
            TraceJson.WriteLine(text, call);
            if (text.ToString().Contains("\"valueType\":\"text\"", StringComparison.Ordinal))
                leaks.Add($"{call.Name}: JSON falls back to text: {text}");
        }
        Assert.True(values > 20, $"{program} gave only {values} values");
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks.Distinct()));
    }

    // The closed set of types a value, or any part of one, may have.
    private static void Check(object? value, string where, List<string> leaks)
    {
        switch (value)
        {
            case null or long or int or uint or ulong or short or ushort or byte or sbyte or bool or string or byte[]
                or DateTimeOffset or TimeSpan or IPAddress or ConstantValue or FlagsValue or SocketAddressValue or SignalSetValue
                or StringValue or PointerValue or DescriptorValue or ProcessIdValue:
                return;
            case StructValue structure:
                foreach ((string name, object? field) in structure)
                    Check(field, $"{where}.{name}", leaks);
                return;
            case ArrayValue array:
                foreach (object? item in array)
                    Check(item, $"{where}[]", leaks);
                return;
            case string[] or long[] or int[]:
                return;
            default:
                leaks.Add($"{where}: {value.GetType().FullName}");
                return;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(NULL|0x[0-9a-f]+)$")]
    private static partial System.Text.RegularExpressions.Regex Address();

    // A name, or names joined with '|' (O_RDONLY|O_CLOEXEC), maybe with a number left (AT_SYMLINK_NOFOLLOW|0x10000).
    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Z][A-Z0-9_]*[A-Z0-9](\|([A-Z][A-Z0-9_]*|0x[0-9a-f]+))*$")]
    private static partial System.Text.RegularExpressions.Regex Name();
}
