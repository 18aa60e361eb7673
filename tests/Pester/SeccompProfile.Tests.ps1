# Issue 17's lock-down: the profile a trace implies lets the traced program run untouched, and denies, visibly, a call
# off the path it was made from.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    # profile_paths copies /proc/self/comm to its output; with "extra" it first calls uname, and exits 2 if that fails.
    $program = Get-TestProgram profile_paths
}

Describe 'ConvertTo-SeccompProfile and Start-TracedProcess -SeccompProfile' {
    BeforeAll {
        $dir = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "hatrace-$([guid]::NewGuid())")).FullName
        $profilePath = Join-Path $dir 'profile.json'
        Start-TracedProcess $program | ConvertTo-SeccompProfile | Set-Content -LiteralPath $profilePath
    }
    AfterAll {
        Remove-Item -LiteralPath $dir -Recurse -Force
    }

    It 'writes an OCI profile that allows the calls seen and fails the rest with EPERM' {
        $oci = Get-Content -LiteralPath $profilePath -Raw | ConvertFrom-Json
        $oci.defaultAction | Should -Be 'SCMP_ACT_ERRNO'
        $oci.defaultErrnoRet | Should -Be 1
        $oci.architectures | Should -Be @('SCMP_ARCH_X86_64')
        $oci.syscalls.Count | Should -Be 1
        $oci.syscalls[0].action | Should -Be 'SCMP_ACT_ALLOW'
        $oci.syscalls[0].names | Should -Contain 'execve'
        $oci.syscalls[0].names | Should -Contain 'read'
        $oci.syscalls[0].names | Should -Not -Contain 'uname'
    }

    It 'lets the program it was made from run under it with no call denied' {
        $calls = @(Start-TracedProcess $program -SeccompProfile $profilePath)
        $LASTEXITCODE | Should -Be 0
        @($calls | Where-Object DeniedByProfile) | Should -BeNullOrEmpty
        @($calls | Where-Object Errno -EQ 'EPERM') | Should -BeNullOrEmpty
        Get-ProcessLeftBehind $calls[0].ProcessId | Should -BeNullOrEmpty
    }

    It 'denies, and shows, the one call of another path' {
        $calls = @(Start-TracedProcess $program extra -SeccompProfile $profilePath)
        $LASTEXITCODE | Should -Be 2
        $denied = @($calls | Where-Object DeniedByProfile)
        $denied.Count | Should -Be 1
        $denied[0].Name | Should -Be 'uname'
        $denied[0].Errno | Should -Be 'EPERM'
        $denied[0].Text | Should -Match '^uname\(0x[0-9a-f]+\) = -1 EPERM \(Operation not permitted\)$'
    }

    It 'merges the traces of two paths into one profile, under which both run' {
        $merged = Join-Path $dir 'merged.json'
        @(Start-TracedProcess $program) + @(Start-TracedProcess $program extra) | ConvertTo-SeccompProfile | Set-Content -LiteralPath $merged
        $calls = @(Start-TracedProcess $program extra -SeccompProfile $merged)
        $LASTEXITCODE | Should -Be 0
        @($calls | Where-Object DeniedByProfile) | Should -BeNullOrEmpty
        $calls.Name | Should -Contain 'uname'
    }

    It 'takes records that came back from a job, denied calls marked as at home' {
        # Both print to /dev/null: a terminal would add the C library's ioctl(TCGETS) to one of them.
        $live = Start-TracedProcess $program -RedirectStandardOutput /dev/null | ConvertTo-SeccompProfile
        $fromJob = Start-Job { param($module, $program) Import-Module $module; Start-TracedProcess $program -RedirectStandardOutput /dev/null } -ArgumentList (Get-ModulePath), $program |
            Receive-Job -Wait -AutoRemoveJob
        $fromJob[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.Hatrace.Engine.Model.SyscallEvent'
        $fromJob | ConvertTo-SeccompProfile | Should -Be $live

        $denied = Start-Job { param($module, $program, $profilePath) Import-Module $module; Start-TracedProcess $program extra -SeccompProfile $profilePath } -ArgumentList (Get-ModulePath), $program, $profilePath |
            Receive-Job -Wait -AutoRemoveJob | Where-Object DeniedByProfile
        @($denied).Count | Should -Be 1
        $denied.Name | Should -Be 'uname'
    }

    It 'warns that a profile without execve cannot start a program, and refuses to make one of nothing' {
        $null = Start-TracedProcess $program -Name openat, read | ConvertTo-SeccompProfile -WarningVariable warned -WarningAction SilentlyContinue
        $warned.Count | Should -Be 1
        "$($warned[0])" | Should -Match 'no execve'
        $err = { Start-TracedProcess $program -Name uname | ConvertTo-SeccompProfile } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'NoSyscalls,Hatrace.Cmdlets.ConvertToSeccompProfileCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'writes systemd directives' {
        $lines = (Start-TracedProcess $program | ConvertTo-SeccompProfile -Format Systemd) -split "`n"
        $lines.Count | Should -Be 3
        $lines[0] | Should -Match '^SystemCallFilter=(\S+ )+\S+$'
        ($lines[0] -replace '^SystemCallFilter=' -split ' ') | Should -Contain 'openat'
        $lines[1] | Should -Be 'SystemCallErrorNumber=EPERM'
        $lines[2] | Should -Be 'SystemCallArchitectures=x86-64'
    }

    It 'says <Id> for <Case>' -ForEach @(
        @{ Case = 'a file that is not there'; Content = $null; Id = 'SeccompProfileNotFound'; Category = 'ObjectNotFound' }
        @{ Case = 'a file that is not a profile'; Content = '{ "syscalls": [] }'; Id = 'SeccompProfileInvalid'; Category = 'InvalidData' }
        @{ Case = 'a rule with argument conditions'; Content = '{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["clone"], "action": "SCMP_ACT_ERRNO", "args": [ { "index": 0, "value": 1, "op": "SCMP_CMP_EQ" } ] } ] }'; Id = 'SeccompProfileInvalid'; Category = 'InvalidData' }
    ) {
        $path = Join-Path $dir "bad-$Id.json"
        if ($null -ne $Content) { Set-Content -LiteralPath $path -Value $Content }
        $err = { Start-TracedProcess $program -SeccompProfile $path } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "$Id,Hatrace.Cmdlets.StartTracedProcessCommand"
        $err.CategoryInfo.Category | Should -Be $Category
        $err.Exception.Message | Should -Match ([regex]::Escape($path))
    }
}
