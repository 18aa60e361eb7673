<#
.SYNOPSIS
    Reproduces a broken incremental build: the assembler is killed at its Nth write to an object file.

.DESCRIPTION
    Builds a one-file C project with make, killing the build at the Nth write(2) to a *.o file, as a crash, an
    OOM kill or a power cut would. The object file is left half written but newer than its source, so the next
    plain `make` believes it is up to date and links the broken file. The kill happens at exactly the same
    point on every run, so the bug reproduces every time.

.EXAMPLE
    ./Kill-BuildStep.ps1 -When 2
#>
param(
    # Which write to the object file kills the build.
    [int] $When = 2,
    # Where the project is made; a new temporary directory when omitted, removed afterwards.
    [string] $Directory
)

if (-not (Get-Module Hatrace)) { Import-Module (@(Get-Module Hatrace -ListAvailable)[0].Path ?? "$PSScriptRoot/../out/Hatrace/Hatrace.psd1") }

$temporary = -not $Directory
if ($temporary) { $Directory = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "kill-build-$PID")).FullName }
try {
    Set-Content -LiteralPath (Join-Path $Directory 'hello.c') -Value 'int main(void) { return 0; }'
    Set-Content -LiteralPath (Join-Path $Directory 'Makefile') -Value "hello: hello.o`n`tcc -o hello hello.o`nhello.o: hello.c`n`tcc -c -o hello.o hello.c"

    $kill = New-SyscallFault -Name write -Path '*.o' -When $When -Kill
    # Only the process making the call is killed, as by the OOM killer; make sees its recipe fail.
    $writes = Start-TracedProcess make -WorkingDirectory $Directory -Name write -Fault $kill -DescriptorDetail Path |
        Where-Object FdPath -Like '*.o'
    "make exited with ${LASTEXITCODE}: its assembler was killed at write $When to the object file."
    'Its writes to the object file:'
    $writes | ForEach-Object { "  pid $($_.ProcessId): $($_.Text)" }
    $object = Get-Item -LiteralPath (Join-Path $Directory 'hello.o')
    "hello.o is left behind with $($object.Length) bytes, newer than hello.c."
    ''
    'The next `make`, untraced:'
    Push-Location -LiteralPath $Directory
    try { & make 2>&1 | ForEach-Object { "  $_" } } finally { Pop-Location }
    "make exited with ${LASTEXITCODE}: it never rebuilt hello.o."
}
finally {
    if ($temporary) { Remove-Item -LiteralPath $Directory -Recurse -Force }
}
