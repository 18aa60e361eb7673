<#
.SYNOPSIS
    The cost of stack traces (-k) per call, hatrace against strace, in one run.

.DESCRIPTION
    tests/programs/stack_chain.c writes -Count times from main -> outer -> inner -> write. Each of four commands traces
    its writes to /dev/null: hatrace and strace, each with and without -k; they run in turn, -Repeat times, and the
    medians count (this 2-vCPU VM is noisy: quote the ratios of one run). The cost of -k per call is the median, over
    the rounds, of each round's time with -k less its time without, divided by -Count: paired, so that the machine's
    drift between rounds cancels. Debian's strace 6.1 unwinds with libunwind, hatrace with libdw.

.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-StackTraces.ps1 -Repeat 5
#>
param(
    [ValidateRange(1, [int]::MaxValue)] [int] $Count = 20000,
    [ValidateRange(1, 20)] [int] $Repeat = 5,
    # Where the command (bin/hatrace) and the bench's own files (bench/) are; build.ps1 builds into out/, so another
    # path needs -SkipBuild.
    [string] $OutputPath = (Join-Path (Split-Path $PSScriptRoot) 'out'),
    # Measures what is in -OutputPath as it is, instead of building it there first with build.ps1.
    [switch] $SkipBuild
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'Bench.psm1') -Force
$work = Initialize-Bench $OutputPath -SkipBuild:$SkipBuild
$chain = Build-Tracee $work stack_chain -Flags '-g', '-O0', '-fno-omit-frame-pointer'
$hatrace = Join-Path $OutputPath 'bin/hatrace'

$commands = [ordered] @{
    'hatrace'    = @($hatrace, '-o', '/dev/null', '-e', 'trace=write', $chain, "$Count")
    'hatrace -k' = @($hatrace, '-k', '-o', '/dev/null', '-e', 'trace=write', $chain, "$Count")
    'strace'     = @('strace', '-o', '/dev/null', '-e', 'trace=write', $chain, "$Count")
    'strace -k'  = @('strace', '-k', '-o', '/dev/null', '-e', 'trace=write', $chain, "$Count")
}
$seconds = @{}
foreach ($name in $commands.Keys) { $seconds[$name] = [Collections.Generic.List[double]]::new() }
foreach ($run in 1..$Repeat) {
    foreach ($name in $commands.Keys) {
        $program, [string[]] $arguments = $commands[$name]
        $elapsed = Measure-Command { & $program @arguments > /dev/null }
        if ($LASTEXITCODE) { throw "'$name' failed with exit code $LASTEXITCODE." }
        $seconds[$name].Add($elapsed.TotalSeconds)
    }
}

$median = @{}
foreach ($name in $commands.Keys) { $median[$name] = Get-Median $seconds[$name] }
"{0} writes, {1} runs each, interleaved; medians (min-max)" -f $Count, $Repeat
foreach ($name in $commands.Keys) {
    '{0,-12} {1,8:F3} s  ({2:F3}-{3:F3})' -f $name, $median[$name], ($seconds[$name] | Measure-Object -Minimum).Minimum, ($seconds[$name] | Measure-Object -Maximum).Maximum
}
# Microseconds per call, round by round.
function Get-PairedCost([string] $With, [string] $Without) {
    (Get-Median @(0..($Repeat - 1) | ForEach-Object { $seconds[$With][$_] - $seconds[$Without][$_] })) / $Count * 1e6
}
$hatraceCost = Get-PairedCost 'hatrace -k' 'hatrace'
$straceCost = Get-PairedCost 'strace -k' 'strace'
'-k per call: hatrace {0:F1} us, strace {1:F1} us: hatrace x strace {2:F3}' -f $hatraceCost, $straceCost, ($hatraceCost / $straceCost)
'whole run with -k: hatrace x strace {0:F3}' -f ($median['hatrace -k'] / $median['strace -k'])
