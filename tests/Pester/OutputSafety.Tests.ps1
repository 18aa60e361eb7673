# A tracee whose path, data, name, argv and environment hold terminal escapes, control characters and bytes that
# are not UTF-8 (tests/programs/hostile_strings.c): Export-Csv and the tables must not carry them to a file or to
# the user's terminal.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModulePath) -Force
    $null = & /bin/true
    $trace = @(Start-TracedProcess (Get-TestProgram hostile_strings) -IncludeProcessEvents -DescriptorDetail All)
    $calls = @($trace | Where-Object { $_ -is [Hatrace.Engine.Model.SyscallEvent] })
    $execs = @($trace | Where-Object { $_ -is [Hatrace.Engine.Model.ProcessExecEvent] })
    # hostile_strings.c's HOSTILE bytes as the trace shows them.
    $hostile = '\33[31m\7\n\233\302\233\\\377\376'

    # C0 controls but the line ends, DEL, C1 controls, the replacement character (a byte lost) and lone surrogates.
    function Get-UnsafeCharacter([string] $Text) {
        [regex]::Matches($Text, '[\x00-\x09\x0b-\x1f\x7f-\x9f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]') |
            ForEach-Object { 'U+{0:X4} at {1}' -f [int]$_.Value[0], $_.Index }
    }
}

Describe 'Output safety' {
    It 'traced the hostile strings' {
        ($calls | Where-Object Name -EQ openat | Where-Object Path -Like "*$([WildcardPattern]::Escape($hostile))*") |
            Should -Not -BeNullOrEmpty
        $execs.Arguments | Should -Contain $hostile
    }

    It 'writes no control character or invalid UTF-8 to a CSV file' {
        $file = Join-Path $TestDrive 'trace.csv'
        $calls | Select-Object *, @{ Name = 'Values'; Expression = { @($_.Arguments.Value | ForEach-Object { $_ }) -join ' ' } } |
            Export-Csv -LiteralPath $file
        $execs | Select-Object Path, CommandName, @{ Name = 'Arguments'; Expression = { $_.Arguments -join ' ' } } |
            Export-Csv -LiteralPath $file -Append -Force
        $bytes = [IO.File]::ReadAllBytes($file)
        $text = [Text.UTF8Encoding]::new($false, $true).GetString($bytes)  # throws on invalid UTF-8
        $text.Replace("`r", '') | Should -BeLike "*$([WildcardPattern]::Escape($hostile))*"
        Get-UnsafeCharacter ($text -replace "`r`n|`n", '') | Should -BeNullOrEmpty
    }

    It 'shows no control character in Format-Table or Format-List' {
        foreach ($shown in ($trace | Format-Table | Out-String -Width 400), ($trace | Format-List * | Out-String -Width 400)) {
            Get-UnsafeCharacter ($shown -replace "`r`n|`n", '') | Should -BeNullOrEmpty
        }
    }
}
