using Hatrace.Engine.Decoding;

namespace Hatrace.Engine.Tests;

/// <summary>The options of the one bit-mask printer the families share: a hint for masks no name covers, and the
/// table's own name for zero.</summary>
public class FlagSetTests
{
    [Theory]
    [InlineData(0L, "PROT_NONE")]
    [InlineData(0x3L, "PROT_READ|PROT_WRITE")]
    [InlineData(0x10L, "0x10 /* PROT_??? */")]
    [InlineData(0x11L, "PROT_READ|0x10")]
    public void HintedMasksPrintAsStraceDoes(long flags, string text) =>
        Assert.Equal(text, new FlagSet("mmap_prot", "PROT_???").Format(flags, StraceRenderer.Default));

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(0x80000L, "SOCK_CLOEXEC")]
    [InlineData(0x1L, "0x1")]
    public void MasksWithoutAHintPrintTheLeftoverBare(long flags, string text) =>
        Assert.Equal(text, new FlagSet("socket_type_flags").Format(flags, StraceRenderer.Default));

    [Fact]
    public void NamedValuesFallBackToTheNumberWithTheHint()
    {
        var names = new NamedValues("seek_whence", "SEEK_???");
        Assert.Equal("SEEK_END", names.Format(2, StraceRenderer.Default));
        Assert.Equal("0x63 /* SEEK_??? */", names.Format(99, StraceRenderer.Default));
        // As strace prints them: a negative int's 32 bits (lseek(3, 0, -1)), a longer number's 64.
        Assert.Equal("0xffffffff /* SEEK_??? */", names.Format(-1, StraceRenderer.Default));
        Assert.Equal("0x8000000000000001 /* SEEK_??? */", names.Format(long.MinValue + 1, StraceRenderer.Default));
    }
}
