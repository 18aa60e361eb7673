# build.ps1 -Task Package, as a new user meets its packages: the module installed with PSResourceGet from the folder
# repository into a pwsh that has never seen it, and the hatrace command installed with `dotnet tool install`.
# Packs what the last Build left in out/ (-NoBuild), into a temporary folder.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $built = Test-ModuleBuilt
}

Describe 'build.ps1 -Task Package' -Skip:(-not $built) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $scratch = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "hatrace-package-test-$PID")).FullName
        $packages = Join-Path $scratch 'packages'
        $packing = Invoke-PackageTask $packages
        # The home of a user who has never seen the module.
        $freshHome = Join-Path $scratch 'home'
    }
    AfterAll {
        Remove-Item -LiteralPath $scratch -Recurse -Force
    }

    It 'succeeds, writing a module package and a tool package' {
        $packing.ExitCode | Should -Be 0 -Because $packing.Output
        (Get-ChildItem -Path (Join-Path $packages 'module') -Filter 'Hatrace.*.nupkg').Count | Should -Be 1
        (Get-ChildItem -Path $packages -Filter 'hatrace.*.nupkg' -File).Count | Should -Be 1
    }

    It 'installs the module from the folder repository into a fresh pwsh, which traces with it' {
        $install = Install-PackagedModule (Join-Path $packages 'module') $freshHome
        $install | Should -Match 'installed Hatrace \d+\.\d+\.\d+'
        # Another fresh pwsh finds it by name, as a user's next session would.
        $trace = Invoke-PwshWithHome $freshHome ('$calls = @(Start-TracedProcess /bin/true); ' +
            '"module from $((Get-Module Hatrace).ModuleBase)"; "exit $LASTEXITCODE"; $calls[-1].Text')
        $trace | Should -Match "module from $([regex]::Escape($freshHome))/\S+/Hatrace/"
        $trace | Should -Match 'exit 0'
        $trace | Should -Match 'exit_group\(0\) = \?'
    }

    It 'ships the MIT licence and a manifest that Test-ModuleManifest finds clean' {
        $manifest = Test-ModuleManifest -Path (Join-Path $PSScriptRoot '../../out/Hatrace/Hatrace.psd1') -ErrorAction Stop -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
        $manifest.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.Tags | Should -Contain 'strace'
        $manifest.ReleaseNotes | Should -Match '0\.1\.0'
        $manifest.ProjectUri | Should -BeNullOrEmpty -Because 'the project has no public address: none is invented'

        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $module = Get-ChildItem -Path (Join-Path $packages 'module') -Filter 'Hatrace.*.nupkg'
        $tool = Get-ChildItem -Path $packages -Filter 'hatrace.*.nupkg' -File
        foreach ($package in $module, $tool) {
            $zip = [IO.Compression.ZipFile]::OpenRead($package.FullName)
            try {
                $zip.Entries.FullName | Should -Contain 'LICENSE' -Because "$($package.Name) ships the licence"
                $licence = [IO.StreamReader]::new($zip.GetEntry('LICENSE').Open()).ReadToEnd()
                $licence | Should -Match '^MIT License'
                $nuspec = [IO.StreamReader]::new(($zip.Entries | Where-Object FullName -Like '*.nuspec').Open()).ReadToEnd()
                $nuspec | Should -Match '<license(Url)?\b[^>]*>(MIT|https://spdx.org/licenses/MIT.html)<'
            }
            finally { $zip.Dispose() }
        }
    }

    It 'installs the hatrace command with dotnet tool install --add-source' {
        $tools = Join-Path $scratch 'tools'
        $install = & dotnet tool install --tool-path $tools --add-source $packages hatrace 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $install
        $file = Join-Path $scratch 'file.txt'
        Set-Content -LiteralPath $file -Value 'some text'
        $trace = & (Join-Path $tools 'hatrace') -e trace=openat cat $file 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $trace
        $trace | Should -Match "openat\(AT_FDCWD, `"$([regex]::Escape($file))`", O_RDONLY\) = 3"
        $trace | Should -Match '\+\+\+ exited with 0 \+\+\+'
    }
}
