# Trace-Process: attach to a running process, trace, detach; it runs on as it was.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    $null = & /bin/true
}

Describe 'Trace-Process' {
    It 'writes the calls of a running process and leaves it running, untraced, when -Count is reached' {
        $target = Start-AttachTarget
        try {
            $calls = @(Trace-Process -Id $target.Id -Name getppid -Count 5)
            $calls.Count | Should -Be 5
            $calls.Name | Sort-Object -Unique | Should -Be 'getppid'
            $calls | ForEach-Object { $_.Result | Should -Be $target.Shell.Id }
            foreach ($task in Get-ChildItem "/proc/$($target.Id)/task") {
                $status = Get-Content -Raw "$($task.FullName)/status"
                $status | Should -Match 'TracerPid:\s+0\n'
                $status | Should -Match 'State:\s+[RS]'
            }
        }
        finally {
            kill -TERM $target.Id
            $target.Shell.WaitForExit(10000) | Should -BeTrue
        }
    }

    It 'stops after -Duration' {
        $target = Start-AttachTarget
        try {
            $calls = @(Trace-Process -Id $target.Id -Duration '00:00:00.3' -Name getppid)
            $calls.Count | Should -BeGreaterThan 0
            Get-Content -Raw "/proc/$($target.Id)/status" | Should -Match 'TracerPid:\s+0\n'
        }
        finally {
            kill -TERM $target.Id
            $null = $target.Shell.WaitForExit(10000)
        }
    }

    It 'says ObjectNotFound for a process that does not exist' {
        $gone = [Diagnostics.Process]::Start('/bin/true')
        $gone.WaitForExit()
        Trace-Process -Id $gone.Id -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure[0].FullyQualifiedErrorId | Should -Be 'ProcessNotFound,Hatrace.Cmdlets.TraceProcessCommand'
    }

    It 'says PermissionDenied, with a hint, for a process another tracer holds' {
        $target = Start-AttachTarget
        $strace = [Diagnostics.Process]::Start('strace', [string[]]@('-o', '/dev/null', '-p', $target.Id))
        try {
            foreach ($attempt in 1..50) {
                if ((Get-Content -Raw "/proc/$($target.Id)/status") -notmatch 'TracerPid:\s+0\n') { break }
                Start-Sleep -Milliseconds 100
            }
            Trace-Process -Id $target.Id -ErrorVariable failure -ErrorAction SilentlyContinue
            $failure[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $failure[0].Exception.Message | Should -Match 'ptrace_scope'
        }
        finally {
            $strace.Kill()
            $strace.WaitForExit()
            kill -TERM $target.Id
            $null = $target.Shell.WaitForExit(10000)
        }
    }
}
