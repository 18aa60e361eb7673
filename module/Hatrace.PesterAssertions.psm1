# Pester's `Should -InvokeSyscall`, registered when Pester is loaded as Hatrace is imported (import Hatrace in
# BeforeAll, as any module under test). Without Pester this module does nothing.

Set-StrictMode -Version Latest

# How many records a failure message shows.
$NearestCount = 5

# How far a call's path (or its descriptor's) agrees with the path asked for.
function Get-CommonPrefixLength($Call, [string] $Path) {
    $best = 0
    foreach ($candidate in @($Call.Path, $Call.FdPath).Where({ $_ })) {
        $n = 0
        while ($n -lt [Math]::Min($candidate.Length, $Path.Length) -and $candidate[$n] -eq $Path[$n]) { $n++ }
        $best = [Math]::Max($best, $n)
    }
    $best
}

function Format-Times([int] $Count) {
    if ($Count -eq 1) { '1 time' } else { "$Count times" }
}

function Format-Record($Records, [int] $Total) {
    $lines = @($Records | Select-Object -First $NearestCount | ForEach-Object { "    $($_.ProcessId) $($_.Text)" })
    if ($Total -gt $lines.Count) { $lines += "    ... and $($Total - $lines.Count) more" }
    $lines -join [Environment]::NewLine
}

<#
.SYNOPSIS
    Asserts that a trace holds calls of a syscall: `$trace | Should -InvokeSyscall openat -Path '/etc/hosts'`.
.DESCRIPTION
    Counts the syscall records of the trace (live, or back from a job or a remote session) whose name matches -Name (wildcards, or a class such as %file) and, with
    -Path, whose path or descriptor's path matches -Path (wildcards). Passes when there is at least one; with -Times,
    exactly that many; with -AtMost, no more than that. -Not reverses it. A failure shows the nearest records: the
    matching ones when there were too many, otherwise the calls of that name, nearest path first, or other calls on that path.
#>
function Assert-InvokeSyscall {
    param(
        $ActualValue,
        [string[]] $Name,
        [string] $Path,
        [int] $Times = -1,
        [int] $AtMost = -1,
        [switch] $Negate,
        [string] $Because
    )
    if (-not $Name) { throw 'Should -InvokeSyscall needs a syscall name: Should -InvokeSyscall openat.' }
    # Names, wildcards and classes as the cmdlets' -Name takes them, and the same typing mistakes refused.
    $unknown = @([Hatrace.Cmdlets.SyscallNamePattern]::Unknown([string[]] $Name))
    if ($unknown) { throw "Unknown syscall name: $($unknown -join ', '). Get-Syscall lists the names, and %file, %network and the like name classes." }
    $pattern = [Hatrace.Cmdlets.SyscallNamePattern]::new([string[]] $Name)
    if ($Times -ge 0 -and $AtMost -ge 0) { throw 'Should -InvokeSyscall takes -Times or -AtMost, not both.' }

    # Records from a job or a remote session count as the live ones: made again from the JSON they carry.
    $calls = @($ActualValue | ForEach-Object { [Hatrace.Cmdlets.TraceRecord]::ToTraceEvent($_) } | Where-Object { $_ -is [Hatrace.Engine.Model.SyscallEvent] })
    $named = @($calls | Where-Object { $null -ne $_.Definition -and $pattern.IsMatch($_.Definition) })
    $onPath = { param($call) -not $Path -or $call.Path -like $Path -or $call.FdPath -like $Path }
    $matching = @($named | Where-Object { & $onPath $_ })
    $count = $matching.Count

    ($expected, $holds) = if ($Times -ge 0) { " exactly $(Format-Times $Times)", ($count -eq $Times) }
    elseif ($AtMost -ge 0) { " at most $(Format-Times $AtMost)", ($count -le $AtMost) }
    elseif ($Negate) { '', ($count -ge 1) }
    else { ' at least once', ($count -ge 1) }
    $succeeded = $holds -xor [bool] $Negate
    if ($succeeded) { return [pscustomobject] @{ Succeeded = $true; FailureMessage = $null } }

    $what = "$($Name -join ', ')$(if ($Path) { " on a path like '$Path'" })"
    $reason = if ($Because) { " because $($Because.TrimEnd('.'))," } else { '' }
    $verb = if ($Negate) { 'not to be called' } else { 'to be called' }
    $message = "Expected $what $verb$expected,$reason but it was called $(Format-Times $count) in $($calls.Count) syscalls."
    # Too many calls: show them. Too few: show what came closest, the name on other paths, or other calls on the path.
    $tooMany = ($Negate -and $holds) -or (-not $Negate -and $count -gt [Math]::Max($Times, $AtMost) -and ($Times -ge 0 -or $AtMost -ge 0))
    ($label, $nearest) = if ($tooMany) { 'The matching calls', $matching }
    elseif ($Path -and $named.Count) { "The $($Name -join ', ') calls, nearest path first", @($named | Sort-Object { -(Get-CommonPrefixLength $_ $Path) } -Stable) }
    elseif ($Path) { "The calls on a path like '$Path'", @($calls | Where-Object { & $onPath $_ }) }
    else { 'The matching calls', $matching }
    if ($nearest.Count) { $message += [Environment]::NewLine + "${label}:" + [Environment]::NewLine + (Format-Record $nearest $nearest.Count) }
    [pscustomobject] @{ Succeeded = $false; FailureMessage = $message }
}

if (Get-Module -Name Pester) {
    Add-ShouldOperator -Name InvokeSyscall -Test ${function:Assert-InvokeSyscall} -SupportsArrayInput
}

Export-ModuleMember -Function @()
