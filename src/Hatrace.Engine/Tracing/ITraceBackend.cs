using Hatrace.Engine.Model;

namespace Hatrace.Engine.Tracing;

/// <summary>What a session asks of the backend that runs it on the session's thread: <see cref="Tracer"/> (ptrace) or
/// <see cref="Ebpf.EbpfTracer"/>. Both write the same events through an <see cref="EventWriter"/>.</summary>
internal interface ITraceBackend
{
    /// <summary>Starts the program, attaches to <paramref name="attachProcessIds"/>, and traces until done.</summary>
    void Run(string program, TraceStartInfo start, IReadOnlyList<string> environment, IReadOnlyList<int> attachProcessIds);

    /// <summary>Traces running processes until they are gone or the session stops.</summary>
    void RunAttached(IReadOnlyList<int> processIds, bool beforeExec = false);

    /// <summary>Where the backend's events go.</summary>
    EventWriter Writer { get; }

    /// <summary>Set once the program runs (or attaching is done), or failed to.</summary>
    ManualResetEventSlim Started { get; }

    TraceStartException? StartError { get; }

    int RootProcessId { get; }

    ProcessExitEvent? RootExit { get; }

    long SyscallStops { get; }

    System.Collections.Concurrent.ConcurrentDictionary<int, byte> SeenProcesses { get; }

    PidNamespaces? Namespaces { get; }

    IReadOnlyList<CallInProgress> CallsInProgress();

    string? ProcessName(int threadId);

    /// <summary>Ends the trace: kills what the session started, lets go what it attached. Safe from any thread.</summary>
    void RequestStop();
}
