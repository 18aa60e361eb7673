# The differential suite's machinery: run strace and hatrace with the same options on the same command, parse both
# outputs into records, normalise what must differ between two runs, pair the records and count what matches.
# Used by tests/Pester/Differential.Tests.ps1, which runs the scenarios, prints the table and sets the thresholds.

Set-StrictMode -Version Latest

# One record per line of trace, with a split call ("<unfinished ...>" then "<... name resumed>") joined into one line.
function ConvertFrom-StraceLog {
    param([Parameter(Mandatory)] [string] $Path)
    $pending = @{}
    foreach ($line in [System.IO.File]::ReadLines($Path)) {
        if ($line -notmatch '^(?<pid>\d+)\s+(?<rest>.*)$') { continue }
        $processId = [int] $Matches.pid
        $rest = $Matches.rest
        if ($rest -match '^(?<head>.*) <unfinished \.\.\.>$') {
            $pending[$processId] = $Matches.head
            continue
        }
        if ($rest -match '^<\.\.\. (?<name>[\w]+) resumed>(?<tail>.*)$') {
            $head = $pending[$processId]
            $pending.Remove($processId)
            if (-not $head) { continue }
            $rest = $head + $Matches.tail
        }
        [pscustomobject]@{ ProcessId = $processId; Text = $rest }
    }
    # Calls that never resumed (the process was killed inside them) are records too.
    foreach ($processId in $pending.Keys) { [pscustomobject]@{ ProcessId = $processId; Text = $pending[$processId] + ') = ?' } }
}

# The names of a run's pids: numbered along the process tree, the root, then each process's children in the order its
# clone, fork and vfork calls returned, depth first. Which process runs or prints first is up to the scheduler, but each
# process makes its own calls in order. Keys are strings: an ordered dictionary reads an int key as a position.
function Get-ProcessNumbering {
    param([Parameter(Mandatory)] [object[]] $Record)
    $children = @{}
    foreach ($r in $Record) {
        if ($r.Text -match '^(clone3?|v?fork)\(.*\)\s+= (\d+)$') { $children["$($r.ProcessId)"] += , $Matches[2] }
    }
    $created = [System.Collections.Generic.List[string]]::new()
    $pending = [System.Collections.Generic.Stack[string]]::new()
    $pending.Push("$($Record[0].ProcessId)")
    while ($pending.Count -gt 0) {
        $id = $pending.Pop()
        if ($created.Contains($id)) { continue }
        $created.Add($id)
        $kids = @($children[$id] | Where-Object { $_ })
        for ($i = $kids.Count - 1; $i -ge 0; $i--) { $pending.Push($kids[$i]) }
    }
    $pids = [ordered] @{}
    foreach ($id in @($created) + @($Record.ProcessId)) { if (-not $pids.Contains("$id")) { $pids["$id"] = "P$($pids.Count + 1)" } }
    $pids
}

