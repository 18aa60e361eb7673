<#
.SYNOPSIS
    Runs the syscall fuzzer (tests/programs/syscall_fuzz.c) under hatrace with random seeds, longer than CI does
    (HostileInputTests runs one fixed seed), and reports every failing seed.
.DESCRIPTION
    A run fails when hatrace does not exit with the fuzzer's own code (42), when the trace has fewer or more call lines
    between the fuzzer's markers than the calls it reports, or when the fuzzer is left stopped or a zombie.
    Rerun a failure with -Seed.
.EXAMPLE
    dotnet pwsh -NoProfile -File tests/Fuzz-Syscalls.ps1 -Runs 20 -Rounds 50
#>
param(
    [int] $Runs = 10,
    [int] $Rounds = 20,
    [uint64[]] $Seed,
    [string] $Hatrace = (Join-Path $PSScriptRoot '../out/bin/hatrace'),
    [string] $Programs = (Join-Path $PSScriptRoot '../out/programs')
)
$ErrorActionPreference = 'Stop'
$fuzzer = Join-Path $Programs 'syscall_fuzz'
$seeds = if ($Seed) { $Seed } else { 1..$Runs | ForEach-Object { [uint64](Get-Random -Minimum 1 -Maximum ([int]::MaxValue)) } }
$failures = 0
foreach ($s in $seeds) {
    $scratch = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "hatrace-fuzz-$s-$PID")).FullName
    try {
        $work = (New-Item -ItemType Directory -Path (Join-Path $scratch 'work')).FullName
        $trace = Join-Path $scratch 'trace'; $report = Join-Path $scratch 'report'
        & $Hatrace -o $trace sh -c 'echo $$ > "$1"; exec "$2" "$3" "$4" "$5" >> "$1"' sh $report $fuzzer $work $s $Rounds
        $exit = $LASTEXITCODE
        $pid0, $counts = Get-Content $report
        $expected = if ($counts -match 'x86_64=(\d+) i386=(\d+)') { [long]$Matches[1] + [long]$Matches[2] } else { -1 }
        $inside = $false; $lines = 0
        foreach ($line in [IO.File]::ReadLines($trace)) {
            if ($line.StartsWith('write(-1, "hatrace-fuzz-')) { $inside = $line.Contains('-begin"') }
            elseif ($inside -and -not $line.StartsWith('---') -and -not $line.StartsWith('[')) { $lines++ }
        }
        $state = if (Test-Path "/proc/$pid0/stat") { ((Get-Content "/proc/$pid0/stat" -Raw) -split '\) ')[-1][0] }
        $problems = @(
            if ($exit -ne 42) { "exit $exit" }
            if ($lines -ne $expected) { "$lines call lines for $expected calls" }
            if ($state -and 'tTZ'.Contains([string]$state)) { "left in state $state" }
        )
        if ($problems) {
            $failures++
            Write-Output "seed $s FAILED: $($problems -join '; ') (trace kept in $scratch)"
        } else {
            Write-Output "seed $s ok: $expected calls"
            rm -rf -- $scratch   # not Remove-Item: .NET cannot name the fuzzer's files with invalid UTF-8 in their names
        }
    } catch {
        $failures++
        Write-Output "seed $s FAILED: $_ (in $scratch)"
    }
}
Write-Output "$(@($seeds).Count - $failures) passed, $failures failed"
exit [int]($failures -gt 0)
