# The installed strace is the oracle: on a deterministic command, Start-TracedProcess must see the same
# syscalls, by name and count, as strace -f does.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    Import-Module (Join-Path $PSScriptRoot '../Differential/StraceDiff.psm1') -Force

    # strace's log read by the differential suite's parser, which joins split calls into one record.
    function Get-StraceCount([string] $FilePath, [string[]] $ArgumentList) {
        $log = Join-Path $TestDrive 'strace.log'
        & strace -f -qq -o $log $FilePath @ArgumentList > $null 2>&1
        $counts = @{}
        ConvertTo-NormalRecord @(ConvertFrom-StraceLog $log) | Where-Object { $_.Name -notin 'exit', 'signal' -and $_.Result -notlike '? ERESTART*' } |
            ForEach-Object { $counts[$_.Name] = 1 + $counts[$_.Name] }
        $counts
    }

    function Get-HatraceCount([string] $FilePath, [string[]] $ArgumentList) {
        $counts = @{}
        # A call the kernel restarts (a signal came in: ERESTARTNOINTR and the like) shows twice, in whichever
        # run it happens: timing, not tracing, decides that, so neither side counts the interrupted try.
        Start-TracedProcess $FilePath -ArgumentList $ArgumentList | Where-Object ErrnoValue -LT 512 |
            ForEach-Object { $counts[$_.Name] = 1 + $counts[$_.Name] }
        $counts
    }
}

Describe 'Start-TracedProcess against strace' {
    It 'sees the same syscalls as strace for <FilePath> <ArgumentList>' -ForEach @(
        # Output goes to /dev/null inside the command, so that no tracee behaves differently on a terminal.
        @{ FilePath = '/bin/true'; ArgumentList = @() }
        @{ FilePath = 'sh'; ArgumentList = @('-c', 'ls -la /usr/share/doc > /dev/null') }
        @{ FilePath = 'sh'; ArgumentList = @('-c', 'cat /etc/os-release > /dev/null') }
        @{ FilePath = 'sh'; ArgumentList = @('-c', 'echo one > /dev/null; /bin/true; echo two | cat > /dev/null') }
    ) {
        $expected = Get-StraceCount $FilePath $ArgumentList
        $actual = Get-HatraceCount $FilePath $ArgumentList
        $expected.Count | Should -BeGreaterThan 5
        $differences = foreach ($name in @($expected.Keys) + @($actual.Keys) | Sort-Object -Unique) {
            if ($expected[$name] -ne $actual[$name]) { "$name strace=$($expected[$name]) hatrace=$($actual[$name])" }
        }
        $differences | Should -BeNullOrEmpty
    }
}
