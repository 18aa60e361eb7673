# The eBPF backend through the cmdlets: the same objects as ptrace, what it cannot do refused, lost records reported,
# and attaching never stops or traces the process. Skipped, with the reason, where this user cannot load BPF programs.
BeforeDiscovery {
    # New-SyscallFault makes the test cases.
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModulePath) -Force
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    $null = & /bin/true
    # Asked of the backend itself, not guessed from the user id: root without BTF, or a user with CAP_BPF, differ.
    $null = Start-TracedProcess -Backend Ebpf /bin/true -ErrorVariable probeFailure -ErrorAction SilentlyContinue
    $noBpf = if ($probeFailure) { "the eBPF backend cannot run here: $($probeFailure[0])" } else { '' }
    $isRoot = (id -u) -eq '0'

    # How many items two sequences have in common, in order (their longest common subsequence).
    function Get-CommonLength([string[]] $Reference, [string[]] $Difference) {
        $previous = [int[]]::new($Difference.Count + 1)
        foreach ($item in $Reference) {
            $current = [int[]]::new($Difference.Count + 1)
            for ($j = 0; $j -lt $Difference.Count; $j++) {
                $current[$j + 1] = if ($item -ceq $Difference[$j]) { $previous[$j] + 1 } else { [math]::Max($previous[$j + 1], $current[$j]) }
            }
            $previous = $current
        }
        $previous[$Difference.Count]
    }

    # The root process's calls as name=result, the pid it runs as put aside (getpid and the like return it).
    function Get-RootCalls([object[]] $Trace) {
        $root = ($Trace | Where-Object { $_ -is [Hatrace.Engine.Model.SyscallEvent] } | Select-Object -First 1).ProcessId
        $Trace | Where-Object { $_ -is [Hatrace.Engine.Model.SyscallEvent] -and $_.ProcessId -eq $root } |
            ForEach-Object { "$($_.Name)=$(if ($_.Result -eq $root) { 'pid' } else { $_.Result })" }
    }

    $loop = Join-Path $TestDrive 'getppid_loop'
    & cc -O2 -o $loop (Join-Path $PSScriptRoot '../programs/getppid_loop.c')
}

