@{
    RootModule           = 'Hatrace.Cmdlets.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f2b8d0e-3c41-4f7a-9a55-0b8e2f4c7d19'
    Author               = 'The Hatrace authors'
    CompanyName          = 'The Hatrace authors'
    Copyright            = '(c) 2026 The Hatrace authors. MIT License (the LICENSE file beside this manifest).'
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
            Tags         = @('strace', 'ptrace', 'eBPF', 'seccomp', 'syscall', 'trace', 'Linux', 'FaultInjection', 'Pester', 'PSEdition_Core')
            # The licence's own text; the project has no public address yet, so none is given.
            LicenseUri   = 'https://spdx.org/licenses/MIT.html'
            ReleaseNotes = @'
0.1.0, the first release:
- Start-TracedProcess and Trace-Process: every syscall of a program, its children and threads as a typed object,
  decoded as strace 6.1 prints it; ptrace, or eBPF (-Backend Ebpf) to observe without stopping the program.
- Hooks, fault rules and fault sweeps change what a program sees (Set-SyscallResult, New-SyscallFault,
  Invoke-SyscallFaultSweep); Should -InvokeSyscall for Pester.
- Measure-Syscall, Compare-SyscallTrace, Get-TracedProcessTree, Export- and Import-SyscallTrace, also over records
  from jobs and remote sessions.
- ConvertTo-SeccompProfile and Start-TracedProcess -SeccompProfile: the profile a trace implies, tried before use.
- The hatrace command (a separate .NET tool package): strace's command line and text.
'@
        }
    }
}
