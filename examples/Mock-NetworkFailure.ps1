<#
.SYNOPSIS
    Shows how a client copes when the network fails, without breaking the network: its connect is refused.

.DESCRIPTION
    Starts a small HTTP server on a loopback port, fetches a page from it with curl, then fetches it again with
    every connect(2) failing with ECONNREFUSED (or -Errno), as if the server were down. The server is up all
    along; only curl is told otherwise, so no other program is disturbed.

.EXAMPLE
    ./Mock-NetworkFailure.ps1 -Errno ENETUNREACH
#>
param(
    # What connect returns: ECONNREFUSED, ETIMEDOUT, ENETUNREACH, EHOSTUNREACH...
    [string] $Errno = 'ECONNREFUSED'
)

if (-not (Get-Module Hatrace)) { Import-Module (@(Get-Module Hatrace -ListAvailable)[0].Path ?? "$PSScriptRoot/../out/Hatrace/Hatrace.psd1") }

$listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
$listener.Start()
$port = $listener.LocalEndpoint.Port
# Answers each connection with one page, on a thread of its own, until the listener stops.
$server = Start-ThreadJob -ArgumentList $listener -ScriptBlock {
    param($listener)
    try {
        while ($true) {
            $client = $listener.AcceptTcpClient()
            $stream = $client.GetStream()
            $null = $stream.Read([byte[]]::new(4096), 0, 4096)
            $page = [Text.Encoding]::ASCII.GetBytes("HTTP/1.0 200 OK`r`nContent-Length: 18`r`n`r`nhello from server`n")
            $stream.Write($page, 0, $page.Length)
            $client.Close()
        }
    }
    catch [System.Net.Sockets.SocketException] { }   # the listener was stopped
}
try {
    $url = "http://127.0.0.1:$port/"
    "curl $url, as it is:"
    $page = & curl -sS -m 5 $url 2>&1
    "  exit code $LASTEXITCODE, page: $page"
    ''
    "curl $url, with its TCP connects failing with ${Errno}:"
    # Only connects to an IP address fail (not the C library's to local Unix sockets), and before they run.
    $refuse = { if ($_.Name -eq 'connect' -and $_.Arguments['addr'].Text -match 'AF_INET') { Set-SyscallResult -Errno $Errno } }
    $calls = Start-TracedProcess curl -ArgumentList '-sS', '-m', '5', $url -Name connect, write -OnEnter $refuse
    "  exit code $LASTEXITCODE"
    $calls | Where-Object Tampered | ForEach-Object { "  $($_.Text)" }
    # What curl told its user, on stderr (a byte per write, as it happens).
    $said = $calls | Where-Object { $_.Name -eq 'write' -and $_.Arg0 -eq 2 } | ForEach-Object { [Text.Encoding]::UTF8.GetString($_.Arguments['buf'].Value) }
    "  curl said: $(($said -join '').Trim())"
}
finally {
    $listener.Stop()
    $null = Wait-Job $server -Timeout 5
    Remove-Job $server -Force
}
