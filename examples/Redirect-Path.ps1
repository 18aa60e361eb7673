<#
.SYNOPSIS
    A "magic file system": the program opens one path and gets another file, without touching either.

.DESCRIPTION
    Every open of -Path by the command (and anything it starts) is rewritten, before the kernel sees it, to open
    -Target instead: the pathname argument of open/openat is replaced in the stopped program. Handy to feed a
    test configuration to a program that hard-codes /etc/something, without root and without a container.

.EXAMPLE
    ./Redirect-Path.ps1 -Path /etc/os-release -Target ./os-release.test -FilePath sh -ArgumentList '-c', '. /etc/os-release; echo $PRETTY_NAME'
#>
param(
    [string] $Path = '/etc/hostname',
    # The file opened instead; a temporary file saying so when omitted.
    [string] $Target,
    [string] $FilePath = 'cat',
    [string[]] $ArgumentList = @('/etc/hostname')
)

if (-not (Get-Module Hatrace)) { Import-Module (@(Get-Module Hatrace -ListAvailable)[0].Path ?? "$PSScriptRoot/../out/Hatrace/Hatrace.psd1") }

$temporary = -not $Target
if ($temporary) {
    $Target = Join-Path ([IO.Path]::GetTempPath()) "magic-$PID"
    Set-Content -LiteralPath $Target -Value 'hello from the magic file system'
}
$Target = (Resolve-Path -LiteralPath $Target).Path
try {
    "$FilePath $ArgumentList, as it is:"
    & $FilePath @ArgumentList | ForEach-Object { "  $_" }
    ''
    "$FilePath $ArgumentList, with $Path redirected to ${Target}:"
    $redirect = { if ($_.Path -eq $Path) { Set-SyscallArgument -Name pathname -Value $Target } }
    # The program's output is kept, to be shown after the calls that produced it.
    $output = Join-Path ([IO.Path]::GetTempPath()) "magic-output-$PID"
    $calls = Start-TracedProcess sh -ArgumentList (@('-c', '"$@" > "$0"', $output, $FilePath) + $ArgumentList) -Name open, openat -OnEnter $redirect
    Get-Content -LiteralPath $output | ForEach-Object { "  $_" }
    Remove-Item -LiteralPath $output
    ''
    'The opens that were changed:'
    $calls | Where-Object Tampered | ForEach-Object { "  $($_.Text)"; "    ($($_.Tampering))" }
}
finally {
    if ($temporary) { Remove-Item -LiteralPath $Target }
}
