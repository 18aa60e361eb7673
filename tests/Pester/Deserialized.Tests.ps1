# Records that went through PowerShell's serializer, as remoting and jobs send them: they keep their flat properties
# and their strace line, format as at home, keep typed arguments, and the cmdlets and Should -InvokeSyscall take them.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    $null = & /bin/true
    $file = Join-Path $TestDrive 'file.txt'
    Set-Content -LiteralPath $file -Value 'some text'
    # Forks (sh starts cat and fault_connect), opens a file, connects to a loopback port.
    $live = @(Start-TracedProcess -IncludeProcessEvents sh -c 'cat "$0"; "$1"' $file (Get-TestProgram fault_connect))
    # What remoting and jobs do to the records: the serializer at its default depth, then the deserializer.
    $deserialized = @([System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($live)))
    $liveConnect = $live | Where-Object Name -EQ connect
    $connect = $deserialized | Where-Object Name -EQ connect
    $opened = $deserialized | Where-Object Path -EQ $file
}

Describe 'A deserialized record' {
    It 'is a property bag named Deserialized. and the live type''s name, one for each live record' {
        $deserialized.Count | Should -Be $live.Count
        for ($i = 0; $i -lt $live.Count; $i++) {
            $deserialized[$i] | Should -Not -BeOfType ([Hatrace.Engine.Model.TraceEvent])
            $deserialized[$i].PSObject.TypeNames[0] | Should -Be "Deserialized.$($live[$i].GetType().FullName)"
        }
    }

    It 'keeps the flat properties, and only values that print as themselves (the depth stays bounded)' {
        foreach ($name in 'ProcessId', 'ThreadId', 'Name', 'Arg0', 'Arg1', 'Arg2', 'Arg3', 'Arg4', 'Arg5', 'Result', 'Errno', 'Text', 'Timestamp', 'Duration') {
            $connect.$name | Should -Be $liveConnect.$name -Because $name
        }
        $opened.Path | Should -Be $file
        $nested = $deserialized | ForEach-Object { $_.PSObject.Properties.Value } | Where-Object { $null -ne $_ -and $_.PSObject.TypeNames[0] -like 'Deserialized.*' }
        $nested | Should -BeNullOrEmpty
    }

    It 'keeps typed argument values: a socket address''s port, a path''s string' {
        $connect.Arguments.addr.Value.Port | Should -BeGreaterThan 0
        $connect.Arguments.addr.Value.Port | Should -Be $liveConnect.Arguments.addr.Value.Port
        $connect.Arguments.addr.Value.Address | Should -Be '127.0.0.1'
        $opened.Arguments.pathname.Value.Text | Should -Be $file
        $connect.Arguments.ToString() | Should -Be $liveConnect.Arguments.ToString()
        # Select-Object names its own type first (Selected.); the record's are still there.
        ($deserialized | Where-Object Name -EQ connect | Select-Object -First 1).Arguments.addr.Value.Port | Should -Be $liveConnect.Arguments.addr.Value.Port
    }

    It 'shows the strace line in the default table, as the live record does' {
        for ($i = 0; $i -lt $live.Count; $i += 7) {
            $text = $deserialized[$i] | Out-String -Width 500
            $text | Should -Match '(?m)^\s+PID Syscall\s*$' -Because 'the table header is the live one'
            $text | Should -BeLike "*$($live[$i].ProcessId) $([WildcardPattern]::Escape($live[$i].Text))*"
            $text | Should -Be ($live[$i] | Out-String -Width 500)
        }
    }

    It 'keeps Format-List short, arguments by their names' {
        $lines = @(($connect | Format-List | Out-String -Width 500) -split "`n" | Where-Object { $_.Trim() })
        $lines.Count | Should -BeLessOrEqual 10
        $lines -match '^Arguments\s+: sockfd=\d+, addr=\{sa_family=AF_INET' | Should -Not -BeNullOrEmpty
        ($connect | Format-List | Out-String) | Should -Be ($liveConnect | Format-List | Out-String)
    }

    It 'shows the host it came from when remoting marks it so (PSComputerName, PSShowComputerName)' {
        $remote = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($liveConnect))
        $remote | Add-Member -NotePropertyMembers @{ PSComputerName = 'web1'; PSShowComputerName = $true }
        $lines = ($remote | Out-String -Width 500) -split "`n"
        $lines -match '^\s+PID Syscall\s+PSComputerName\s*$' | Should -Not -BeNullOrEmpty
        $lines -match "^\s*$($liveConnect.ProcessId) connect\(.* web1\s*$" | Should -Not -BeNullOrEmpty
        ($liveConnect | Out-String -Width 500) | Should -Not -Match 'PSComputerName'
    }

    It 'adds nothing to the live record''s members: its JSON for the serializer is hidden' {
        ($liveConnect | Select-Object *).PSObject.Properties.Name | Should -Not -Contain 'Json'
        ($liveConnect | Get-Member).Name | Should -Not -Contain 'Json'
        $connect.Json | ConvertFrom-Json | ForEach-Object name | Should -Be 'connect'
    }
}

