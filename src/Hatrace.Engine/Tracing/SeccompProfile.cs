using System.Text;
using System.Text.Json;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Tracing;

/// <summary>What a seccomp rule does with the calls it names.</summary>
public enum SeccompAction
{
    /// <summary>The call runs (SCMP_ACT_ALLOW).</summary>
    Allow,

    /// <summary>The call runs and the kernel logs it (SCMP_ACT_LOG).</summary>
    Log,

    /// <summary>The call does not run and fails with an errno (SCMP_ACT_ERRNO).</summary>
    Errno,

    /// <summary>The call does not run: the thread gets SIGSYS (SCMP_ACT_TRAP).</summary>
    Trap,

    /// <summary>The thread is killed (SCMP_ACT_KILL, SCMP_ACT_KILL_THREAD).</summary>
    KillThread,

    /// <summary>The whole process is killed (SCMP_ACT_KILL_PROCESS).</summary>
    KillProcess,
}

/// <summary>A seccomp profile as container runtimes take it (the OCI runtime specification's <c>linux.seccomp</c>, the
/// JSON of Docker's and Podman's <c>--security-opt seccomp=FILE</c>): a default action, the architectures it covers and
/// rules naming calls. A program the session starts runs under it (<see cref="TraceStartInfo.SeccompProfile"/>), and a
/// profile can be made from the calls a trace saw (<see cref="FromCalls"/>). Rules are by name only: a rule with
/// argument conditions is refused, as are actions that need a listener of their own (SCMP_ACT_TRACE, SCMP_ACT_NOTIFY).
/// x86_64 is always covered (libseccomp keeps the native architecture); a call of another architecture the profile does
/// not list, and any x32 call (Hatrace has no x32 table), gets the default action.</summary>
public sealed class SeccompProfile
{
    /// <summary>EPERM: the errno of SCMP_ACT_ERRNO when the profile gives none, as runtimes have it.</summary>
    public const int DefaultErrno = 1;

    private readonly Dictionary<string, (SeccompAction Action, int Errno)> _rules;

    private SeccompProfile(SeccompAction defaultAction, int defaultErrno, IReadOnlyList<SyscallArch> architectures,
        Dictionary<string, (SeccompAction, int)> rules)
    {
        DefaultAction = defaultAction;
        DefaultErrnoValue = defaultErrno;
        Architectures = architectures;
        _rules = rules;
    }

    /// <summary>What a call no rule names gets.</summary>
    public SeccompAction DefaultAction { get; }

    /// <summary>The errno of <see cref="DefaultAction"/> when it is <see cref="SeccompAction.Errno"/>.</summary>
    public int DefaultErrnoValue { get; }

    /// <summary>The ABIs whose calls the rules decide.</summary>
    public IReadOnlyList<SyscallArch> Architectures { get; }

    /// <summary>The calls that run, by name, in order.</summary>
    public IReadOnlyList<string> AllowedNames =>
        [.. _rules.Where(r => r.Value.Action is SeccompAction.Allow or SeccompAction.Log).Select(r => r.Key).Order(StringComparer.Ordinal)];

    /// <summary>The profile that lets exactly the calls seen run, by name, and fails every other with EPERM; it covers
    /// x86_64, and i386 when an i386 call was seen. Calls Hatrace's syscall tables have no name for (a number newer than
    /// its tables, printed <c>syscall_0x...</c>) are left out, and so fail under the profile. An i386 socket call lets
    /// socketcall run too, which the kernel's filter sees where a program makes the call through it.</summary>
    public static SeccompProfile FromCalls(IEnumerable<(SyscallArch Arch, string Name)> calls)
    {
        var rules = new Dictionary<string, (SeccompAction, int)>(StringComparer.Ordinal);
        bool i386 = false;
        foreach ((SyscallArch arch, string name) in calls)
        {
            if (SyscallTable.Find(arch, name) is not { } definition)
                continue;
            rules.TryAdd(name, (SeccompAction.Allow, 0));
            i386 |= arch == SyscallArch.I386;
            if (arch == SyscallArch.I386 && Socketcall.Calls.Contains(definition))
                rules.TryAdd("socketcall", (SeccompAction.Allow, 0));
        }
        return new(SeccompAction.Errno, DefaultErrno, i386 ? [SyscallArch.X86_64, SyscallArch.I386] : [SyscallArch.X86_64], rules);
    }

    /// <summary>Reads a profile file; <see cref="FormatException"/> says what is wrong with it.</summary>
    public static SeccompProfile Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Reads a profile's JSON; <see cref="FormatException"/> says what is wrong with it. Names that are no call
    /// of x86_64 or i386 (another architecture's) are kept in the profile and have no effect here, as runtimes skip
    /// them.</summary>
    public static SeccompProfile Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FormatException($"The seccomp profile is not JSON: {e.Message}", e);
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FormatException("The seccomp profile is not a JSON object.");
            if (!root.TryGetProperty("defaultAction", out JsonElement defaultActionText))
                throw new FormatException("The seccomp profile has no defaultAction.");
            int defaultErrno = root.TryGetProperty("defaultErrnoRet", out JsonElement errnoText) ? ErrnoOf(errnoText, "defaultErrnoRet") : DefaultErrno;
            SeccompAction defaultAction = ActionOf(defaultActionText, "defaultAction");

