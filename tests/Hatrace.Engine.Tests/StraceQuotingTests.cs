using System.Text;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Decoding.Files;

namespace Hatrace.Engine.Tests;

public class StraceQuotingTests
{
    [Theory]
    [InlineData("hello\n", false, "\"hello\\n\"")]
    [InlineData("tab\there", false, "\"tab\\there\"")]
    [InlineData("say \"hi\" \\o/", false, "\"say \\\"hi\\\" \\\\o/\"")]
    [InlineData("abc", true, "\"abc\"...")]
    public void PrintableTextAndEscapes(string input, bool truncated, string expected) =>
        Assert.Equal(expected, StraceQuoting.Quote(Encoding.ASCII.GetBytes(input), truncated));

    [Fact]
    public void OtherBytesAreOctalAsShortAsTheNextCharacterAllows()
    {
        // \177ELF\2\1\1\0 is how strace prints the start of an ELF file.
        Assert.Equal("\"\\177ELF\\2\\1\\1\\0\"", StraceQuoting.Quote([0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0], false));
        // A digit after the byte forces all three octal digits.
        Assert.Equal("\"\\0011\"", StraceQuoting.Quote([1, (byte)'1'], false));
        Assert.Equal("\"\\33[31m\"", StraceQuoting.Quote(Encoding.ASCII.GetBytes("\u001b[31m"), false));
        Assert.Equal("\"\\303\\251\"", StraceQuoting.Quote(Encoding.UTF8.GetBytes("é"), false));
        // Every control byte in as few digits as strace uses: gzip's header is \37\213\10\0.
        Assert.Equal("\"\\37\\213\\10\\0\"", StraceQuoting.Quote([0x1f, 0x8b, 0x08, 0x00], false));
        for (int c = 0; c < 0x20; c++)
        {
            if (c is not ((byte)'\t' or (byte)'\n' or 0x0b or 0x0c or (byte)'\r'))
                Assert.Equal("\"\\" + Convert.ToString(c, 8) + "\"", StraceQuoting.Quote([(byte)c], false));
        }
    }

    [Fact]
    public void LongStringsEscapeTheSameAcrossTheRunsTheyAreCopiedIn()
    {
        // Plain characters are copied a run at a time: escapes before, after and across a run's end.
        string plain = new('a', 300), more = new('b', 129);
        Assert.Equal("\"" + plain + "\\\"" + more + "\\n\\0011\"...",
            StraceQuoting.Quote(Encoding.ASCII.GetBytes(plain + "\"" + more + "\n\u00011"), truncated: true));
        var path = new StringBuilder();
        StraceQuoting.AppendDescriptorPath(path, Encoding.ASCII.GetBytes(plain + ">" + more + "\""), StringEscape.Octal);
        Assert.Equal(plain + "\\76" + more + "\\\"", path.ToString());
    }

    [Theory]
    [InlineData("/etc/hostname", "/etc/hostname")]
    [InlineData("/tmp/café €", "/tmp/café €")]
    [InlineData("C:\\Users\\a b\\", "C:\\Users\\a b\\")]
    [InlineData("\u001b[31mred\a\n", "\\33[31mred\\7\\n")]
    [InlineData("\u007f\u009b\u0085", "\\177\\302\\233\\302\\205")]
    [InlineData("\u00011", "\\0011")]
    // A backslash is doubled only where it would read as the start of an escape.
    [InlineData("a\\n\\7\\\\", "a\\\\n\\\\7\\\\\\")]
    [InlineData("\\\n", "\\\\\\n")]
    public void DisplayKeepsPrintableTextAndEscapesTheRest(string input, string expected) =>
        Assert.Equal(expected, StraceQuoting.Display(Encoding.UTF8.GetBytes(input)));

    [Fact]
    public void DisplayEscapesBytesThatAreNotUtf8()
    {
        Assert.Equal("a\\233b\\377\\376", StraceQuoting.Display([(byte)'a', 0x9b, (byte)'b', 0xff, 0xfe]));
        // A sequence cut short, as a string truncated at the string length ends.
        Assert.Equal("x\\342\\202", StraceQuoting.Display([(byte)'x', 0xe2, 0x82]));
    }

    [Theory]
    [InlineData(0, "O_RDONLY")]
    [InlineData(0x80000, "O_RDONLY|O_CLOEXEC")]
    [InlineData(0x241, "O_WRONLY|O_CREAT|O_TRUNC")]
    [InlineData(0x90800, "O_RDONLY|O_NONBLOCK|O_CLOEXEC|O_DIRECTORY")]
    [InlineData(0xb0000, "O_RDONLY|O_NOFOLLOW|O_CLOEXEC|O_DIRECTORY")]
    [InlineData(0x210000, "O_RDONLY|O_PATH|O_DIRECTORY")]
    [InlineData(0x2002, "O_RDWR|FASYNC")]
    [InlineData(0x101402, "O_RDWR|O_APPEND|O_SYNC")]
    [InlineData(0x410002, "O_RDWR|O_TMPFILE")]
    [InlineData(0x40000000, "O_RDONLY|0x40000000")]
    public void OpenFlagsPrintAsStraceDoes(long flags, string expected) => Assert.Equal(expected, OpenFlags.Format(flags, StraceRenderer.Default));
}
