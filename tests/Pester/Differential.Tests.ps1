# The differential suite: strace and hatrace, same options, same deterministic commands and test programs;
# records paired and compared after normalising pids, addresses, times, inodes and ephemeral ports.
# It prints the match percentages per family, and fails below the thresholds set here.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    # Output goes to /dev/null inside the commands, so that no program behaves differently on a terminal.
    $script:Scenarios = @(
        @{ Name = 'true'; Command = @('/bin/true') }
        @{ Name = 'ls -la'; Command = @('sh', '-c', 'ls -la /usr/share/doc > /dev/null') }
        @{ Name = 'cat'; Command = @('sh', '-c', 'cat /etc/os-release > /dev/null') }
        @{ Name = 'shell pipeline'; Command = @('sh', '-c', 'echo one > /dev/null; /bin/true; echo two | cat > /dev/null') }
        @{ Name = 'exit 3'; Command = @((Get-TestProgram exit_with), 'exit', '3') }
        @{ Name = 'SIGTERM death'; Command = @((Get-TestProgram exit_with), 'signal', '15') }
        @{ Name = 'SIGSEGV handler'; Command = @((Get-TestProgram segv_handler)) }
        # Two processes signal each other: which SIGCHLD merges with the next, and whether SIGCONT lands before
        # the tracer has answered the group-stop, is timing, whoever traces. Its floor is lower.
        @{ Name = 'job control'; Command = @((Get-TestProgram job_control)); Floor = 0.85 }
        # Descriptors described by their paths, then by everything strace knows of them.
        @{ Name = 'fd_paths -y'; Command = @((Get-TestProgram fd_paths)); Options = @('-f', '-y') }
        @{ Name = 'fd_paths -yy'; Command = @((Get-TestProgram fd_paths)); Options = @('-f', '-yy') }
        # Everyday commands, and the README tour's: every argument as strace prints it (Exact).
        @{ Name = 'ls > f; wc -l < f'; Command = @('sh', '-c', 'cd /tmp && ls / > hatrace-differential-f; wc -l < hatrace-differential-f > /dev/null; rm hatrace-differential-f'); Exact = $true }
        @{ Name = 'gzip -c'; Command = @('sh', '-c', 'exec gzip -c /etc/passwd > /dev/null'); Exact = $true }
        @{ Name = 'sort'; Command = @('sh', '-c', 'exec sort /etc/passwd > /dev/null'); Exact = $true }
        @{ Name = 'tar -cf -'; Command = @('sh', '-c', 'exec tar -cf - -C /etc passwd group > /dev/null'); Exact = $true }
        @{ Name = 'cat /etc/passwd'; Command = @('cat', '/etc/passwd'); Exact = $true }
        @{ Name = 'ls /'; Command = @('sh', '-c', 'exec ls / > /dev/null'); Exact = $true }
    ) + @(
        # A container tool's first steps (a user namespace, its id maps, prctl), where this machine lets users make one.
        if ((Get-Command unshare -ErrorAction Ignore) -and $(unshare -r true 2>$null; $LASTEXITCODE -eq 0)) {
            @{ Name = 'unshare -r true'; Command = @('unshare', '-r', 'true'); Exact = $true }
        }
    ) + @(
        # The README tour's files, where this machine has them.
        foreach ($file in '/etc/hostname', '/etc/services') {
            if (Test-Path -LiteralPath $file) { @{ Name = "cat $file"; Command = @('sh', '-c', "exec cat $file > /dev/null"); Exact = $true } }
        }
    ) + @(foreach ($program in 'tiny', 'decode_cases', 'vector_calls', 'files_calls', 'memory_calls', 'process_calls', 'signals_calls', 'network_calls', 'poll_calls', 'time_calls') {
        if (Test-Path -LiteralPath (Get-TestProgram $program)) { @{ Name = $program; Command = @((Get-TestProgram $program)) } }
    })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    Import-Module (Join-Path $PSScriptRoot '../Differential/StraceDiff.psm1') -Force
    $script:Hatrace = Get-HatracePath
    $script:Rows = [System.Collections.Generic.List[object]]::new()
}

Describe 'hatrace against strace, record by record' {
    It 'traces <Name> as strace does' -ForEach $Scenarios {
        $rows = @(Invoke-StraceDiff -Hatrace $Hatrace -Command $Command -Options ($Options ?? @('-f')) -Scenario $Name -WorkDirectory $TestDrive)
        $script:Rows.AddRange($rows)
        $rows.Count | Should -BeGreaterThan 0
        # Every scenario on its own must at least see the same calls with the same results.
        $matched = @($rows | Where-Object NameResult).Count / $rows.Count
        $missed = $rows | Where-Object { -not $_.NameResult } | Select-Object -First 5 | ForEach-Object { "$($_.Expected.Text)  <>  $(${_}.Actual.Text)" }
        $matched | Should -BeGreaterOrEqual ($Floor ?? 0.95) -Because ($missed -join "`n")
        if ($Exact) {
            # Where a shell waits for its child, which of the two runs first decides whether SIGCHLD cuts the wait:
            # that is timing whoever traces, and left out here (the floor above still counts it).
            $different = $rows | Where-Object { -not $_.FullText -and $_.Expected.Name -notin 'signal', 'rt_sigreturn', 'wait4' } |
                ForEach-Object { "$($_.Expected.Text)  <>  $(${_}.Actual.Text)" }
            $different | Should -BeNullOrEmpty -Because 'every argument of an everyday command prints as strace prints it'
        }
    }

    It 'matches at least the thresholds over all scenarios' {
        $table = Measure-StraceDiff $script:Rows
        Write-Host ($table | Format-Table -AutoSize | Out-String)
        $all = $table | Where-Object Family -EQ 'ALL'
        # The issue's aim is 99 and 95. Both are measured over every scenario of one run; what is left below 100 is
        # signal timing (which of two processes a SIGCHLD reaches first).
        $all.'Name+result' | Should -BeGreaterOrEqual 99
        $all.'Full text' | Should -BeGreaterOrEqual 97
    }
}
