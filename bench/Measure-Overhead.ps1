<#
.SYNOPSIS
    Times a syscall-heavy tracee natively, under strace, under the engine alone and through the cmdlet,
    all in one run, and prints the ratios; then the whole trace as text to a file (hatrace -f -o F against strace -f -o F)
    of getppid, dd bs=1, git --version and python3 -c pass; a filtered trace (-e trace=openat) of getppid and dd bs=1 by
    hatrace, natively and under strace --seccomp-bpf; what an idle hook or fault rule adds to the cmdlet; and, in one
    table, start-up against strace, Import-Module time, objects per second into Measure-Object and peak memory.

.DESCRIPTION
    The tracee calls getppid -Count times (tests/programs/getppid_loop.c). Each configuration runs -Repeat
    times, interleaved, and the median wall time counts: this 2-vCPU VM is noisy, so quote the ratios of
    one run, not seconds from different runs. Inside pwsh everything runs after a native command, the way
    users have it: .NET's SIGCHLD handler is then installed, which is what TraceSessionOptions.QuietChildStops
    is about, so the engine is also timed there with the option off and on.
    The filtered trace shows what the seccomp filter saves: hatrace installs it by default, strace only with
    --seccomp-bpf. Both write the filtered text to /dev/null, the whole trace to a file in the bench's folder.
    Peak memory (the largest resident set of the hatrace or pwsh process, from getrusage of its parent) is taken once,
    for a trace of -SmallCount and of -LargeCount getppid calls: it should not grow with the length of the trace.

.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-Overhead.ps1 -Count 200000 -Repeat 3

.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-Overhead.ps1 -OutputPath /tmp/mine -SkipBuild
    Measures a module and command assembled elsewhere (Hatrace/ and bin/hatrace under -OutputPath), without building.
