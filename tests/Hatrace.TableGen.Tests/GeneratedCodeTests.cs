using Hatrace.Engine.Syscalls;
using EngineKind = Hatrace.Engine.Syscalls.ArgumentKind;

namespace Hatrace.TableGen.Tests;

/// <summary>The committed generated code is what the generator makes of the committed data, and it works.</summary>
public sealed class GeneratedCodeTests : IDisposable
{
    private static readonly RepositoryLayout Repository = RepositoryLayout.FindFrom(AppContext.BaseDirectory);

    private readonly string _outputDirectory = Directory.CreateTempSubdirectory("tablegen-generate-").FullName;

    public void Dispose() => Directory.Delete(_outputDirectory, recursive: true);

    [Fact]
    public void CommittedCodeIsWhatGenerateProduces()
    {
        IReadOnlyList<string> generated = TableGenerator.Generate(Repository.DataDirectory, _outputDirectory);

        Assert.Equal(2, generated.Count);
        foreach (string file in generated)
        {
            string committed = Path.Combine(Repository.CodeDirectory, Path.GetFileName(file));
            Assert.True(
                File.ReadAllText(committed) == File.ReadAllText(file),
                $"{Path.GetFileName(file)} differs from what the data generates; run \"dotnet run --project tools/Hatrace.TableGen -- generate\".");
        }
    }

    [Theory]
    [InlineData(SyscallArch.X86_64, 0, "read")]
    [InlineData(SyscallArch.X86_64, 59, "execve")]
    [InlineData(SyscallArch.X86_64, 110, "getppid")]
    [InlineData(SyscallArch.X86_64, 257, "openat")]
    [InlineData(SyscallArch.X86_64, 435, "clone3")]
    [InlineData(SyscallArch.X86_64, 462, "mseal")]
    [InlineData(SyscallArch.X86_64, 467, "open_tree_attr")]
    [InlineData(SyscallArch.X86_64, 470, "listns")]
    [InlineData(SyscallArch.I386, 20, "getpid")]
    [InlineData(SyscallArch.I386, 102, "socketcall")]
    [InlineData(SyscallArch.I386, 295, "openat")]
    [InlineData(SyscallArch.I386, 470, "listns")]
    public void WellKnownCallsHaveTheirNumbers(SyscallArch arch, int number, string name)
    {
        Assert.Equal(name, SyscallTable.Find(arch, number)?.Name);
        Assert.Equal(number, SyscallTable.Find(arch, name)?.Number);
    }

    [Fact]
    public void OpenatIsDecodedAsStraceShowsIt()
    {
        SyscallDefinition openat = SyscallTable.Find(SyscallArch.X86_64, "openat")!;

        Assert.Equal("openat(int dirfd, const char __user *pathname, int flags, umode_t mode)", openat.Signature);
        Assert.Equal(["dfd", "filename", "flags", "mode"], openat.Parameters.Select(p => p.KernelName));
        Assert.Equal([EngineKind.DirFd, EngineKind.Path, EngineKind.OpenFlags, EngineKind.Mode], openat.Parameters.Select(p => p.Kind));
    }

    [Fact]
    public void EachCallHasOneDefinitionThoughItIsMadeAtItsFirstLookup()
    {
        SyscallDefinition?[] first = [.. Enumerable.Range(0, 480).AsParallel().AsOrdered().Select(n => SyscallTable.Find(SyscallArch.X86_64, n))];
        Assert.All(Enumerable.Range(0, 480), n => Assert.Same(first[n], SyscallTable.Find(SyscallArch.X86_64, n)));
        Assert.Same(SyscallTable.Find(SyscallArch.X86_64, 257), SyscallTable.Find(SyscallArch.X86_64, "openat"));
        Assert.Equal(SyscallTable.All(SyscallArch.X86_64), first.OfType<SyscallDefinition>());
    }

    [Fact]
    public void NumbersWithoutACallAreEmpty()
    {
        Assert.Null(SyscallTable.Find(SyscallArch.X86_64, 400));
        Assert.Null(SyscallTable.Find(SyscallArch.X86_64, 512));
        Assert.Null(SyscallTable.Find(SyscallArch.I386, 222));
        Assert.Null(SyscallTable.Find(SyscallArch.I386, -1));
    }
}
