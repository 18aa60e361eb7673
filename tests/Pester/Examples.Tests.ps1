# Runs every script of examples/ as a user would, in a pwsh of its own with the module under test imported, and
# checks that what it prints holds the essential content: the findings each example exists to show.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $examples = Join-Path $PSScriptRoot '../../examples'

    function Get-Quoted([string] $Text) { "'" + ($Text -replace "'", "''") + "'" }

    # Everything the example and the programs it traces print, as one string; the example must end without error.
    # $Arguments is PowerShell source, as typed after the script's name.
    function Invoke-Example([string] $Script, [string] $Arguments = '') {
        $command = "`$PSStyle.OutputRendering = 'PlainText'; `$ErrorActionPreference = 'Stop'; " +
            "Import-Module $(Get-Quoted (Get-ModulePath)); & $(Get-Quoted (Join-Path $examples $Script)) $Arguments"
        $output = & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -Command $command 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $output
        $output
    }
}

Describe 'examples/<_>' -ForEach @(Get-ChildItem -Path (Join-Path $PSScriptRoot '../../examples') -Filter '*.ps1' -File | ForEach-Object Name) {
    It 'is tested below' {
        # A new example needs a test of its own in this file.
        $tested = 'Audit-Command.ps1', 'Kill-BuildStep.ps1', 'Cat.Tests.ps1', 'Mock-NetworkFailure.ps1', 'Find-FaultAnomaly.ps1',
            'Fuzz-Reads.ps1', 'Redirect-Path.ps1', 'Add-Logging.ps1'
        $_ | Should -BeIn $tested
    }
}

Describe 'Audit-Command.ps1' {
    It 'lists the files a command reads and writes' {
        $read = Join-Path $TestDrive 'read.txt'
        $written = Join-Path $TestDrive 'written.txt'
        Set-Content -LiteralPath $read -Value 'some text'
        $output = Invoke-Example Audit-Command.ps1 "sh '-c' $(Get-Quoted "echo hi > $written; cat $read")"
        $output | Should -Match "Files read:\s+Path\s+Opens\s+Result\s+[- ]+\s+$([regex]::Escape($read))\s+1\s+ok"
        $output | Should -Match "Files written or created:\s+Path\s+Opens\s+Result\s+[- ]+\s+$([regex]::Escape($written))\s+1\s+ok"
    }

    It 'lists the endpoints curl connects to' -Skip:(-not (Get-Command curl -ErrorAction Ignore)) {
        $output = Invoke-Example Audit-Command.ps1
        $output | Should -Match 'curl -s -m 5 http://localhost:9/ exited with 7'
        $output | Should -Match 'Network endpoints:(.|\n)*connect 127\.0\.0\.1:9 +AF_INET'
    }
}

Describe 'Kill-BuildStep.ps1' {
    It 'leaves a broken object file that the next make links' {
        $output = Invoke-Example Kill-BuildStep.ps1
        $output | Should -Match 'its assembler was killed at write 2 to the object file'
        $output | Should -Match 'write\(3</tmp/kill-build-\d+/hello.o>, .*\) = \?'
        $output | Should -Match 'hello.o: file not recognized'
        $output | Should -Match 'make exited with 2: it never rebuilt hello.o'
    }
}

Describe 'Cat.Tests.ps1' {
    It 'passes all its assertions on cat' {
        $pester = (Get-Module Pester).Path
        $run = "Import-Module $(Get-Quoted $pester); `$r = Invoke-Pester -Path $(Get-Quoted (Join-Path $examples 'Cat.Tests.ps1')) -PassThru -Output None; " +
            '"passed $($r.PassedCount), failed $($r.FailedCount)"'
        $output = & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -Command "Import-Module $(Get-Quoted (Get-ModulePath)); $run" 2>&1 | Out-String
        $output | Should -Match 'passed 7, failed 0'
    }
}

