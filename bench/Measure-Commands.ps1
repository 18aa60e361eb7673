<#
.SYNOPSIS
    hatrace against strace on the commands people trace day to day, paired in one run, quiet and with the other core
    busy: wall time and CPU time (user + system, tracer and program together); start-up on /bin/true; and the same
    commands through Start-TracedProcess | Measure-Object against the engine alone.

.DESCRIPTION
    Each command runs as `hatrace -f -o /dev/null CMD` and `strace -f -o /dev/null CMD`, one after the other, -Repeat
    times; the ratio is taken pair by pair and its median quoted with its spread (this 2-vCPU VM is noisy: a pair shares
    the machine's state of the moment). The whole set runs twice: on an otherwise quiet machine, and while a spinning
    process keeps one core busy (on a busy server the tracer and the program share what is left).
    CPU is getrusage's RUSAGE_CHILDREN around each run (a small Python parent does the timing, since .NET does not
    expose it): the tracer and every traced process it reaped. Goals: hatrace x strace <= 0.8 wall, <= 1 CPU.
    The PowerShell side runs in one pwsh: each command traced by Start-TracedProcess | Measure-Object and by the engine
    alone (TraceSession and ReadEvents), in turn, after one untimed trace of each. Goal: cmdlet x engine <= 1.15.
    -Backend Ebpf measures all of it with hatrace's eBPF backend instead of ptrace.

.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-Commands.ps1 -Repeat 5
    dotnet pwsh -NoProfile -File bench/Measure-Commands.ps1 -Backend Ebpf -SkipPowerShell
#>
param(
    [ValidateRange(1, 50)] [int] $Repeat = 5,
    # Calls of the getppid loop, and bytes of the dd loop (one read and one write per byte).
    [ValidateRange(1, [int]::MaxValue)] [int] $LoopCount = 50000,
    # Where the module (Hatrace/), the command (bin/hatrace) and the bench's own files (bench/) are; build.ps1 builds
    # into out/, so another path needs -SkipBuild.
    [string] $OutputPath = (Join-Path (Split-Path $PSScriptRoot) 'out'),
    # Measures what is in -OutputPath as it is, instead of building it there first with build.ps1.
    [switch] $SkipBuild,
    # Only the quiet machine, or only the busy one; both by default.
    [ValidateSet('Quiet', 'Busy')] [string[]] $Load = @('Quiet', 'Busy'),
    # Leaves out the PowerShell side (cmdlet against engine).
    [switch] $SkipPowerShell,
    # The backend hatrace traces with (--backend=, -Backend): Ebpf needs root, or CAP_BPF and CAP_PERFMON.
    [ValidateSet('Ptrace', 'Ebpf')] [string] $Backend = 'Ptrace'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'Bench.psm1') -Force
$root = Split-Path $PSScriptRoot
$work = Initialize-Bench $OutputPath -SkipBuild:$SkipBuild
$hatrace = Join-Path $OutputPath 'bin/hatrace'
$loop = Build-Tracee $work getppid_loop

