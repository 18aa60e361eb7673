namespace Hatrace.Cli;

/// <summary>Whether a long option takes a value.</summary>
internal enum LongOptionValue
{
    /// <summary>Never (<c>--follow-forks</c>); <c>--follow-forks=1</c> is an error.</summary>
    None,

    /// <summary>Always: after <c>=</c> or as the next argument (<c>--output FILE</c>).</summary>
    Required,

    /// <summary>Only after <c>=</c> (<c>--quiet</c>, <c>--quiet=exit</c>).</summary>
    Optional,
}

/// <summary>A long option: its name without the dashes, and the key the parser sees for it (the short option's
/// letter when it has one, so that <c>--output</c> and <c>-o</c> are handled by one case).</summary>
internal sealed record LongOption(string Name, string Key, LongOptionValue Value);

/// <summary>Reads options the way getopt_long does with strace's settings: short options cluster (<c>-fqq</c>), a
/// short option's value may be glued on (<c>-s64</c>, <c>-ofile</c>) or be the next argument, long options may be
/// shortened to a unique prefix, and the first argument that is not an option (or <c>--</c>) ends the options:
/// everything from there on is the command and its arguments.</summary>
internal sealed class CommandLineReader
{
    private readonly IReadOnlyList<string> _args;
    private readonly string _flags;
    private readonly string _valued;
    private readonly IReadOnlyList<LongOption> _longOptions;
    private int _index;
    private int _clusterOffset; // inside a cluster of short options, the next letter's index; 0 between arguments

    /// <param name="args">The command line, without the program name.</param>
    /// <param name="flags">Short options that take no value.</param>
    /// <param name="valued">Short options that take a value.</param>
    /// <param name="longOptions">The long options.</param>
    public CommandLineReader(IReadOnlyList<string> args, string flags, string valued, IReadOnlyList<LongOption> longOptions)
    {
        _args = args;
        _flags = flags;
        _valued = valued;
        _longOptions = longOptions;
    }

    /// <summary>The arguments after the options: the command and its own arguments.</summary>
    public IReadOnlyList<string> Remaining => [.. _args.Skip(_index)];

    /// <summary>Reads the next option: its key (a letter, or a long option's key) and its value, if it has one.
    /// False once the options end.</summary>
    /// <exception cref="HatraceUsageException">An unknown option, or a value missing or not allowed.</exception>
    public bool TryRead(out string key, out string? value)
    {
        value = null;
        key = "";
        if (_clusterOffset == 0)
        {
            if (_index >= _args.Count)
                return false;
            string arg = _args[_index];
            if (arg == "--")
            {
                _index++;
                return false;
            }
            if (arg.Length < 2 || arg[0] != '-')
                return false; // the command: options stop here, as with getopt's "+"
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                _index++;
                return ReadLong(arg[2..], out key, out value);
            }
            _clusterOffset = 1;
        }
        return ReadShort(out key, out value);
    }

    private bool ReadShort(out string key, out string? value)
    {
        string arg = _args[_index];
        char letter = arg[_clusterOffset++];
        key = letter.ToString();
        value = null;
        bool last = _clusterOffset >= arg.Length;
        if (_valued.Contains(letter))
        {
            // The rest of the cluster is the value (-s64); else the next argument is (-s 64).
            int valueStart = _clusterOffset;
            _clusterOffset = 0;
            _index++;
            if (!last)
                value = arg[valueStart..];
            else if (_index < _args.Count)
                value = _args[_index++];
            else
                throw new HatraceUsageException($"option requires an argument -- '{letter}'", showHelpHint: true);
            return true;
        }
        if (last)
        {
            _clusterOffset = 0;
            _index++;
        }
        if (!_flags.Contains(letter))
            throw new HatraceUsageException($"invalid option -- '{letter}'", showHelpHint: true);
        return true;
    }

    private bool ReadLong(string text, out string key, out string? value)
    {
        int equals = text.IndexOf('=');
        string name = equals < 0 ? text : text[..equals];
        value = equals < 0 ? null : text[(equals + 1)..];
        LongOption option = FindLong(name, text);
        key = option.Key;
        switch (option.Value)
        {
            case LongOptionValue.None when value is not null:
                throw new HatraceUsageException($"option '--{option.Name}' doesn't allow an argument", showHelpHint: true);
            case LongOptionValue.Required when value is null:
                if (_index >= _args.Count)
                    throw new HatraceUsageException($"option '--{option.Name}' requires an argument", showHelpHint: true);
                value = _args[_index++];
                break;
        }
        return true;
    }

    // An exact name, or a prefix of exactly one name (getopt_long's abbreviations).
    private LongOption FindLong(string name, string text)
    {
        if (_longOptions.FirstOrDefault(o => o.Name == name) is { } exact)
            return exact;
        var candidates = _longOptions.Where(o => o.Name.StartsWith(name, StringComparison.Ordinal)).ToList();
        if (name.Length > 0 && candidates.Count == 1)
            return candidates[0];
        if (name.Length > 0 && candidates.Count > 1)
        {
            throw new HatraceUsageException(
                $"option '--{name}' is ambiguous; possibilities: {string.Join(' ', candidates.Select(o => $"'--{o.Name}'"))}",
                showHelpHint: true);
        }
        throw new HatraceUsageException($"unrecognized option '--{text}'", showHelpHint: true);
    }
}
