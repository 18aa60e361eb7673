<#
.SYNOPSIS
    The eBPF backend against the ptrace backend and strace, in one run: the program's own loop time under each, the whole
    trace of a syscall-heavy program as text to a file, and objects per second into Measure-Object.

.DESCRIPTION
    Three measures, each configuration run -Repeat times, interleaved, the median counting (this 2-vCPU VM is noisy:
    quote the ratios of one run):
    - The program's own time: tests/programs/getppid_timed.c calls getppid -LoopCount times and prints how long its
      loop took (CLOCK_MONOTONIC), so the tracer's start-up and the decoding after the program ended do not count.
      Untraced, under hatrace --backend=ebpf -o FILE, and (with -PtraceLoopCount calls, as a full ptrace trace of millions
      of calls takes minutes) under hatrace's ptrace backend and strace. The eBPF trace file is checked: every call in it,
      none lost. Goal: eBPF x native <= 1.5.
    - The whole run, start to end, of hatrace --backend=ebpf -f -o FILE on a getppid loop of -Count calls against
      strace -f -o FILE and the ptrace backend. Goal: eBPF x strace <= 0.1.
    - Objects per second of Start-TracedProcess -Backend Ebpf | Measure-Object, and of -Backend Ptrace, on the same loop:
      the first trace in a new pwsh (which also compiles the module's code) and the second. Goal: eBPF >= 200000/s.
    Needs root (or CAP_BPF and CAP_PERFMON) for the eBPF backend.

.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-Ebpf.ps1 -Repeat 3
#>
param(
    [ValidateRange(1, [int]::MaxValue)] [int] $Count = 200000,
    [ValidateRange(1, [int]::MaxValue)] [int] $LoopCount = 2000000,
    [ValidateRange(1, [int]::MaxValue)] [int] $PtraceLoopCount = 100000,
    [ValidateRange(1, 20)] [int] $Repeat = 3,
    # Where the module (Hatrace/), the command (bin/hatrace) and the bench's own files (bench/) are; build.ps1 builds
    # into out/, so another path needs -SkipBuild.
    [string] $OutputPath = (Join-Path (Split-Path $PSScriptRoot) 'out'),
    # Measures what is in -OutputPath as it is, instead of building it there first with build.ps1.
    [switch] $SkipBuild
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'Bench.psm1') -Force
$work = Initialize-Bench $OutputPath -SkipBuild:$SkipBuild
$loop = Build-Tracee $work getppid_loop
$timedLoop = Build-Tracee $work getppid_timed
$hatrace = Join-Path $OutputPath 'bin/hatrace'
$traceFile = Join-Path $work 'ebpf-trace.txt'

# The loop's own time in seconds, as the program printed it (its one line of output).
function Get-LoopSeconds([string[]] $Command) {
    $program, [string[]] $arguments = $Command
    $printed = & $program @arguments
    if ($LASTEXITCODE) { throw "'$Command' failed with exit code $LASTEXITCODE." }
    [double] @($printed)[-1] / 1e9
}

# The PowerShell side in its own pwsh: the module loads once, a native command runs first, as users have it.
$pwshSide = @'
param($Module, $Tracee, $Count, $Backend)
$null = & /bin/true
Import-Module $Module
# The first trace of a pwsh pays for compiling the module's code; the second is the pipeline's own rate.
$objects = 0
$cold = (Measure-Command { $objects = (Start-TracedProcess $Tracee "$Count" -Backend $Backend | Measure-Object).Count }).TotalSeconds
$warm = (Measure-Command { $objects = (Start-TracedProcess $Tracee "$Count" -Backend $Backend | Measure-Object).Count }).TotalSeconds
[pscustomobject]@{ objects = $objects; cold = $cold; warm = $warm } | ConvertTo-Json -Compress
'@
$pwshScript = Join-Path $work 'pwsh-ebpf.ps1'
Set-Content -LiteralPath $pwshScript -Value $pwshSide
$pwsh = Join-Path $PSHOME 'pwsh'
$module = Join-Path $OutputPath 'Hatrace/Hatrace.psd1'

$loopTimes = @{ native = @(); ebpf = @(); nativeSmall = @(); ptrace = @(); strace = @() }
$wholeRun = @{ ebpf = @(); ptrace = @(); strace = @() }
$rates = @{ Ebpf = @(); Ptrace = @(); EbpfCold = @(); PtraceCold = @() }
$inFile = 0
$lost = 0
foreach ($run in 1..$Repeat) {
    Write-Host "run $run of $Repeat"
    $loopTimes.native += Get-LoopSeconds @($timedLoop, "$LoopCount")
    $loopTimes.ebpf += Get-LoopSeconds @($hatrace, '--backend=ebpf', '-o', $traceFile, $timedLoop, "$LoopCount")
    $inFile = [int](& grep -c '^getppid()' $traceFile)
    $lost += [int](& grep -c 'lost [0-9]* call' $traceFile)
    $loopTimes.nativeSmall += Get-LoopSeconds @($timedLoop, "$PtraceLoopCount")
    $loopTimes.ptrace += Get-LoopSeconds @($hatrace, '-o', $traceFile, $timedLoop, "$PtraceLoopCount")
    $loopTimes.strace += Get-LoopSeconds @('strace', '-o', $traceFile, $timedLoop, "$PtraceLoopCount")

    $wholeRun.ebpf += (Measure-Command { & $hatrace --backend=ebpf -f -o $traceFile $loop $Count }).TotalSeconds
    $wholeRun.strace += (Measure-Command { & strace -f -o $traceFile $loop $Count }).TotalSeconds
    $wholeRun.ptrace += (Measure-Command { & $hatrace -f -o $traceFile $loop $Count }).TotalSeconds

    foreach ($backend in 'Ebpf', 'Ptrace') {
        $side = & $pwsh -NoProfile -NonInteractive -File $pwshScript $module $loop $Count $backend | ConvertFrom-Json
        $rates[$backend] += $side.objects / $side.warm
        $rates["${backend}Cold"] += $side.objects / $side.cold
    }
}

$native = Get-Median $loopTimes.native
$nativeSmall = Get-Median $loopTimes.nativeSmall
"the program's own loop time (getppid_timed), median of $Repeat runs"
@(
    [pscustomobject]@{ Configuration = "native, $LoopCount calls"; 'Median s' = [math]::Round($native, 3); 'x native' = 1; Goal = '' }
    [pscustomobject]@{ Configuration = "hatrace --backend=ebpf -o FILE, $LoopCount calls"; 'Median s' = [math]::Round((Get-Median $loopTimes.ebpf), 3)
        'x native' = [math]::Round((Get-Median $loopTimes.ebpf) / $native, 2); Goal = '<= 1.5' }
    [pscustomobject]@{ Configuration = "native, $PtraceLoopCount calls"; 'Median s' = [math]::Round($nativeSmall, 3); 'x native' = 1; Goal = '' }
    [pscustomobject]@{ Configuration = "hatrace (ptrace) -o FILE, $PtraceLoopCount calls"; 'Median s' = [math]::Round((Get-Median $loopTimes.ptrace), 3)
        'x native' = [math]::Round((Get-Median $loopTimes.ptrace) / $nativeSmall, 1); Goal = '' }
    [pscustomobject]@{ Configuration = "strace -o FILE, $PtraceLoopCount calls"; 'Median s' = [math]::Round((Get-Median $loopTimes.strace), 3)
        'x native' = [math]::Round((Get-Median $loopTimes.strace) / $nativeSmall, 1); Goal = '' }
) | Format-Table -AutoSize | Out-String -Width 120
"eBPF trace file of the last run: $inFile getppid calls of $LoopCount; runs that reported lost calls: $lost"
''
$strace = Get-Median $wholeRun.strace
"the whole run, -f -o FILE, getppid x $Count, median of $Repeat runs"
@(
    foreach ($name in 'strace', 'ptrace', 'ebpf') {
        $median = Get-Median $wholeRun[$name]
        [pscustomobject]@{
            Configuration = @{ strace = 'strace -f -o FILE'; ptrace = 'hatrace -f -o FILE'; ebpf = 'hatrace --backend=ebpf -f -o FILE' }[$name]
            'Median s' = [math]::Round($median, 3); 'x strace' = [math]::Round($median / $strace, 3); Goal = $name -eq 'ebpf' ? '<= 0.1' : ''
        }
    }
) | Format-Table -AutoSize | Out-String -Width 120
"objects per second, Start-TracedProcess -Backend X | Measure-Object, getppid x $Count, median of $Repeat runs"
"(the first trace in a new pwsh, which compiles the module's code, and the second)"
@(
    foreach ($backend in 'Ebpf', 'Ptrace') {
        [pscustomobject]@{
            Backend = $backend; 'objects/s, first' = [math]::Round((Get-Median $rates["${backend}Cold"]))
            'objects/s, second' = [math]::Round((Get-Median $rates[$backend])); Goal = $backend -eq 'Ebpf' ? '>= 200000 (second)' : ''
        }
    }
) | Format-Table -AutoSize | Out-String -Width 120
