# What the bench scripts share: building what they measure, compiling their tracees, and the median they quote.

$root = Split-Path $PSScriptRoot

# Builds the module and the command into out/ with build.ps1, unless -SkipBuild (what is there is measured as it is),
# and returns the bench's own folder under -OutputPath.
function Initialize-Bench([string] $OutputPath, [switch] $SkipBuild) {
    if (-not $SkipBuild) { & (Join-Path $root 'build.ps1') -Task Build | Out-Host }
    $work = Join-Path $OutputPath 'bench'
    $null = New-Item -ItemType Directory -Force -Path $work
    $work
}

# Compiles tests/programs/NAME.c into the bench's folder, and returns the program's path.
function Build-Tracee([string] $Work, [string] $Name, [string[]] $Flags = @('-O2')) {
    $program = Join-Path $Work $Name
    & cc @Flags -o $program (Join-Path $root "tests/programs/$Name.c")
    if ($LASTEXITCODE) { throw "Compiling $Name failed." }
    $program
}

# The middle value (the lower of the two middle ones for an even count): one slow or one lucky run does not move it.
function Get-Median([double[]] $Values) { ($Values | Sort-Object)[[int][math]::Floor(($Values.Count - 1) / 2)] }

Export-ModuleMember -Function Initialize-Bench, Build-Tracee, Get-Median
