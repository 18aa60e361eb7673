# Shared by the Pester tests: where the module and the C tracees are, and the check every tracing test ends
# with: none of the processes a trace saw may be left stopped (T), in tracing stop (t) or a zombie (Z).

$script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

# HATRACE_MODULE points at a module assembled elsewhere (a build of one's own while others use out/).
function Get-ModulePath {
    if ($env:HATRACE_MODULE) { $env:HATRACE_MODULE } else { Join-Path $script:Root 'out/Hatrace/Hatrace.psd1' }
}

# The hatrace command Build publishes beside the module (out/bin/hatrace next to out/Hatrace/).
function Get-HatracePath {
    Join-Path (Split-Path (Split-Path (Get-ModulePath))) 'bin/hatrace'
}

# What build.ps1 -Task Package -NoBuild packs: the module the last Build assembled in out/.
function Test-ModuleBuilt {
    Test-Path -LiteralPath (Join-Path $script:Root 'out/Hatrace/Hatrace.psd1')
}

# build.ps1 -Task Package as a user runs it, packing what the last Build left in out/ (-NoBuild) into $Path: the module's
# folder repository in $Path/module, the hatrace command's tool package in $Path. ExitCode, and Output: what it printed.
function Invoke-PackageTask([string] $Path) {
    $output = & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -File (Join-Path $script:Root 'build.ps1') -Task Package -NoBuild -PackagePath $Path 2>&1 | Out-String
    [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output }
}

# A pwsh whose HOME is $HomePath, as a new user's or another machine's: no module, repository or profile of this one's,
# and a clean PSModulePath. It starts in $HomePath, where PSResourceGet writes a NuGet/NuGet.Config. Returns what it
# printed, as one string.
function Invoke-PwshWithHome([string] $HomePath, [string] $Command) {
    $saved = $env:HOME, $env:PSModulePath
    $env:HOME = $HomePath
    $env:PSModulePath = $null
    $null = New-Item -ItemType Directory -Path $HomePath -Force
    Push-Location -LiteralPath $HomePath
    try { & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -Command "`$PSStyle.OutputRendering = 'PlainText'; $Command" 2>&1 | Out-String }
    finally { Pop-Location; $env:HOME, $env:PSModulePath = $saved }
}

# Installs the module as the README says, with PSResourceGet from the folder repository that -Task Package wrote, into
# the CurrentUser scope of $HomePath; returns what that printed, "installed Hatrace VERSION" on success.
function Install-PackagedModule([string] $Repository, [string] $HomePath) {
    Invoke-PwshWithHome $HomePath ("Register-PSResourceRepository -Name Local -Uri '$($Repository.Replace("'", "''"))' -Trusted; " +
        'Install-PSResource -Name Hatrace -Repository Local -Scope CurrentUser; ' +
        'Get-InstalledPSResource -Name Hatrace | ForEach-Object { "installed $($_.Name) $($_.Version)" }')
}

function Get-TestProgram([string] $Name) {
    $dir = if ($env:HATRACE_TEST_PROGRAMS) { $env:HATRACE_TEST_PROGRAMS } else { Join-Path $script:Root 'out/programs' }
    Join-Path $dir $Name
}

function Get-ProcessState([int] $ProcessId) {
    $stat = Get-Content -LiteralPath "/proc/$ProcessId/stat" -Raw -ErrorAction Ignore
    if (-not $stat) { return $null }
    # "pid (comm) S ...": comm may hold spaces, so read after the last ')'.
    $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')[0]
}

# Orphans wait for init to reap them, which takes a moment on this kind of machine: allow a few seconds.
function Get-ProcessLeftBehind([int[]] $ProcessId) {
    foreach ($id in $ProcessId | Sort-Object -Unique) {
        $state = $null
        foreach ($attempt in 1..50) {
            $state = Get-ProcessState $id
            if (-not $state -or $state -notmatch '^[tTZ]') { break }
            Start-Sleep -Milliseconds 100
        }
        if ($state -and $state -match '^[tTZ]') { "$id ($state)" }
    }
}

# A running process to attach to (tests/programs/attach_target.c): Id is the program's, Shell its parent's. Started under
# a shell: a process this pwsh started itself is refused (.NET waits for its own children).
function Start-AttachTarget {
    $start = [Diagnostics.ProcessStartInfo]::new('sh', [string[]]@('-c', '"$0" "$1" & echo $!; wait $!', (Get-TestProgram attach_target), '/dev/null'))
    $start.RedirectStandardOutput = $true
    $shell = [Diagnostics.Process]::Start($start)
    # The shell's echo of the pid and the program's "ready" come in either order.
    $lines = $shell.StandardOutput.ReadLine(), $shell.StandardOutput.ReadLine()
    $id = [int]($lines -ne 'ready')[0]
    [pscustomobject]@{ Shell = $shell; Id = $id }
}

Export-ModuleMember -Function Get-ModulePath, Get-HatracePath, Test-ModuleBuilt, Invoke-PackageTask, Invoke-PwshWithHome,
    Install-PackagedModule, Get-TestProgram, Get-ProcessState, Get-ProcessLeftBehind, Start-AttachTarget
