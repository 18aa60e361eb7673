using System.Text;
using Hatrace.Engine.Formatting;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>The C tracees of tests/programs (built into out/programs by TestPrograms.targets), and what every
/// tracing test checks afterwards: that none of the processes it started is left stopped or unreaped.</summary>
internal static class TestPrograms
{
    /// <summary>The clone's root, where Hatrace.PowerShell.sln is.</summary>
    internal static readonly string RepositoryRoot = FindRepoRoot();

    internal static readonly string Directory = Path.Combine(RepositoryRoot, "out", "programs");

    internal static string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Runs a program to its end under the tracer and returns every event.</summary>
    internal static (List<TraceEvent> Events, ProcessExitEvent? RootExit) Trace(string program, params string[] arguments) =>
        Trace(new TraceSessionOptions(), program, arguments);

    internal static (List<TraceEvent> Events, ProcessExitEvent? RootExit) Trace(TraceSessionOptions options, string program, params string[] arguments) =>
        Trace(options, new TraceStartInfo { FileName = program, Arguments = arguments });

    internal static (List<TraceEvent> Events, ProcessExitEvent? RootExit) Trace(TraceSessionOptions options, TraceStartInfo start)
    {
        using TraceSession session = TraceSession.Start(start, options);
        List<TraceEvent> events = [.. session.ReadEvents()];
        session.Dispose();
        AssertNoneLeft(session.ProcessIds);
        AssertPrintedInPartsAsWhole(events.OfType<SyscallEvent>());
        return (events, session.RootExit);
    }

    /// <summary>hatrace prints a call in two parts, at entry and at exit, so that other processes' calls can come
    /// between: for every call that returned, the two must make the call's whole text.</summary>
    internal static void AssertPrintedInPartsAsWhole(IEnumerable<SyscallEvent> calls)
    {
        foreach (SyscallEvent call in calls.Where(c => !c.IsUnfinished && !c.IsDetached))
        {
            var parts = new StringBuilder(StraceFormatter.FormatEntry(call));
            StraceFormatter.AppendExitArguments(parts, call);
            Assert.Equal($"{call.Name}({call.Arguments})", parts.ToString());
        }
    }

    /// <summary>Fails when any of these processes is stopped (T), in tracing stop (t) or a zombie (Z).
    /// An orphan's zombie waits for init to reap it, which can take a moment here: allow it a few seconds.</summary>
    internal static void AssertNoneLeft(IEnumerable<int> processIds)
    {
        var left = new List<string>();
        foreach (int pid in processIds)
        {
            string? state = null;
            for (int attempt = 0; attempt < 50; attempt++)
            {
                state = ReadState(pid);
                if (state is null || !"tTZ".Contains(state[0]))
                    break;
                Thread.Sleep(100);
            }
            if (state is not null && "tTZ".Contains(state[0]))
                left.Add($"{pid} is in state {state}");
        }
        Assert.True(left.Count == 0, "Processes left behind: " + string.Join("; ", left));
    }

    /// <summary>The process's state letter from /proc (R, S, Z...), or null when it is gone.</summary>
    internal static string? ReadState(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // pid (comm) S ...: comm may hold spaces and parentheses, so look after the last ')'.
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string FindRepoRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Hatrace.PowerShell.sln")))
                return dir;
        }
        throw new InvalidOperationException("Hatrace.PowerShell.sln not found above " + AppContext.BaseDirectory);
    }
}
