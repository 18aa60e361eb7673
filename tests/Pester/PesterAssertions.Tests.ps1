# Should -InvokeSyscall: registered when Pester is loaded as Hatrace is imported, harmless without Pester.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    $null = & /bin/true
    # cat opens $hostname; $hosts, beside it, is never opened, and $hostname is the opened path nearest to it.
    $hostname = Join-Path $TestDrive 'hostname'
    $hosts = Join-Path $TestDrive 'hosts'
    Set-Content -LiteralPath $hostname -Value 'test-host'
    $trace = @(Start-TracedProcess cat $hostname)
    $openats = @($trace | Where-Object Name -EQ openat).Count
}

Describe 'Should -InvokeSyscall' {
    It 'passes when the trace has the call, on the path given' {
        $trace | Should -InvokeSyscall openat -Path $hostname
        $trace | Should -InvokeSyscall 'open*' -Path "$TestDrive/host*" -Times 1
        $trace | Should -InvokeSyscall %file
    }

    It 'counts with -Times and -AtMost' {
        $trace | Should -InvokeSyscall openat -Times $openats
        $trace | Should -InvokeSyscall openat -AtMost $openats
        $trace | Should -Not -InvokeSyscall openat -Times ($openats + 1)
        $trace | Should -Not -InvokeSyscall openat -AtMost ($openats - 1)
    }

    It 'passes with -Not when the trace has no such call' {
        $trace | Should -Not -InvokeSyscall %network
        $trace | Should -Not -InvokeSyscall openat -Path $hosts
    }

    It 'fails when the path was not opened, showing the calls of that name' {
        $failure = { $trace | Should -InvokeSyscall openat -Path $hosts -Because 'it resolves names' } | Should -Throw -PassThru
        $message = $failure.Exception.Message
        $message | Should -BeLike "Expected openat on a path like '$hosts' to be called at least once, because it resolves names, but it was called 0 times in $($trace.Count) syscalls.*"
        # The nearest path comes first.
        $lines = $message -split "`n"
        $lines[1] | Should -Be 'The openat calls, nearest path first:'
        $lines[2] | Should -BeLike "*openat(AT_FDCWD, `"$hostname`", O_RDONLY) = 3"
    }

    It 'fails on too many calls, showing the matching ones' {
        $failure = { $trace | Should -InvokeSyscall openat -AtMost 1 } | Should -Throw -PassThru
        $message = $failure.Exception.Message
        $message | Should -BeLike "Expected openat to be called at most 1 time, but it was called $openats times*"
        $message | Should -BeLike '*The matching calls:*openat(AT_FDCWD, *'
        # At most five records, then how many more.
        @($message -split "`n" | Where-Object { $_ -match '^\s+\d+ openat\(' }).Count | Should -Be ([Math]::Min(5, $openats))
    }

    It 'fails with -Not when the call is there' {
        $failure = { $trace | Should -Not -InvokeSyscall execve } | Should -Throw -PassThru
        $failure.Exception.Message | Should -BeLike 'Expected execve not to be called, but it was called 1 time*execve("*'
    }

    It 'rejects a name no syscall has' {
        { $trace | Should -InvokeSyscall frobnicate } | Should -Throw '*Unknown syscall name: frobnicate*'
    }

    It 'rejects a class no syscall has, even where no call is there to match' {
        { @($trace | Where-Object Name -eq 'nonexistent') | Should -Not -InvokeSyscall '%nosuchclass' } |
            Should -Throw '*Unknown syscall name: %nosuchclass*'
    }
}

Describe 'Importing Hatrace without Pester' {
    It 'works, and registers nothing' {
        $script = "Import-Module '$((Get-ModulePath).Replace("'", "''"))'; (Get-Module Pester) -eq `$null; (Get-Syscall getpid).Number"
        $output = & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0
        $output | Should -Be 'True', '39'
    }
}