Describe 'Mock-NetworkFailure.ps1' -Skip:(-not (Get-Command curl -ErrorAction Ignore)) {
    It 'fetches the page, then has curl refused by a server that is up' {
        $output = Invoke-Example Mock-NetworkFailure.ps1
        $output | Should -Match 'exit code 0, page: hello from server'
        $output | Should -Match 'connect\(5, \{sa_family=AF_INET, .*\) = -1 ECONNREFUSED \(Connection refused\) \(INJECTED\)'
        $output | Should -Match 'exit code 7'
        $output | Should -Match "curl said: curl: \(7\) Failed to connect to 127.0.0.1 port \d+"
    }
}

Describe 'Find-FaultAnomaly.ps1' {
    It 'finds the read errors tar does not report' {
        $output = Invoke-Example Find-FaultAnomaly.ps1
        $output | Should -Match 'tar -cf out.tar in.txt, each of its \d+ openat, read calls failing with EIO in turn:'
        $output | Should -Match '\d+ Handled'
        $output | Should -Match '\d+ CheckFailed +0 +openat\(AT_FDCWD, "/etc/nsswitch.conf", .*\) = -1 EIO \(Input/output error\) \(INJECTED\)'
    }
}

Describe 'Fuzz-Reads.ps1' {
    It 'changes a byte of what gzip reads in each run, and gzip rejects each' {
        $output = Invoke-Example Fuzz-Reads.ps1 '-Runs 3'
        $runs = @($output -split "`n" | Where-Object { $_ -match '^\w+ +seed \d+ +byte \d+ set to 0x[0-9a-f]{2} +exit \d+' })
        $runs.Count | Should -Be 3
        $runs -notmatch '^rejected .* exit 1 +gzip: .*input\.txt\.gz: invalid compressed data' | Should -BeNullOrEmpty
    }
}

Describe 'Redirect-Path.ps1' {
    It 'has cat read another file when it opens the one it was given' {
        $asked = Join-Path $TestDrive 'asked.txt'
        Set-Content -LiteralPath $asked -Value 'the file asked for'
        $output = Invoke-Example Redirect-Path.ps1 "-Path $(Get-Quoted $asked) -ArgumentList $(Get-Quoted $asked)"
        $output | Should -Match "cat $([regex]::Escape($asked)), as it is:\s+the file asked for"
        $output | Should -Match "with $([regex]::Escape($asked)) redirected to (/\S+):\s+hello from the magic file system"
        $output | Should -Match 'openat\(AT_FDCWD, "/\S+/magic-\d+", O_RDONLY\) = 3\s+\(pathname="/\S+/magic-\d+"\)'
    }
}

Describe 'Add-Logging.ps1' {
    It 'logs each program started, the files it changes and its connects, as they happen' {
        if (-not (Test-Path -LiteralPath /etc/hostname)) {
            Set-ItResult -Skipped -Because 'the example''s default command copies /etc/hostname, which this machine does not have'
        }
        $log = Join-Path ([IO.Path]::GetTempPath()) "add-logging-$PID.log"
        try {
            $output = Invoke-Example Add-Logging.ps1 "-LogPath $(Get-Quoted $log)"
            $lines = @(Get-Content -LiteralPath $log)
        }
        finally { Remove-Item -LiteralPath $log -ErrorAction Ignore }
        $lines | Should -Be @($output.Trim() -split '\r?\n')
        $lines[0] | Should -Match '^\d\d:\d\d:\d\d\.\d{3} \[\d+\] start sh -c cp /etc/hostname'
        $text = $lines -join "`n"
        $text | Should -Match '(?m)\[\d+\] open for writing /tmp/add-logging-\d+ \(ok\)$'
        $text | Should -Match '(?m)\[\d+\] delete /tmp/add-logging-\d+ \(ok\)$'
        $text | Should -Not -Match 'ld\.so\.cache|/lib/'
        if (Get-Command curl -ErrorAction Ignore) {
            $text | Should -Match '(?m)connect AF_INET, sin_port=htons\(9\), sin_addr=inet_addr\("127.0.0.1"\) \((connecting|failed: Connection refused)\)$'
        }
        $lines[-1] | Should -Match '\[\d+\] exit 0$'
    }
}
