namespace Hatrace.Engine.Decoding.Ipc;

/// <summary>The inter-process communication family's decoders, as DecoderTable lists families: System V IPC, POSIX
/// message queues, AIO and io_uring. Their structures have x86_64's layout, so an i386 tracee's calls are left to the
/// arguments' kinds.</summary>
internal static class IpcDecoders
{
    internal static IEnumerable<(string Name, Decoder Decode)> All =>
        from entry in SysvIpcDecoders.All.Concat(MessageQueueDecoders.All).Concat(AioDecoders.All).Concat(IoUringDecoders.All)
        select (entry.Name, DecoderTable.WordSize64Only(entry.Decode));
}
