<#
.SYNOPSIS
    Builds, demonstrates and tests Hatrace.

.DESCRIPTION
    Tasks (several may be given, comma-separated):
      Prerequisites  installs cc (gcc, libc6-dev), clang, libbpf-dev and bpftool (the eBPF backend's kernel program),
                     strace, tmux, make, python3, ip (iproute2), /etc/services (netbase), sshd and ssh (openssh-server,
                     openssh-client) with apt-get when they are missing
      Build          builds Hatrace.PowerShell.sln, assembles the module in out/Hatrace/ and publishes the
                     hatrace command to out/bin/
      Demo           Build, then traces `ls /` with the freshly built module
      Test           Build, then runs every xunit project and the Pester tests; the last line
                     printed is "N passed, N failed", with ", K skipped" when tests were skipped (a test
                     skips, saying why, where the machine lacks what it needs), and the exit code is 1
                     when anything failed; a skipped test is not a failure
      Clean          removes out/ and every project's bin/ and obj/
      Package        Build (unless -NoBuild), then packs the module for the PowerShell Gallery into
                     PackagePath/module/ (a folder repository: Register-PSResourceRepository -Uri) and the
                     hatrace command as a dotnet tool into PackagePath/ (dotnet tool install --add-source)

.EXAMPLE
    dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Test
#>
param(
    [string[]] $Task = 'Build',
    [string] $Configuration = 'Release',
    # Where Package writes its packages.
    [string] $PackagePath = (Join-Path $PSScriptRoot 'out/packages'),
    # Package packs what the last Build left in out/ instead of building first.
    [switch] $NoBuild
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$Root = $PSScriptRoot
$OutDir = Join-Path $Root 'out'
$ModuleDir = Join-Path $OutDir 'Hatrace'
$CommandDir = Join-Path $OutDir 'bin'
$ResultsDir = Join-Path $OutDir 'test-results'
$ProgramsDir = Join-Path $OutDir 'programs'
$PesterVersion = '5.7.1'

# Totals of the Test task, printed as its last line even when a step breaks.
$script:Passed = 0
$script:Failed = 0
$script:Skipped = 0
$script:Broken = [System.Collections.Generic.List[string]]::new()
$script:FailedNames = [System.Collections.Generic.List[string]]::new()

# Runs a native command with its output on the host (so that it never leaks into a function's
# return value) and throws when it exits non-zero, unless -AllowFailure; returns nothing.
function Invoke-Native {
    param(
        [Parameter(Mandatory)] [string] $Command,
        [string[]] $Arguments = @(),
        [switch] $AllowFailure
    )
    Write-Host "> $Command $($Arguments -join ' ')" -ForegroundColor DarkGray
    & $Command @Arguments | Out-Host
    $code = $LASTEXITCODE
    if ($code -ne 0 -and -not $AllowFailure) {
        throw "'$Command $($Arguments -join ' ')' failed with exit code $code."
    }
    $script:LastNativeExitCode = $code
}

# A pwsh of the same version as this one. Under `dotnet pwsh` the process is the dotnet host,
# so [Environment]::ProcessPath would not do; $PSHOME holds the real pwsh.
function Get-ChildPwsh {
    Join-Path $PSHOME 'pwsh'
}

function Invoke-Prerequisites {
    # Build compiles the C helper and tests compare against strace: a bare Debian has neither.
    # tmux: the Ctrl+C tests type into a real terminal. make: the test of examples/Kill-BuildStep.ps1 builds with it.
    # python3 and /etc/services: a test reads the struct stat of python's os.stat('/etc/services').
    # ip (iproute2): a test compares the netlink messages of `ip addr` with strace's.
    # clang, libbpf-dev (its headers) and bpftool: Build compiles the eBPF backend's kernel program and makes bpftool's
    # light skeleton of it, which the native helper loads.
    # sshd and ssh (with ssh-keygen): the remoting tests run Invoke-Command -HostName against an sshd of their own.
    # libdw (libdw1): -k and -StackTrace unwind stacks with it; strip (binutils): a test of -k on a stripped program.
    $missing = @(@('cc', 'clang', 'strace', 'tmux', 'make', 'python3', 'ip', 'ssh', 'ssh-keygen', 'strip').Where({ -not (Get-Command $_ -CommandType Application -ErrorAction Ignore) }))
    if (-not (Test-Path '/usr/include/stdio.h')) { $missing += 'libc6-dev headers' }
    if (-not (Test-Path '/usr/include/bpf/bpf_helpers.h')) { $missing += 'libbpf-dev headers' }
    if (-not (Get-Command bpftool -CommandType Application -ErrorAction Ignore) -and -not (Test-Path '/usr/sbin/bpftool')) { $missing += 'bpftool' }
    if (-not (Test-Path '/etc/services')) { $missing += '/etc/services' }
    if (-not (Test-Path '/usr/sbin/sshd')) { $missing += 'sshd' }
    if (-not (Test-Path '/usr/lib/x86_64-linux-gnu/libdw.so.1')) { $missing += 'libdw' }
    if ($missing.Count -eq 0) { return }

    $packages = @('gcc', 'libc6-dev', 'clang', 'libbpf-dev', 'bpftool', 'strace', 'tmux', 'make', 'python3-minimal', 'iproute2', 'netbase',
        'openssh-server', 'openssh-client', 'libdw1', 'binutils')
    Write-Host "Missing: $($missing -join ', '); installing them with apt-get." -ForegroundColor Yellow
    if (-not (Get-Command apt-get -ErrorAction Ignore)) {
        throw "apt-get not found: install $($packages -join ', ') or their equivalents yourself."
    }
    # Root (as in CI) runs apt-get directly; anyone else needs password-less sudo, as there may be no stdin to ask on.
    $uid = & id -u
    if ($LASTEXITCODE -ne 0) { throw "'id -u' failed with exit code $LASTEXITCODE." }
    # env(1) sets DEBIAN_FRONTEND because sudo resets the environment.
    $runner = 'env'
    $aptArgs = @('DEBIAN_FRONTEND=noninteractive', 'apt-get')
    if ($uid -ne '0') {
        if (-not (Get-Command sudo -ErrorAction Ignore)) {
            throw "Not root and no sudo: install $($packages -join ', ') yourself."
        }
        $runner = 'sudo'
        $aptArgs = @('-n', 'env') + $aptArgs
    }
    Invoke-Native $runner ($aptArgs + 'update')
    Invoke-Native $runner ($aptArgs + @('install', '-y', '--no-install-recommends') + $packages)
}

function Invoke-Build {
    Invoke-Prerequisites
    Invoke-Native dotnet @('build', (Join-Path $Root 'Hatrace.PowerShell.sln'), '-c', $Configuration)

    # The module folder is assembled fresh from an explicit list, so nothing stale or unintended
    # (SMA, .deps.json, test leftovers) ships in it.
    $binDir = Join-Path $Root "src/Hatrace.Cmdlets/bin/$Configuration/net10.0/linux-x64"
    $files = @(
        (Join-Path $Root 'module/Hatrace.psd1')
        (Join-Path $Root 'LICENSE')
        (Join-Path $Root 'module/Hatrace.Format.ps1xml')
        (Join-Path $Root 'module/Hatrace.Types.ps1xml')
        (Join-Path $Root 'module/Hatrace.PesterAssertions.psm1')
        (Join-Path $binDir 'Hatrace.Cmdlets.dll')
        (Join-Path $binDir 'Hatrace.Engine.dll')
        (Join-Path $binDir 'Hatrace.Native.dll')
        (Join-Path $binDir 'libhatrace_native.so')
    )
    $missing = @($files.Where({ -not (Test-Path -LiteralPath $_ -PathType Leaf) }))
    if ($missing.Count -gt 0) {
        throw "Cannot assemble the module, missing:`n  $($missing -join "`n  ")"
    }
    if (Test-Path -LiteralPath $ModuleDir) { Remove-Item -LiteralPath $ModuleDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $ModuleDir
    Copy-Item -LiteralPath $files -Destination $ModuleDir
    Write-Host "Module assembled in $ModuleDir" -ForegroundColor Green

    # Help from docs/help, with syntax and parameter facts read from the cmdlets just built; in a child pwsh, as the
    # generator loads the module.
    Invoke-Native (Get-ChildPwsh) @('-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'build/HelpGenerator.ps1'),
        '-ModulePath', (Join-Path $ModuleDir 'Hatrace.psd1'), '-DocsPath', (Join-Path $Root 'docs/help'), '-OutputPath', (Join-Path $ModuleDir 'en-US'))
    Write-Host "Help generated in $(Join-Path $ModuleDir 'en-US')" -ForegroundColor Green

    # The strace-compatible command, compiled ahead of time (PublishAot in its project), which needs it self-contained:
    # `out/bin/hatrace /bin/true` took 33-35 ms so, against 300-318 ms ReadyToRun. Published fresh from the build above.
    if (Test-Path -LiteralPath $CommandDir) { Remove-Item -LiteralPath $CommandDir -Recurse -Force }
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/Hatrace.Cli/Hatrace.Cli.csproj'), '-c', $Configuration, '--no-build', '-p:SelfContained=true', '-o', $CommandDir)
    Write-Host "hatrace published in $CommandDir" -ForegroundColor Green
}

function Invoke-Demo {
    Invoke-Build
    # A child pwsh: an assembly loaded here could not be unloaded, and the rebuilt module must load fresh.
    $manifest = (Join-Path $ModuleDir 'Hatrace.psd1').Replace("'", "''")
    # The child writes into a pipe, so whether colours make sense is decided here.
    $rendering = if ([Console]::IsOutputRedirected) { 'PlainText' } else { 'Ansi' }
    $demo = "`$PSStyle.OutputRendering = '$rendering'; Import-Module '$manifest'; " +
        'Start-TracedProcess ls -ArgumentList / | Group-Object Name | Sort-Object Count -Descending | Format-Table Count, Name -AutoSize'
    Invoke-Native (Get-ChildPwsh) @('-NoProfile', '-NonInteractive', '-Command', $demo)
}

function Invoke-Package {
    if (-not $NoBuild) { Invoke-Build }
    $manifest = Join-Path $ModuleDir 'Hatrace.psd1'
    $null = Test-ModuleManifest -Path $manifest
    # Fresh, as Build's folders are: PSResourceGet refuses to publish a version the folder already holds.
    if (Test-Path -LiteralPath $PackagePath) { Remove-Item -LiteralPath $PackagePath -Recurse -Force }
    # The module's package has the same id as the tool's (hatrace) and is found by another client: a folder of its own.
    $moduleRepository = Join-Path $PackagePath 'module'
    $null = New-Item -ItemType Directory -Path $moduleRepository
    $scratch = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "hatrace-package-$PID")).FullName
    try {
        # PSResourceGet publishes to a registered repository only. Registering one under a scratch HOME (its store
        # is in ~/.local/share) leaves the user's repositories alone.
        $publish = "Register-PSResourceRepository -Name HatraceFolder -Uri '$($moduleRepository.Replace("'", "''"))' -Trusted; " +
            "Publish-PSResource -Path '$($ModuleDir.Replace("'", "''"))' -Repository HatraceFolder"
        # It also writes a NuGet/NuGet.Config into the current directory: the scratch one.
        $savedHome = $env:HOME
        $env:HOME = $scratch
        Push-Location -LiteralPath $scratch
        try { Invoke-Native (Get-ChildPwsh) @('-NoProfile', '-NonInteractive', '-Command', $publish) }
        finally { Pop-Location; $env:HOME = $savedHome }

        # Framework-dependent whatever the project publishes (PublishAot), built apart from the solution's bin/ and
        # obj/ so that this build's different properties do not undo the next incremental one there.
        Invoke-Native dotnet @('pack', (Join-Path $Root 'src/Hatrace.Cli/Hatrace.Cli.csproj'), '-c', $Configuration,
            '-p:PublishAot=false', '--artifacts-path', (Join-Path $scratch 'artifacts'), '-o', $PackagePath)
    }
    finally {
        Remove-Item -LiteralPath $scratch -Recurse -Force
    }
    Get-ChildItem -Path $PackagePath -Filter '*.nupkg' -Recurse | ForEach-Object { Write-Host "Packed $($_.FullName)" -ForegroundColor Green }
}

# Reads passed/failed from a TRX file's ResultSummary/Counters, and skipped from its results.
function Get-TrxCounts([string] $Path) {
    [xml] $trx = Get-Content -LiteralPath $Path -Raw
    $ns = @{ t = 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010' }
    $counters = (Select-Xml -Xml $trx -XPath '/t:TestRun/t:ResultSummary/t:Counters' -Namespace $ns).Node
    if ($null -eq $counters) { throw "$Path has no ResultSummary/Counters." }
    $count = { param($name) $v = $counters.GetAttribute($name); if ($v) { [int] $v } else { 0 } }
    [pscustomobject] @{
        Passed = & $count 'passed'
        # A test that errored, timed out or was aborted did not pass either.
        Failed = (& $count 'failed') + (& $count 'error') + (& $count 'timeout') + (& $count 'aborted')
        # Counters' notExecuted stays 0 for an xunit skip (Microsoft.NET.Test.Sdk 18.0.1); its result says NotExecuted.
        Skipped = @(Select-Xml -Xml $trx -XPath "/t:TestRun/t:Results/t:UnitTestResult[@outcome='NotExecuted']" -Namespace $ns).Count
        FailedNames = @(Select-Xml -Xml $trx -XPath "/t:TestRun/t:Results/t:UnitTestResult[@outcome!='Passed' and @outcome!='NotExecuted']" -Namespace $ns |
            ForEach-Object { $_.Node.testName })
    }
}

function Invoke-XunitTests {
    $projects = @(Get-ChildItem -Path (Join-Path $Root 'tests') -Filter '*.Tests.csproj' -Recurse -File -ErrorAction Ignore |
        Where-Object FullName -NotMatch '[\\/](bin|obj)[\\/]' | Sort-Object FullName)
    if ($projects.Count -eq 0) { Write-Host 'No xunit projects found under tests/.' -ForegroundColor Yellow }
    foreach ($project in $projects) {
        $name = $project.BaseName
        $trx = Join-Path $ResultsDir "$name.trx"
        # Keep going after a failing project: every project's results count. A test that hangs is ended after ten
        # minutes (no test takes one), so that a hang fails the run instead of outlasting CI.
        Invoke-Native dotnet @('test', $project.FullName, '-c', $Configuration, '--no-build',
            '--logger', "trx;LogFileName=$name.trx", '--results-directory', $ResultsDir,
            '--blame-hang-timeout', '10m', '--blame-hang-dump-type', 'none') -AllowFailure
        $code = $script:LastNativeExitCode
        if (-not (Test-Path -LiteralPath $trx)) {
            # `dotnet test --no-build` of a project that was never built runs nothing and exits 0.
            $script:Broken.Add("$name wrote no TRX (exit code $code): is it in Hatrace.PowerShell.sln, so that Build builds it?")
            continue
        }
        $counts = Get-TrxCounts $trx
        $script:Passed += $counts.Passed
        $script:Failed += $counts.Failed
        $script:Skipped += $counts.Skipped
        $script:FailedNames.AddRange([string[]] $counts.FailedNames)
        Write-Host "${name}: $($counts.Passed) passed, $($counts.Failed) failed, $($counts.Skipped) skipped" -ForegroundColor Cyan
        if ($code -ne 0 -and $counts.Failed -eq 0) {
            $script:Broken.Add("$name exited with code $code without a failed test")
        }
    }
}

# Pester comes from NuGet through a restore-only project; returns the path of Pester.psd1.
function Restore-Pester {
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tests/Pester/Pester.Restore.csproj'))
    $line = & dotnet nuget locals global-packages --list
    if ($LASTEXITCODE -ne 0) { throw "'dotnet nuget locals global-packages --list' failed with exit code $LASTEXITCODE." }
    $folder = @($line | ForEach-Object { if ($_ -match '^global-packages:\s*(.+?)\s*$') { $Matches[1] } })[0]
    $psd1 = Join-Path $folder "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $psd1)) { throw "Pester $PesterVersion not found at $psd1 after restore." }
    $psd1
}

function Invoke-PesterTests {
    $pesterDir = Join-Path $Root 'tests/Pester'
    if (@(Get-ChildItem -Path $pesterDir -Filter '*.Tests.ps1' -Recurse -File -ErrorAction Ignore).Count -eq 0) {
        Write-Host 'No Pester tests found under tests/Pester.' -ForegroundColor Yellow
        return
    }
    $pesterPsd1 = Restore-Pester
    $summary = Join-Path $ResultsDir 'pester-summary.json'
    # The child's output always reaches us through a pipe, so whether colours make sense is decided here.
    $renderMode = if ([Console]::IsOutputRedirected) { 'Plaintext' } else { 'Auto' }
    # A child pwsh, so that the module under test loads fresh and Pester's state stays out of this process.
    Invoke-Native (Get-ChildPwsh) @('-NoProfile', '-NonInteractive', '-File', (Join-Path $pesterDir 'Run-Pester.ps1'),
        '-PesterPath', $pesterPsd1, '-TestPath', $pesterDir, '-ProgramsPath', $ProgramsDir,
        '-ResultPath', (Join-Path $ResultsDir 'pester.xml'), '-SummaryPath', $summary, '-RenderMode', $renderMode) -AllowFailure
    $code = $script:LastNativeExitCode
    if (-not (Test-Path -LiteralPath $summary)) {
        $script:Broken.Add("Pester wrote no summary (exit code $code)")
        return
    }
    $counts = Get-Content -LiteralPath $summary -Raw | ConvertFrom-Json
    # A test file that fails to load counts as a failed container, not as a failed test.
    $failed = [int] $counts.FailedCount + [int] $counts.FailedContainersCount
    $script:Passed += [int] $counts.PassedCount
    $script:Failed += $failed
    $script:Skipped += [int] $counts.SkippedCount
    $script:FailedNames.AddRange([string[]] @($counts.FailedNames))
    Write-Host "Pester: $($counts.PassedCount) passed, $failed failed ($($counts.FailedContainersCount) containers), $($counts.SkippedCount) skipped" -ForegroundColor Cyan
    if ($counts.Result -ne 'Passed' -and $failed -eq 0) {
        $script:Broken.Add("Pester result '$($counts.Result)' without a failed test (FailedBlocksCount $($counts.FailedBlocksCount))")
    }
}

function Invoke-Test {
    Invoke-Build
    # Stale results must not be counted again.
    if (Test-Path -LiteralPath $ResultsDir) { Remove-Item -LiteralPath $ResultsDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $ResultsDir
    # Where the xunit project's build put the compiled tests/programs/*.c; the tests look here.
    $env:HATRACE_TEST_PROGRAMS = $ProgramsDir
    Invoke-XunitTests
    Invoke-PesterTests
}

function Invoke-Clean {
    if (Test-Path -LiteralPath $OutDir) { Remove-Item -LiteralPath $OutDir -Recurse -Force }
    # Only the bin/ and obj/ beside a project file: no other folder of that name is touched.
    Get-ChildItem -Path $Root -Filter '*.csproj' -Recurse -File |
        Where-Object FullName -NotMatch '[\\/](bin|obj)[\\/]' |
        ForEach-Object {
            foreach ($sub in 'bin', 'obj') {
                $dir = Join-Path $_.DirectoryName $sub
                if (Test-Path -LiteralPath $dir) { Remove-Item -LiteralPath $dir -Recurse -Force }
            }
        }
    Write-Host 'Cleaned out/ and bin/, obj/.' -ForegroundColor Green
}

# Under -File, `-Task A,B` arrives as the single string "A,B".
$tasks = @($Task | ForEach-Object { $_ -split ',' } | ForEach-Object Trim | Where-Object { $_ })
$known = 'Prerequisites', 'Build', 'Demo', 'Test', 'Clean', 'Package'
foreach ($t in $tasks) {
    if ($t -notin $known) { [Console]::Error.WriteLine("Unknown task '$t'; known tasks: $($known -join ', ')."); exit 2 }
}

$exitCode = 0
Push-Location -LiteralPath $Root
try {
    foreach ($t in $tasks) {
        Write-Host "=== $t ===" -ForegroundColor Cyan
        & "Invoke-$t"
    }
}
catch {
    # Report the broken step and still reach the summary below.
    Write-Host "ERROR: $($_.Exception.Message)" -ForegroundColor Red
    Write-Host $_.ScriptStackTrace -ForegroundColor DarkGray
    $script:Broken.Add("$($_.Exception.Message)")
    $exitCode = 1
}
finally {
    Pop-Location
}

if ($tasks -contains 'Test') {
    # CI keeps the end of the output: what failed is named there, however long the run's output was.
    foreach ($f in $script:FailedNames) { Write-Host "Failed: $f" -ForegroundColor Red }
    foreach ($b in $script:Broken) { Write-Host "Broken step: $b" -ForegroundColor Red }
    if ($script:Failed -gt 0 -or $script:Broken.Count -gt 0) { $exitCode = 1 }
    # The very last line, read by CI: "N passed, N failed" exactly as before when nothing was skipped.
    $skipped = if ($script:Skipped -gt 0) { ", $($script:Skipped) skipped" } else { '' }
    Write-Host "$($script:Passed) passed, $($script:Failed) failed$skipped"
}
exit $exitCode
