# How trace objects look: the strace-like table, the table grouped by process, a short Format-List; and exports that
# keep every flat property, whatever the views show.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    $null = & /bin/true
    $file = Join-Path $TestDrive 'file.txt'
    Set-Content -LiteralPath $file -Value 'some text'
    $trace = @(Start-TracedProcess -IncludeProcessEvents sh -c 'cat "$0"; ls /nonexistent' $file)
    $calls = @($trace | Where-Object { $_ -is [Hatrace.Engine.Model.SyscallEvent] })
    $flat = 'ProcessId', 'ThreadId', 'Name', 'Arg0', 'Arg1', 'Arg2', 'Arg3', 'Arg4', 'Arg5', 'Result', 'Errno', 'Path', 'Duration', 'Text'
}

Describe 'Views' {
    It 'shows a table of pids and strace''s lines by default' {
        $table = ($calls | Select-Object -First 3 | Out-String -Width 200) -split "`n"
        $table -match '^\s+PID Syscall$' | Should -Not -BeNullOrEmpty
        $table -match "^\s*$($calls[0].ProcessId) execve\(" | Should -Not -BeNullOrEmpty
    }

    It 'groups by process with -View Process' {
        $processes = @($trace.ProcessId | Select-Object -Unique)
        $processes.Count | Should -BeGreaterThan 1
        $text = $trace | Sort-Object ProcessId -Stable | Format-Table -View Process | Out-String -Width 200
        foreach ($id in $processes) { $text | Should -Match "Process: $id\b" }
        $text | Should -Match 'TID Syscall'
    }

    It 'keeps Format-List of a call to a few lines' {
        $failed = $calls | Where-Object Errno | Select-Object -First 1
        $lines = @(($failed | Format-List | Out-String) -split "`n" | Where-Object { $_.Trim() })
        $lines.Count | Should -BeLessOrEqual 10
        $lines -match '^Name\s+: ' | Should -Not -BeNullOrEmpty
        $lines -match "^Errno\s+: $($failed.Errno)" | Should -Not -BeNullOrEmpty
        $lines -match '^Arguments\s+: \w+=' | Should -Not -BeNullOrEmpty
    }

    It 'keeps Format-List of <Type> short' -ForEach @(
        @{ Type = 'ProcessExitEvent' }, @{ Type = 'ProcessStartEvent' }, @{ Type = 'ProcessExecEvent' }
    ) {
        $event = $trace | Where-Object { $_.GetType().Name -eq $Type } | Select-Object -First 1
        $event | Should -Not -BeNullOrEmpty
        $lines = @(($event | Format-List | Out-String) -split "`n" | Where-Object { $_.Trim() })
        $lines.Count | Should -BeLessOrEqual 8
        $lines -match '^Text\s+: ' | Should -Not -BeNullOrEmpty
    }
}

Describe 'Exports' {
    It 'writes every flat property as a CSV column, with scalar values' {
        $rows = @($calls | ConvertTo-Csv | ConvertFrom-Csv)
        $columns = $rows[0].PSObject.Properties.Name
        foreach ($name in $flat) { $columns | Should -Contain $name }
        $rows.Count | Should -Be $calls.Count
        $rows.Where({ $_.Errno -eq 'ENOENT' }).Path | Should -Contain '/nonexistent'
        ($rows | ForEach-Object { $_.Arg0, $_.Result } | Where-Object { $_ -match 'System\.' }) | Should -BeNullOrEmpty
    }

    It 'writes every flat property to JSON' {
        $json = $calls[0] | ConvertTo-Json -Depth 1 -WarningAction Ignore | ConvertFrom-Json
        foreach ($name in $flat) { $json.PSObject.Properties.Name | Should -Contain $name }
        $json.Arg0 | Should -Be $calls[0].Arg0
    }
}