# What differs between two runs of the same program, whoever traces it: pids (the tracer's own too, as getppid's
# result), addresses, times, inodes, ports, random bytes and mkdtemp names. A number that is a pid of the other run
# (-OtherNumbering) is named as there: a run whose pid is 4096 names every 4096 it prints (a page, a size) as a pid,
# and the other run's 4096 must read the same.
function ConvertTo-NormalRecord {
    param([Parameter(Mandatory)] [object[]] $Record, [System.Collections.Specialized.OrderedDictionary] $OtherNumbering)
    $pids = Get-ProcessNumbering $Record
    $names = @($pids.GetEnumerator()) + @(if ($OtherNumbering) { $OtherNumbering.GetEnumerator() | Where-Object { -not $pids.Contains($_.Key) } })
    foreach ($r in $Record) {
        $text = $r.Text -replace '\s+= (?=[^=]*$)', ' = '
        foreach ($pidName in $names) { $text = $text -replace "\b$($pidName.Key)\b", $pidName.Value }
        $text = $text -replace '0x[0-9a-f]{5,}', '0xADDR' `
            -replace '/\* \d+ vars \*/', '/* N vars */' `
            -replace '(si_utime|si_stime)=\d+( /\* [\d.]+ s \*/)?', '$1=N' `
            -replace '\b(uptime|freeram|sharedram|bufferram|freeswap|procs|freehigh)=\d+', '$1=N' `
            -replace 'loads=\[\d+, \d+, \d+\]', 'loads=[N, N, N]' `
            -replace '(st_ino|st_[amc]time(_nsec)?|stx_ino|tv_sec|tv_nsec|tv_usec|inode)=\d+', '$1=N' `
            -replace '(socket|pipe):\[\d+\]', '$1:[N]' `
            -replace 'htons\((3[2-9]\d{3}|[4-6]\d{4})\)', 'htons(PORT)' `
            -replace '^getrandom\("[^"]*"', 'getrandom("BYTES"' `
            -replace '^getppid\(\) = \d+', 'getppid() = PPID' `
            -replace '(/tmp/hatrace-[\w-]*?)[A-Za-z0-9]{6}(?=["/])', '$1XXXXXX'
        # -yy's socket details: inodes, and the ephemeral ports in the addresses.
        $text = [regex]::Replace($text, '<[\w-]+:\[[^\]]*\]>', { param($m) $m.Value -replace '\d{5,}', 'N' })
        $kind = if ($text.StartsWith('+++')) { 'exit' } elseif ($text.StartsWith('---')) { 'signal' } else { 'syscall' }
        $name = if ($kind -eq 'syscall' -and $text -match '^(\w+)\(') { $Matches[1] } else { $kind }
        $result = if ($kind -eq 'syscall' -and $text -match '\) = (.*)$') { $Matches[1] } else { $text }
        [pscustomobject]@{ ProcessId = $pids["$($r.ProcessId)"]; Name = $name; Result = $result; Text = $text }
    }
}

# The family a record counts under: the first of these classes the call is in, by the engine's own classes.
$script:FamilyOrder = 'Network', 'Process', 'Signal', 'Memory', 'Ipc', 'Clock', 'File', 'Desc'
function Get-RecordFamily([string] $Name) {
    if ($Name -in 'exit', 'signal') { return $Name }
    $classes = [Hatrace.Engine.Syscalls.SyscallClasses]::Of([Hatrace.Engine.Syscalls.SyscallArch]::X86_64, $Name)
    foreach ($family in $script:FamilyOrder) { if ($classes.HasFlag([Hatrace.Engine.Syscalls.SyscallClass] $family)) { return $family.ToLowerInvariant() } }
    'other'
}

# Pairs the two traces process by process, in order, by name (a longest common subsequence), so that one extra or
# missing record costs one record, not everything after it. Emits one row per strace record. The common head and
# tail are paired directly, so the quadratic part only covers where the traces differ.
function Compare-TraceRecord {
    param([object[]] $Expected, [object[]] $Actual)
    foreach ($group in $Expected | Group-Object ProcessId) {
        $a = @($group.Group)
        $b = @($Actual | Where-Object ProcessId -EQ $group.Name)
        $head = 0
        while ($head -lt $a.Count -and $head -lt $b.Count -and $a[$head].Name -eq $b[$head].Name) { $head++ }
        $tail = 0
        while ($tail -lt $a.Count - $head -and $tail -lt $b.Count - $head -and $a[-1 - $tail].Name -eq $b[-1 - $tail].Name) { $tail++ }
        $pairs = [System.Collections.Generic.List[object]]::new()
        for ($k = 0; $k -lt $head; $k++) { $pairs.Add(@($a[$k], $b[$k])) }
        # Piped, each pair stays one object: assigned, a lone pair would be taken for the list.
        Get-CommonSubsequence (Get-Slice $a $head ($a.Count - $head - $tail)) (Get-Slice $b $head ($b.Count - $head - $tail)) |
            ForEach-Object { $pairs.Add($_) }
        for ($k = $tail; $k -gt 0; $k--) { $pairs.Add(@($a[-$k], $b[-$k])) }
        foreach ($pair in $pairs) {
            $e, $f = $pair
            [pscustomobject]@{ Expected = $e; Actual = $f; NameResult = $null -ne $f -and $e.Result -eq $f.Result; FullText = $null -ne $f -and $e.Text -ceq $f.Text }
        }
    }
}

# $count items from $start on (a range such as 5..4 would count down in PowerShell).
function Get-Slice([object[]] $items, [int] $start, [int] $count) {
    if ($count -le 0) { return , @() }
    , @($items[$start..($start + $count - 1)])
}

