namespace Hatrace.TableGen.Tests;

/// <summary>Reading prototypes from the SYNOPSIS excerpts of Linux man-pages 6.03 in inputs/man2, and naming the
/// kernel's parameters after them.</summary>
public sealed class ManPageTests
{
    private static readonly string ManDirectory = Path.Combine(AppContext.BaseDirectory, "inputs", "man2");

    [Fact]
    public void OpenatFollowsItsSoRequestAndHasBothOfItsPrototypes()
    {
        Assert.Equal(
            ["int dirfd, const char *pathname, int flags", "int dirfd, const char *pathname, int flags, mode_t mode"],
            Prototypes("openat", out string page));
        Assert.Equal("open.2", page);
    }

    [Fact]
    public void AnArrayParameterIsAPointer()
    {
        Assert.Equal(["int fd, void *buf, size_t count"], Prototypes("read", out _));
    }

    [Fact]
    public void QualifiersAreDroppedAndArraysOfPointersKeepTheirConst()
    {
        Assert.Equal(["const char *pathname, char *const *argv, char *const *envp"], Prototypes("execve", out _));
    }

    [Fact]
    public void AContinuedLineIsOnePrototypeAndTheNextCallIsNotMixedIn()
    {
        Assert.Equal(["void *addr, size_t length, int prot, int flags, int fd, off_t offset"], Prototypes("mmap", out _));
        Assert.Equal(["void *addr, size_t length"], Prototypes("munmap", out _));
    }

    [Fact]
    public void ClonesWrapperCountsTheArgumentsItsCommentNamesAndClone3IsTheRawCall()
    {
        Assert.Equal(
            ["int (*)() fn, void *stack, int flags, void *arg, pid_t *parent_tid, void *tls, pid_t *child_tid"],
            Prototypes("clone", out _));
        Assert.Equal(["struct clone_args *cl_args, size_t size"], Prototypes("clone3", out string page));
        Assert.Equal("clone.2", page);
    }

    [Fact]
    public void ASyscallPrototypeGivesTheRawCallAndTheNoteAfterItIsNotOne()
    {
        Assert.Equal(["int call, unsigned long *args"], Prototypes("socketcall", out _));
        Assert.DoesNotContain(ManPageSynopsis.Prototypes(File.ReadAllText(Path.Combine(ManDirectory, "socketcall.2"))), p => p.Call == "syscall");
    }

    [Theory]
    [InlineData("stat", "const char *pathname, struct stat *statbuf")]
    [InlineData("fstat", "int fd, struct stat *statbuf")]
    [InlineData("lstat", "const char *pathname, struct stat *statbuf")]
    [InlineData("newfstatat", "int dirfd, const char *pathname, struct stat *statbuf, int flags")]
    public void APageOfSeveralCallsGivesEachItsOwn(string call, string parameters)
    {
        Assert.Equal([parameters], Prototypes(call, out string page));
        Assert.Equal("stat.2", page);
    }

    [Fact]
    public void ACallWithoutAPageHasNone()
    {
        Assert.Null(ManPageImporter.ReadPage(ManDirectory, "no_such_call"));
    }

    [Fact]
    public void TheManNamesReplaceTheKernelsWhereThePrototypeMatches()
    {
        var (names, mismatch) = Choose("openat", "int dfd, const char __user *filename, int flags, umode_t mode");

        Assert.Equal(["dirfd", "pathname", "flags", "mode"], names);
        Assert.Null(mismatch);
    }

    [Fact]
    public void AnAddressTheKernelTakesAsUnsignedLongMatchesThePagesPointer()
    {
        var (names, _) = Choose("mmap", "unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags, unsigned long fd, unsigned long off");

        Assert.Equal(["addr", "length", "prot", "flags", "fd", "offset"], names);
    }

    [Fact]
    public void ClonesWrapperIsNotTheCall()
    {
        var (names, mismatch) = Choose("clone", "unsigned long, unsigned long, int __user *, int __user *, unsigned long");

        Assert.Null(names);
        Assert.Equal("clone.2 gives 7 parameters, the kernel 5 parameters", mismatch);
    }

    [Fact]
    public void AnotherTypeAtTheSamePlaceKeepsTheKernelsNames()
    {
        ManPageRow[] page = [new("demo", "demo.2", "int fd, const char *pathname")];

        var (names, mismatch) = ManPageNaming.Choose("demo", ParameterDeclaration.ParseList("const char __user *filename, int dfd"), page);

        Assert.Null(names);
        Assert.Equal("demo.2 gives parameter 1 as \"int\", the kernel as \"const char __user *\"", mismatch);
    }

    [Fact]
    public void AnUnnamedVariadicTailKeepsTheKernelsNameForItsArgument()
    {
        ManPageRow[] page = [new("ioctl", "ioctl.2", "int fd, unsigned long request, ...")];

        var (names, _) = ManPageNaming.Choose("ioctl", ParameterDeclaration.ParseList("unsigned int fd, unsigned int cmd, unsigned long arg"), page);

        Assert.Equal(["fd", "request", null], names);
    }

    [Fact]
    public void GeneratedParametersCarryBothNames()
    {
        string code = TableGenerator.Render(
            TableAbi.X64,
            [new SyscallRow(257, "openat", "sys_openat", "int dfd, const char __user *filename, int flags, umode_t mode")],
            [.. ManPageImporter.PrototypesOf("openat", File.ReadAllText(Path.Combine(ManDirectory, "open.2")))
                .Select(p => new ManPageRow("openat", "open.2", ManPageDataFile.Format(p.Parameters)))]);

        Assert.Contains(
            "[new SyscallParameter(\"int\", \"dirfd\", ArgumentKind.DirFd) { KernelName = \"dfd\" }, " +
            "new SyscallParameter(\"const char __user *\", \"pathname\", ArgumentKind.Path) { KernelName = \"filename\" }, " +
            "new SyscallParameter(\"int\", \"flags\", ArgumentKind.OpenFlags), new SyscallParameter(\"umode_t\", \"mode\", ArgumentKind.Mode)]",
            code);
    }

    private static IEnumerable<string> Prototypes(string call, out string page)
    {
        (page, string roff) = ManPageImporter.ReadPage(ManDirectory, call) ?? throw new FileNotFoundException(call);
        return ManPageImporter.PrototypesOf(call, roff).Select(p => ManPageDataFile.Format(p.Parameters)).ToList();
    }

    private static (IReadOnlyList<string?>? Names, string? Mismatch) Choose(string call, string kernelParameters)
    {
        (string page, string roff) = ManPageImporter.ReadPage(ManDirectory, call)!.Value;
        ManPageRow[] rows = [.. ManPageImporter.PrototypesOf(call, roff).Select(p => new ManPageRow(call, page, ManPageDataFile.Format(p.Parameters)))];
        return ManPageNaming.Choose(call, ParameterDeclaration.ParseList(kernelParameters), rows);
    }
}
