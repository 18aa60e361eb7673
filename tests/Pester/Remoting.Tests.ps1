# Auditing a fleet through PowerShell's own SSH remoting: the module installed on the "hosts" with PSResourceGet from the
# package that build.ps1 -Task Package makes, Debian's sshd started for the run on 127.0.0.1 with keys of its own, and
# Invoke-Command -HostName 127.0.0.1, localhost (two hosts to the client, one machine) running the cmdlets there. The
# remote pwsh's standard streams carry the remoting protocol: what a traced program prints must not break it.
# Everything lives in a scratch folder made per run. Skipped, with the reason, where sshd, ssh or ptrace is missing.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $built = Test-ModuleBuilt
}

Describe 'Invoke-Command -HostName through sshd' -Skip:(-not $built) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-Module (Get-ModulePath) -Force

        # Why this machine cannot run the tests; empty when it can.
        function Get-MachineLimit {
            if (-not (Test-Path -LiteralPath '/usr/sbin/sshd')) { return "Debian's sshd (openssh-server) is not installed" }
            foreach ($command in 'ssh', 'ssh-keygen') {
                if (-not (Get-Command $command -CommandType Application -ErrorAction Ignore)) { return "$command (openssh-client) is not installed" }
            }
            # sshd refuses to start without its privilege separation directory, which only root may create.
            if (-not (Test-Path -LiteralPath '/run/sshd')) {
                $null = New-Item -ItemType Directory -Path '/run/sshd' -ErrorAction SilentlyContinue -ErrorVariable refused
                if ($refused) { return "sshd needs /run/sshd, which this user cannot create: $($refused[0])" }
            }
            $null = Start-TracedProcess /bin/true -ErrorAction SilentlyContinue -ErrorVariable refused
            if ($refused) { return "this machine does not let this user trace: $($refused[0])" }
        }

        # A remote record formats as at home: the pid and strace's line, then remoting's PSComputerName column when the
        # record is marked to show it; its arguments are typed again.
        function Assert-ShownAsAtHome($Record, [string] $ComputerName) {
            $line = "\b$($Record.ProcessId) +$([regex]::Escape($Record.Text))"
            if ($ComputerName) { $line += " +$([regex]::Escape($ComputerName))" }
            $Record | Out-String -Width 250 | Should -Match $line
            $Record.Arguments.pathname.Value | Should -Be $motd
        }

        # A word for sh, whatever it holds.
        function ConvertTo-ShellWord([string] $Text) { "'" + $Text.Replace("'", "'\''") + "'" }

        # A port that nothing listens on now: the system's choice for a listener that is closed at once.
        function Get-FreePort {
            $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
            $listener.Start()
            try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
        }

        # Starts sshd on a free port of 127.0.0.1 and returns once it listens, which it says on standard error; the rest
        # of what it says is read on (sshd would block on a full pipe) and kept for the failure messages. Tries another
        # port when another program took the one chosen in between.
        function Start-Sshd([string] $Config) {
            foreach ($attempt in 1..3) {
                $port = Get-FreePort
                Set-Content -LiteralPath $Config -Value ((Get-Content -LiteralPath "$Config.template" -Raw).Replace('@PORT@', $port))
                $start = [Diagnostics.ProcessStartInfo]::new('/usr/sbin/sshd', [string[]]@('-D', '-e', '-f', $Config))
                $start.RedirectStandardError = $true
                $process = [Diagnostics.Process]::Start($start)
                $said = [Collections.Generic.List[string]]::new()
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while ($true) {
                    $line = $process.StandardError.ReadLineAsync()
                    if (-not $line.Wait([math]::Max(0, ($deadline - [DateTime]::UtcNow).TotalMilliseconds)) -or $null -eq $line.Result) { break }
                    $said.Add($line.Result)
                    if ($line.Result -like 'Server listening on 127.0.0.1 port*') {
                        return [pscustomobject]@{
                            Process = $process
                            Port    = $port
                            Log     = $process.StandardError.ReadToEndAsync()
                            # The pipe it writes to, as /proc shows it ("pipe:[N]"): every sshd process of this run's has it.
                            LogPipe = [IO.FileInfo]::new("/proc/$($process.Id)/fd/2").LinkTarget
                        }
                    }
                }
                $process.Kill()
                $process.WaitForExit()
                if (-not ($said -match 'Address already in use')) { break }
            }
            throw "sshd did not start listening:`n$($said -join "`n")"
        }

        # The processes this run started, wherever they are now (an orphan is init's child), as "PID command line". The
        # client's children have the scratch folder in their environment through HATRACE_REMOTING_RUN, the remote pwsh
        # and what it runs through the HOME the wrapper gives it. sshd writes its title over its environment: its
        # processes are known by their standard error, the pipe this run reads the log from.
        function Get-RunProcess {
            foreach ($entry in Get-ChildItem -LiteralPath '/proc' -Directory | Where-Object Name -Match '^\d+$') {
                try {
                    $environment = [IO.File]::ReadAllText("$($entry.FullName)/environ")
                    $standardError = [IO.FileInfo]::new("$($entry.FullName)/fd/2").LinkTarget
                }
                catch { continue }
                if ($environment.Contains($scratch) -or $standardError -eq $sshd.LogPipe) {
                    $commandLine = try { [IO.File]::ReadAllText("$($entry.FullName)/cmdline").Replace([char]0, ' ').Trim() } catch { '' }
                    "$($entry.Name) $commandLine"
                }
            }
        }

        $limit = Get-MachineLimit
        if ($limit) { return }

        $scratch = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "hatrace-remoting-test-$PID")).FullName
        $env:HATRACE_REMOTING_RUN = $scratch

        # The hosts' side: the module installed as the README says, from exactly what -Task Package produced, into a
        # HOME of their own.
        $packing = Invoke-PackageTask (Join-Path $scratch 'packages')
        if ($packing.ExitCode -ne 0) { throw "build.ps1 -Task Package failed:`n$($packing.Output)" }
        $hostsHome = Join-Path $scratch 'home'
        $install = Install-PackagedModule (Join-Path $scratch 'packages/module') $hostsHome
        if ($install -notmatch 'installed Hatrace') { throw "Install-PSResource failed:`n$install" }

        # The pwsh that sshd runs for the powershell subsystem: the one running these tests, with the hosts' HOME and
        # the module path there only, so that it finds the installed module by name and never the build's out/Hatrace.
        $wrapper = Join-Path $scratch 'pwsh-subsystem.sh'
        $dotnet = (Get-Command dotnet -CommandType Application -TotalCount 1).Source
        Set-Content -LiteralPath $wrapper -Value @(
            '#!/bin/sh'
            "export HOME=$(ConvertTo-ShellWord $hostsHome) PSModulePath=$(ConvertTo-ShellWord (Join-Path $hostsHome '.local/share/powershell/Modules'))"
            "exec $(ConvertTo-ShellWord $dotnet) $(ConvertTo-ShellWord (Join-Path $PSHOME 'pwsh.dll')) -sshs -NoLogo -NoProfile"
        )
        & chmod 755 $wrapper

        $hostKey, $clientKey = 'host_ed25519', 'client_ed25519' | ForEach-Object { Join-Path $scratch $_ }
        foreach ($key in $hostKey, $clientKey) {
            & ssh-keygen -q -t ed25519 -N '' -C 'hatrace remoting test' -f $key
            if ($LASTEXITCODE -ne 0) { throw "ssh-keygen -f $key failed with exit code $LASTEXITCODE." }
        }
        Copy-Item -LiteralPath "$clientKey.pub" -Destination (Join-Path $scratch 'authorized_keys')
        $config = Join-Path $scratch 'sshd_config'
        Set-Content -LiteralPath "$config.template" -Value @(
            'ListenAddress 127.0.0.1:@PORT@'
            "HostKey $hostKey"
            "PidFile $(Join-Path $scratch 'sshd.pid')"
            "AuthorizedKeysFile $(Join-Path $scratch 'authorized_keys')"
            # The scratch folder is under /tmp, which anyone may write to: StrictModes would refuse the keys there.
            'StrictModes no'
            'PermitRootLogin prohibit-password'
            'PubkeyAuthentication yes'
            'PasswordAuthentication no'
            'KbdInteractiveAuthentication no'
            'UsePAM no'
            "Subsystem powershell $wrapper"
        )
        $sshd = Start-Sshd $config

        # What every Invoke-Command here passes: the run's key, and no question or warning about the new host key.
        $connection = @{
            Port        = $sshd.Port
            UserName    = [Environment]::UserName
            KeyFilePath = $clientKey
            Options     = @{
                StrictHostKeyChecking = 'no'
                UserKnownHostsFile    = Join-Path $scratch 'known_hosts'
                IdentitiesOnly        = 'yes'
                BatchMode             = 'yes'
                LogLevel              = 'ERROR'
            }
        }
        $motd = Join-Path $scratch 'motd'
        Set-Content -LiteralPath $motd -Value 'welcome to the fleet'
    }

    AfterAll {
        # Whatever a failed test left: the sessions' sshd, pwsh and traced programs, then sshd itself.
        if ($sshd) {
            foreach ($left in @(Get-RunProcess)) { Stop-Process -Id ([int] ($left -split ' ')[0]) -Force -ErrorAction Ignore }
            if (-not $sshd.Process.HasExited) {
                $sshd.Process.Kill()
                $sshd.Process.WaitForExit()
            }
        }
        $env:HATRACE_REMOTING_RUN = $null
        if ($scratch) { Remove-Item -LiteralPath $scratch -Recurse -Force }
    }

    BeforeEach {
        if ($limit) { Set-ItResult -Skipped -Because $limit }
    }

    It 'traces on every host: records tagged with their PSComputerName, the program''s output as information, the sessions intact' {
        $output = Invoke-Command @connection -HostName 127.0.0.1, localhost {
            param($File)
            Start-TracedProcess sh -ArgumentList '-c', 'echo hello; cat "$0"; echo oops >&2', $File
            "exit $LASTEXITCODE"
        } -ArgumentList $motd -InformationVariable printed -InformationAction SilentlyContinue -ErrorVariable failures -ErrorAction SilentlyContinue

        # A program writing into the remote pwsh's standard streams would have broken the session ("There is an error
        # processing data ..."): an error here, and no "exit 0" after the trace.
        $failures | Should -BeNullOrEmpty
        @($output | Where-Object { $_ -is [string] } | ForEach-Object { "$($_.PSComputerName) $_" } | Sort-Object) |
            Should -Be '127.0.0.1 exit 0', 'localhost exit 0'

        $records = @($output | Where-Object { $_ -isnot [string] })
        @($records | Group-Object PSComputerName | ForEach-Object Name | Sort-Object) | Should -Be '127.0.0.1', 'localhost'
        foreach ($hostRecords in $records | Group-Object PSComputerName) {
            $opened = @($hostRecords.Group | Where-Object Path -EQ $motd)
            $opened.Count | Should -Be 1 -Because $hostRecords.Name
            $opened[0].Name | Should -Be 'openat'
            $opened[0].Result | Should -Be 3
            $opened[0].Text | Should -Be "openat(AT_FDCWD, `"$motd`", O_RDONLY) = 3"
            Assert-ShownAsAtHome $opened[0] $hostRecords.Name
            $written = @($hostRecords.Group | Where-Object Name -EQ 'write')
            # The shell writes `echo oops >&2` to descriptor 1, made a copy of 2 for the command.
            $written.Text | Should -Be 'write(1, "hello\n", 6) = 6', 'write(1, "welcome to the fleet\n", 21) = 21', 'write(1, "oops\n", 5) = 5'
            # sh runs echo itself and cat in a child of its own.
            $written[0].ProcessId | Should -Be $hostRecords.Group[0].ProcessId
            $written[1].ProcessId | Should -Be $opened[0].ProcessId
            $written[1].ProcessId | Should -Not -Be $written[0].ProcessId
        }

        # As in a job: each line the program printed, from both hosts, as Write-Host output tagged with its stream.
        @($printed | Where-Object Tags -Contains 'StandardOutput' | ForEach-Object { "$($_.MessageData)" } | Sort-Object) |
            Should -Be 'hello', 'hello', 'welcome to the fleet', 'welcome to the fleet'
        @($printed | Where-Object Tags -Contains 'StandardError' | ForEach-Object { "$($_.MessageData)" }) | Should -Be 'oops', 'oops'
    }

    It 'hands each record on while the remote program still runs' {
        # The program waits (60 s at most) for a file that appears once the first record has reached this side: were
        # the trace held back until the program ended, it would give up and exit 1.
        $signal = Join-Path $scratch 'first-record-arrived'
        $wait = 'i=0; while [ ! -e "$0" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done; [ -e "$0" ]'
        $output = Invoke-Command @connection -HostName 127.0.0.1 {
            param($Script, $Signal)
            Start-TracedProcess sh -ArgumentList '-c', $Script, $Signal -Name execve
            "exit $LASTEXITCODE"
        } -ArgumentList $wait, $signal | ForEach-Object {
            if ($_ -isnot [string] -and -not (Test-Path -LiteralPath $signal)) { $null = New-Item -ItemType File -Path $signal }
            $_
        }
        $output[0].Text | Should -Match '^execve\(".*/sh", \["sh", "-c", '
        $output[-1] | Should -Be 'exit 0'
    }

    It 'brings the records back through Start-Job, their text intact' {
        $job = Start-Job {
            param($Connection, $File)
            Invoke-Command @Connection -HostName 127.0.0.1 { param($File) Start-TracedProcess cat $File -Name openat } -ArgumentList $File
        } -ArgumentList $connection, $motd
        try {
            $null = Wait-Job $job -Timeout 180
            $job.State | Should -Be 'Completed'
            $records = @(Receive-Job $job -InformationVariable printed -InformationAction SilentlyContinue -ErrorVariable failures -ErrorAction SilentlyContinue)
            $failures | Should -BeNullOrEmpty
            $opened = @($records | Where-Object Path -EQ $motd)
            $opened.Count | Should -Be 1
            $opened[0].Text | Should -Be "openat(AT_FDCWD, `"$motd`", O_RDONLY) = 3"
            # Start-Job tags what it passes on as its own (localhost), and does not show it.
            Assert-ShownAsAtHome $opened[0]
            @($printed | Where-Object Tags -Contains 'StandardOutput' | ForEach-Object { "$($_.MessageData)" }) | Should -Be 'welcome to the fleet'
        }
        finally {
            Remove-Job $job -Force
        }
    }

    It 'brings a cmdlet''s error back as an ErrorRecord with its id, and the session goes on' {
        $missing = Join-Path $scratch 'no-such-program'
        $output = Invoke-Command @connection -HostName 127.0.0.1 {
            param($Program)
            Start-TracedProcess $Program
            'after the error'
        } -ArgumentList $missing -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ProgramNotFound,Hatrace.Cmdlets.StartTracedProcessCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be $missing
        $failures[0].OriginInfo.PSComputerName | Should -Be '127.0.0.1'
        $output | Should -Be 'after the error'
    }

    It 'kills the remote program when the pipeline is stopped, as Ctrl+C or Stop-Job does' {
        # Ends by itself within a minute, should the stop not reach it.
        $job = Invoke-Command @connection -HostName 127.0.0.1 {
            Start-TracedProcess sh -ArgumentList '-c', 'i=0; while [ $i -lt 300 ]; do sleep 0.2; i=$((i + 1)); done' -Name execve
        } -AsJob
        try {
            # Receive-Job waits for the first record: the program runs, traced.
            $first = Receive-Job $job -Wait | Select-Object -First 1
            $first.Text | Should -Match '^execve\(".*/sh", \["sh", "-c", '
            Stop-Job $job
            $job.State | Should -Be 'Stopped'
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (($running = @(Get-RunProcess) -match "^$($first.ProcessId) ") -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
            $running | Should -BeNullOrEmpty
        }
        finally {
            Remove-Job $job -Force
        }
    }

    It 'stops sshd, leaving no process that the run started' {
        # What the check looks for is there to be seen: sshd, started from here.
        @(Get-RunProcess) -match "^$($sshd.Process.Id) " | Should -Not -BeNullOrEmpty
        & kill -TERM $sshd.Process.Id
        $stopped = $sshd.Process.WaitForExit(60000)
        $stopped | Should -BeTrue
        # The sessions' sshd and pwsh end as their connections close, which may be a moment after Invoke-Command returns.
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (($left = @(Get-RunProcess)).Count -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        # The log is complete once every process holding sshd's standard error has ended: wait for it only so long.
        $said = if ($sshd.Log.Wait(5000)) { $sshd.Log.Result } else { '(the log of sshd is still open)' }
        $left | Should -BeNullOrEmpty -Because "sshd said:`n$said"
    }
}
