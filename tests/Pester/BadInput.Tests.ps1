# Bad input from the user: each is an ErrorRecord with a fixed id and category that names the bad value, and nothing
# is started or left behind. (Start-TracedProcess.Tests.ps1 covers a missing program, a directory, an unknown syscall
# name and a negative -StringLength.)
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    $tiny = Get-TestProgram tiny
    $null = & /bin/true
}

Describe 'Bad input' {
    It 'refuses a file that is not executable, naming it' {
        $plain = Join-Path $TestDrive 'not-executable'
        Set-Content -LiteralPath $plain -Value 'data'
        $out = Start-TracedProcess $plain -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'ProgramNotExecutable,Hatrace.Cmdlets.StartTracedProcessCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception.Message | Should -Match ([regex]::Escape($plain))
    }

    It 'names an unknown syscall class' {
        { Start-TracedProcess $tiny -Name '%nosuchclass' } |
            Should -Throw -ErrorId 'UnknownSyscall,Hatrace.Cmdlets.StartTracedProcessCommand' -ExpectedMessage '*%nosuchclass*'
    }

    It 'names an unknown errno' {
        $err = { New-SyscallFault -Name write -Errno ENOSUCH } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'UnknownErrno,Hatrace.Cmdlets.NewSyscallFaultCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match 'ENOSUCH'
    }

    It 'ends the trace with the error of a hook that throws, and leaves nothing behind' {
        $script:seen = @()
        { Start-TracedProcess $tiny -OnSyscall { $script:seen += $_.ProcessId; throw 'hook failed on purpose' } } |
            Should -Throw -ExpectedMessage '*hook failed on purpose*'
        $script:seen | Should -Not -BeNullOrEmpty
        Get-ProcessLeftBehind $script:seen | Should -BeNullOrEmpty
    }
}
