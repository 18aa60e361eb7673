using System.Collections;

namespace Hatrace.Engine.Model;

/// <summary>The decoded arguments of a syscall, in order; as text, the argument list strace prints.</summary>
public sealed class SyscallArguments : IReadOnlyList<SyscallArgument>
{
    private readonly SyscallArgument[] _arguments;

    internal SyscallArguments(SyscallArgument[] arguments) => _arguments = arguments;

    /// <summary>The array itself, for the decoder to fill in outputs at the syscall's exit (null until then).</summary>
    internal SyscallArgument?[] Items => _arguments;

    /// <inheritdoc/>
    public SyscallArgument this[int index] => _arguments[index];

    /// <summary>The argument with this parameter name, or null.</summary>
    public SyscallArgument? this[string name] => Array.Find(_arguments, a => a.Name == name);

    /// <inheritdoc/>
    public int Count => _arguments.Length;

    /// <inheritdoc/>
    public IEnumerator<SyscallArgument> GetEnumerator() => ((IEnumerable<SyscallArgument>)_arguments).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _arguments.GetEnumerator();

    /// <summary>The arguments as strace prints them between the parentheses.</summary>
    public override string ToString() => string.Join(", ", _arguments.Select(a => a.Text));
}