# The records of $a paired with their partner in $b by a longest common subsequence of names ($null where none).
function Get-CommonSubsequence([object[]] $a, [object[]] $b) {
    $n = $a.Count; $m = $b.Count
    $lcs = [int[, ]]::new($n + 1, $m + 1)
    for ($i = $n - 1; $i -ge 0; $i--) {
        for ($j = $m - 1; $j -ge 0; $j--) {
            $lcs[$i, $j] = if ($a[$i].Name -eq $b[$j].Name) { $lcs[($i + 1), ($j + 1)] + 1 } else { [math]::Max($lcs[($i + 1), $j], $lcs[$i, ($j + 1)]) }
        }
    }
    $i = 0; $j = 0
    while ($i -lt $n) {
        if ($j -lt $m -and $a[$i].Name -eq $b[$j].Name) { , @($a[$i], $b[$j]); $i++; $j++ }
        elseif ($j -lt $m -and $lcs[$i, ($j + 1)] -ge $lcs[($i + 1), $j]) { $j++ }
        else { , @($a[$i], $null); $i++ }
    }
}

<#
.SYNOPSIS
    Traces one command with strace and with hatrace, with the same options, and compares the records.
.OUTPUTS
    One row per strace record: Expected, Actual (or $null), NameResult and FullText (booleans), Family, Scenario.
#>
function Invoke-StraceDiff {
    param(
        [Parameter(Mandatory)] [string] $Hatrace,
        [Parameter(Mandatory)] [string[]] $Command,
        [string[]] $Options = @('-f'),
        [string] $Scenario = ($Command -join ' '),
        [Parameter(Mandatory)] [string] $WorkDirectory
    )
    $straceLog = Join-Path $WorkDirectory 'strace.log'
    $hatraceLog = Join-Path $WorkDirectory 'hatrace.log'
    # Both get -o, so that every line carries its pid, and both send the program's output nowhere. strace's program
    # would inherit SIGPIPE ignored from this pwsh (.NET ignores it); hatrace cannot know what it inherited, as the
    # runtime takes SIGPIPE over before any of its code runs, and gives the default: strace starts as a shell would
    # start it, with the default too.
    & env --default-signal=PIPE strace @Options -o $straceLog -- @Command > $null 2> $null
    & $Hatrace @Options -o $hatraceLog -- @Command > $null 2> $null
    # A call the kernel restarts after a signal shows twice in whichever run the signal came at that moment:
    # timing decides that, not the tracer, so neither side counts the interrupted try.
    $straceRecords = @(ConvertFrom-StraceLog $straceLog)
    $hatraceRecords = @(ConvertFrom-StraceLog $hatraceLog)
    $straceNumbering = Get-ProcessNumbering $straceRecords
    $hatraceNumbering = Get-ProcessNumbering $hatraceRecords
    $expected = @(ConvertTo-NormalRecord $straceRecords -OtherNumbering $hatraceNumbering | Where-Object Result -NotLike '? ERESTART*')
    $actual = @(ConvertTo-NormalRecord $hatraceRecords -OtherNumbering $straceNumbering | Where-Object Result -NotLike '? ERESTART*')
    foreach ($row in Compare-TraceRecord $expected $actual) {
        $row | Add-Member -NotePropertyName Family -NotePropertyValue (Get-RecordFamily $row.Expected.Name)
        $row | Add-Member -NotePropertyName Scenario -NotePropertyValue $Scenario -PassThru
    }
}

# Percentages per family and overall, as a table people can read in the CI log.
function Measure-StraceDiff {
    param([Parameter(Mandatory)] [object[]] $Row)
    $rows = foreach ($group in @($Row | Group-Object Family | Sort-Object Name) + @([pscustomobject]@{ Name = 'ALL'; Group = $Row })) {
        $total = @($group.Group).Count
        [pscustomobject]@{
            Family        = $group.Name
            Records       = $total
            'Name+result' = [math]::Round(100 * @($group.Group | Where-Object NameResult).Count / $total, 1)
            'Full text'   = [math]::Round(100 * @($group.Group | Where-Object FullText).Count / $total, 1)
        }
    }
    $rows
}

Export-ModuleMember -Function ConvertFrom-StraceLog, ConvertTo-NormalRecord, Compare-TraceRecord, Invoke-StraceDiff, Measure-StraceDiff
