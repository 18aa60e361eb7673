# Tracing inside the hosts people run PowerShell in: a job, whose standard streams carry PowerShell's own protocol; a
# console; and a runspace that runs native commands while another traces.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    $null = & /bin/true
}

Describe 'The traced program''s standard streams' {
    It 'in Start-Job: the records arrive, the job completes, and what the program prints comes back as information' {
        $greeting = Join-Path $TestDrive 'greeting.txt'
        Set-Content -LiteralPath $greeting -Value 'hello from the program'
        # cat with no file reads its standard input: the job's is PowerShell's channel, so the program must get /dev/null.
        $job = Start-Job {
            param($Module, $File)
            Import-Module $Module
            Start-TracedProcess sh -ArgumentList '-c', 'cat "$0"; echo oops >&2; cat', $File -Name openat
        } -ArgumentList (Get-ModulePath), $greeting
        try {
            $null = Wait-Job $job -Timeout 120
            $job.State | Should -Be 'Completed'
            $records = @(Receive-Job $job -InformationVariable printed)
            $opened = @($records | Where-Object Path -EQ $greeting)
            $opened.Count | Should -Be 1
            $opened[0].Name | Should -Be 'openat'
            $opened[0].Text | Should -BeLike "openat(AT_FDCWD, `"$greeting`", O_RDONLY) = 3"
            @($printed | Where-Object Tags -Contains 'StandardOutput' | ForEach-Object { "$($_.MessageData)" }) | Should -Be 'hello from the program'
            @($printed | Where-Object Tags -Contains 'StandardError' | ForEach-Object { "$($_.MessageData)" }) | Should -Be 'oops'
        }
        finally {
            Remove-Job $job -Force
        }
    }

    It 'goes to the files -RedirectStandardOutput and -RedirectStandardError name, the same one taking both in order' {
        $out, $err, $both = 'out', 'err', 'both' | ForEach-Object { Join-Path $TestDrive $_ }
        $script = 'echo one; echo two >&2; echo three'
        $null = Start-TracedProcess sh -ArgumentList '-c', $script -Name write -RedirectStandardOutput $out -RedirectStandardError $err
        Get-Content -LiteralPath $out | Should -Be 'one', 'three'
        Get-Content -LiteralPath $err | Should -Be 'two'
        $null = Start-TracedProcess sh -ArgumentList '-c', $script -Name write -RedirectStandardOutput $both -RedirectStandardError $both
        Get-Content -LiteralPath $both | Should -Be 'one', 'two', 'three'
    }

    It 'reads the file -RedirectStandardInput names' {
        $in, $out = 'in', 'out' | ForEach-Object { Join-Path $TestDrive $_ }
        Set-Content -LiteralPath $in -Value 'typed in'
        $null = Start-TracedProcess cat -Name openat -RedirectStandardInput $in -RedirectStandardOutput $out
        Get-Content -LiteralPath $out | Should -Be 'typed in'
    }

    It 'in a console, shares the host''s standard output, as a native command does' {
        $child = Join-Path $PSHOME 'pwsh'
        $command = "Import-Module '$((Get-ModulePath).Replace("'", "''"))'; `$null = Start-TracedProcess sh -ArgumentList '-c', 'echo shared'"
        $printed = & $child -NoProfile -NonInteractive -Command $command
        $LASTEXITCODE | Should -Be 0
        $printed | Should -Be 'shared'
    }
}

Describe 'A trace in one runspace and native commands in another' {
    It 'never holds up the native commands' {
        $target = Start-AttachTarget
        try {
            $job = Start-ThreadJob {
                param($Module, $Id)
                Import-Module $Module
                foreach ($round in 1..4) {
                    $null = Trace-Process -Id $Id -Duration '00:00:01.5' -Name getppid
                    $null = Start-TracedProcess /bin/true
                }
            } -ArgumentList (Get-ModulePath), $target.Id
            # A stalled command would wait for a whole attach session (1.5 s); bounded, should the job hang.
            $slowest = [TimeSpan]::Zero
            $runs = 0
            $deadline = [DateTime]::UtcNow.AddSeconds(120)
            while ($job.State -in 'NotStarted', 'Running' -and [DateTime]::UtcNow -lt $deadline) {
                $took = Measure-Command { $null = & /bin/echo hi }
                if ($took -gt $slowest) { $slowest = $took }
                $runs++
            }
            $job.State | Should -Be 'Completed'
            Receive-Job $job -ErrorAction Stop
            $runs | Should -BeGreaterThan 50
            $slowest | Should -BeLessThan ([TimeSpan]::FromSeconds(1))
        }
        finally {
            Remove-Job $job -Force -ErrorAction Ignore
            kill -TERM $target.Id
            $null = $target.Shell.WaitForExit(10000)
        }
    }
}