#>
param(
    [ValidateRange(1, [int]::MaxValue)] [int] $Count = 200000,
    [ValidateRange(1, 20)] [int] $Repeat = 3,
    [ValidateRange(1, [int]::MaxValue)] [int] $SmallCount = 20000,
    [ValidateRange(1, [int]::MaxValue)] [int] $LargeCount = 2000000,
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
& dotnet build (Join-Path $PSScriptRoot 'Hatrace.Bench/Hatrace.Bench.csproj') -c Release -o (Join-Path $work 'engine') --nologo -v quiet
if ($LASTEXITCODE) { throw 'Building bench/Hatrace.Bench failed.' }
$tracee = Build-Tracee $work getppid_loop

# The peak resident set, in MB, of the largest process a command runs (itself or a child it waits for): getrusage's
# RUSAGE_CHILDREN, which .NET does not expose, so a small Python parent runs it.
function Get-PeakRss([string[]] $Command) {
    $parent = 'import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)'
    $kilobytes = & python3 -c $parent @Command
    if ($LASTEXITCODE) { throw "Measuring the peak memory of '$Command' failed." }
    [double] $kilobytes / 1024
}

# One pwsh for the PowerShell side: the module loads once, a native command runs first.
$pwshSide = @'
param($Module, $Tracee, $Count)
$null = & /bin/true
$import = (Measure-Command { Import-Module $Module }).TotalSeconds
$start = [Hatrace.Engine.Tracing.TraceStartInfo]@{ FileName = $Tracee; Arguments = [string[]]@("$Count") }
function Measure-Engine([bool] $Quiet) {
    $options = [Hatrace.Engine.Tracing.TraceSessionOptions]@{ QuietChildStops = $Quiet }
    (Measure-Command {
        $session = [Hatrace.Engine.Tracing.TraceSession]::Start($start, $options)
        $null = [System.Linq.Enumerable]::Count([System.Collections.Generic.IEnumerable[Hatrace.Engine.Model.TraceEvent]] $session.ReadEvents())
        $session.Dispose()
    }).TotalSeconds
}
$objects = 0
$cmdlet = (Measure-Command { $objects = (Start-TracedProcess $Tracee "$Count" | Measure-Object).Count }).TotalSeconds
# Tampering's idle costs: a hook that changes nothing, and a fault rule that never fires.
$hookExit = (Measure-Command { Start-TracedProcess $Tracee "$Count" -OnSyscall { } | Measure-Object }).TotalSeconds
$hookEntry = (Measure-Command { Start-TracedProcess $Tracee "$Count" -OnEnter { } | Measure-Object }).TotalSeconds
$idleFault = New-SyscallFault -Name getppid -ReturnValue 1 -When ([int]$Count + 1)
$faultRule = (Measure-Command { Start-TracedProcess $Tracee "$Count" -Fault $idleFault | Measure-Object }).TotalSeconds
[pscustomobject]@{
    import = $import; cmdlet = $cmdlet; objects = $objects; hookExit = $hookExit; hookEntry = $hookEntry; faultRule = $faultRule
    engineNoisy = Measure-Engine $false; engineQuiet = Measure-Engine $true
} | ConvertTo-Json -Compress
'@
$pwshScript = Join-Path $work 'pwsh-side.ps1'
Set-Content -LiteralPath $pwshScript -Value $pwshSide
$pwsh = Join-Path $PSHOME 'pwsh'
$module = Join-Path $OutputPath 'Hatrace/Hatrace.psd1'

$times = @{ native = @(); strace = @(); engine = @(); cmdlet = @(); engineNoisy = @(); engineQuiet = @(); hookExit = @(); hookEntry = @(); faultRule = @() }
$startup = @{ hatrace = @(); strace = @() }
$imports = @()
$allocatedPerEvent = @()
$hatrace = Join-Path $OutputPath 'bin/hatrace'
$tracees = [ordered]@{
    "getppid x $Count" = @($tracee, "$Count")
    "dd bs=1 count=$Count" = @('dd', 'if=/dev/zero', 'of=/dev/null', 'bs=1', "count=$Count", 'status=none')
    'git --version' = @('git', '--version')
    'python3 -c pass' = @('python3', '-c', 'pass')
}
# The whole trace as text to a file, for every tracee; the filtered one for the syscall-heavy two.
$traceFile = Join-Path $work 'trace.txt'
$syscallHeavy = @($tracees.Keys)[0..1]
$full = @{}
$filtered = @{}
foreach ($name in $tracees.Keys) {
    $full[$name] = @{ native = @(); hatrace = @(); strace = @() }
    if ($name -in $syscallHeavy) { $filtered[$name] = @{ native = @(); hatrace = @(); strace = @() } }
}
$objectsPerRun = 0
foreach ($run in 1..$Repeat) {
    Write-Host "run $run of $Repeat"
    $times.native += (Measure-Command { & $tracee $Count }).TotalSeconds
    $times.strace += (Measure-Command { & strace -f -o /dev/null $tracee $Count }).TotalSeconds
    $engine = & (Join-Path $work 'engine/Hatrace.Bench') $tracee $Count | ConvertFrom-Json
    $times.engine += $engine.seconds
    $allocatedPerEvent += $engine.allocatedBytes / $engine.syscalls
    $side = & $pwsh -NoProfile -NonInteractive -File $pwshScript $module $tracee $Count | ConvertFrom-Json
    $times.cmdlet += $side.cmdlet
    $imports += $side.import
    $times.hookExit += $side.hookExit
    $times.hookEntry += $side.hookEntry
    $times.faultRule += $side.faultRule
    $times.engineNoisy += $side.engineNoisy
    $times.engineQuiet += $side.engineQuiet
    $objectsPerRun = $side.objects
    foreach ($i in 1..10) {
        $startup.strace += (Measure-Command { & strace -o /dev/null /bin/true }).TotalSeconds
        $startup.hatrace += (Measure-Command { & $hatrace -o /dev/null /bin/true }).TotalSeconds
    }
    foreach ($name in $tracees.Keys) {
        # As an array even when one: a single string splatted to a native command goes as its characters.
        $program, [string[]] $arguments = $tracees[$name]
        $nativeSeconds = (Measure-Command { & $program @arguments > $null }).TotalSeconds
        $full[$name].native += $nativeSeconds
        $full[$name].hatrace += (Measure-Command { & $hatrace -f -o $traceFile $program @arguments > $null }).TotalSeconds
        $full[$name].strace += (Measure-Command { & strace -f -o $traceFile $program @arguments > $null }).TotalSeconds
        if (-not $filtered.Contains($name)) { continue }
        $filtered[$name].native += $nativeSeconds
        $filtered[$name].hatrace += (Measure-Command { & $hatrace -f -e trace=openat -o /dev/null $program @arguments }).TotalSeconds
        $filtered[$name].strace += (Measure-Command { & strace -f --seccomp-bpf -e trace=openat -o /dev/null $program @arguments }).TotalSeconds
    }
}

$native = Get-Median $times.native
$strace = Get-Median $times.strace
$rows = foreach ($name in 'native', 'strace', 'engine', 'cmdlet', 'engineNoisy', 'engineQuiet') {
    $median = Get-Median $times[$name]
    [pscustomobject]@{
        Configuration = @{
            native = 'native'; strace = 'strace -f -o /dev/null'; engine = 'engine alone (Hatrace.Bench)'
            cmdlet = 'Start-TracedProcess | Measure-Object'; engineNoisy = 'engine in pwsh, SIGCHLD on every stop'
            engineQuiet = 'engine in pwsh, SA_NOCLDSTOP (default)'
        }[$name]
        'Median s'     = [math]::Round($median, 3)
        'x native'     = [math]::Round($median / $native, 1)
        'x strace'     = [math]::Round($median / $strace, 2)
    }
}
"getppid x $Count, median of $Repeat runs"
$rows | Format-Table -AutoSize | Out-String -Width 120
'SIGCHLD: stop notifications on / SA_NOCLDSTOP = {0:N2}' -f ((Get-Median $times.engineNoisy) / (Get-Median $times.engineQuiet))
$plain = Get-Median $times.cmdlet
'idle -OnSyscall {{ }} / plain cmdlet = {0:N2}; idle -OnEnter {{ }} = {1:N2}; a fault rule that never fires = {2:N2}' -f `
    ((Get-Median $times.hookExit) / $plain), ((Get-Median $times.hookEntry) / $plain), ((Get-Median $times.faultRule) / $plain)

# One row per tracee: the medians against native and hatrace's against strace's.
function Format-TraceeTable([hashtable] $Results, [string] $StraceLabel) {
    $rows = foreach ($name in $tracees.Keys.Where({ $Results.Contains($_) })) {
        $nativeMedian = Get-Median $Results[$name].native
        $hatraceMedian = Get-Median $Results[$name].hatrace
        $straceMedian = Get-Median $Results[$name].strace
        [pscustomobject]@{
            Tracee                  = $name
            'native s'              = [math]::Round($nativeMedian, 3)
            'hatrace x native'      = [math]::Round($hatraceMedian / $nativeMedian, 2)
            "$StraceLabel x native" = [math]::Round($straceMedian / $nativeMedian, 2)
            'hatrace x strace'      = [math]::Round($hatraceMedian / $straceMedian, 2)
        }
    }
    $rows | Format-Table -AutoSize | Out-String -Width 120
}

"full trace as text to a file (hatrace -f -o F vs strace -f -o F; goal: hatrace x strace <= 0.8), median of $Repeat runs"
Format-TraceeTable $full 'strace'
"-e trace=openat (hatrace filters by default; strace with --seccomp-bpf; goal: hatrace x native <= 1.1), median of $Repeat runs"
Format-TraceeTable $filtered 'strace --seccomp-bpf'

# Peak memory, once: a trace of LargeCount calls should need no more than one of SmallCount.
$peak = @{}
foreach ($calls in $SmallCount, $LargeCount) {
    Write-Host "peak memory, $calls calls"
    $pipeline = "`$null = & /bin/true; Import-Module '$($module.Replace("'", "''"))'; `$null = Start-TracedProcess '$($tracee.Replace("'", "''"))' $calls | Measure-Object"
    $peak["pipeline$calls"] = Get-PeakRss @($pwsh, '-NoProfile', '-NonInteractive', '-Command', $pipeline)
    $peak["cli$calls"] = Get-PeakRss @($hatrace, '-f', '-o', '/dev/null', $tracee, "$calls")
}

