using EngineKind = Hatrace.Engine.Syscalls.ArgumentKind;

namespace Hatrace.TableGen.Tests;

/// <summary>The kind rules and the splitting of a declaration into type and name.</summary>
public sealed class ArgumentKindRuleTests
{
    [Theory]
    [InlineData("const char __user * filename", "const char __user *", "filename")]
    [InlineData("unsigned long", "unsigned long", null)]
    [InlineData("unsigned nsops", "unsigned", "nsops")]
    [InlineData("size_t", "size_t", null)]
    [InlineData("struct sockaddr __user *", "struct sockaddr __user *", null)]
    [InlineData("enum landlock_rule_type rule_type", "enum landlock_rule_type", "rule_type")]
    [InlineData("const char __user *const __user *argv", "const char __user *const __user *", "argv")]
    public void DeclarationsSplitIntoTypeAndName(string declaration, string type, string? name) =>
        Assert.Equal(new ParameterDeclaration(type, name), ParameterDeclaration.Parse(declaration));

    [Theory]
    [InlineData("openat", "int", "dfd", EngineKind.DirFd)]
    [InlineData("move_mount", "int", "from_dfd", EngineKind.DirFd)]
    [InlineData("read", "unsigned int", "fd", EngineKind.Fd)]
    [InlineData("dup3", "unsigned int", "newfd", EngineKind.Fd)]
    [InlineData("splice", "int", "fd_in", EngineKind.Fd)]
    [InlineData("dup", "unsigned int", "fildes", EngineKind.Fd)]
    [InlineData("close_range", "unsigned int", "max_fd", EngineKind.UInt)]
    [InlineData("pidfd_getfd", "int", "fd", EngineKind.Int)]
    [InlineData("pidfd_getfd", "int", "pidfd", EngineKind.Fd)]
    [InlineData("pipe", "int __user *", "fildes", EngineKind.Pointer)]
    [InlineData("openat", "int", "flags", EngineKind.OpenFlags)]
    [InlineData("unlinkat", "int", "flags", EngineKind.Int)]
    [InlineData("mkdir", "umode_t", "mode", EngineKind.Mode)]
    [InlineData("write", "const char __user *", "buf", EngineKind.InputBuffer)]
    [InlineData("read", "char __user *", "buf", EngineKind.OutputBuffer)]
    [InlineData("symlink", "const char __user *", "old", EngineKind.Path)]
    [InlineData("mount", "char __user *", "dir_name", EngineKind.Path)]
    [InlineData("acct", "const char __user *", "name", EngineKind.Path)]
    [InlineData("mq_open", "const char __user *", "name", EngineKind.String)]
    [InlineData("sethostname", "char __user *", "name", EngineKind.Pointer)]
    [InlineData("execve", "const char __user *const __user *", "argv", EngineKind.StringArray)]
    [InlineData("execveat", "const char __user *const __user *", "envp", EngineKind.EnvironmentArray)]
    [InlineData("capget", "cap_user_header_t", "header", EngineKind.Pointer)]
    [InlineData("lseek", "off_t", "offset", EngineKind.Int)]
    [InlineData("setuid", "uid_t", "uid", EngineKind.UInt)]
    [InlineData("io_uring_enter", "u32", "flags", EngineKind.UInt)]
    [InlineData("socket", "int", "", EngineKind.Int)]
    public void KindsFollowTheRules(string call, string type, string name, EngineKind kind) =>
        Assert.Equal(kind.ToString(), ArgumentKindRules.KindOf(new ParameterFacts(call, type, name)).ToString());

    [Fact]
    public void ABufferLengthIsTheNextIntegerNamedLikeALength()
    {
        ParameterFacts[] readlink = [new("readlink", "const char __user *", "path"), new("readlink", "char __user *", "buf"), new("readlink", "int", "bufsiz")];
        ParameterFacts[] pwrite = [new("pwrite64", "unsigned int", "fd"), new("pwrite64", "const char __user *", "buf"), new("pwrite64", "size_t", "count"), new("pwrite64", "loff_t", "pos")];
        ParameterFacts[] noLength = [new("demo", "char __user *", "buf"), new("demo", "unsigned long __user *", "len")];

        Assert.Equal(2, ArgumentKindRules.LengthIndexOf(readlink, 1));
        Assert.Equal(2, ArgumentKindRules.LengthIndexOf(pwrite, 1));
        Assert.Equal(-1, ArgumentKindRules.LengthIndexOf(noLength, 0));
    }

    [Fact]
    public void TheToolsKindsAreTheEnginesKinds() =>
        Assert.Equal(Enum.GetNames<EngineKind>(), Enum.GetNames<ArgumentKind>());
}
