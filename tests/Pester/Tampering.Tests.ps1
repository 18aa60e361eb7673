# Issue 4's acceptance scenarios: change what a traced program sees, by hooks, fault rules and sweeps, on small
# C programs of tests/programs, and check what the program did about it (its files, output and exit code).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    $null = & /bin/true
    $writer = Get-TestProgram fault_writer
    $connector = Get-TestProgram fault_connect
    $reader = Get-TestProgram fault_reader
    $identity = Get-TestProgram fault_identity
    $careful = Get-TestProgram sweep_careful
    $careless = Get-TestProgram sweep_careless
}

Describe 'Fault rules' {
    BeforeEach {
        $dir = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "hatrace-$([guid]::NewGuid())")).FullName
    }
    AfterEach {
        Remove-Item -LiteralPath $dir -Recurse -Force
    }

    It 'kills a non-atomic writer at its 3rd write to a *.o file, leaving a truncated file' {
        $target = Join-Path $dir 'main.o'
        $kill = New-SyscallFault -Name write -Kill -When 3 -Path '*.o'
        $calls = @(Start-TracedProcess $writer direct $target 5 -Fault $kill -Name write)
        $LASTEXITCODE | Should -Be (128 + 9)
        Get-Content -LiteralPath $target | Should -Be @('chunk 00', 'chunk 01')
        $calls.Count | Should -Be 3
        $calls[2].Tampered | Should -BeTrue
        $calls[2].IsUnfinished | Should -BeTrue
        Get-ProcessLeftBehind $calls[0].ProcessId | Should -BeNullOrEmpty
    }

    It 'kills an atomic writer at the same point, leaving no target file' {
        $target = Join-Path $dir 'main.o'
        # The writes go to main.o.tmp: the rule names the temporary file's pattern too.
        $kill = New-SyscallFault -Name write -Kill -When 3 -Path '*.o.tmp'
        $null = Start-TracedProcess $writer atomic $target 5 -Fault $kill
        $LASTEXITCODE | Should -Be (128 + 9)
        Test-Path -LiteralPath $target | Should -BeFalse
    }

    It 'fails the 3rd write with ENOSPC: the program reports it and exits non-zero, and the call did not run' {
        $target = Join-Path $dir 'out.txt'
        $enospc = New-SyscallFault -Name write -Errno ENOSPC -When 3
        $calls = @(Start-TracedProcess $writer direct $target 5 -Fault $enospc -Name write)
        $LASTEXITCODE | Should -Be 1
        $failed = $calls | Where-Object Tampered
        @($failed).Count | Should -Be 1
        $failed.Errno | Should -Be 'ENOSPC'
        $failed.Text | Should -Match '= -1 ENOSPC \(No space left on device\) \(INJECTED\)$'
        $failed.OriginalResult | Should -BeNullOrEmpty
        # Skipped at entry: the data never reached the file.
        Get-Content -LiteralPath $target | Should -Be @('chunk 00', 'chunk 01')
        # perror's message follows, on stderr.
        ($calls | Where-Object { $_.Arg0 -eq 2 }).Text | Should -Match 'No space left on device'
    }

    It 'refuses a connect to a loopback port that is listening' {
        $refuse = New-SyscallFault -Name connect -Errno ECONNREFUSED
        $calls = @(Start-TracedProcess $connector -Fault $refuse -Name connect, write)
        $LASTEXITCODE | Should -Be 1
        ($calls | Where-Object Name -EQ connect).Errno | Should -Be 'ECONNREFUSED'
        ($calls | Where-Object Name -EQ write).Text | Should -Match 'connect: Connection refused'
    }

    It 'overwrites what a write is given, named by its argument, and the file gets it' {
        $target = Join-Path $dir 'out.txt'
        $poke = New-SyscallFault -Name write -Path '*.txt' -When 2 -PokeEnter @{ buf = 'CHUNK' }
        $calls = @(Start-TracedProcess $writer direct $target 3 -Fault $poke -Name write | Where-Object ArgumentsInjected)
        $LASTEXITCODE | Should -Be 0
        $calls.Count | Should -Be 1
        $calls[0].Text | Should -Match '^write\(3, "CHUNK 01\\n", 9\) = 9 \(INJECTED: args\)$'
        Get-Content -LiteralPath $target | Should -Be @('chunk 00', 'CHUNK 01', 'chunk 02')
    }

    It 'holds the 2nd write before it runs: the call is Delayed, its Duration holds the delay, as strace -T times it' {
        $target = Join-Path $dir 'out.txt'
        $hold = [timespan]::FromMilliseconds(100)
        $delay = New-SyscallFault -Name write -Path '*.txt' -When 2 -DelayEnter $hold
        $calls = @(Start-TracedProcess $writer direct $target 3 -Fault $delay -Name write)
        $LASTEXITCODE | Should -Be 0
        $delayed = @($calls | Where-Object Delayed)
        $delayed.Count | Should -Be 1
        $delayed[0].Text | Should -Match '^write\(3, "chunk 01\\n", 9\) = 9 \(DELAYED\)$'
        $delayed[0].Duration | Should -BeGreaterOrEqual $hold
        Get-Content -LiteralPath $target | Should -Be @('chunk 00', 'chunk 01', 'chunk 02')
    }

    It 'rejects a bad rule with a clear error' {
        { New-SyscallFault -Name nosuchcall -Errno EIO } | Should -Throw -ErrorId 'UnknownSyscall,Hatrace.Cmdlets.NewSyscallFaultCommand'
        { New-SyscallFault -Name write -Errno ENOSUCH } | Should -Throw -ErrorId 'UnknownErrno,Hatrace.Cmdlets.NewSyscallFaultCommand'
        { New-SyscallFault -Name write -Errno EIO -When '0' } | Should -Throw -ErrorId 'InvalidSchedule,Hatrace.Cmdlets.NewSyscallFaultCommand'
        { New-SyscallFault -Name write -Signal SIGNOPE } | Should -Throw -ErrorId 'UnknownSignal,Hatrace.Cmdlets.NewSyscallFaultCommand'
        { New-SyscallFault -Name write } | Should -Throw -ErrorId 'NoFaultAction,Hatrace.Cmdlets.NewSyscallFaultCommand'
        { New-SyscallFault -Name write -Errno EIO -ReturnValue 1 } | Should -Throw -ErrorId 'NoFaultAction,Hatrace.Cmdlets.NewSyscallFaultCommand'
        { New-SyscallFault -Name write -PokeEnter @{ nosuch = 'x' } } | Should -Throw -ErrorId 'InvalidPoke,Hatrace.Cmdlets.NewSyscallFaultCommand'
        { New-SyscallFault -Name openat, write -PokeEnter @{ buf = 'x' } } | Should -Throw -ErrorId 'InvalidPoke,Hatrace.Cmdlets.NewSyscallFaultCommand'
        { New-SyscallFault -Name write -PokeEnter @{ 6 = 'x' } } | Should -Throw -ErrorId 'InvalidPoke,Hatrace.Cmdlets.NewSyscallFaultCommand'
        { New-SyscallFault -Name write -PokeEnter @{ buf = '' } } | Should -Throw -ErrorId 'InvalidPoke,Hatrace.Cmdlets.NewSyscallFaultCommand'
        { New-SyscallFault -Name write -Kill -PokeEnter @{ buf = 'x' } } | Should -Throw -ErrorId 'NoFaultAction,Hatrace.Cmdlets.NewSyscallFaultCommand'
    }
}

