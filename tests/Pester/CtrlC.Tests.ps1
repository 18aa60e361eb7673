# Ctrl+C typed into a real terminal (tmux) while a long trace runs: the prompt comes back, and no process is left
# stopped or a zombie. And SIGINT as timeout(1) sends it, twice. The prompt is back when a command typed after Ctrl+C has run: it writes a marker file.
# No timing is asserted; each test waits up to a generous deadline and prints the latency it measured.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Hatrace = Get-HatracePath
    $script:Loop = Get-TestProgram getppid_loop
    $script:Sessions = 0

    # Waits until the test is true, up to the deadline; returns whether it became true.
    function Wait-Until([scriptblock] $Test, [int] $Seconds = 60) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Test)) {
            if ([DateTime]::UtcNow -gt $deadline) { return $false }
            Start-Sleep -Milliseconds 20
        }
        $true
    }

    # Runs the command line in a fresh tmux session, waits until the trace has begun (the tracee's pid is in the file),
    # types Ctrl+C and then the marker command, and returns the tracee's pid and how long the prompt took to return.
    function Invoke-CtrlC([string] $Shell, [string] $Command, [string] $PidFile, [string] $MarkerCommand, [string] $Marker) {
        # A server of its own for each test: kill-server returns before the server is gone, and a session started on
        # the same socket meanwhile died with it ("server exited unexpectedly").
        $script:Socket = "hatrace-ctrlc-$PID-$((++$script:Sessions))"
        & tmux -L $script:Socket new-session -d -x 200 -y 50 $Shell
        # Typed before the shell shows its prompt, the keys can be lost (PSReadLine starts after the first prompt).
        Wait-Until { (& tmux -L $script:Socket capture-pane -p) -match '[$#>] *$' } | Should -BeTrue -Because 'the shell starts'
        & tmux -L $script:Socket send-keys -l $Command
        & tmux -L $script:Socket send-keys Enter
        Wait-Until { (Test-Path $PidFile) -and (Get-Content $PidFile -Raw) -match '^\d+' } | Should -BeTrue -Because "the trace starts: $(& tmux -L $script:Socket capture-pane -p)"
        $tracee = [int]([regex]::Match((Get-Content $PidFile -Raw), '^\d+').Value)
        $typed = [Diagnostics.Stopwatch]::StartNew()
        & tmux -L $script:Socket send-keys C-c
        & tmux -L $script:Socket send-keys -l $MarkerCommand
        & tmux -L $script:Socket send-keys Enter
        Wait-Until { Test-Path $Marker } | Should -BeTrue -Because "the prompt comes back: $(& tmux -L $script:Socket capture-pane -p)"
        [pscustomobject]@{ Tracee = $tracee; Latency = $typed.Elapsed }
    }
}

Describe 'Ctrl+C in a terminal' -Skip:(-not (Get-Command tmux -ErrorAction Ignore)) {
    AfterEach {
        & tmux -L $script:Socket kill-server 2>$null
    }

    It 'returns hatrace to the shell prompt and leaves nothing stopped' {
        $trace = Join-Path $TestDrive 'trace'; $marker = Join-Path $TestDrive 'back'
        $result = Invoke-CtrlC sh "$script:Hatrace -f -o $trace $script:Loop 1000000000" $trace "echo back > $marker" $marker
        Write-Host "hatrace: prompt back $([int]$result.Latency.TotalMilliseconds) ms after Ctrl+C"
        Get-ProcessLeftBehind $result.Tracee | Should -BeNullOrEmpty
        Get-ProcessState $result.Tracee | Should -BeNullOrEmpty
    }

    It 'returns pwsh to its prompt from Start-TracedProcess and leaves nothing stopped' {
        $pidFile = Join-Path $TestDrive 'pid'; $marker = Join-Path $TestDrive 'back'
        # Under `dotnet pwsh` $PSHOME may hold only pwsh.dll.
        $pwsh = if (Test-Path (Join-Path $PSHOME 'pwsh')) { Join-Path $PSHOME 'pwsh' } else { "dotnet $(Join-Path $PSHOME 'pwsh.dll')" }
        $command = "Import-Module '$(Get-ModulePath)'; Start-TracedProcess $script:Loop 1000000000 | " +
            "ForEach-Object { if (-not `$n++) { `$_.ProcessId | Set-Content $pidFile } }"
        $result = Invoke-CtrlC "$pwsh -NoProfile" $command $pidFile "'back' | Set-Content $marker" $marker
        Write-Host "Start-TracedProcess: prompt back $([int]$result.Latency.TotalMilliseconds) ms after Ctrl+C"
        Get-ProcessLeftBehind $result.Tracee | Should -BeNullOrEmpty
        Get-ProcessState $result.Tracee | Should -BeNullOrEmpty
    }
}

Describe 'SIGINT twice, as timeout(1) sends it' {
    # timeout signals its child and then its own process group: an attached hatrace takes SIGINT twice. (The JIT build
    # took both before its handler ran, as one; the native build printed its report twice.)
    It 'reports the calls in progress once and leaves the program going on' {
        $start = [Diagnostics.ProcessStartInfo]::new((Get-TestProgram blocked_read), '3000')
        $start.RedirectStandardOutput = $true
        $program = [Diagnostics.Process]::Start($start)
        try {
            # It says so just before it blocks in read; its child ends the read 3 s after it started.
            $program.StandardOutput.ReadLine() | Should -Be 'ready'
            $messages = @(& timeout -k 10 -s INT 1 $script:Hatrace -p $program.Id 2>&1 | ForEach-Object { "$_" })
            $reported = @($messages -match '<in progress for ')
            $reported.Count | Should -Be 1 -Because ($messages -join "`n")
            $reported[0] | Should -Match "^\[pid +$($program.Id)\] read\(3,  <in progress for \d+\.\d{3} s>$"
            $messages | Should -Contain "hatrace: Process $($program.Id) detached"
            $program.WaitForExit(20000) | Should -BeTrue -Because 'the program goes on once hatrace detached'
            $program.ExitCode | Should -Be 0
        }
        finally {
            if (-not $program.HasExited) { $program.Kill($true) }
            $program.Dispose()
        }
    }
}
