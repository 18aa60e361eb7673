namespace Hatrace.TableGen;

/// <summary>Names a call's parameters as its man page does, where the page's prototype is the kernel's: the same
/// number of parameters, in the same order, of loosely the same types. Elsewhere (clone's glibc wrapper, calls whose
/// raw ABI splits or adds arguments) the kernel's names stay.</summary>
internal static class ManPageNaming
{
    /// <summary>Calls whose page documents a C library function that passes other arguments than the call takes, in the
    /// same number and of loosely the same types, with why the kernel's names stay.</summary>
    public static readonly IReadOnlyDictionary<string, string> DifferentWrappers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["signalfd"] = "signalfd.2 documents the C library's signalfd(), which passes flags where the call takes sizemask",
    };

    /// <summary>For each of <paramref name="kernel"/>'s parameters, the name the first matching prototype of
    /// <paramref name="prototypes"/> gives it (null for an unnamed <c>...</c>); or null and why none matches.</summary>
    public static (IReadOnlyList<string?>? Names, string? Mismatch) Choose(
        string call, IReadOnlyList<ParameterDeclaration> kernel, IReadOnlyList<ManPageRow> prototypes)
    {
        if (prototypes.Count == 0)
        {
            return (null, null);
        }

        if (DifferentWrappers.TryGetValue(call, out string? wrapper))
        {
            return (null, wrapper);
        }

        string? mismatch = null;
        foreach (ManPageRow prototype in prototypes)
        {
            IReadOnlyList<ParameterDeclaration> page = ParameterDeclaration.ParseList(prototype.Parameters);
            if (page.Count != kernel.Count)
            {
                mismatch ??= $"{prototype.Page} gives {Count(page.Count)}, the kernel {Count(kernel.Count)}";
                continue;
            }

            int differing = Enumerable.Range(0, page.Count).FirstOrDefault(i => !TypesAgree(call, kernel[i].Type, page[i].Type), -1);
            if (differing >= 0)
            {
                mismatch = $"{prototype.Page} gives parameter {differing + 1} as \"{page[differing].Type}\", the kernel as \"{kernel[differing].Type}\"";
                continue;
            }

            return (page.Select(p => p.Name).ToList(), null);
        }

        return (null, mismatch);
    }

    /// <summary>Whether a kernel and a man-page type could be the same argument: both pointers, both integers, or a
    /// pointer the kernel takes as <c>unsigned long</c> (mmap's addr) or the page as <c>long</c>. A page's <c>...</c>
    /// agrees with anything.</summary>
    public static bool TypesAgree(string call, string kernelType, string pageType)
    {
        if (pageType == ManPageSynopsis.Variadic)
        {
            return true;
        }

        var (kernel, page) = (new ParameterFacts(call, kernelType, string.Empty), new ParameterFacts(call, pageType, string.Empty));
        return (kernel.IsPointer && page.IsPointer)
            || (kernel.IsInteger && page.IsInteger)
            || (kernel.IsPointer && IsLong(page)) || (page.IsPointer && IsLong(kernel))
            || (!kernel.IsPointer && !kernel.IsInteger && kernel.BareType == page.BareType);
    }

    private static string Count(int parameters) => parameters == 1 ? "1 parameter" : $"{parameters} parameters";

    private static bool IsLong(ParameterFacts p) => p.IsInteger && p.BareType.Split(' ').Contains("long");
}
