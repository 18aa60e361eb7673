using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Hatrace.TableGen;

/// <summary>Reads the SYNOPSIS of each syscall's section 2 man page into the committed <see cref="ManPageDataFile"/>.</summary>
/// <remarks>A call's page is <c>&lt;name&gt;.2</c> (or <c>.2.gz</c>), followed through symbolic links and <c>.so</c>
/// requests to the page that documents it; its prototypes are those the page declares under the call's name, or as
/// <c>syscall(SYS_&lt;name&gt;, ...)</c>, or under the name the C library gives the call (<see cref="LibraryNames"/>).</remarks>
internal static partial class ManPageImporter
{
    /// <summary>Calls the C library wraps under another name, which their man page uses.</summary>
    public static readonly IReadOnlyDictionary<string, string> LibraryNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pread64"] = "pread",
        ["pwrite64"] = "pwrite",
        ["prlimit64"] = "prlimit",
        ["newfstatat"] = "fstatat",
        ["fstatat64"] = "fstatat",
        ["stat64"] = "stat",
        ["lstat64"] = "lstat",
        ["fstat64"] = "fstat",
        ["statfs64"] = "statfs",
        ["fstatfs64"] = "fstatfs",
        ["truncate64"] = "truncate",
        ["ftruncate64"] = "ftruncate",
        ["sendfile64"] = "sendfile",
        ["fcntl64"] = "fcntl",
        ["_newselect"] = "select",
        ["pselect6"] = "pselect",
        ["ugetrlimit"] = "getrlimit",
        ["eventfd2"] = "eventfd",
        ["signalfd4"] = "signalfd",
        ["exit"] = "_exit",
        // The 32-bit uid and gid calls of i386.
        ["chown32"] = "chown",
        ["fchown32"] = "fchown",
        ["lchown32"] = "lchown",
        ["getgroups32"] = "getgroups",
        ["setgroups32"] = "setgroups",
        ["getresuid32"] = "getresuid",
        ["getresgid32"] = "getresgid",
        ["setresuid32"] = "setresuid",
        ["setresgid32"] = "setresgid",
        ["setreuid32"] = "setreuid",
        ["setregid32"] = "setregid",
        ["setuid32"] = "setuid",
        ["setgid32"] = "setgid",
        ["setfsuid32"] = "setfsuid",
        ["setfsgid32"] = "setfsgid",
        ["fadvise64"] = "posix_fadvise",
        ["fadvise64_64"] = "posix_fadvise",
    };

    /// <summary>Reads the pages of every call in the syscall data files of <paramref name="dataDirectory"/> from
    /// <paramref name="manDirectory"/> (such as <c>/usr/share/man/man2</c>) and writes the man-page data file there.</summary>
    public static (string DataFile, IReadOnlyList<ManPageRow> Rows) Import(string manDirectory, string dataDirectory)
    {
        IEnumerable<string> calls = TableAbi.All
            .SelectMany(abi => SyscallDataFile.Read(Path.Combine(dataDirectory, abi.DataFileName)))
            .Where(row => !string.IsNullOrEmpty(row.Parameters))
            .Select(row => row.Name)
            .Distinct()
            .Order(StringComparer.Ordinal);

        var rows = new List<ManPageRow>();
        var sources = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string call in calls)
        {
            if (ReadPage(manDirectory, call) is not var (page, roff))
            {
                continue;
            }

            var found = PrototypesOf(call, roff).Select(p => new ManPageRow(call, page, ManPageDataFile.Format(p.Parameters))).Distinct().ToList();
            rows.AddRange(found);
            if (found.Count > 0 && SourcePattern().Match(roff) is { Success: true } source)
            {
                sources.Add(source.Groups["source"].Value);
            }
        }

        string dataFile = Path.Combine(dataDirectory, ManPageDataFile.FileName);
        ManPageDataFile.Write(dataFile, Header(manDirectory, sources), rows);
        return (dataFile, rows);
    }

    /// <summary>The prototypes <paramref name="roff"/> gives for <paramref name="call"/>.</summary>
    public static IEnumerable<ManPrototype> PrototypesOf(string call, string roff)
    {
        string libraryName = LibraryNames.GetValueOrDefault(call, call);
        return ManPageSynopsis.Prototypes(roff).Where(p => p.Call == call || p.Call == libraryName);
    }

    /// <summary>The name and text of the page documenting <paramref name="call"/>, or null when there is none.</summary>
    public static (string Page, string Roff)? ReadPage(string manDirectory, string call)
    {
        string? path = PageFile(manDirectory, call + ".2");
        for (int redirects = 0; path is not null; redirects++)
        {
            // Debian installs a page documented elsewhere as a link; upstream as ".so man2/open.2".
            string target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
            string roff = ReadText(target);
            Match redirect = SoRequestPattern().Match(roff);
            if (!redirect.Success || redirects > 8)
            {
                return (PageName(target), roff);
            }

            path = PageFile(manDirectory, Path.GetFileName(redirect.Groups["page"].Value));
        }

        return null;
    }

    private static string? PageFile(string manDirectory, string page) =>
        new[] { page, page + ".gz" }.Select(name => Path.Combine(manDirectory, name)).FirstOrDefault(File.Exists);

    private static string PageName(string path) => Path.GetFileName(path) is var name && name.EndsWith(".gz", StringComparison.Ordinal) ? name[..^3] : Path.GetFileName(path);

    private static string ReadText(string path)
    {
        using Stream file = File.OpenRead(path);
        using Stream content = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(content);
        return reader.ReadToEnd();
    }

    private static IEnumerable<string> Header(string manDirectory, IEnumerable<string> sources)
    {
        yield return $"The parameters of each syscall as its section 2 man page's SYNOPSIS declares them, from {string.Join(", ", sources)}";
        yield return $"(read from {manDirectory}). Generate names a call's arguments after these where they match the kernel's prototype.";
        yield return "Written by \"dotnet run --project tools/Hatrace.TableGen -- import-manpages <man2-dir>\"; do not edit by hand.";
        yield return "call, page, parameters";
    }

    // A page that is only a pointer to another: comment lines, then ".so man2/open.2".
    [GeneratedRegex(@"\A(?:\.\\"".*\n)*\.so\s+(?<page>\S+)")]
    private static partial Regex SoRequestPattern();

    // .TH open 2 2023-02-05 "Linux man-pages 6.03"
    [GeneratedRegex("^\\.TH\\s+\\S+\\s+\\S+\\s+\\S+\\s+\"(?<source>[^\"]+)\"", RegexOptions.Multiline)]
    private static partial Regex SourcePattern();
}
