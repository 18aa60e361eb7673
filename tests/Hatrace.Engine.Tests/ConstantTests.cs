using Hatrace.Engine.Model;

namespace Hatrace.Engine.Tests;

public class ConstantTests
{
    [Fact]
    public void ErrnoNamesAndMessagesComeFromTheKernelAndLibc()
    {
        Assert.Equal("ENOENT", Errno.GetName(2));
        Assert.Equal(28, Errno.GetValue("enospc"));
        Assert.Equal("No such file or directory", Errno.GetMessage(2));
        Assert.Equal("ERESTARTSYS", Errno.GetName(512));
        Assert.Null(Errno.GetName(9999));
        Assert.Null(Errno.GetValue("ENOTANERROR"));
    }

    [Theory]
    [InlineData(9, "SIGKILL")]
    [InlineData(17, "SIGCHLD")]
    [InlineData(32, "SIGRTMIN")]
    [InlineData(34, "SIGRT_2")]
    [InlineData(64, "SIGRT_32")]
    public void SignalNamesAsStracePrintsThem(int signal, string name)
    {
        Assert.Equal(name, Signals.GetName(signal));
        Assert.Equal(signal, Signals.GetValue(name));
    }

    [Fact]
    public void SignalNamesMayOmitTheirPrefix() => Assert.Equal(15, Signals.GetValue("term"));
}
