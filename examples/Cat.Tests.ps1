# Asserts how a program uses the system, as a Pester test: which files `cat` opens, that it never touches the
# network, and that it stays within a syscall budget, so that a change that adds calls fails the build.
#   Invoke-Pester ./Cat.Tests.ps1 -Output Detailed
BeforeAll {
    # Imported (again) now that Pester is loaded, which registers Should -InvokeSyscall.
    $module = if (Get-Module Hatrace) { Join-Path (Get-Module Hatrace).ModuleBase 'Hatrace.psd1' }
        else { @(Get-Module Hatrace -ListAvailable)[0].Path ?? "$PSScriptRoot/../out/Hatrace/Hatrace.psd1" }
    Import-Module $module -Force
    $file = Join-Path ([IO.Path]::GetTempPath()) "cat-tests-$PID.txt"
    Set-Content -LiteralPath $file -Value 'hello'
    # The C locale: which locale files a program loads depends on the user's settings, not on the program.
    $trace = Start-TracedProcess cat $file -Environment @{ LC_ALL = 'C' }
    $exitCode = $LASTEXITCODE
}

AfterAll {
    Remove-Item -LiteralPath $file
}

Describe 'cat FILE' {
    It 'succeeds' {
        $exitCode | Should -Be 0
    }

    It 'opens the file it was given, once' {
        $trace | Should -InvokeSyscall openat -Path $file -Times 1
    }

    It 'opens nothing else but the C library' {
        $trace | Where-Object { $_.Name -in 'open', 'openat' -and $_.Path -ne $file } |
            Where-Object Path -NotMatch '^/(etc/ld\.so\.cache|lib|usr/lib)/?' | Should -BeNullOrEmpty
    }

    It 'opens its file read-only' {
        ($trace | Where-Object Path -EQ $file).Arguments['flags'].Text | Should -Match '^O_RDONLY'
    }

    It 'makes no network calls' {
        $trace | Should -Not -InvokeSyscall '%network'
    }

    It 'stays within a budget of 60 syscalls' {
        $trace | Should -InvokeSyscall * -AtMost 60
    }

    It 'writes the file to stdout in one write' {
        $trace | Should -InvokeSyscall write -Times 1
    }
}