Describe 'Hooks' {
    BeforeEach {
        $dir = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "hatrace-$([guid]::NewGuid())")).FullName
        $in = Join-Path $dir 'in.txt'
        $out = Join-Path $dir 'out.txt'
        Set-Content -LiteralPath $in -Value 'original' -NoNewline
    }
    AfterEach {
        Remove-Item -LiteralPath $dir -Recurse -Force
    }

    It 'changes the bytes read() returns by writing the buffer at exit' {
        $calls = @(Start-TracedProcess $reader $in $out -Name read -OnSyscall {
                if ($_.Arg2 -eq 256) {  # the program's own read, not the dynamic loader's
                    Write-TraceeMemory -Address $_.Arguments['buf'].Raw -String 'CHANGED!'
                }
            })
        $LASTEXITCODE | Should -Be 0
        Get-Content -LiteralPath $out -Raw | Should -BeExactly 'CHANGED!'
        $read = $calls | Where-Object Tampered
        $read.Text | Should -Match '"CHANGED!"'
    }

    It 'mocks uname''s nodename and stat''s size as typed values' {
        $null = Start-TracedProcess $identity $in $out -OnSyscall {
            if ($_.Name -eq 'uname') { Set-SyscallArgument -Name buf -Value @{ nodename = 'mocked-host' } }
            if ($_.Name -eq 'newfstatat' -and $_.Path -eq $in) { Set-SyscallArgument -Name statbuf -Value @{ st_size = 4242 } }
        }
        $LASTEXITCODE | Should -Be 0
        Get-Content -LiteralPath $out | Should -Be @('mocked-host', '4242')
    }

    It 'makes a failed stat succeed with made-up fields: the struct is the one the prototype names' {
        # The call fails, so nothing decoded statbuf: its fields are found by its C type, struct stat.
        $missing = Join-Path $dir 'missing'
        $null = Start-TracedProcess $identity $missing $out -OnSyscall {
            if ($_.Name -eq 'newfstatat' -and $_.Path -eq $missing) {
                Set-SyscallResult -ReturnValue 0
                Set-SyscallArgument -Name statbuf -Value @{ st_size = 31337; st_mode = 0x81a4 }
            }
        }
        $LASTEXITCODE | Should -Be 0
        (Get-Content -LiteralPath $out)[1] | Should -Be '31337'
    }

    It 'redirects a path at entry: open of one file reads another' {
        # The file asked for exists and reads differently, so only the redirection can make the output 'original'.
        $asked = Join-Path $dir 'asked.txt'
        Set-Content -LiteralPath $asked -Value 'asked for' -NoNewline
        $null = Start-TracedProcess $reader $asked $out -OnEnter {
            if ($_.Path -eq $asked) { Set-SyscallArgument -Name pathname -Value $in }
        }
        $LASTEXITCODE | Should -Be 0
        Get-Content -LiteralPath $out -Raw | Should -BeExactly 'original'
    }

    It 'fails a call at entry with Set-SyscallResult, so that it never runs' {
        $calls = @(Start-TracedProcess $writer direct $out 3 -Name openat -OnEnter {
                if ($_.Path -eq $out) { Set-SyscallResult -Errno EACCES }
            })
        $LASTEXITCODE | Should -Be 1
        Test-Path -LiteralPath $out | Should -BeFalse
        ($calls | Where-Object Tampered).Errno | Should -Be 'EACCES'
    }

    It 'ends the trace with the hook''s error when it throws, leaving nothing behind' {
        $seen = [System.Collections.Generic.List[int]]::new()
        { Start-TracedProcess $writer direct $out 3 -OnSyscall { $seen.Add($_.ProcessId); throw 'hook failed' } } | Should -Throw 'hook failed'
        $seen.Count | Should -Be 1
        Get-ProcessLeftBehind $seen | Should -BeNullOrEmpty
    }

    It 'refuses to change a call outside a hook' {
        { Set-SyscallResult -Errno EIO } | Should -Throw -ErrorId 'NotInHook,Hatrace.Cmdlets.SetSyscallResultCommand'
    }
}

