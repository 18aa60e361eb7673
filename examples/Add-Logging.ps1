<#
.SYNOPSIS
    Gives a program that logs nothing a log of its file and network activity, line by line as it runs.

.DESCRIPTION
    Traces the command and prints one log line per program started or ended, file opened, created, renamed or
    deleted, and network connection, with the time, the process and how the call went. Shared libraries and
    locale data are left out. With -LogPath the lines also go to that file.

.EXAMPLE
    ./Add-Logging.ps1 git status

.EXAMPLE
    ./Add-Logging.ps1 -LogPath make.log make
#>
param(
    [string] $LogPath,
    [string] $FilePath = 'sh',
    # By default a small script: copy a file, delete the copy, then ask a web server that is not there.
    [Parameter(ValueFromRemainingArguments)] [string[]] $ArgumentList = @('-c',
        'cp /etc/hostname /tmp/add-logging-$$; rm /tmp/add-logging-$$; curl -s -m 5 http://127.0.0.1:9/ || true')
)

if (-not (Get-Module Hatrace)) { Import-Module (@(Get-Module Hatrace -ListAvailable)[0].Path ?? "$PSScriptRoot/../out/Hatrace/Hatrace.psd1") }

# What each logged call does, by name; the path or address comes from its arguments.
$verbs = @{
    open = 'open'; openat = 'open'; creat = 'create'
    unlink = 'delete'; unlinkat = 'delete'; rmdir = 'delete'
    rename = 'rename'; renameat = 'rename'; renameat2 = 'rename'
    mkdir = 'mkdir'; mkdirat = 'mkdir'
    connect = 'connect'; bind = 'listen on'
}
$noise = '^/(lib|lib64|usr/lib|usr/share/locale|proc|sys|dev)/|^/etc/ld\.so\.'

Start-TracedProcess $FilePath -ArgumentList $ArgumentList -Name @($verbs.Keys) -IncludeProcessEvents |
    ForEach-Object {
        $what = switch ($_) {
            { $_ -is [Hatrace.Engine.Model.ProcessExecEvent] } { "start $($_.Arguments -join ' ')" }
            { $_ -is [Hatrace.Engine.Model.ProcessExitEvent] } { if ($null -ne $_.Signal) { "killed by $($_.SignalName)" } else { "exit $($_.ExitCode)" } }
            { $_ -is [Hatrace.Engine.Model.SyscallEvent] } {
                $call = $_
                $verb = $verbs[$call.Name]
                if ($verb -eq 'open' -and $call.Arguments['flags'].Text -match 'O_CREAT|O_WRONLY|O_RDWR') { $verb = 'open for writing' }
                $target = switch -Regex ($call.Name) {
                    '^(connect|bind)$' { $call.Arguments['addr'].Text -replace '^\{sa_family=|\}$' }
                    '^rename' { $call.Arguments | Where-Object Name -In 'oldpath', 'newpath' | Join-String Text -Separator ' -> ' }
                    default { $call.Path }
                }
                if ($target -notmatch $noise) {
                    $outcome = switch ($call.Errno) { '' { 'ok' } 'EINPROGRESS' { 'connecting' } default { "failed: $($call.ErrorMessage)" } }
                    "$verb $target ($outcome)"
                }
            }
        }
        if ($what) { '{0:HH:mm:ss.fff} [{1}] {2}' -f $_.Timestamp.ToLocalTime(), $_.ProcessId, $what }
    } |
    ForEach-Object { if ($LogPath) { Add-Content -LiteralPath $LogPath -Value $_ }; $_ }
