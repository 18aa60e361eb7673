# Tab completion of syscall names and classes, errno names and signal names, through TabExpansion2 as a user's Tab.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModulePath) -Force

    function Complete([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
    }
}

Describe 'Argument completion' {
    It 'completes syscall names on <Line>' -ForEach @(
        @{ Line = 'Start-TracedProcess ls -Name opena'; Expected = 'openat', 'openat2' }
        @{ Line = 'Trace-Process -Id 1 -Name getpp'; Expected = 'getppid' }
        @{ Line = 'Get-Syscall execv'; Expected = 'execve', 'execveat' }
        @{ Line = 'New-SyscallFault -Name writ'; Expected = 'write', 'writev' }
        @{ Line = 'Invoke-SyscallFaultSweep ls -Name unlinka'; Expected = 'unlinkat' }
        @{ Line = 'Start-TracedProcess ls -Name read, clo'; Expected = 'clock_adjtime' }
    ) {
        foreach ($name in $Expected) { Complete $Line | Should -Contain $name }
    }

    It 'completes classes after %' {
        Complete 'Start-TracedProcess ls -Name %netw' | Should -Be '%network'
        Complete 'New-SyscallFault -Name %' | Should -Contain '%file'
    }

    It 'completes the names of the ABI -Arch names' {
        Complete 'Get-Syscall -Arch I386 socketc' | Should -Be 'socketcall'
        Complete 'Get-Syscall -Arch X86_64 socketc' | Should -BeNullOrEmpty
    }

    It 'shows a syscall''s prototype as the tooltip' {
        $match = (TabExpansion2 -inputScript 'Get-Syscall openat' -cursorColumn 18).CompletionMatches | Where-Object CompletionText -EQ 'openat'
        $match.ToolTip | Should -Match '^openat\(int dirfd, .*pathname'
    }

    It 'completes errno names on <Line>' -ForEach @(
        @{ Line = 'New-SyscallFault -Name write -Errno ENOS'; Expected = 'ENOSPC' }
        @{ Line = 'Set-SyscallResult -Errno EAC'; Expected = 'EACCES' }
        @{ Line = 'Invoke-SyscallFaultSweep ls -Name read -Errno EI'; Expected = 'EIO' }
    ) {
        Complete $Line | Should -Contain $Expected
    }

    It 'completes signal names on <Line>' -ForEach @(
        @{ Line = 'New-SyscallFault -Name write -Signal SIGTE'; Expected = 'SIGTERM' }
        @{ Line = 'Send-TraceeSignal SIGK'; Expected = 'SIGKILL' }
    ) {
        Complete $Line | Should -Be $Expected
    }

    It 'keeps the quote a name was started with' {
        Complete "Send-TraceeSignal 'SIGK" | Should -Be "'SIGKILL'"
    }
}

Describe 'Syscall classes in -Name' {
    BeforeAll {
        $null = & /bin/true
        $file = Join-Path $TestDrive 'file.txt'
        Set-Content -LiteralPath $file -Value 'some text'
    }

    It 'traces the calls of a class' {
        $calls = @(Start-TracedProcess cat $file -Name %file)
        $calls.Name | Should -Contain 'openat'
        $calls.Name | Should -Not -Contain 'mmap'
        $calls.Name | Should -Not -Contain 'read'
    }
}
