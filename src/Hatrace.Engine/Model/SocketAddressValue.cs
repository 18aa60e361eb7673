using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Decoding.Network;

namespace Hatrace.Engine.Model;

/// <summary>A socket address (struct sockaddr and its kinds), the value of connect's and bind's <c>addr</c> and the like
/// (<see cref="SyscallArgument.Value"/>): <c>$_.Arguments.addr.Value.Port -eq 443</c>. What a family does not have is
/// null: an AF_UNIX address has a <see cref="Path"/> and no <see cref="Address"/>.</summary>
public sealed class SocketAddressValue : IEquatable<SocketAddressValue>
{
    private const int FamilySize = 2;
    private readonly byte[] _bytes;

    /// <summary>The address from its bytes, as the kernel reads them (as long as the call's length says).</summary>
    public SocketAddressValue(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < FamilySize)
            throw new ArgumentException("A socket address holds at least its 2-byte family.", nameof(bytes));
        _bytes = bytes;
    }

    /// <summary>The address family's number (sa_family).</summary>
    public int FamilyNumber => BinaryPrimitives.ReadUInt16LittleEndian(_bytes);

    /// <summary>The address family's name (<c>AF_INET</c>, <c>AF_INET6</c>, <c>AF_UNIX</c>), or its number when no name
    /// covers it.</summary>
    public string Family => SocketNames.FamilyName(FamilyNumber) ?? FamilyNumber.ToString(CultureInfo.InvariantCulture);

    /// <summary>AF_INET and AF_INET6: the IP address (sin_addr, sin6_addr).</summary>
    public IPAddress? Address => FamilyNumber switch
    {
        SocketNames.AfInet when _bytes.Length >= 8 => new IPAddress(_bytes.AsSpan(4, 4)),
        SocketNames.AfInet6 when _bytes.Length >= 24 => new IPAddress(_bytes.AsSpan(8, 16), ScopeId ?? 0),
        _ => null,
    };

    /// <summary>AF_INET and AF_INET6: the port (sin_port, sin6_port), in host order.</summary>
    public int? Port => FamilyNumber is SocketNames.AfInet or SocketNames.AfInet6 && _bytes.Length >= 4
        ? BinaryPrimitives.ReadUInt16BigEndian(_bytes.AsSpan(2))
        : null;

    /// <summary>AF_INET6: the scope (sin6_scope_id), where the address holds one.</summary>
    public uint? ScopeId => FamilyNumber == SocketNames.AfInet6 && _bytes.Length >= 28 ? BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(24)) : null;

    /// <summary>AF_UNIX: the socket's path (sun_path) up to its NUL, escaped as strings are (see
    /// <see cref="SyscallArgument.Value"/>); an abstract name starts with <c>@</c>. Null for an unnamed socket.</summary>
    public string? Path
    {
        get
        {
            if (FamilyNumber != SocketNames.AfUnix || _bytes.Length == FamilySize)
                return null;
            ReadOnlySpan<byte> path = _bytes.AsSpan(FamilySize);
            if (path[0] == 0)
                return "@" + StraceQuoting.Display(path[1..]);
            int nul = path.IndexOf((byte)0);
            return StraceQuoting.Display(nul < 0 ? path : path[..nul]);
        }
    }

    /// <summary>The address as the program gave it or the kernel wrote it.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary><c>127.0.0.1:9</c>, <c>[::1]:9</c>, the path, or the family.</summary>
    public override string ToString() =>
        Address is { } address ? new IPEndPoint(address, Port ?? 0).ToString() : Path ?? Family;

    /// <inheritdoc/>
    public bool Equals(SocketAddressValue? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SocketAddressValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => FamilyNumber ^ (Port ?? 0);
}