Describe 'Invoke-SyscallFaultSweep' {
    BeforeAll {
        $dir = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "hatrace-$([guid]::NewGuid())")).FullName
        $in = Join-Path $dir 'in.txt'
        Set-Content -LiteralPath $in -Value 'a line of text'
    }
    AfterAll {
        Remove-Item -LiteralPath $dir -Recurse -Force
    }

    It 'reports every failure handled by a careful program' {
        $results = @(Invoke-SyscallFaultSweep $careful $in (Join-Path $dir 'copy') -Name openat, read, write, close -Errno EIO)
        $results.Count | Should -BeGreaterThan 4
        $results.Outcome | Sort-Object -Unique | Should -Be 'Handled'
        $results | ForEach-Object { $_.ExitCode | Should -Be 1; $_.StandardError | Should -Match 'Input/output error' }
    }

    It 'finds the call whose failure crashes a careless program' {
        $results = @(Invoke-SyscallFaultSweep $careless $in (Join-Path $dir 'copy') -Name openat -Errno ENOENT)
        $results.Count | Should -Be 2
        $results | ForEach-Object { $_.Outcome | Should -Be 'Crashed'; $_.Signal | Should -Be 'SIGSEGV' }
        $results[0].Syscall | Should -Match ([regex]::Escape($in))
    }
}
