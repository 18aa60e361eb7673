<#
.SYNOPSIS
    Lists the files and network endpoints a command touches.

.DESCRIPTION
    Traces the command and everything it starts, and prints three short tables: the files it read, the files it
    wrote or created, and the network endpoints it connected, bound or sent to, each with how it went. Shared
    libraries and locale files are left out unless -IncludeSystemFiles.

.EXAMPLE
    ./Audit-Command.ps1 git status

.EXAMPLE
    ./Audit-Command.ps1    # curl asking localhost for a page: a name lookup, then two refused connects
#>
param(
    [string] $FilePath = 'curl',
    [Parameter(ValueFromRemainingArguments)] [string[]] $ArgumentList = @('-s', '-m', '5', 'http://localhost:9/'),
    [switch] $IncludeSystemFiles
)

if (-not (Get-Module Hatrace)) { Import-Module (@(Get-Module Hatrace -ListAvailable)[0].Path ?? "$PSScriptRoot/../out/Hatrace/Hatrace.psd1") }

$fileCalls = 'open', 'openat', 'openat2', 'creat'
$netCalls = 'connect', 'bind', 'sendto', 'sendmsg'
$noise = '^/(lib|lib64|usr/lib|usr/share/locale|etc/ld\.so)'

$calls = Start-TracedProcess $FilePath -ArgumentList $ArgumentList -Name ($fileCalls + $netCalls)
$exit = $LASTEXITCODE

$files = $calls | Where-Object { $_.Name -in $fileCalls -and ($IncludeSystemFiles -or $_.Path -notmatch $noise) }
# Writing or creating is in the flags (creat always creates).
$writes = { $_.Name -eq 'creat' -or $_.Arguments['flags'].Text -match 'O_WRONLY|O_RDWR|O_CREAT|O_TRUNC' }
$outcome = { if ($_.Errno) { $_.Errno } else { 'ok' } }
# One row per path: how often it was opened and how the last open went.
$byPath = {
    $input | Group-Object Path |
        Select-Object @{ n = 'Path'; e = 'Name' }, @{ n = 'Opens'; e = 'Count' }, @{ n = 'Result'; e = { $_.Group[-1] | ForEach-Object $outcome } } |
        Format-Table -AutoSize | Out-String -Stream | Where-Object { $_ }
}
# The decoded sockaddr, as strace prints it, made short: an IP address and port, or a Unix socket's path.
$endpointOf = {
    param([string] $Address)
    if ($Address -match 'sun_path=@?"([^"]+)"') { "unix:$($Matches[1])" }
    elseif ($Address -match 'htons\((\d+)\).*inet_addr\("([^"]+)"\)') { "$($Matches[2]):$($Matches[1])" }
    elseif ($Address -match 'htons\((\d+)\).*inet_pton\(AF_INET6, "([^"]+)"') { "[$($Matches[2])]:$($Matches[1])" }
    else { $Address }
}

"$FilePath $ArgumentList exited with $exit."
''
'Files read:'
$files | Where-Object { -not (& $writes) } | & $byPath
''
'Files written or created:'
$files | Where-Object $writes | & $byPath
''
'Network endpoints:'
$calls | Where-Object { $_.Name -in $netCalls -and $_.Arguments.Count -gt 1 -and $_.Arguments[1].Text -match '^\{sa_family=' } | ForEach-Object {
    $address = $_.Arguments[1].Text
    [pscustomobject] @{ Call = $_.Name; Endpoint = & $endpointOf $address; Family = $address -replace '^\{sa_family=(\w+).*', '$1'; Result = & $outcome }
} | Format-Table -AutoSize | Out-String -Stream | Where-Object { $_ }
