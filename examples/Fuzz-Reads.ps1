<#
.SYNOPSIS
    Fuzzes a program's input by changing what its read(2) calls return, not the file on disk.

.DESCRIPTION
    Runs the command -Runs times. In each run, after one read of the input file has returned, a byte of the
    buffer it filled is replaced by a random one (seeded, so every run can be replayed). The program sees a
    corrupted file; the file itself is untouched. Prints each run's change and how the program took it, and
    flags crashes (a signal) and silent acceptance (exit code 0 although its input was corrupted).
    By default: gzip -t testing a compressed file, which must notice every change.

.EXAMPLE
    ./Fuzz-Reads.ps1 -Runs 50 -Seed 7
#>
param(
    [int] $Runs = 10,
    [int] $Seed = 1,
    [string] $FilePath = 'gzip',
    # {0} is replaced by the input file's path.
    [string[]] $ArgumentList = @('-t', '{0}')
)

if (-not (Get-Module Hatrace)) { Import-Module (@(Get-Module Hatrace -ListAvailable)[0].Path ?? "$PSScriptRoot/../out/Hatrace/Hatrace.psd1") }

$directory = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "fuzz-reads-$PID")).FullName
try {
    $text = Join-Path $directory 'input.txt'
    Set-Content -LiteralPath $text -Value (1..3000 | ForEach-Object { "line $_" })
    & gzip -k $text
    $compressed = "$text.gz"
    $arguments = $ArgumentList | ForEach-Object { $_ -f $compressed }

    foreach ($run in 0..($Runs - 1)) {
        $random = [Random]::new($Seed + $run)
        $change = $null
        # Corrupts one byte of the first read of the input; later reads pass through.
        $corrupt = {
            if ($_.Name -ne 'read' -or $_.FdPath -ne $compressed -or $_.Result -le 0 -or $change) { return }
            $offset = $random.Next([int] $_.Result)
            $byte = [byte] $random.Next(256)
            Write-TraceeMemory -Address ($_.Arguments['buf'].Raw + $offset) -Bytes $byte
            $script:change = 'byte {0} set to 0x{1:x2}' -f $offset, $byte
        }
        $calls = Start-TracedProcess $FilePath -ArgumentList $arguments -Name read, write -DescriptorDetail Path -StringLength 200 -OnSyscall $corrupt
        $exit = $LASTEXITCODE
        $said = ($calls | Where-Object { $_.Name -eq 'write' -and $_.Arg0 -eq 2 } |
            ForEach-Object { [Text.Encoding]::UTF8.GetString($_.Arguments['buf'].Value) }) -join ''
        $verdict = if ($exit -gt 128) { 'CRASH' } elseif ($exit -eq 0) { 'ACCEPTED' } else { 'rejected' }
        '{0,-8} seed {1,-4} {2,-22} exit {3,-3} {4}' -f $verdict, ($Seed + $run), $change, $exit, @($said -split "`n" | Where-Object { $_ })[0]
    }
}
finally {
    Remove-Item -LiteralPath $directory -Recurse -Force
}
