namespace Hatrace.Engine.Decoding;

/// <summary>How named constants and flags print: strace's <c>-X abbrev</c> (its default), <c>-X raw</c> or
/// <c>-X verbose</c>.</summary>
public enum ConstantStyle
{
    /// <summary>By name: <c>O_WRONLY|O_CREAT|O_TRUNC</c>, <c>AT_FDCWD</c>, <c>SIGUSR1</c>.</summary>
    Abbreviated,

    /// <summary>As numbers: flags and most values in hex (<c>0x241</c>), <c>AT_FDCWD</c> and signals in decimal
    /// (<c>-100</c>, <c>10</c>), modes in octal (<c>020666</c>).</summary>
    Raw,

    /// <summary>The number, then the name as a comment: <c>0x241 /* O_WRONLY|O_CREAT|O_TRUNC */</c>.</summary>
    Verbose,
}
