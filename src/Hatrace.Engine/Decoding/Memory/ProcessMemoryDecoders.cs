namespace Hatrace.Engine.Decoding.Memory;

/// <summary>Calls that reach another process's memory through iovec arrays: process_vm_readv, process_vm_writev and
/// process_madvise. This process's buffers show their bytes as readv's and writev's do; the other's only where they
/// are, since they are not this tracee's memory.</summary>
internal static class ProcessMemoryDecoders
{
    private const int Local = 1, LocalCount = 2, Remote = 3, RemoteCount = 4;

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("process_vm_readv", context => DecodeProcessVm(context, isRead: true)),
        ("process_vm_writev", context => DecodeProcessVm(context, isRead: false)),
        ("process_madvise", DecodeProcessMadvise),
    ];

    /// <summary>process_vm_readv and process_vm_writev(pid, local_iov, liovcnt, remote_iov, riovcnt, flags): the local
    /// bytes read show at exit, as far as the result says; those written at entry.</summary>
    private static void DecodeProcessVm(DecodeContext context, bool isRead)
    {
        if (!context.Exiting)
        {
            IovecArray.Set(context, Remote, (long)context.Unsigned(RemoteCount), dataLength: null);
            if (isRead)
                context.Defer(Local);
            else
                IovecArray.Set(context, Local, (long)context.Unsigned(LocalCount), long.MaxValue);
        }
        else if (isRead)
            IovecArray.Set(context, Local, (long)context.Unsigned(LocalCount), context.Failed ? null : context.Result);
    }

    /// <summary>process_madvise(pidfd, iovec, vlen, advice, flags): the ranges advised on, the advice by name.</summary>
    private static void DecodeProcessMadvise(DecodeContext context)
    {
        if (context.Exiting)
            return; // inputs only
        IovecArray.Set(context, 1, (long)context.Unsigned(2), dataLength: null);
        context.SetNamed(3, LockingDecoders.Advice);
        context.SetHexOrZero(4);
    }
}