            var rules = new Dictionary<string, (SeccompAction, int)>(StringComparer.Ordinal);
            if (root.TryGetProperty("syscalls", out JsonElement syscalls))
            {
                int index = 0;
                foreach (JsonElement rule in ArrayOf(syscalls, "syscalls"))
                {
                    string where = $"syscalls[{index++}]";
                    foreach (string part in (string[])["args", "includes", "excludes"])
                    {
                        if (rule.TryGetProperty(part, out JsonElement conditions) && conditions.ValueKind is not JsonValueKind.Null
                            && !(conditions.ValueKind == JsonValueKind.Array && conditions.GetArrayLength() == 0)
                            && !(conditions.ValueKind == JsonValueKind.Object && !conditions.EnumerateObject().Any()))
                            throw new FormatException($"The seccomp profile's {where} has {part}: rules with conditions are not supported, only rules by name.");
                    }
                    if (!rule.TryGetProperty("action", out JsonElement actionText))
                        throw new FormatException($"The seccomp profile's {where} has no action.");
                    SeccompAction action = ActionOf(actionText, $"{where}.action");
                    int errno = rule.TryGetProperty("errnoRet", out JsonElement ruleErrno) ? ErrnoOf(ruleErrno, $"{where}.errnoRet") : DefaultErrno;
                    var names = new List<string>();
                    if (rule.TryGetProperty("names", out JsonElement many))
                        names.AddRange(ArrayOf(many, $"{where}.names").Select(n => StringOf(n, $"{where}.names")));
                    if (rule.TryGetProperty("name", out JsonElement one))
                        names.Add(StringOf(one, $"{where}.name"));
                    if (names.Count == 0)
                        throw new FormatException($"The seccomp profile's {where} names no call.");
                    // The first rule that names a call decides it.
                    foreach (string name in names)
                        rules.TryAdd(name, (action, errno));
                }
            }
            return new(defaultAction, defaultErrno, ArchitecturesOf(root), rules);
        }
    }

    // "architectures", or Docker's "archMap" of main and sub-architectures. The native one is always there, as libseccomp
    // (and so runc) keeps it whatever the list says.
    private static List<SyscallArch> ArchitecturesOf(JsonElement root)
    {
        var names = new List<string>();
        if (root.TryGetProperty("architectures", out JsonElement list))
            names.AddRange(ArrayOf(list, "architectures").Select(a => StringOf(a, "architectures")));
        if (root.TryGetProperty("archMap", out JsonElement map))
        {
            foreach (JsonElement entry in ArrayOf(map, "archMap"))
            {
                if (entry.TryGetProperty("architecture", out JsonElement main))
                    names.Add(StringOf(main, "archMap"));
                if (entry.TryGetProperty("subArchitectures", out JsonElement subs))
                    names.AddRange(ArrayOf(subs, "archMap").Select(a => StringOf(a, "archMap")));
            }
        }
        var architectures = new List<SyscallArch> { SyscallArch.X86_64 };
        if (names.Contains("SCMP_ARCH_X86"))
            architectures.Add(SyscallArch.I386);
        return architectures;
    }

    private static SeccompAction ActionOf(JsonElement text, string where) => StringOf(text, where) switch
    {
        "SCMP_ACT_ALLOW" => SeccompAction.Allow,
        "SCMP_ACT_LOG" => SeccompAction.Log,
        "SCMP_ACT_ERRNO" => SeccompAction.Errno,
        "SCMP_ACT_TRAP" => SeccompAction.Trap,
        "SCMP_ACT_KILL" or "SCMP_ACT_KILL_THREAD" => SeccompAction.KillThread,
        "SCMP_ACT_KILL_PROCESS" => SeccompAction.KillProcess,
        "SCMP_ACT_TRACE" or "SCMP_ACT_NOTIFY" => throw new FormatException(
            $"The seccomp profile's {where} is {text.GetString()}, which needs a listener of its own: not supported under the tracer."),
        string other => throw new FormatException($"The seccomp profile's {where} is '{other}', which is no seccomp action (SCMP_ACT_ALLOW, SCMP_ACT_ERRNO, ...)."),
    };

    private static int ErrnoOf(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int errno) && errno is >= 0 and <= 4095
            ? errno
            : throw new FormatException($"The seccomp profile's {where} is not an errno number (0 to 4095).");

    private static string StringOf(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"The seccomp profile's {where} is not a string.");

    private static JsonElement.ArrayEnumerator ArrayOf(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw new FormatException($"The seccomp profile's {where} is not an array.");

    /// <summary>The action a call gets, and its errno where the action is <see cref="SeccompAction.Errno"/>.</summary>
    public (SeccompAction Action, int Errno) ActionFor(SyscallArch arch, string name) =>
        Architectures.Contains(arch) && _rules.TryGetValue(name, out var rule) ? rule : (DefaultAction, DefaultErrnoValue);

    /// <summary>Whether the profile stopped this call from running: it failed with the profile's errno for it, or the
    /// profile kills or traps it.</summary>
    public bool Denied(SyscallEvent call)
    {
        // By the number made, as the kernel's filter sees it: socketcall's, for a call made through it.
        (SeccompAction action, int errno) = call.Definition is not null && SyscallTable.Find(call.Arch, call.Number) is { } made
            ? ActionFor(call.Arch, made.Name)
            : (DefaultAction, DefaultErrnoValue);
        return action switch
        {
            SeccompAction.Allow or SeccompAction.Log => false,
            SeccompAction.Errno => call.RawResult == -errno,
            _ => true,
        };
    }

    /// <summary>The classic BPF program that enforces the profile, for the spawn helper.</summary>
    internal byte[] Filter()
    {
        uint defaultReturn = ReturnOf(DefaultAction, DefaultErrnoValue);
        SeccompFilter.Actions ActionsOf(SyscallArch arch)
        {
            // The calls that own their numbers: not i386's accept, send and recv, made through socketcall's.
            var numbered = SyscallTable.All(arch).Where(d => SyscallTable.Find(arch, d.Number) == d).ToList();
            var byNumber = new uint[numbered.Count == 0 ? 0 : numbered.Max(d => d.Number) + 1];
            Array.Fill(byNumber, defaultReturn);
            if (Architectures.Contains(arch))
            {
                foreach (SyscallDefinition definition in numbered)
                {
                    if (_rules.TryGetValue(definition.Name, out var rule))
                        byNumber[definition.Number] = ReturnOf(rule.Action, rule.Errno);
                }
            }
            return new(byNumber, defaultReturn);
        }
        return SeccompFilter.Build(ActionsOf(SyscallArch.X86_64), ActionsOf(SyscallArch.I386), defaultReturn);
    }

    private static uint ReturnOf(SeccompAction action, int errno) => action switch
    {
        SeccompAction.Allow => SeccompFilter.Allow,
        SeccompAction.Log => SeccompFilter.Log,
        SeccompAction.Errno => SeccompFilter.Errno | (uint)errno,
        SeccompAction.Trap => SeccompFilter.Trap,
        SeccompAction.KillThread => SeccompFilter.KillThread,
        _ => SeccompFilter.KillProcess,
    };

    private static string OciName(SeccompAction action) => action switch
    {
        SeccompAction.Allow => "SCMP_ACT_ALLOW",
        SeccompAction.Log => "SCMP_ACT_LOG",
        SeccompAction.Errno => "SCMP_ACT_ERRNO",
        SeccompAction.Trap => "SCMP_ACT_TRAP",
        SeccompAction.KillThread => "SCMP_ACT_KILL_THREAD",
        _ => "SCMP_ACT_KILL_PROCESS",
    };

    /// <summary>The profile as the OCI runtime specification's JSON, which Docker and Podman take with
    /// <c>--security-opt seccomp=FILE</c>: one rule per action, its names in order.</summary>
    public string ToOciJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("defaultAction", OciName(DefaultAction));
            if (DefaultAction == SeccompAction.Errno)
                json.WriteNumber("defaultErrnoRet", DefaultErrnoValue);
            json.WriteStartArray("architectures");
            foreach (SyscallArch arch in Architectures)
                json.WriteStringValue(arch == SyscallArch.I386 ? "SCMP_ARCH_X86" : "SCMP_ARCH_X86_64");
            json.WriteEndArray();
            json.WriteStartArray("syscalls");
            foreach (var rule in _rules.GroupBy(r => r.Value).OrderBy(g => g.Key.Action).ThenBy(g => g.Key.Errno))
            {
                json.WriteStartObject();
                json.WriteStartArray("names");
                foreach (string name in rule.Select(r => r.Key).Order(StringComparer.Ordinal))
                    json.WriteStringValue(name);
                json.WriteEndArray();
                json.WriteString("action", OciName(rule.Key.Action));
                if (rule.Key.Action == SeccompAction.Errno)
                    json.WriteNumber("errnoRet", rule.Key.Errno);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The profile as systemd unit directives: <c>SystemCallFilter=</c> with the calls that run,
    /// <c>SystemCallErrorNumber=</c> with the errno of the rest and <c>SystemCallArchitectures=</c>. Only an allow-list
    /// with an errno by default says the same in systemd's terms; another profile is refused with
    /// <see cref="InvalidOperationException"/>.</summary>
    public string ToSystemdDirectives()
    {
        if (DefaultAction != SeccompAction.Errno || _rules.Values.Any(r => r.Action is not (SeccompAction.Allow or SeccompAction.Log)))
            throw new InvalidOperationException("Only a profile that allows calls by name and fails the rest with an errno can be written as systemd directives.");
        string errno = Model.Errno.GetName(DefaultErrnoValue) ?? DefaultErrnoValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string architectures = string.Join(' ', Architectures.Select(a => a == SyscallArch.I386 ? "x86" : "x86-64"));
        return $"SystemCallFilter={string.Join(' ', AllowedNames)}\nSystemCallErrorNumber={errno}\nSystemCallArchitectures={architectures}";
    }
}