Describe 'The cmdlets on deserialized records' {
    It 'Compare-SyscallTrace finds no difference between the live and the deserialized trace' {
        Compare-SyscallTrace $live $deserialized | Should -BeNullOrEmpty
        $deserialized | Compare-SyscallTrace $live | Should -BeNullOrEmpty
        @(Compare-SyscallTrace $deserialized $live -IncludeEqual).Count | Should -Be @(Compare-SyscallTrace $live $live -IncludeEqual).Count
    }

    It 'Measure-Syscall counts as for the live records' {
        $expected = $live | Measure-Syscall | ForEach-Object { "$($_.Arch) $($_.Name) $($_.Calls) $($_.Errors)" }
        $actual = $deserialized | Measure-Syscall | ForEach-Object { "$($_.Arch) $($_.Name) $($_.Calls) $($_.Errors)" }
        $actual | Should -Be $expected
        @($actual).Count | Should -BeGreaterThan 3
    }

    It 'Get-TracedProcessTree builds the same tree' {
        $expected = $live | Get-TracedProcessTree | ForEach-Object { "$($_.Depth) $($_.ProcessId) $($_.ParentProcessId) $($_.ExitStatus) $($_.CommandLine)" }
        $actual = $deserialized | Get-TracedProcessTree | ForEach-Object { "$($_.Depth) $($_.ProcessId) $($_.ParentProcessId) $($_.ExitStatus) $($_.CommandLine)" }
        $actual | Should -Be $expected
        @($actual).Count | Should -Be 3
    }

    It 'Should -InvokeSyscall passes and fails as on the live records' {
        $deserialized | Should -InvokeSyscall connect -Times 1
        $deserialized | Should -InvokeSyscall openat -Path $file
        $deserialized | Should -Not -InvokeSyscall unlink
        $liveFailure = { $live | Should -InvokeSyscall openat -Path '/nonexistent/*' } | Should -Throw -PassThru
        $failure = { $deserialized | Should -InvokeSyscall openat -Path '/nonexistent/*' } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Be $liveFailure.Exception.Message
    }

    It 'still refuses what is no record, as before; and a record whose JSON is not an event, saying so' {
        { [pscustomobject]@{ ProcessId = 1 } | Measure-Syscall -ErrorAction Stop } | Should -Throw -ErrorId 'InputObjectNotBound,Hatrace.Cmdlets.MeasureSyscallCommand'
        $forged = [pscustomobject]@{ Json = '{"type":"nonsense"}' }
        $forged.PSObject.TypeNames.Insert(0, 'Deserialized.Hatrace.Engine.Model.SyscallEvent')
        { $forged | Get-TracedProcessTree -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,Hatrace.Cmdlets.GetTracedProcessTreeCommand'
    }
}

Describe 'Records from Start-Job' {
    It 'arrive deserialized, format as live ones, keep typed arguments and serve the cmdlets' {
        $records = @(Start-Job {
                param($Module, $Program)
                Import-Module $Module
                Start-TracedProcess $Program -IncludeProcessEvents
            } -ArgumentList (Get-ModulePath), (Get-TestProgram fault_connect) | Receive-Job -Wait -AutoRemoveJob)
        $records.Count | Should -BeGreaterThan 10
        $records | ForEach-Object { $_.PSObject.TypeNames[0] } | Should -BeLike 'Deserialized.Hatrace.Engine.Model.*'
        $jobConnect = $records | Where-Object Name -EQ connect
        $jobConnect.Arguments.addr.Value.Address | Should -Be '127.0.0.1'
        $jobConnect.Arguments.addr.Value.Port | Should -BeGreaterThan 0
        ($jobConnect | Out-String -Width 500) | Should -BeLike "*$($jobConnect.ProcessId) $([WildcardPattern]::Escape($jobConnect.Text))*"
        $records | Should -InvokeSyscall connect -Times 1
        ($records | Measure-Syscall | Where-Object Name -EQ connect).Calls | Should -Be 1
        ($records | Get-TracedProcessTree).ExitStatus | Should -Be 0
    }
}
