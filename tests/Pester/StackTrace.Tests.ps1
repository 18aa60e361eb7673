# -StackTrace: each call with the user stack it was made from, frames as objects (issue 18's cmdlet side).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    # main -> outer -> inner -> write, with frame pointers and debug information.
    $chain = Get-TestProgram stack_chain
}

Describe 'Start-TracedProcess -StackTrace' {
    It 'gives frames whose Function values read inner, outer, main in that order, with their source lines' {
        $write = @(Start-TracedProcess $chain -Name write -StackTrace -RedirectStandardOutput /dev/null)
        $write.Count | Should -Be 1
        $frames = $write[0].StackTrace
        $frames[0].Function | Should -Be '__write'
        $frames[0].Module | Should -Match '/libc\.so\.6$'
        $own = @($frames | Where-Object Module -EQ $chain)
        $own.Function | Select-Object -First 3 | Should -Be 'inner', 'outer', 'main'
        $own[0].File | Should -Match 'stack_chain\.c$'
        $own[0].Line | Should -BeGreaterThan 0
        $own[0].Offset | Should -BeGreaterThan 0
        # Each frame prints as strace -k's line, and the table shows the function and where.
        "$($own[0])" | Should -Match "^$([regex]::Escape($chain))\(inner\+0x[0-9a-f]+\) \[0x[0-9a-f]+\]$"
        ($frames | Out-String) | Should -Match 'inner +0x[0-9a-f]+ '
    }

    It 'takes no stack without the switch' {
        $write = @(Start-TracedProcess $chain -Name write -RedirectStandardOutput /dev/null)
        $write.Count | Should -Be 1
        $write[0].StackTrace | Should -BeNullOrEmpty
    }

    It 'keeps the stack through Export-SyscallTrace and Import-SyscallTrace, and through a job' {
        $path = Join-Path $TestDrive 'trace.json'
        $live = @(Start-TracedProcess $chain -Name write -StackTrace -RedirectStandardOutput /dev/null)
        $live | Export-SyscallTrace -Path $path
        $read = @(Import-SyscallTrace -Path $path)
        "$($read[0].StackTrace)" | Should -Be "$($live[0].StackTrace)"
        $fromJob = Start-Job { param($module, $program) Import-Module $module; Start-TracedProcess $program -Name write -StackTrace -RedirectStandardOutput /dev/null } -ArgumentList (Get-ModulePath), $chain |
            Receive-Job -Wait -AutoRemoveJob
        @($fromJob[0].StackTrace | Where-Object Module -EQ $chain).Function | Select-Object -First 3 | Should -Be 'inner', 'outer', 'main'
    }

    It 'is refused with the eBPF backend, naming the ptrace backend' {
        $err = { Start-TracedProcess $chain -StackTrace -Backend Ebpf } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'BackendConflict,Hatrace.Cmdlets.StartTracedProcessCommand'
        $err.Exception.Message | Should -Match 'ptrace'
    }
}