Describe 'Start-TracedProcess -Backend Ebpf' {
    BeforeEach {
        if ($noBpf) { Set-ItResult -Skipped -Because $noBpf }
    }

    It 'writes the calls ptrace writes, with the same names and results' {
        # setarch -R: ls runs without address randomisation, so its mmap and brk return the same addresses under both
        # backends; setarch's own few before its execve (about 25 of 4700 calls) do not.
        $out = Join-Path $TestDrive 'ls.txt'
        $traces = foreach ($backend in 'Ptrace', 'Ebpf') {
            , @(Get-RootCalls @(Start-TracedProcess -Backend $backend -RedirectStandardOutput $out setarch -ArgumentList '-R', 'ls', '-la', '/etc', '/usr/bin'))
        }
        $ptrace, $ebpf = $traces
        $ptrace.Count | Should -BeGreaterThan 200
        $common = Get-CommonLength $ptrace $ebpf
        $common / [math]::Max($ptrace.Count, $ebpf.Count) | Should -BeGreaterOrEqual 0.99 -Because (
            Compare-Object $ptrace $ebpf | Select-Object -First 10 | Out-String)
    }

    It 'decodes the path openat opened into .Arguments.pathname.Value' {
        $file = Join-Path $TestDrive 'opened by cat.txt'
        Set-Content -LiteralPath $file -Value 'text'
        $calls = @(Start-TracedProcess -Backend Ebpf -Name openat -RedirectStandardOutput /dev/null cat $file)
        $open = $calls | Where-Object Path -EQ $file
        $open | Should -HaveCount 1
        $open.Arguments.pathname.Value | Should -BeExactly $file
        $open.Result | Should -BeGreaterOrEqual 0
        $open.Text | Should -Match "^openat\(AT_FDCWD, `"$([regex]::Escape($file))`", O_RDONLY\) = \d+$"
    }

    It 'reports <Command> ending as ptrace does' -ForEach @(
        @{ Command = 'exit 3'; Code = 3; Signal = $null }
        @{ Command = 'kill -TERM $$'; Code = 143; Signal = 'SIGTERM' }
    ) {
        $exits = foreach ($backend in 'Ptrace', 'Ebpf') {
            $exit = Start-TracedProcess -Backend $backend -IncludeProcessEvents sh -c $Command |
                Where-Object { $_ -is [Hatrace.Engine.Model.ProcessExitEvent] } | Select-Object -Last 1
            [pscustomobject]@{ LastExitCode = $LASTEXITCODE; ExitStatus = $exit.ExitStatus; ExitCode = $exit.ExitCode; Signal = $exit.SignalName; Text = $exit.Text }
        }
        $exits[1].LastExitCode | Should -Be $Code
        $exits[1].Signal | Should -Be $Signal
        ($exits[1] | ConvertTo-Json) | Should -Be ($exits[0] | ConvertTo-Json)
    }

    It 'warns about lost records, and with -IncludeProcessEvents writes them; the counts add up' {
        $trace = @(Start-TracedProcess -Backend Ebpf -BufferSize 4KB -Name getppid -IncludeProcessEvents $loop 200000 -WarningVariable warnings -WarningAction SilentlyContinue)
        $lost = @($trace | Where-Object { $_ -is [Hatrace.Engine.Model.RecordsLostEvent] })
        $calls = @($trace | Where-Object { $_ -is [Hatrace.Engine.Model.SyscallEvent] })
        # 4 KB holds a few dozen records: a reader in another process cannot keep up with a loop of 200000 calls.
        $lost.Count | Should -BeGreaterThan 0
        $warnings.Count | Should -Be $lost.Count
        $warnings[0] | Should -BeLike "Process $($lost[0].ProcessId): $($lost[0].Calls) call* lost: the eBPF ring buffer was full*-BufferSize*"
        $calls.Count + ($lost | Measure-Object Calls -Sum).Sum | Should -Be 200000
        $lost[0].Text | Should -Match '^\+\+\+ lost \d+ calls?'

        # Nothing downstream trips on them.
        ($trace | Measure-Syscall | Where-Object Name -EQ getppid).Calls | Should -Be $calls.Count
        @($trace | Get-TracedProcessTree).Count | Should -Be 1
        $file = Join-Path $TestDrive 'lossy.jsonl'
        $trace | Export-SyscallTrace -Path $file
        $imported = @(Import-SyscallTrace -Path $file)
        @($imported | Where-Object { $_ -is [Hatrace.Engine.Model.RecordsLostEvent] }).Calls | Should -Be $lost.Calls
        Compare-SyscallTrace $trace $imported | Should -BeNullOrEmpty
        ($lost | Out-String -Width 200) | Should -Match "\s$($lost[0].ProcessId) \+\+\+ lost"
    }

    It 'takes PowerShell''s size literals for -BufferSize, from 4KB' {
        { Start-TracedProcess -Backend Ebpf -BufferSize 64MB /bin/true } | Should -Not -Throw
        { Start-TracedProcess -Backend Ebpf -BufferSize 4KB /bin/true } | Should -Not -Throw
        { Start-TracedProcess -Backend Ebpf -BufferSize 1KB /bin/true } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Hatrace.Cmdlets.StartTracedProcessCommand'
    }
}

Describe 'What the eBPF backend cannot do' {
    It 'refuses <Parameter> before anything starts, naming the ptrace backend' -ForEach @(
        @{ Parameter = '-OnSyscall'; Arguments = @{ OnSyscall = { } } }
        @{ Parameter = '-OnEnter'; Arguments = @{ OnEnter = { } } }
        @{ Parameter = '-Fault'; Arguments = @{ Fault = New-SyscallFault -Name openat -Errno ENOENT } }
        @{ Parameter = '-ReportInProgressAfter'; Arguments = @{ ReportInProgressAfter = '00:00:01' } }
        @{ Parameter = '-SystemTime'; Arguments = @{ SystemTime = $true } }
    ) {
        $marker = Join-Path $TestDrive 'ran'
        $failure = { Start-TracedProcess -Backend Ebpf @Arguments touch $marker } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -Be 'BackendConflict,Hatrace.Cmdlets.StartTracedProcessCommand'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.Exception.Message | Should -BeLike "$Parameter*-Backend Ptrace*"
        $marker | Should -Not -Exist
        # A process that is gone: were the refusal missing, this would say ProcessNotFound without throwing.
        $gone = [Diagnostics.Process]::Start('/bin/true')
        $gone.WaitForExit()
        { Trace-Process -Backend Ebpf @Arguments -Id $gone.Id } | Should -Throw -ErrorId 'BackendConflict,Hatrace.Cmdlets.TraceProcessCommand'
    }

    It 'refuses -BufferSize with the ptrace backend, which has no ring buffer' {
        { Start-TracedProcess -BufferSize 16MB /bin/true } | Should -Throw -ErrorId 'BackendConflict,Hatrace.Cmdlets.StartTracedProcessCommand'
    }

    It 'says PermissionDenied without CAP_BPF, CAP_PERFMON and CAP_SYS_ADMIN' {
        if (-not $isRoot -and -not $noBpf) { Set-ItResult -Skipped -Because 'this user has the capabilities and cannot drop them for a child' }
        if ($isRoot -and -not (Get-Command capsh -ErrorAction Ignore)) { Set-ItResult -Skipped -Because 'capsh (libcap2-bin) is not installed to drop the capabilities' }
        if (-not $isRoot -and $noBpf -notmatch 'PermissionDenied') { Set-ItResult -Skipped -Because "the backend fails here for another reason: $noBpf" }
        # Root drops them for a child pwsh; another user has them not (else the probe above worked and this is skipped).
        $command = "Import-Module '$((Get-ModulePath).Replace("'", "''"))'; Start-TracedProcess -Backend Ebpf /bin/true -ErrorVariable e -ErrorAction SilentlyContinue; " +
            '$e[0].FullyQualifiedErrorId; $e[0].CategoryInfo.Category; $e[0].Exception.Message'
        $pwsh = Join-Path $PSHOME 'pwsh'
        $said = if ($isRoot) {
            & capsh --drop=cap_bpf,cap_perfmon,cap_sys_admin -- -c '"$0" -NoProfile -NonInteractive -Command "$1"' $pwsh $command
        }
        else { & $pwsh -NoProfile -NonInteractive -Command $command }
        $said[0] | Should -Be 'TracePermissionDenied,Hatrace.Cmdlets.StartTracedProcessCommand'
        $said[1] | Should -Be 'PermissionDenied'
        $said[2] | Should -Match 'CAP_BPF'
    }
}

Describe 'Trace-Process -Backend Ebpf' {
    BeforeEach {
        if ($noBpf) { Set-ItResult -Skipped -Because $noBpf }
    }

    It 'sees the calls of a running process and never stops or traces it' {
        $target = Start-AttachTarget
        try {
            $job = Start-ThreadJob {
                param($Module, $Id)
                Import-Module $Module
                Trace-Process -Backend Ebpf -Id $Id -Name getppid -Duration '00:00:02'
            } -ArgumentList (Get-ModulePath), $target.Id
            # Sampled while the trace runs: with ptrace attached, TracerPid is set and a thread is in t at each call.
            $states = while ($job.State -in 'NotStarted', 'Running') {
                foreach ($task in Get-ChildItem "/proc/$($target.Id)/task") {
                    $status = Get-Content -Raw "$($task.FullName)/status" -ErrorAction Ignore
                    if ($status -match 'State:\s+(\S)' ) { $Matches[1] }
                    if ($status -match 'TracerPid:\s+(\d+)' -and $Matches[1] -ne '0') { "traced by $($Matches[1])" }
                }
                Start-Sleep -Milliseconds 20
            }
            $calls = @($job | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop)
            $states.Count | Should -BeGreaterThan 20
            $states | Sort-Object -Unique | Should -BeIn 'R', 'S'
            # A call every 5 ms for 2 s.
            $calls.Count | Should -BeGreaterThan 50
            $calls.Name | Sort-Object -Unique | Should -Be 'getppid'
            $calls | ForEach-Object { $_.Result | Should -Be $target.Shell.Id }
            Get-Content -Raw "/proc/$($target.Id)/status" | Should -Match 'State:\s+[RS].*\n(.*\n)*TracerPid:\s+0\n'
        }
        finally {
            kill -TERM $target.Id
            $target.Shell.WaitForExit(10000) | Should -BeTrue
        }
        $target.Shell.ExitCode | Should -Be 0
        Get-ProcessLeftBehind $target.Id | Should -BeNullOrEmpty
    }

    It 'sees the calls of a process another tracer holds' {
        if (-not (Get-Command strace -ErrorAction Ignore)) { Set-ItResult -Skipped -Because 'strace is not installed' }
        $target = Start-AttachTarget
        $strace = [Diagnostics.Process]::Start('strace', "-q -o /dev/null -p $($target.Id)")
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while ((Get-Content -Raw "/proc/$($target.Id)/status") -match 'TracerPid:\s+0\n' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            Get-Content -Raw "/proc/$($target.Id)/status" | Should -Match "TracerPid:\s+$($strace.Id)\n"
            $calls = @(Trace-Process -Backend Ebpf -Id $target.Id -Name getppid -Count 5)
            $calls.Count | Should -Be 5
        }
        finally {
            kill -TERM $strace.Id
            $strace.WaitForExit()
            kill -TERM $target.Id
            $null = $target.Shell.WaitForExit(10000)
        }
    }
}

AfterAll {
    # No BPF program, link or map of these tests outlives them. Looked for among this process's descriptors, not with
    # bpftool: other processes on the machine may trace with eBPF meanwhile.
    (Get-ChildItem "/proc/$PID/fd").LinkTarget | Where-Object { $_ -match '^anon_inode:bpf' } | Should -BeNullOrEmpty
}
