# The help of every cmdlet: docs/help documents exactly the cmdlets and parameters the module has, each page has an
# example, its fact blocks match the code, and Get-Help reads the help build.ps1 generated from it.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $cmdlets = @((Import-Module (Get-ModulePath) -Force -PassThru).ExportedCmdlets.Keys)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $modulePath = Get-ModulePath
    $module = Import-Module $modulePath -Force -PassThru
    $docs = Join-Path $PSScriptRoot '../../docs/help'
    $generator = Join-Path $PSScriptRoot '../../build/HelpGenerator.ps1'
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

    # The level-3 headings of a level-2 section of a page, outside code fences.
    function Get-Subheading([string] $Path, [string] $Section) {
        $in = $false
        $fence = $false
        foreach ($line in Get-Content -LiteralPath $Path) {
            if ($line -match '^```') { $fence = -not $fence; continue }
            if ($fence) { continue }
            if ($line -match '^## (.+)$') { $in = $Matches[1] -eq $Section; continue }
            if ($in -and $line -match '^### (.+)$') { $Matches[1] }
        }
    }
}

Describe 'docs/help' {
    It 'has a page for every exported cmdlet, and none for a cmdlet that does not exist' {
        $pages = @(Get-ChildItem -LiteralPath $docs -Filter '*-*.md').BaseName | Sort-Object
        $pages | Should -Be (@($module.ExportedCmdlets.Keys) | Sort-Object)
    }

    It 'documents every parameter of <_>, and no other' -ForEach $cmdlets {
        $documented = @(Get-Subheading (Join-Path $docs "$_.md") 'PARAMETERS').Where({ $_ -ne 'CommonParameters' }) | Sort-Object
        $actual = @((Get-Command $_).Parameters.Keys.Where({ $_ -notin $common }) | ForEach-Object { "-$_" }) | Sort-Object
        $documented | Should -Be $actual -Because 'every parameter needs a "### -Name" section (build/HelpGenerator.ps1 -UpdateMarkdown starts one)'
    }

    It 'has at least one example with code on the page of <_>' -ForEach $cmdlets {
        $page = Join-Path $docs "$_.md"
        @(Get-Subheading $page 'EXAMPLES').Count | Should -BeGreaterThan 0
        (Get-Content -LiteralPath $page -Raw) | Should -Match '(?s)## EXAMPLES.*```powershell\r?\n.*\S.*```.*## PARAMETERS'
        (Get-Content -LiteralPath $page -Raw) | Should -Not -Match '\{\{ Fill in'
    }

    It 'holds the facts the code has (types, positions, sets, pipeline input)' {
        # -UpdateMarkdown rewrites the fact blocks from the loaded cmdlets: on pages that match the code, it changes nothing.
        $copy = Join-Path $TestDrive 'help'
        Copy-Item -LiteralPath $docs -Destination $copy -Recurse -Force
        & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -File $generator -ModulePath $modulePath -DocsPath $copy -UpdateMarkdown
        $LASTEXITCODE | Should -Be 0
        foreach ($page in Get-ChildItem -LiteralPath $docs -Filter '*-*.md') {
            $updated = Get-Content -LiteralPath (Join-Path $copy $page.Name) -Raw
            $updated | Should -BeExactly (Get-Content -LiteralPath $page.FullName -Raw) -Because "$($page.Name) must match the code: run build/HelpGenerator.ps1 -UpdateMarkdown"
        }
    }
}

Describe 'Get-Help from the built module' {
    It 'shows the full help of Start-TracedProcess: synopsis, syntax from the code, parameters and examples' {
        $help = Get-Help Start-TracedProcess -Full
        $help.Synopsis | Should -Match 'Runs a program under the tracer'
        $syntaxNames = @($help.syntax.syntaxItem[0].parameter.name) | Sort-Object
        $syntaxNames | Should -Be (@((Get-Command Start-TracedProcess).Parameters.Keys.Where({ $_ -notin $common })) | Sort-Object)
        ($help.parameters.parameter | Where-Object name -EQ 'FilePath').required | Should -Be 'true'
        ($help | Out-String) | Should -Match 'EXAMPLE'
        $help.description.Text -join ' ' | Should -Match 'ptrace'
    }

    It 'shows the examples with their code' {
        $examples = @((Get-Help Start-TracedProcess -Examples).examples.example)
        $examples.Count | Should -BeGreaterThan 1
        $examples[0].code | Should -Match 'Start-TracedProcess cat /etc/hostname -Name openat'
    }

    It 'describes one parameter, with its facts from the code' {
        $name = Get-Help Start-TracedProcess -Parameter Name
        $name.description.Text | Should -Match 'wildcards'
        $name.globbing | Should -Be 'true'
        $name.position | Should -Be 'named'
        (Get-Help Import-SyscallTrace -Parameter Path).pipelineInput | Should -Be 'True (ByValue, ByPropertyName)'
    }

    It 'has help for every cmdlet, not the stub PowerShell makes up' {
        foreach ($name in $module.ExportedCmdlets.Keys) {
            (Get-Help $name).description | Should -Not -BeNullOrEmpty -Because "$name needs a description"
        }
    }

    It 'has about_Hatrace, with the Pester example' {
        $about = Get-Help about_Hatrace | Out-String
        $about | Should -Match 'seccomp'
        $about | Should -Match 'Should -InvokeSyscall openat'
    }
}
