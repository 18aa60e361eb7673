# The filters of Start-TracedProcess and Trace-Process (-Path, -Descriptor, -Status, -DataContains), applied by the engine
# before decoding, and the warnings about calls in progress (-ReportInProgressAfter).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    $null = & /bin/true
    $script:Directory = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "hatrace-filters-$([guid]::NewGuid())")).FullName
}

AfterAll {
    Remove-Item -LiteralPath $script:Directory -Recurse -Force
}

Describe 'Start-TracedProcess filters' {
    It '-Path matches path arguments and descriptors open on the path, with wildcards' {
        $calls = @(Start-TracedProcess (Get-TestProgram fd_paths) $script:Directory -Path '/etc/pass*')
        $calls.Name | Should -Be 'openat', 'read', 'close'
        $calls[1].Arguments['fd'].Raw | Should -Be $calls[0].Result
        Get-ProcessLeftBehind $calls.ProcessId | Should -BeNullOrEmpty
    }

    It '-Descriptor keeps the calls that take one of the descriptors' {
        $calls = @(Start-TracedProcess (Get-TestProgram blocked_read) 10 -Descriptor 4)
        $calls.Name | Should -Contain 'write'
        $calls | Where-Object Name -EQ 'write' | ForEach-Object { $_.Arg0 | Should -Be 4 }
        $calls.Name | Should -Not -Contain 'read'
    }

    It '-Status keeps the calls that ended so' {
        $calls = @(Start-TracedProcess (Get-TestProgram fd_paths) $script:Directory -Status Failed)
        $calls.Count | Should -BeGreaterThan 0
        $calls | ForEach-Object { $_.Errno | Should -Not -BeNullOrEmpty }
        $calls.Name | Should -Contain 'unlink'
        @(Start-TracedProcess (Get-TestProgram fd_paths) $script:Directory -Status Successful, Failed | Where-Object Errno).Count |
            Should -Be $calls.Count
    }

    It '-DataContains finds the text in what a call writes and in what a call reads, whatever -StringLength shows' {
        $calls = @(Start-TracedProcess (Get-TestProgram blocked_read) 10 -DataContains 'wake up' -StringLength 4)
        ($calls.Name | Sort-Object) | Should -Be 'read', 'write'
        ($calls | Where-Object Name -EQ 'read').Result | Should -Be 7
    }

    It '-ReportInProgressAfter warns once about a call that takes longer' {
        $calls = @(Start-TracedProcess (Get-TestProgram blocked_read) 1500 -Name read -ReportInProgressAfter 00:00:00.3 -WarningVariable warnings -WarningAction SilentlyContinue)
        $blocked = @($calls | Where-Object Result -EQ 7) # the pipe's, not the loader's
        $blocked.Count | Should -Be 1
        $reads = @($warnings | Where-Object { "$_" -match '\] read\(3,  <in progress for \d+\.\d{3} s>$' })
        $reads.Count | Should -Be 1
        "$($reads[0])" | Should -Match "^\[pid +$($blocked[0].ProcessId)\]"
        # Only the calls chosen with -Name are in progress as far as the trace is concerned.
        $warnings | Where-Object { "$_" -match 'clock_nanosleep' } | Should -BeNullOrEmpty
    }
}
