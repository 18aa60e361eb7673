# The outputs of a trace beyond the objects themselves: JSON Lines files (Export-SyscallTrace, Import-SyscallTrace),
# strace -c's summary (Measure-Syscall), diffs of two traces (Compare-SyscallTrace) and the process tree
# (Get-TracedProcessTree).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    $tiny = Get-TestProgram tiny
    $oddBytes = Get-TestProgram odd_bytes
    # pwsh installs .NET's SIGCHLD handler once it has run a native command: trace as users will, after one.
    $null = & /bin/true
}

Describe 'Export-SyscallTrace and Import-SyscallTrace' {
    BeforeAll {
        $file = Join-Path ([IO.Path]::GetTempPath()) "hatrace-outputs-$PID.jsonl"
        $live = @(Start-TracedProcess sh -c "$oddBytes; ls / >/dev/null" -IncludeProcessEvents | Export-SyscallTrace $file -PassThru)
        $imported = @(Import-SyscallTrace $file)
    }
    AfterAll { Remove-Item -LiteralPath $file -ErrorAction Ignore }

    It 'writes one line of JSON per event, each a valid object' {
        $lines = @(Get-Content -LiteralPath $file)
        $lines.Count | Should -Be $live.Count
        ($lines | ConvertFrom-Json).Count | Should -Be $live.Count
    }

    It 'reads back events of the live types that print the same text' {
        $imported.Count | Should -Be $live.Count
        $imported.ForEach({ $_.GetType().Name }) | Should -Be $live.ForEach({ $_.GetType().Name })
        $imported.Text | Should -Be $live.Text
        $imported.ProcessId | Should -Be $live.ProcessId
    }

    It 'reads back events that filter like the live ones' {
        $filter = { $_ -is [Hatrace.Engine.Model.SyscallEvent] -and $_.Errno -eq 'ENOENT' -and $_.Path -like '/nonexistent/*' }
        @($imported | Where-Object $filter).Text | Should -Be @($live | Where-Object $filter).Text
        $write = { $_.Name -eq 'write' -and $_.Arguments.fd.Value -eq 4 }
        ($imported | Where-Object $write).Result | Should -Be 8
        ($imported | Where-Object $write).Arguments.buf.Value | Should -Be ($live | Where-Object $write).Arguments.buf.Value
        ($imported | Where-Object Name -EQ 'pipe2').Arguments.pipefd.Value | Should -Be ($live | Where-Object Name -EQ 'pipe2').Arguments.pipefd.Value
    }

    It 'says which line of a file is not an event' {
        $bad = Join-Path ([IO.Path]::GetTempPath()) "hatrace-bad-$PID.jsonl"
        try {
            Set-Content -LiteralPath $bad -Value @((Get-Content -LiteralPath $file -TotalCount 1), '{"type":"nonsense"}')
            $events = @(Import-SyscallTrace $bad -ErrorVariable failed -ErrorAction SilentlyContinue)
            $events.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'TraceFileInvalid,*'
            $failed[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $failed[0].Exception.Message | Should -BeLike '*Line 2*'
        }
        finally { Remove-Item -LiteralPath $bad -ErrorAction Ignore }
    }

    It 'stops the trace with a WriteError when the file cannot be written, and leaves nothing behind' {
        $script:seen = [Collections.Generic.HashSet[int]]::new()
        # The program would run for ever: the error must end it.
        $err = { Start-TracedProcess sh -c 'while :; do ls / >/dev/null; done' |
                ForEach-Object { $null = $script:seen.Add($_.ProcessId); $_ } | Export-SyscallTrace /dev/full } |
            Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'TraceFileNotWritable,*'
        $err.CategoryInfo.Category | Should -Be 'WriteError'
        $err.Exception.Message | Should -BeLike '*No space left on device*'
        Get-ProcessLeftBehind $script:seen | Should -BeNullOrEmpty
        $running = foreach ($id in $script:seen) {
            foreach ($attempt in 1..50) { if (-not (Get-ProcessState $id)) { break }; Start-Sleep -Milliseconds 100 }
            Get-ProcessState $id
        }
        $running | Should -BeNullOrEmpty
    }

    It 'reports a file that is not there as not found' {
        Import-SyscallTrace /nonexistent/trace.jsonl -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'hatrace --json read by Import-SyscallTrace' {
    It 'reads back every event of the file, with the text the file gives for it' {
        $hatrace = Get-HatracePath
        $file = Join-Path ([IO.Path]::GetTempPath()) "hatrace-cli-$PID.jsonl"
        try {
            & $hatrace --json -f -o $file sh -c "$tiny; true" > $null
            $lines = @(Get-Content -LiteralPath $file)
            $imported = @(Import-SyscallTrace $file)
            $imported.Count | Should -Be $lines.Count
            $imported.Text | Should -Be @($lines | ConvertFrom-Json).text
            ($imported | Where-Object Name -EQ 'write').Arguments.buf.Value.Bytes | Should -Be ([Text.Encoding]::ASCII.GetBytes("hello`n"))
            ($imported | Where-Object { $_ -is [Hatrace.Engine.Model.ProcessExitEvent] }).Count | Should -Be 2
        }
        finally { Remove-Item -LiteralPath $file -ErrorAction Ignore }
    }
}

Describe 'Start-TracedProcess -ExcludeRuntimeNoise' {
    It 'leaves out futex and the other runtime chatter, and nothing else' {
        $futex = Get-TestProgram process_futex
        $all = @(Start-TracedProcess $futex)
        $quiet = @(Start-TracedProcess $futex -ExcludeRuntimeNoise)
        $all.Name | Should -Contain 'futex'
        $quiet.Name | Should -Not -Contain 'futex'
        $quiet.Name | Should -Contain 'write'
        $quiet.Name | Should -Be @($all.Name | Where-Object { $_ -notin 'futex', 'rt_sigprocmask' })
    }
}

Describe 'Measure-Syscall' {
    BeforeAll {
        $calls = @(Start-TracedProcess sh -c 'ls / >/dev/null' -IncludeProcessEvents | Where-Object { $_ -is [Hatrace.Engine.Model.SyscallEvent] })
        $rows = @($calls | Measure-Syscall)
        $total = $rows[-1]
    }

    It 'ends with a total row equal to the records counts' {
        $total.Name | Should -Be 'total'
        $total.Calls | Should -Be $calls.Count
        $total.Errors | Should -Be @($calls | Where-Object Errno).Count
        ($rows[0..($rows.Count - 2)] | Measure-Object Calls -Sum).Sum | Should -Be $calls.Count
    }

    It 'counts each syscall as Group-Object does' {
        $groups = $calls | Group-Object Name
        foreach ($group in $groups) {
            ($rows | Where-Object Name -EQ $group.Name).Calls | Should -Be $group.Count
        }
        $rows.Count | Should -Be ($groups.Count + 1)
    }

    It 'sorts the calls by time, most first' {
        $times = $rows[0..($rows.Count - 2)].TotalTime
        $times | Should -Be ($times | Sort-Object -Descending)
        [Math]::Round(($rows[0..($rows.Count - 2)] | Measure-Object Percent -Sum).Sum) | Should -Be 100
    }

    It 'sums system time with -SystemTime, as strace -c does: a sleep takes next to none, a read of random bytes most' {
        $traced = @(Start-TracedProcess sh -c 'sleep 0.3; dd if=/dev/urandom of=/dev/null bs=32M count=1 status=none' -SystemTime)
        $traced.SystemTime | Should -Not -BeNullOrEmpty
        $system = @($traced | Measure-Syscall -SystemTime)
        ($system | Where-Object Name -EQ clock_nanosleep).TotalTime | Should -BeLessThan ([timespan]::FromSeconds(0.1))
        ($system | Where-Object Name -EQ read).TotalTime | Should -BeGreaterThan ([timespan]::Zero)
        ($traced | Measure-Syscall | Where-Object Name -EQ clock_nanosleep).TotalTime | Should -BeGreaterOrEqual ([timespan]::FromSeconds(0.3))
    }

    It 'refuses to sum system time that was not measured' {
        { $calls | Measure-Syscall -SystemTime } | Should -Throw -ErrorId 'SystemTimeNotMeasured,Hatrace.Cmdlets.MeasureSyscallCommand'
    }
}

Describe 'Compare-SyscallTrace' {
    It 'finds no difference between two traces of one program' {
        $first = @(Start-TracedProcess sh -c 'ls / >/dev/null' -IncludeProcessEvents)
        $second = @(Start-TracedProcess sh -c 'ls / >/dev/null' -IncludeProcessEvents)
        @(Compare-SyscallTrace $first $second) | Should -HaveCount 0
        @(Compare-SyscallTrace $first $second -IncludeEqual).SideIndicator | Sort-Object -Unique | Should -Be '=='
    }

    It 'shows the lines only one program made, on its side' {
        $differences = @(Compare-SyscallTrace (Start-TracedProcess $tiny) (Start-TracedProcess /bin/true))
        $differences.Count | Should -BeGreaterThan 0
        ($differences | Where-Object SideIndicator -EQ '<=').Text | Should -Contain 'pid1 write(1, "hello\n", 6) = 6'
        ($differences | Where-Object SideIndicator -EQ '=>').Text | Should -Contain 'pid1 exit_group(0) = ?'
    }

    It 'takes the difference trace from the pipeline' {
        $reference = @(Start-TracedProcess $tiny)
        @(Start-TracedProcess $tiny | Compare-SyscallTrace $reference) | Should -HaveCount 0
    }
}

Describe 'Get-TracedProcessTree' {
    BeforeAll {
        $tree = @(Start-TracedProcess sh -c 'ls; true' -IncludeProcessEvents | Get-TracedProcessTree)
    }

    It 'puts the shell at the root with the command line it ran' {
        $tree[0].Depth | Should -Be 0
        $tree[0].Parent | Should -BeNullOrEmpty
        $tree[0].Arguments | Should -Be @('sh', '-c', 'ls; true')
        $tree[0].ExitStatus | Should -Be 0
    }

    It 'puts ls under the shell that forked it, with its exit status' {
        $ls = $tree | Where-Object CommandName -EQ 'ls'
        $ls.Parent | Should -Be $tree[0]
        $ls.Depth | Should -Be 1
        $ls.Executable | Should -BeLike '*/ls'
        $ls.ExitStatus | Should -Be 0
        $tree[0].Children | Should -Contain $ls
    }

    It 'shows each process indented under its parent, with its exit status and command line' {
        $view = @(($tree | Out-String -Width 200) -split "`n" | ForEach-Object TrimEnd)
        $ls = $tree | Where-Object CommandName -EQ 'ls'
        @($view | Where-Object { $_ -match "^$($tree[0].ProcessId)\s+0\s+sh -c 'ls; true'$" }) | Should -HaveCount 1
        @($view | Where-Object { $_ -match "^  $($ls.ProcessId)\s+0\s+ls$" }) | Should -HaveCount 1
    }

    It 'says so when the input holds no process events' {
        Start-TracedProcess $tiny | Get-TracedProcessTree -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'NoProcessEvents,*'
    }
}
