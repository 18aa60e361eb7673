using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Tests;

/// <summary>Each structure a decoder reads is described once, by its declaration (<see cref="KernelLayout"/>): every
/// field's offset and size there must be what the kernel's UAPI headers say, as a C program compiled against them
/// prints (kernel_structs), and what the runtime lays out.</summary>
public class KernelLayoutTests
{
    // struct __aio_sigset (io_pgetevents'): the installed UAPI headers predate it. i386's layouts (ICompatStruct) are
    // not probed either: the probe is compiled for x86_64, whose headers declare them only for __i386__ or not at all
    // (the kernel's compat ones); tests/programs/i386_calls shows them read as strace reads them.
    private static readonly string[] NotInX64Headers = ["__aio_sigset"];

    public static TheoryData<string> Structures()
    {
        var data = new TheoryData<string>();
        foreach (Type type in KernelStructTypes())
            data.Add(type.FullName!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Structures))]
    public void EveryFieldLiesWhereTheKernelsHeadersPutIt(string typeName)
    {
        Type type = typeof(StructValue).Assembly.GetType(typeName)!;
        string name = (string)type.GetProperty("TypeName", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        KernelLayout layout = KernelLayout.Of(type);
        Assert.Equal(name, layout.Name);
        Assert.Equal(RuntimeHelpers.SizeOf(type.TypeHandle), layout.Size);
        if (NotInX64Headers.Contains(name) || IsI386Layout(type))
            return;

        List<(string Field, int Offset, int Size)> kernel = [.. Probe().Where(l => l.Type == name).Select(l => (l.Field, l.Offset, l.Size))];
        Assert.True(kernel.Count > 0, $"kernel_structs prints nothing for {name}");
        if (kernel.Find(f => f.Field == "-") is { Field: "-" } whole)
            Assert.Equal(whole.Size, layout.Size);
        Assert.Equal(kernel.Where(f => f.Field != "-").OrderBy(f => f.Offset), layout.Fields.Select(f => (f.Name, f.Offset, f.Size)));
    }

    [Fact]
    public void FieldsAreSetByTheirKernelNamesNestedStructuresByADictionary()
    {
        KernelLayout layout = KernelLayout.Of(typeof(Decoding.Time.TimeFormatter.Itimerspec));
        var bytes = new byte[layout.Size];
        layout.Set(bytes, "it_value", new System.Collections.Hashtable { ["tv_sec"] = 7, ["tv_nsec"] = 500L });
        var timer = System.Runtime.InteropServices.MemoryMarshal.Read<Decoding.Time.TimeFormatter.Itimerspec>(bytes);
        Assert.Equal((0L, 7L, 500L), (timer.it_interval.tv_sec, timer.it_value.tv_sec, timer.it_value.tv_nsec));

        KernelLayout utsname = KernelLayout.Of(typeof(Decoding.Process.ProcessDecoders.NewUtsname));
        var text = new byte[utsname.Size];
        utsname.Set(text, "NodeName", "mocked");
        Assert.Equal("mocked\0", System.Text.Encoding.ASCII.GetString(text, 65, 7));
        Assert.Throws<ArgumentException>(() => utsname.Set(text, "nodename", new string('x', 65)));
        Assert.Throws<ArgumentException>(() => layout.Set(bytes, "it_value", 3));
        Assert.Throws<ArgumentException>(() => layout.Set(bytes, "tv_sec", 3));
    }

    [Fact]
    public void EveryStructureADecoderReadsIsCompared() =>
        Assert.True(KernelStructTypes().Count() >= 20, string.Join(", ", KernelStructTypes().Select(t => t.Name)));

    private static bool IsI386Layout(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICompatStruct<,>));

    private static IEnumerable<Type> KernelStructTypes() =>
        typeof(StructValue).Assembly.GetTypes()
            .Where(t => !t.IsInterface && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IKernelStruct<>)));

    private static readonly Lazy<List<(string Type, string Field, int Offset, int Size)>> s_probe = new(() =>
    {
        using Process probe = Process.Start(new ProcessStartInfo(TestPrograms.PathOf("kernel_structs")) { RedirectStandardOutput = true })!;
        string output = probe.StandardOutput.ReadToEnd();
        probe.WaitForExit();
        Assert.Equal(0, probe.ExitCode);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')).Select(w =>
            (w[0], w[1], int.Parse(w[2], CultureInfo.InvariantCulture), int.Parse(w[3], CultureInfo.InvariantCulture)))];
    });

    private static List<(string Type, string Field, int Offset, int Size)> Probe() => s_probe.Value;
}
