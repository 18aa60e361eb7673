BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    $tiny = Get-TestProgram tiny
    # pwsh installs .NET's SIGCHLD handler once it has run a native command: trace as users will, after one.
    $null = & /bin/true
}

Describe 'Start-TracedProcess' {
    Context 'objects' {
        BeforeAll {
            $calls = @(Start-TracedProcess $tiny)
        }

        It 'writes one object per syscall, in order' {
            $calls.Name | Should -Be @('execve', 'write', 'openat', 'getpid', 'close', 'exit_group')
        }

        It 'gives each object the strace line as its text' {
            $calls[1].Text | Should -BeExactly 'write(1, "hello\n", 6) = 6'
            $calls[2].ToString() | Should -BeExactly 'openat(AT_FDCWD, "/nonexistent/hatrace", O_RDONLY) = -1 ENOENT (No such file or directory)'
            $calls[5].Text | Should -BeExactly 'exit_group(7) = ?'
        }

        It 'has flat properties to filter and group on' {
            $open = $calls | Where-Object Path -Like '/nonexistent/*'
            $open.Name | Should -Be 'openat'
            $open.Errno | Should -Be 'ENOENT'
            $open.Result | Should -Be -1
            $open.Arg0 | Should -Be -100
            $open.Arguments.ToString() | Should -BeExactly 'AT_FDCWD, "/nonexistent/hatrace", O_RDONLY'
            # Each decoded argument is a member named after the man page's parameter, with its typed value.
            $open.Arguments.pathname.Value | Should -BeExactly '/nonexistent/hatrace'
            $open.Arguments.dirfd.Value | Should -Be -100
            $open.Arguments.flags.Value.Number | Should -Be 0
            $open.Arguments.flags.Value.Names | Should -Be 'O_RDONLY'
            $open.Arguments.nosuch | Should -BeNullOrEmpty
            $calls[3].Result | Should -Be $calls[3].ProcessId
            $calls | ForEach-Object { $_.ThreadId | Should -Be $_.ProcessId }
            $calls[1].Timestamp | Should -BeOfType [datetime]
            $calls[1].Duration | Should -BeOfType [timespan]
            ($calls | Group-Object Name | Measure-Object).Count | Should -Be 6
        }

        It 'exports to CSV with the raw arguments as columns' {
            $csv = Join-Path $TestDrive 'trace.csv'
            $calls | Export-Csv -LiteralPath $csv
            $rows = Import-Csv -LiteralPath $csv
            $rows.Count | Should -Be 6
            $rows[1].Name | Should -Be 'write'
            $rows[1].Arg0 | Should -Be '1'
            $rows[1].Arg2 | Should -Be '6'
            $rows[2].Arguments | Should -BeExactly 'AT_FDCWD, "/nonexistent/hatrace", O_RDONLY'
            $rows[2].Errno | Should -Be 'ENOENT'
        }

        It 'shows a strace-like table by default' {
            $text = $calls | Out-String -Width 200
            $text | Should -Match ([regex]::Escape('write(1, "hello\n", 6) = 6'))
            $text | Should -Match 'PID'
        }
    }

    It 'sets $LASTEXITCODE to the exit code' {
        $null = Start-TracedProcess (Get-TestProgram exit_with) exit 3
        $LASTEXITCODE | Should -Be 3
        $null = Start-TracedProcess (Get-TestProgram exit_with) exit 0
        $LASTEXITCODE | Should -Be 0
    }

    It 'sets $LASTEXITCODE to 128 plus the signal that killed the program' {
        $null = Start-TracedProcess (Get-TestProgram exit_with) signal 15
        $LASTEXITCODE | Should -Be 143
    }

    It 'passes sh -c to the program: no parameter of the cmdlet starts with c' {
        $calls = @(Start-TracedProcess sh -c 'exit 7' -Name exit_group)
        $LASTEXITCODE | Should -Be 7
        $calls[-1].Arguments[0].Raw | Should -Be 7
    }

    It 'filters by name with wildcards, and decodes nothing else' {
        $calls = @(Start-TracedProcess $tiny -Name 'open*', 'GETPID')
        $calls.Name | Should -Be @('openat', 'getpid')
    }

    It 'truncates strings at -StringLength as strace -s does' {
        $write = Start-TracedProcess $tiny -Name write -StringLength 2
        $write.Text | Should -BeExactly 'write(1, "he"..., 6) = 6'
    }

    It 'writes process events with -IncludeProcessEvents' {
        $events = @(Start-TracedProcess $tiny -IncludeProcessEvents)
        $events[0] | Should -BeOfType ([Hatrace.Engine.Model.ProcessStartEvent])
        $events[1] | Should -BeOfType ([Hatrace.Engine.Model.ProcessExecEvent])
        $events[-1] | Should -BeOfType ([Hatrace.Engine.Model.ProcessExitEvent])
        $events[-1].Text | Should -Be '+++ exited with 7 +++'
        $events[-1].ExitCode | Should -Be 7
    }

    It 'reports a program that SIGKILL ends' {
        $events = @(Start-TracedProcess sh -ArgumentList '-c', 'kill -9 $$' -IncludeProcessEvents)
        $events[-1].Text | Should -Be '+++ killed by SIGKILL +++'
        $LASTEXITCODE | Should -Be 137
        Get-ProcessLeftBehind $events.ProcessId | Should -BeNullOrEmpty
    }

    It 'runs the program in -WorkingDirectory with -Environment' {
        Set-Content -LiteralPath (Join-Path $TestDrive 'probe.txt') -Value 'x'
        $opens = Start-TracedProcess sh -ArgumentList '-c', 'cat "$PROBE"' -WorkingDirectory $TestDrive -Environment @{ PROBE = 'probe.txt' } -Name openat |
            Where-Object Path -EQ 'probe.txt'
        $opens.Result | Should -BeGreaterOrEqual 0
    }

    It 'runs the program as -UserName, with the user''s groups, and refuses a user no one knows' {
        if ((id -u) -ne '0') { Set-ItResult -Skipped -Because 'taking another user''s identity needs root' }
        $calls = @(Start-TracedProcess id -UserName nobody -Name getuid, getgroups -RedirectStandardOutput (Join-Path $TestDrive 'id.txt'))
        ($calls | Where-Object Name -EQ getuid).Result | Should -Be 65534
        ($calls | Where-Object { $_.Name -eq 'getgroups' -and $_.Arg0 -gt 0 }).Text | Should -Be 'getgroups(1, [65534]) = 1'
        Get-Content -LiteralPath (Join-Path $TestDrive 'id.txt') | Should -Match '^uid=65534\(nobody\) '
        { Start-TracedProcess id -UserName no-such-user-hatrace -ErrorAction Stop } |
            Should -Throw -ErrorId 'UserNotFound,Hatrace.Cmdlets.StartTracedProcessCommand'
    }

    It 'starts a relative path from the current location' {
        Push-Location (Split-Path $tiny)
        try {
            (Start-TracedProcess ./tiny -Name getpid).Name | Should -Be 'getpid'
        }
        finally { Pop-Location }
    }

    It 'follows children and threads, each with its own ids' {
        $marks = Start-TracedProcess (Get-TestProgram family) -Name openat | Where-Object Path -Like '/nonexistent/hatrace/*'
        foreach ($mark in $marks) {
            $role, $processId, $threadId = (Split-Path $mark.Path -Leaf).Split('-')
            $mark.ProcessId | Should -Be $processId
            $mark.ThreadId | Should -Be $threadId
        }
        ($marks | ForEach-Object { (Split-Path $_.Path -Leaf).Split('-')[0] } | Sort-Object -Unique) |
            Should -Be @('exec', 'fork', 'main', 'thread', 'vfork')
    }

    Context 'bad input' {
        It 'writes an ObjectNotFound error for a missing program and starts nothing' {
            $out = Start-TracedProcess no-such-program-hatrace -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -Be 'ProgramNotFound,Hatrace.Cmdlets.StartTracedProcessCommand'
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].Exception.Message | Should -Match 'no-such-program-hatrace'
        }

        It 'refuses a directory with InvalidArgument' {
            Start-TracedProcess /tmp -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        }

        It 'stops on an unknown syscall name before starting anything' {
            { Start-TracedProcess $tiny -Name 'opne' } | Should -Throw -ErrorId 'UnknownSyscall,Hatrace.Cmdlets.StartTracedProcessCommand'
        }

        It 'rejects a negative -StringLength, naming it' {
            { Start-TracedProcess $tiny -StringLength -5 } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,Hatrace.Cmdlets.StartTracedProcessCommand' -ExpectedMessage '*-5*'
        }
    }

    Context 'ending early' {
        It 'returns from Select-Object -First 3 and leaves nothing behind' {
            $first = Start-TracedProcess sleep 30 | Select-Object -First 3
            $first.Count | Should -Be 3
            Get-ProcessState $first[0].ProcessId | Should -BeNullOrEmpty
            Get-ProcessLeftBehind $first.ProcessId | Should -BeNullOrEmpty
        }

        It 'stops on Ctrl+C (StopProcessing) and leaves nothing behind' {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$(Get-ModulePath)'; Start-TracedProcess sleep 30")
                $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
                $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
                $deadline = [datetime]::UtcNow.AddSeconds(20)
                while ($output.Count -lt 1 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
                $output.Count | Should -BeGreaterThan 0
                $ps.Stop()
                $handle.IsCompleted | Should -BeTrue
                $rootId = $output[0].ProcessId
                Get-ProcessState $rootId | Should -BeNullOrEmpty
                Get-ProcessLeftBehind $output.ProcessId | Should -BeNullOrEmpty
            }
            finally { $ps.Dispose() }
        }

        It 'leaves native commands working afterwards' {
            $null = Start-TracedProcess $tiny
            & sh -c 'exit 5'
            $LASTEXITCODE | Should -Be 5
            (Start-Process sh -ArgumentList '-c "exit 4"' -Wait -PassThru).ExitCode | Should -Be 4
        }
    }
}

Describe 'Get-Syscall' {
    It 'lists the x86_64 table by default' {
        $openat = Get-Syscall openat
        $openat.Number | Should -Be 257
        $openat.Arch | Should -Be 'X86_64'
        $openat.ArgumentCount | Should -Be 4
        $openat.Signature | Should -Match '^openat\(int dirfd, const char __user \*pathname, int flags, umode_t mode\)$'
        (Get-Syscall).Count | Should -BeGreaterThan 350
    }

    It 'reads the i386 table with -Arch' {
        (Get-Syscall getpid -Arch i386).Number | Should -Be 20
        (Get-Syscall socketcall -Arch i386).Number | Should -Be 102
    }

    It 'takes wildcards' {
        (Get-Syscall 'open*').Name | Should -Contain 'openat2'
    }

    It 'writes a non-terminating ObjectNotFound error for an unknown name, and goes on' {
        $found = Get-Syscall nosuchcall, getpid -ErrorVariable err -ErrorAction SilentlyContinue
        $found.Name | Should -Be 'getpid'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].FullyQualifiedErrorId | Should -Be 'UnknownSyscall,Hatrace.Cmdlets.GetSyscallCommand'
    }
}
