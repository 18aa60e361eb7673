using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Dynamic;

namespace Hatrace.Engine.Model;

/// <summary>The decoded arguments of a syscall, in order; as text, the argument list strace prints. Each argument is
/// also a member named after its parameter, for dynamic callers: <c>$_.Arguments.flags.Value.Names</c> in PowerShell,
/// <c>((dynamic)call.Arguments).pathname.Value</c> in C#.</summary>
public sealed class SyscallArguments : DynamicObject, IReadOnlyList<SyscallArgument>
{
    private readonly SyscallArgument[] _arguments;

    // DynamicObject's constructor warns that dynamic call sites need code generation; this class creates none, and
    // only callers that bind dynamically (PowerShell, C#'s dynamic) use its members, on runtimes that can.
    [UnconditionalSuppressMessage("AotAnalysis", "IL3050", Justification = "Dynamic binding happens only in callers that bind dynamically.")]
    internal SyscallArguments(SyscallArgument[] arguments) => _arguments = arguments;

    /// <summary>No arguments: shared, as there is nothing to fill in.</summary>
    internal static SyscallArguments None { get; } = new([]);

    /// <summary>The array itself, for the decoder to fill in outputs at the syscall's exit (null until then).</summary>
    internal SyscallArgument?[] Items => _arguments;

    /// <inheritdoc/>
    public SyscallArgument this[int index] => _arguments[index];

    /// <summary>The argument with this parameter name, or null.</summary>
    public SyscallArgument? this[string name] => Array.Find(_arguments, a => a.Name == name);

    /// <summary>The argument with the member's name; names are matched without regard to case, as PowerShell matches
    /// members.</summary>
    public override bool TryGetMember(GetMemberBinder binder, out object? result)
    {
        result = Array.Find(_arguments, a => string.Equals(a.Name, binder.Name, StringComparison.OrdinalIgnoreCase));
        return result is not null;
    }

    /// <inheritdoc/>
    public override IEnumerable<string> GetDynamicMemberNames() => _arguments.Select(a => a.Name);

    /// <inheritdoc/>
    public int Count => _arguments.Length;

    /// <inheritdoc/>
    public IEnumerator<SyscallArgument> GetEnumerator() => ((IEnumerable<SyscallArgument>)_arguments).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _arguments.GetEnumerator();

    /// <summary>The arguments as strace prints them between the parentheses.</summary>
    public override string ToString() => string.Join(", ", _arguments.Select(a => a.Text));
}
