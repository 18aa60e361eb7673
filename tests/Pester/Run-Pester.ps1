<#
.SYNOPSIS
    Runs the Pester tests of tests/Pester and writes their counts as JSON.

.DESCRIPTION
    Started by build.ps1 -Task Test in a child pwsh, so that the module under test is loaded
    fresh and nothing of it stays in the process that built it. Pester is imported from the
    NuGet global packages folder (restored by tests/Pester/Pester.Restore.csproj).
    Exits 0 when Pester ran, whatever the tests' outcome: build.ps1 reads the outcome from
    the summary file, which holds PassedCount, FailedCount, FailedContainersCount and more.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $TestPath,
    [Parameter(Mandatory)] [string] $ProgramsPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    # Plaintext keeps ANSI colour codes out of CI logs.
    [ValidateSet('Auto', 'Ansi', 'ConsoleColor', 'Plaintext')] [string] $RenderMode = 'Auto'
)

$ErrorActionPreference = 'Stop'

# The tests find the compiled tests/programs/*.c here.
$env:HATRACE_TEST_PROGRAMS = $ProgramsPath

Import-Module -Name $PesterPath -Force

$config = New-PesterConfiguration
$config.Run.Path = $TestPath
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.Output.RenderMode = $RenderMode
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = $ResultPath

$result = Invoke-Pester -Configuration $config

[ordered] @{
    Result                = [string] $result.Result
    TotalCount            = $result.TotalCount
    PassedCount           = $result.PassedCount
    FailedCount           = $result.FailedCount
    SkippedCount          = $result.SkippedCount
    NotRunCount           = $result.NotRunCount
    FailedContainersCount = $result.FailedContainersCount
    FailedBlocksCount     = $result.FailedBlocksCount
    # Named again at the end of the run, where CI's tail shows them.
    FailedNames           = @($result.Failed | ForEach-Object ExpandedPath) + @($result.FailedContainers | ForEach-Object { "$($_.Item)" })
} | ConvertTo-Json | Set-Content -LiteralPath $SummaryPath -Encoding utf8
exit 0
