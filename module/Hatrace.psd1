@{
    RootModule           = 'Hatrace.Cmdlets.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f2b8d0e-3c41-4f7a-9a55-0b8e2f4c7d19'
    Author               = 'Hatrace'
    CompanyName          = 'Hatrace'
    Copyright            = '(c) Hatrace. All rights reserved.'
    Description          = 'Scripted strace for PowerShell on Linux: every syscall of a traced program as a typed object.'
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('Hatrace.Format.ps1xml')
    TypesToProcess       = @('Hatrace.Types.ps1xml')
    # Should -InvokeSyscall, when Pester is loaded; nothing otherwise.
    NestedModules        = @('Hatrace.PesterAssertions.psm1')
    CmdletsToExport      = @('Start-TracedProcess', 'Get-Syscall', 'Export-SyscallTrace', 'Import-SyscallTrace', 'Measure-Syscall',
                            'Compare-SyscallTrace', 'Get-TracedProcessTree',
                            'Set-SyscallResult', 'Set-SyscallArgument', 'Write-TraceeMemory', 'Send-TraceeSignal',
                            'New-SyscallFault', 'Invoke-SyscallFaultSweep', 'Trace-Process', 'ConvertTo-SeccompProfile')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('strace', 'ptrace', 'syscall', 'trace', 'Linux', 'FaultInjection', 'Pester', 'PSEdition_Core')
            ProjectUri = 'https://example.invalid/hatrace'
        }
    }
}