# A small C project for make: a few sources and a header, rebuilt whole (-B) every run.
$project = Join-Path $work 'make-project'
$null = New-Item -ItemType Directory -Force -Path $project
Set-Content -LiteralPath (Join-Path $project 'parts.h') -Value 'int part0(int); int part1(int); int part2(int); int part3(int);'
foreach ($i in 0..3) {
    Set-Content -LiteralPath (Join-Path $project "part$i.c") -Value "#include <stdio.h>`n#include `"parts.h`"`nint part$i(int x) { char b[32]; snprintf(b, sizeof b, `"%d`", x); return x * $($i + 2) + b[0]; }"
}
Set-Content -LiteralPath (Join-Path $project 'main.c') -Value "#include `"parts.h`"`nint main(void) { return part0(1) + part1(2) + part2(3) + part3(4) == 0; }"
Set-Content -LiteralPath (Join-Path $project 'Makefile') -Value "objects = main.o part0.o part1.o part2.o part3.o`nprogram: `$(objects)`n`t`$(CC) -o `$@ `$(objects)`n`$(objects): parts.h"

$commands = [ordered]@{
    'ls -la /usr/lib/x86_64-linux-gnu' = @('ls', '-la', '/usr/lib/x86_64-linux-gnu')
    'git status (this repository)'     = @('git', '-C', $root, 'status', '--short')
    'python3 -c pass'                  = @('python3', '-c', 'pass')
    'dotnet --version'                 = @('dotnet', '--version')
    'make -B (5 C files)'              = @('make', '-B', '-s', '-C', $project)
    'tar -cf - /usr/include | wc -c'   = @('sh', '-c', 'tar -cf - /usr/include 2>/dev/null | wc -c')
    "getppid x $LoopCount"             = @($loop, "$LoopCount")
    "dd bs=1 count=$LoopCount"         = @('dd', 'if=/dev/zero', 'of=/dev/null', 'bs=1', "count=$LoopCount", 'status=none')
}

# Runs commands one after another, their output thrown away: for each, wall seconds and the CPU seconds of every
# process it reaped. One Python process times a whole condition: a new one for each run (pyenv's shim is a shell script
# that starts some 80 processes) left the CPUs warm for the run that followed, which spared strace its wake-ups from
# idle (its /bin/true took 3.5 ms after the shim and 5 ms after a quiet moment; hatrace took 7 ms either way).
$timer = @'
import json, resource, subprocess, sys, time
def run(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall": wall, "cpu": after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime}
with open(sys.argv[1]) as commands:
    print(json.dumps([run(command) for command in json.load(commands)]))
'@
function Measure-Runs([object[]] $Commands) {
    $list = Join-Path $work 'commands.json'
    ConvertTo-Json -InputObject $Commands -Depth 3 -Compress | Set-Content -LiteralPath $list
    & python3 -c $timer $list | ConvertFrom-Json
}

# Ratios of pairs: the median and the spread, as text.
function Format-Ratio([double[]] $Ratios) {
    $sorted = $Ratios | Sort-Object
    '{0:N2} ({1:N2}-{2:N2})' -f (Get-Median $Ratios), $sorted[0], $sorted[-1]
}

# A process that keeps one core busy until killed.
function Start-Spinner {
    $spin = [System.Diagnostics.ProcessStartInfo]::new('sh')
    $spin.ArgumentList.Add('-c')
    $spin.ArgumentList.Add('while :; do :; done')
    [System.Diagnostics.Process]::Start($spin)
}

foreach ($condition in $Load) {
    $spinner = $condition -eq 'Busy' ? (Start-Spinner) : $null
    try {
        # Untimed first: the files each command reads are in the page cache before the first pair. Then each pair, the
        # command of each going first in every other pair (the first of two runs may find the caches colder), and five
        # start-ups of each after every round.
        $plan = [System.Collections.Generic.List[object]]::new()
        function Add-Run($Name, $Tracer, [bool] $Timed) {
            $tracerName = $Tracer -eq 'strace' ? 'strace' : 'hatrace'
            $options = $tracerName -eq 'hatrace' ? @("--backend=$($Backend.ToLowerInvariant())") : @()
            $command = @($Tracer) + $options + ($Name -eq 'start-up' ? @('-o', '/dev/null', '/bin/true') : @('-f', '-o', '/dev/null') + $commands[$Name])
            $plan.Add([pscustomobject]@{ Name = $Name; Tracer = $tracerName; Timed = $Timed; Command = $command })
        }
        foreach ($name in $commands.Keys) { Add-Run $name $hatrace $false; Add-Run $name 'strace' $false }
        foreach ($run in 1..$Repeat) {
            foreach ($name in $commands.Keys) {
                $order = $run % 2 ? @($hatrace, 'strace') : @('strace', $hatrace)
                foreach ($tracer in $order) { Add-Run $name $tracer $true }
            }
            foreach ($i in 1..5) { Add-Run 'start-up' $hatrace $true; Add-Run 'start-up' 'strace' $true }
        }
        Write-Host "$condition machine: $($plan.Count) runs"
        $measured = @(Measure-Runs @($plan | ForEach-Object { , $_.Command }))
        # Each name's timed runs by tracer, in order: the k-th of hatrace's and of strace's make a pair.
        $results = [ordered]@{}
        foreach ($name in @($commands.Keys) + 'start-up') { $results[$name] = @{ hatrace = @(); strace = @(); wall = @(); cpu = @() } }
        for ($i = 0; $i -lt $plan.Count; $i++) {
            if ($plan[$i].Timed) { $results[$plan[$i].Name][$plan[$i].Tracer] += $measured[$i] }
        }
        foreach ($r in $results.Values) {
            for ($k = 0; $k -lt $r.hatrace.Count; $k++) {
                $r.wall += $r.hatrace[$k].wall / $r.strace[$k].wall
                $r.cpu += $r.hatrace[$k].cpu / $r.strace[$k].cpu
            }
        }
        $startup = $results['start-up']
        "$condition machine: hatrace --backend=$($Backend.ToLowerInvariant()) -f -o /dev/null against strace -f -o /dev/null, $Repeat pairs (median, min-max of the pairs' ratios)"
        @(
            foreach ($name in $commands.Keys) {
                $r = $results[$name]
                [pscustomobject]@{
                    Command             = $name
                    'strace s'          = '{0:N3}' -f (Get-Median $r.strace.wall)
                    'hatrace s'         = '{0:N3}' -f (Get-Median $r.hatrace.wall)
                    'wall x strace'     = Format-Ratio $r.wall
                    'strace cpu s'      = '{0:N3}' -f (Get-Median $r.strace.cpu)
                    'hatrace cpu s'     = '{0:N3}' -f (Get-Median $r.hatrace.cpu)
                    'cpu x strace'      = Format-Ratio $r.cpu
                }
            }
            [pscustomobject]@{ Command = 'start-up: /bin/true (goal <= 2)'; 'wall x strace' = Format-Ratio $startup.wall; 'cpu x strace' = Format-Ratio $startup.cpu }
        ) | Format-Table -AutoSize | Out-String -Width 200
        'Goals: wall x strace <= 0.8, cpu x strace <= 1.'
    }
    finally {
        if ($spinner) { $spinner.Kill(); $spinner.WaitForExit() }
    }
}

if ($SkipPowerShell) { return }
# The PowerShell side: the module loads once, a native command runs first (as users have it), and each command is
# traced once untimed so that neither side pays for compiling its code.
$pwshSide = @'
param($Module, $CommandsJson, $Repeat, $ResultPath, $Backend)
$null = & /bin/true
Import-Module $Module
$commands = $CommandsJson | ConvertFrom-Json -AsHashtable
function Measure-Engine([string[]] $Command) {
    $start = [Hatrace.Engine.Tracing.TraceStartInfo]@{ FileName = $Command[0]; Arguments = [string[]]@($Command | Select-Object -Skip 1) }
    (Measure-Command {
        $session = [Hatrace.Engine.Tracing.TraceSession]::Start($start, [Hatrace.Engine.Tracing.TraceSessionOptions]@{ FollowChildren = $true; Backend = $Backend })
        $null = [System.Linq.Enumerable]::Count([System.Collections.Generic.IEnumerable[Hatrace.Engine.Model.TraceEvent]] $session.ReadEvents())
        $session.Dispose()
    }).TotalSeconds
}
function Measure-Cmdlet([string[]] $Command) {
    $program, [string[]] $arguments = $Command
    (Measure-Command { Start-TracedProcess $program $arguments -Backend $Backend | Measure-Object }).TotalSeconds
}
$ratios = @{}
foreach ($name in $commands.Keys) {
    $null = Measure-Engine $commands[$name]; $null = Measure-Cmdlet $commands[$name]
    $ratios[$name] = @(foreach ($run in 1..$Repeat) {
        if ($run % 2) { $cmdlet = Measure-Cmdlet $commands[$name]; $engine = Measure-Engine $commands[$name] }
        else { $engine = Measure-Engine $commands[$name]; $cmdlet = Measure-Cmdlet $commands[$name] }
        $cmdlet / $engine
    })
}
# The traced commands print on this pwsh's output: the figures go to a file.
$ratios | ConvertTo-Json -Compress | Set-Content -LiteralPath $ResultPath
'@
$pwshScript = Join-Path $work 'pwsh-commands.ps1'
Set-Content -LiteralPath $pwshScript -Value $pwshSide
Write-Host 'PowerShell side'
$sideResult = Join-Path $work 'pwsh-commands.json'
& (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -File $pwshScript (Join-Path $OutputPath 'Hatrace/Hatrace.psd1') ($commands | ConvertTo-Json -Compress) $Repeat $sideResult $Backend > $null
if ($LASTEXITCODE) { throw 'The PowerShell side failed.' }
$side = Get-Content -Raw -LiteralPath $sideResult | ConvertFrom-Json -AsHashtable
"Start-TracedProcess CMD | Measure-Object against the engine alone (TraceSession.ReadEvents), $Repeat pairs in one pwsh; goal <= 1.15"
@(
    foreach ($name in $commands.Keys) { [pscustomobject]@{ Command = $name; 'cmdlet x engine' = Format-Ratio $side[$name] } }
) | Format-Table -AutoSize | Out-String -Width 120