$hatraceStart = Get-Median $startup.hatrace
$straceStart = Get-Median $startup.strace
$objectsPerSecond = $objectsPerRun / (Get-Median $times.cmdlet)
$engineEventsPerSecond = $objectsPerRun / (Get-Median $times.engine)
"start-up, throughput and memory (medians of $Repeat runs; peak memory from one)"
@(
    [pscustomobject]@{ Measure = 'start-up: hatrace /bin/true vs strace /bin/true, ms'; Hatrace = [math]::Round($hatraceStart * 1000, 1)
        Reference = [math]::Round($straceStart * 1000, 1); Ratio = [math]::Round($hatraceStart / $straceStart, 2); Goal = 'ratio <= 3' }
    [pscustomobject]@{ Measure = 'Import-Module Hatrace, ms'; Hatrace = [math]::Round((Get-Median $imports) * 1000, 1)
        Reference = ''; Ratio = ''; Goal = '' }
    [pscustomobject]@{ Measure = 'objects/s into Measure-Object vs engine alone events/s'; Hatrace = [math]::Round($objectsPerSecond)
        Reference = [math]::Round($engineEventsPerSecond); Ratio = [math]::Round($objectsPerSecond / $engineEventsPerSecond, 2); Goal = '>= 150000/s' }
    [pscustomobject]@{ Measure = 'engine: bytes allocated per syscall event'; Hatrace = [math]::Round((Get-Median $allocatedPerEvent))
        Reference = ''; Ratio = ''; Goal = '' }
    foreach ($side in 'pipeline', 'cli') {
        [pscustomobject]@{
            Measure   = "peak RSS, $($side -eq 'pipeline' ? 'Start-TracedProcess | Measure-Object' : 'hatrace -f -o /dev/null'): $LargeCount vs $SmallCount calls, MB"
            Hatrace   = [math]::Round($peak["$side$LargeCount"], 1)
            Reference = [math]::Round($peak["$side$SmallCount"], 1)
            Ratio     = [math]::Round($peak["$side$LargeCount"] / $peak["$side$SmallCount"], 2)
            Goal      = 'ratio ~ 1 (flat)'
        }
    }
) | Format-Table -AutoSize | Out-String -Width 160
