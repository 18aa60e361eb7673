<#
.SYNOPSIS
    Finds the I/O errors a program does not handle: each matching call fails in turn, one run each.

.DESCRIPTION
    Runs the command once as it is, to learn its correct output, then once for each of its matching syscalls with
    that call failing with -Errno (Invoke-SyscallFaultSweep). A run is fine when the program either reports the
    error (non-zero exit and a message on stderr) or still produces the correct output. Anything else is an
    anomaly: a crash, a hang, a silent failure, or a wrong result with exit code 0.
    By default: tar archiving a file. A read error on the user database goes unreported, and the archive
    quietly loses its owner names.

.EXAMPLE
    ./Find-FaultAnomaly.ps1 -Name read, write -FilePath sort -ArgumentList -o, out.txt, in.txt -OutputFile out.txt
#>
param(
    [string] $FilePath = 'tar',
    [string[]] $ArgumentList = @('-cf', 'out.tar', 'in.txt'),
    # The file the command writes, relative to the directory it runs in; in.txt there is its input.
    [string] $OutputFile = 'out.tar',
    [string[]] $Name = @('openat', 'read'),
    [string] $Errno = 'EIO'
)

if (-not (Get-Module Hatrace)) { Import-Module (@(Get-Module Hatrace -ListAvailable)[0].Path ?? "$PSScriptRoot/../out/Hatrace/Hatrace.psd1") }

$directory = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "fault-anomaly-$PID")).FullName
try {
    $output = Join-Path $directory $OutputFile
    Set-Content -LiteralPath (Join-Path $directory 'in.txt') -Value (1..2000)
    Push-Location -LiteralPath $directory
    try { & $FilePath @ArgumentList } finally { Pop-Location }
    if ($LASTEXITCODE -ne 0) { throw "$FilePath $ArgumentList failed without faults (exit code $LASTEXITCODE)." }
    $expected = (Get-FileHash -LiteralPath $output).Hash
    Remove-Item -LiteralPath $output

    $fine = {
        $correct = (Test-Path -LiteralPath $output) -and (Get-FileHash -LiteralPath $output).Hash -eq $expected
        Remove-Item -LiteralPath $output -ErrorAction Ignore   # the next run starts clean
        ($_.ExitCode -ne 0 -and $_.StandardError) -or ($_.ExitCode -eq 0 -and $correct)
    }
    $runs = Invoke-SyscallFaultSweep $FilePath $ArgumentList -Name $Name -Errno $Errno -WorkingDirectory $directory -Check $fine

    "$FilePath $ArgumentList, each of its $($runs.Count) $($Name -join ', ') calls failing with $Errno in turn:"
    $runs | Group-Object Outcome -NoElement | Sort-Object Count -Descending | ForEach-Object { '{0,6} {1}' -f $_.Count, $_.Name }
    $anomalies = @($runs | Where-Object Outcome -NE 'Handled')
    if ($anomalies.Count -eq 0) { 'No anomaly: every failure was reported or did not matter.'; return }
    ''
    'Anomalies (CheckFailed: exit code 0 but a wrong result, or a failure without a message):'
    $anomalies | Format-Table Index, Outcome, ExitCode, Signal, Syscall -AutoSize -Wrap | Out-String -Stream -Width 160 | Where-Object { $_ }
}
finally {
    Remove-Item -LiteralPath $directory -Recurse -Force
}
