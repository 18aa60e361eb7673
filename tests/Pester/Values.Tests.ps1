# Decoded arguments as typed values: a structure by its fields, a socket address with .NET types, flags by name; the
# same values in JSON, from Export-SyscallTrace and from hatrace --json, and read back by Import-SyscallTrace.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-ModulePath) -Force

    $script:Sized = Join-Path $TestDrive 'sized'
    Set-Content -LiteralPath $script:Sized -Value ('x' * 1000) -NoNewline
    # cat asks for the size of the file it opened: newfstatat on its descriptor.
    function Get-StatOfSized([object[]] $Trace) {
        @($Trace | Where-Object { $_.Name -eq 'newfstatat' -and $_.FdPath -eq $script:Sized })
    }
}

Describe 'Typed values of arguments' {
    It 'reads struct stat by field' {
        $stat = Get-StatOfSized (Start-TracedProcess cat $script:Sized -Name newfstatat -DescriptorDetail Path)
        $stat.Count | Should -Be 1
        $statbuf = $stat[0].Arguments.statbuf.Value
        $statbuf.st_size | Should -Be (Get-Item -LiteralPath $script:Sized).Length
        $statbuf.st_size | Should -Be 1000
        $statbuf.TypeName | Should -Be 'stat'
        $statbuf.st_mtime | Should -BeOfType [DateTimeOffset]
        $statbuf.st_mtime.UtcDateTime | Should -Be (Get-Item -LiteralPath $script:Sized).LastWriteTimeUtc
    }

    It "reads python3's os.stat of /etc/services as the struct stat the kernel filled" {
        $calls = @(Start-TracedProcess python3 -ArgumentList '-c', "import os; os.stat('/etc/services')" -Name newfstatat |
            Where-Object Path -EQ '/etc/services')
        $calls.Count | Should -Be 1
        $calls[0].Arguments.statbuf.Value.st_size | Should -Be (Get-Item -LiteralPath /etc/services).Length
        $calls[0].Arguments.statbuf.Value.st_mode -band 0xf000 | Should -Be 0x8000 # S_IFREG
    }

    It 'reads structures, arrays and signal sets of other families as values too' {
        $trace = @(Start-TracedProcess (Get-TestProgram signals_calls) -Name rt_sigaction, rt_sigprocmask, tgkill -WorkingDirectory $TestDrive)
        # raise(SIGUSR2) is a tgkill: the signal by name, and still its number.
        $raise = @($trace | Where-Object Name -EQ 'tgkill')[0]
        $raise.Arguments.sig.Value.Name | Should -Be 'SIGUSR2'
        $raise.Arguments.sig.Value | Should -Be 12
        # rt_sigaction's parameters have no names in the kernel's prototype nor a man page of their own: by position.
        $action = @($trace | Where-Object { $_.Name -eq 'rt_sigaction' -and $_.Arguments[1].Value -is [Hatrace.Engine.Model.StructValue] })[0]
        $action.Arguments[1].Value.TypeName | Should -Be 'sigaction'
        $action.Arguments[1].Value.sa_flags.Names | Should -Contain 'SA_RESTORER'
        $mask = @($trace | Where-Object { $_.Name -eq 'rt_sigprocmask' -and $_.Arguments.set.Value -is [Hatrace.Engine.Model.SignalSetValue] })
        $mask.Count | Should -BeGreaterThan 0
        @($mask | Where-Object { $_.Arguments.set.Value.Names -contains 'SIGUSR2' }).Count | Should -BeGreaterThan 0

        $writev = @(Start-TracedProcess (Get-TestProgram vector_calls) -Name writev -WorkingDirectory $TestDrive)[0]
        $iov = $writev.Arguments.iov.Value
        $iov -is [Hatrace.Engine.Model.ArrayValue] | Should -BeTrue
        [Text.Encoding]::ASCII.GetString($iov[0].iov_base) | Should -Be 'hello '
        $iov[1].iov_len | Should -Be 8
    }

    It 'gives strings with their bytes, descriptors with their path and pointers with why they were not followed' {
        $missing = Join-Path $TestDrive 'missing'
        $trace = @(Start-TracedProcess cat $script:Sized, $missing -Name openat, read, write, newfstatat -DescriptorDetail Path -StringLength 4 2>$null)
        # A path is a StringValue: equal to its text, whole whatever -StringLength says, its bytes there too.
        $open = @($trace | Where-Object { $_.Name -eq 'openat' -and $_.Arguments.pathname.Value -eq $script:Sized })
        $open.Count | Should -Be 1
        $open[0].Arguments.pathname.Value -like '*sized' | Should -BeTrue
        [Text.Encoding]::UTF8.GetString($open[0].Arguments.pathname.Value.Bytes) | Should -BeExactly $script:Sized
        $open[0].Arguments.pathname.Value.Truncated | Should -BeFalse
        ($open[0].Arguments.pathname.Value | Out-String).Trim() | Should -BeExactly $script:Sized
        # A buffer cut by -StringLength says so, as strace's "..." does.
        $write = @($trace | Where-Object { $_.Name -eq 'write' -and $_.Arguments.fd.Value -eq 1 })[0]
        $write.Arguments.buf.Value.Length | Should -Be 4
        $write.Arguments.buf.Value.Truncated | Should -BeTrue
        $write.Arguments.buf.Value | Should -BeExactly 'xxxx'
        # A descriptor is its number, and what it referred to.
        $read = @($trace | Where-Object { $_.Name -eq 'read' -and $_.Arguments.fd.Value.Path -eq $script:Sized })
        $read.Count | Should -BeGreaterThan 0
        $read[0].Arguments.fd.Value | Should -Be $read[0].Arguments.fd.Raw
        $read[0].Arguments.fd.Value -is [Hatrace.Engine.Model.DescriptorValue] | Should -BeTrue
        # Compared, sorted and indexed as the number and the bytes they were.
        $read[0].Arguments.fd.Value -gt 2 | Should -BeTrue
        $read[0].Arguments.fd.Value -eq "$($read[0].Arguments.fd.Raw)" | Should -BeTrue
        $write.Arguments.buf.Value[0] | Should -Be ([byte][char]'x')
        # A failed open's output and a NULL each say why nothing was read.
        $failed = @($trace | Where-Object { $_.Name -eq 'openat' -and $_.Errno -eq 'ENOENT' -and $_.Path -eq $missing })
        $failed.Count | Should -Be 1
        $stat = @(Start-TracedProcess stat -ArgumentList $missing -Name newfstatat, statx 2>$null | Where-Object Path -EQ $missing)
        $stat.Count | Should -BeGreaterThan 0
        $output = $stat[0].Arguments | Where-Object { $_.Value -is [Hatrace.Engine.Model.PointerValue] }
        @($output).Count | Should -BeGreaterThan 0
        @($output)[0].Value.Reason | Should -Be 'NotWritten'
        $brk = @(Start-TracedProcess cat $script:Sized -Name brk)[0]
        $brk.Arguments[0].Value.Reason | Should -Be 'Null'
        $brk.Arguments[0].Value | Should -Be 0
    }

    It 'shows a structure in one line in the argument view, and exports the strace text to CSV' {
        $stat = (Get-StatOfSized (Start-TracedProcess cat $script:Sized -Name newfstatat -DescriptorDetail Path))[0]
        $view = $stat.Arguments.statbuf | Format-List | Out-String -Width 400
        $view | Should -Match 'Value\s*:\s*\{st_dev=\d+, st_ino=\d+, st_mode=\d+'
        $view | Should -Match 'Text\s*:\s*\{st_mode=S_IFREG\|0\d+, st_size=1000, \.\.\.\}'

        # Export-Csv writes the flat properties: Arguments as strace's text; a field becomes a column by a
        # calculated property.
        $csv = Join-Path $TestDrive 'stat.csv'
        $stat | Select-Object Name, Arguments, @{ Name = 'st_size'; Expression = { $_.Arguments.statbuf.Value.st_size } } |
            Export-Csv -LiteralPath $csv
        $row = Import-Csv -LiteralPath $csv
        $row.st_size | Should -Be '1000'
        $row.Arguments | Should -BeLike '*{st_mode=S_IFREG|0*, st_size=1000, ...}*'
    }

    It 'reads socket addresses as an IP address and port, or a path' {
        $connects = @(Start-TracedProcess (Get-TestProgram network_calls) -Name connect -WorkingDirectory $TestDrive)
        $inet = @($connects | Where-Object { $_.Arguments.addr.Value.Family -eq 'AF_INET' })
        $inet.Count | Should -Be 1
        $inet[0].Arguments.addr.Value.Address | Should -Be ([ipaddress] '127.0.0.1')
        $inet[0].Arguments.addr.Value.Port | Should -Be 9
        $unix = @($connects | Where-Object { $_.Arguments.addr.Value.Family -eq 'AF_UNIX' })
        $unix[0].Arguments.addr.Value.Path | Should -Be 'sock'
        $unix[0].Arguments.addr.Value.Address | Should -BeNullOrEmpty
        # socketpair's two descriptors, and the type by its names.
        $pair = @(Start-TracedProcess (Get-TestProgram network_calls) -Name socketpair -WorkingDirectory $TestDrive)[0]
        $pair.Arguments.sv.Value.Count | Should -Be 2
        $pair.Arguments.sv.Value[1] | Should -Be ($pair.Arguments.sv.Value[0] + 1)
        $pair.Arguments.type.Value.Names | Should -Be 'SOCK_DGRAM'
        # An address the program made up is still a value, with the family's number where no name covers it.
        @($connects | Where-Object { $_.Arguments.addr.Value.Family -eq '4321' }).Count | Should -Be 1
    }

    It 'names the flags a file was opened with' {
        $written = Join-Path $TestDrive 'written'
        $open = @(Start-TracedProcess sh -ArgumentList '-c', 'echo x > "$0"', $written -Name openat | Where-Object Path -EQ $written)
        $open.Count | Should -Be 1
        $flags = $open[0].Arguments.flags.Value
        $flags.Names | Should -Contain 'O_CREAT'
        $flags.Names[0] | Should -Be 'O_WRONLY'
        $flags.Unknown | Should -Be 0
        # Still the number for arithmetic: O_CREAT is 0100.
        ($flags -band 0x40) | Should -Be 0x40
        $flags | Should -Be $open[0].Arguments.flags.Raw
    }

    It 'writes the values, and no internal type, in ConvertTo-Json, Export-SyscallTrace and hatrace --json' {
        $trace = @(Start-TracedProcess cat $script:Sized -Name newfstatat, openat -DescriptorDetail Path)
        $stat = (Get-StatOfSized $trace)[0]
        $json = $stat | ConvertTo-Json -Depth 8
        $json | Should -Not -Match 'Hatrace\.Engine\.Decoding'
        $json | Should -Match '"st_size": 1000'

        $exported = Join-Path $TestDrive 'exported.jsonl'
        $trace | Export-SyscallTrace -Path $exported
        Get-Content -LiteralPath $exported -Raw | Should -Match '"st_size":1000'
        (Get-StatOfSized (Import-SyscallTrace -Path $exported))[0].Arguments.statbuf.Value.st_size | Should -Be 1000

        $cli = Join-Path $TestDrive 'cli.jsonl'
        & (Get-HatracePath) --json -y -e trace=newfstatat -o $cli cat $script:Sized | Out-Null
        $LASTEXITCODE | Should -Be 0
        Get-Content -LiteralPath $cli -Raw | Should -Not -Match 'Hatrace\.Engine\.Decoding'
        (Get-StatOfSized (Import-SyscallTrace -Path $cli))[0].Arguments.statbuf.Value.st_size | Should -Be 1000
        $open = @(Import-SyscallTrace -Path $exported | Where-Object Path -EQ $script:Sized)
        $open[0].Arguments.flags.Value.Names | Should -Be 'O_RDONLY'
    }
}
