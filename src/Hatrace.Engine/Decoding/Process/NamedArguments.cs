using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>Arguments strace prints in an order of its own, or only some of: clone's <c>child_stack=</c> comes first
/// though the stack is the second register, and futex skips the registers its command does not read. Each keeps its
/// register's raw value. A candidate for DecodeContext.</summary>
internal static class NamedArguments
{
    /// <summary>Decides register <paramref name="register"/> as <c>name=text</c>.</summary>
    internal static SyscallArgument Make(DecodeContext context, int register, string name, ArgumentKind kind, object? value, string text) =>
        context.Argument(name, context.Raw(register), kind, value, name + "=" + text);

    /// <summary>Puts the decided arguments in the order given: those shown first, the rest after them (hidden by
    /// <see cref="DecodeContext.ShownCount"/>). Every slot ends up decided, so the generic decoder leaves them alone.</summary>
    internal static void Arrange(DecodeContext context, IReadOnlyList<SyscallArgument> shown, IEnumerable<SyscallArgument> hidden)
    {
        int slot = 0;
        foreach (SyscallArgument argument in shown.Concat(hidden))
            context.Arguments[slot++] = argument;
        context.ShownCount = shown.Count;
    }
}
