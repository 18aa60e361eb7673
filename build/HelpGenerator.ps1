<#
.SYNOPSIS
    Makes the module's help from docs/help: MAML for Get-Help, and about_Hatrace.help.txt.

.DESCRIPTION
    The pages in docs/help are PlatyPS schema 2.0.0 markdown (Microsoft.PowerShell.PlatyPS 1.0's layout),
    one per cmdlet, plus about_Hatrace.md. Prose (synopsis, description, examples, each parameter's
    description, inputs, outputs, notes, links) comes from the pages; every fact about syntax and parameters
    (type, position, mandatory, pipeline input, aliases, wildcards, sets, defaults) comes from the cmdlets as
    loaded from -ModulePath, so that help cannot drift from the code.

    Run it in a pwsh of its own: it imports the module, and a loaded assembly cannot be unloaded.

    -UpdateMarkdown rewrites instead the fact blocks of the pages (SYNTAX and each parameter's yaml) from the
    cmdlets, keeping the prose, and starts a page for a cmdlet that has none and a section for a parameter
    that has none, with the description of the parameter's XML doc comment: PlatyPS's Update-MarkdownCommandHelp.

.EXAMPLE
    pwsh -NoProfile -File build/HelpGenerator.ps1 -ModulePath out/Hatrace/Hatrace.psd1 -DocsPath docs/help -OutputPath out/Hatrace/en-US
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocsPath,
    [string] $OutputPath,
    [switch] $UpdateMarkdown
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$CommonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
$AllSets = '__AllParameterSets'

# A page, cut into its front matter, title and level-2 sections; each section's level-3 subsections in order.
function Read-HelpPage([string] $Path) {
    $lines = @(Get-Content -LiteralPath $Path)
    $page = [ordered] @{ Path = $Path; Metadata = [ordered] @{}; Title = $null; Sections = [ordered] @{} }
    $i = 0
    if ($lines.Count -gt 0 -and $lines[0] -eq '---') {
        for ($i = 1; $i -lt $lines.Count -and $lines[$i] -ne '---'; $i++) {
            if ($lines[$i] -match '^([^:]+):\s*(.*)$') { $page.Metadata[$Matches[1]] = $Matches[2].Trim("'", ' ') }
        }
        $i++
    }
    $section = $null
    $sub = $null
    $inFence = $false
    for (; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($line -match '^```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^# (.+)$' -and -not $page.Title) { $page.Title = $Matches[1].Trim(); continue }
        if (-not $inFence -and $line -match '^## (.+)$') {
            $section = [ordered] @{ Body = [System.Collections.Generic.List[string]]::new(); Subsections = [ordered] @{} }
            $page.Sections[$Matches[1].Trim()] = $section
            $sub = $null
            continue
        }
        if (-not $inFence -and $line -match '^### (.+)$' -and $null -ne $section) {
            $sub = [System.Collections.Generic.List[string]]::new()
            $section.Subsections[$Matches[1].Trim()] = $sub
            continue
        }
        if ($null -ne $sub) { $sub.Add($line) } elseif ($null -ne $section) { $section.Body.Add($line) }
    }
    [pscustomobject] $page
}

# The text of lines outside code fences, as paragraphs: lines joined, blank lines between paragraphs.
function Get-Paragraph([string[]] $Lines) {
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $current = [System.Collections.Generic.List[string]]::new()
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') { $inFence = -not $inFence; continue }
        if ($inFence) { continue }
        if ($line.Trim() -eq '') {
            if ($current.Count) { $paragraphs.Add(($current -join ' ')); $current.Clear() }
        }
        # A list item or a table row starts a line of its own.
        elseif ($line -match '^\s*([-*]|\d+\.|\|) ' -and $current.Count) {
            $paragraphs.Add(($current -join ' ')); $current.Clear(); $current.Add($line.Trim())
        }
        else { $current.Add($line.Trim()) }
    }
    if ($current.Count) { $paragraphs.Add(($current -join ' ')) }
    , $paragraphs.ToArray()
}

# The contents of the code fences among the lines, each as one string.
function Get-CodeBlock([string[]] $Lines) {
    $blocks = [System.Collections.Generic.List[string]]::new()
    $current = $null
    foreach ($line in $Lines) {
        if ($line -match '^```') {
            if ($null -eq $current) { $current = [System.Collections.Generic.List[string]]::new() }
            else { $blocks.Add(($current -join "`n")); $current = $null }
            continue
        }
        if ($null -ne $current) { $current.Add($line) }
    }
    , $blocks.ToArray()
}

function Get-ExportedCmdlet {
    $module = Import-Module -Name $ModulePath -Force -PassThru
    @($module.ExportedCmdlets.Values | Sort-Object Name)
}

# The facts about one parameter of a cmdlet, from its metadata.
function Get-ParameterFact($Command, [string] $Name, $Defaults) {
    $parameter = $Command.Parameters[$Name]
    $sets = @(foreach ($setName in $parameter.ParameterSets.Keys | Sort-Object) {
            $set = $parameter.ParameterSets[$setName]
            [pscustomobject] @{
                Name                            = if ($setName -eq $AllSets) { '(All)' } else { $setName }
                Position                        = if ($set.Position -lt 0) { 'Named' } else { [string] $set.Position }
                IsRequired                      = $set.IsMandatory
                ValueFromPipeline               = $set.ValueFromPipeline
                ValueFromPipelineByPropertyName = $set.ValueFromPipelineByPropertyName
                ValueFromRemainingArguments     = $set.ValueFromRemainingArguments
                HelpMessage                     = $set.HelpMessage
            }
        })
    $validateSet = @($parameter.Attributes.Where({ $_ -is [System.Management.Automation.ValidateSetAttribute] }))
    $accepted = if ($validateSet.Count) { @($validateSet[0].ValidValues) }
    elseif ($parameter.ParameterType.IsEnum) { [Enum]::GetNames($parameter.ParameterType) } else { @() }
    [pscustomobject] @{
        Name              = $Name
        Type              = $parameter.ParameterType
        IsSwitch          = $parameter.SwitchParameter
        Aliases           = @($parameter.Aliases)
        SupportsWildcards = [bool] @($parameter.Attributes.Where({ $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })).Count
        DefaultValue      = $Defaults[$Name]
        AcceptedValues    = @($accepted)
        Sets              = $sets
        DontShow          = [bool] @($parameter.Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow })).Count
    }
}

# The default of each parameter: the value a new instance of the cmdlet holds, where it says something.
function Get-ParameterDefault($Command) {
    $defaults = @{}
    $instance = [Activator]::CreateInstance($Command.ImplementingType)
    foreach ($name in Get-CommandParameterName $Command) {
        $value = $Command.ImplementingType.GetProperty($name).GetValue($instance)
        $defaults[$name] = switch ($value) {
            { $null -eq $_ } { 'None'; break }
            { $_ -is [System.Management.Automation.SwitchParameter] } { 'False'; break }
            { $_ -is [string] -and $_ -eq '' } { 'None'; break }
            { $_ -is [array] -and $_.Count -eq 0 } { 'None'; break }
            { $_ -is [TimeSpan] -and $_ -eq [TimeSpan]::Zero } { 'None'; break }
            default { [string] $_ }
        }
    }
    if ($instance -is [IDisposable]) { $instance.Dispose() }
    $defaults
}

function Get-CommandParameterName($Command) {
    @($Command.Parameters.Keys.Where({ $_ -notin $CommonParameters }))
}

function Get-TypeName([type] $Type) {
    if ($Type.IsGenericType -and $Type.GetGenericTypeDefinition() -eq [Nullable`1]) { $Type = $Type.GetGenericArguments()[0] }
    $Type.FullName
}

function Get-SyntaxLine($Command) {
    foreach ($set in $Command.ParameterSets) {
        [pscustomobject] @{
            Name      = $set.Name
            IsDefault = $set.IsDefault
            Text      = "$($Command.Name) $set"
        }
    }
}

# --- MAML -----------------------------------------------------------------------------------------------------------

$NsMaml = 'http://schemas.microsoft.com/maml/2004/10'
$NsCommand = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$NsDev = 'http://schemas.microsoft.com/maml/dev/2004/10'

function Add-Element($Parent, [string] $Namespace, [string] $QualifiedName, [string] $Text) {
    $element = $Parent.OwnerDocument.CreateElement($QualifiedName, $Namespace)
    if ($PSBoundParameters.ContainsKey('Text')) { $element.InnerText = $Text }
    $null = $Parent.AppendChild($element)
    $element
}

function Add-Description($Parent, [string] $Namespace, [string] $QualifiedName, [string[]] $Paragraphs) {
    $description = Add-Element $Parent $Namespace $QualifiedName
    foreach ($p in $Paragraphs) { $null = Add-Element $description $NsMaml 'maml:para' $p }
    $description
}

function Add-ParameterElement($Parent, $Fact, $SetFact, [string[]] $Description) {
    $pipeline = @(if ($SetFact.ValueFromPipeline) { 'ByValue' }; if ($SetFact.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
    $element = Add-Element $Parent $NsCommand 'command:parameter'
    $element.SetAttribute('required', $SetFact.IsRequired.ToString().ToLowerInvariant())
    $element.SetAttribute('variableLength', ($Fact.Type.IsArray).ToString().ToLowerInvariant())
    $element.SetAttribute('globbing', $Fact.SupportsWildcards.ToString().ToLowerInvariant())
    $element.SetAttribute('pipelineInput', $(if ($pipeline.Count) { "True ($($pipeline -join ', '))" } else { 'False' }))
    $element.SetAttribute('position', $SetFact.Position.ToLowerInvariant())
    $element.SetAttribute('aliases', $(if ($Fact.Aliases.Count) { $Fact.Aliases -join ', ' } else { 'none' }))
    $null = Add-Element $element $NsMaml 'maml:name' $Fact.Name
    $null = Add-Description $element $NsMaml 'maml:description' $Description
    $typeName = Get-TypeName $Fact.Type
    # A switch shows as [-Name] in the syntax: it takes no value.
    if (-not $Fact.IsSwitch) {
        $value = Add-Element $element $NsCommand 'command:parameterValue' $Fact.Type.Name
        $value.SetAttribute('required', 'true')
        $value.SetAttribute('variableLength', ($Fact.Type.IsArray).ToString().ToLowerInvariant())
    }
    if ($Fact.AcceptedValues.Count) {
        $group = Add-Element $element $NsCommand 'command:parameterValueGroup'
        foreach ($v in $Fact.AcceptedValues) {
            $item = Add-Element $group $NsCommand 'command:parameterValue' $v
            $item.SetAttribute('required', 'false')
            $item.SetAttribute('variableLength', 'false')
        }
    }
    $type = Add-Element $element $NsDev 'dev:type'
    $null = Add-Element $type $NsMaml 'maml:name' $typeName
    $null = Add-Element $element $NsDev 'dev:defaultValue' $Fact.DefaultValue
}

function Add-CommandHelp($Root, $Cmdlet, $Page) {
    $names = Get-CommandParameterName $Cmdlet
    $defaults = Get-ParameterDefault $Cmdlet
    $facts = @{}
    foreach ($n in $names) { $facts[$n] = Get-ParameterFact $Cmdlet $n $defaults }
    $descriptions = @{}
    foreach ($entry in $Page.Sections['PARAMETERS'].Subsections.GetEnumerator()) {
        $descriptions[$entry.Key.TrimStart('-')] = Get-Paragraph $entry.Value
    }

    $command = Add-Element $Root $NsCommand 'command:command'
    $details = Add-Element $command $NsCommand 'command:details'
    $null = Add-Element $details $NsCommand 'command:name' $Cmdlet.Name
    $null = Add-Element $details $NsCommand 'command:verb' $Cmdlet.Verb
    $null = Add-Element $details $NsCommand 'command:noun' $Cmdlet.Noun
    $null = Add-Description $details $NsMaml 'maml:description' (Get-Paragraph $Page.Sections['SYNOPSIS'].Body)
    $null = Add-Description $command $NsMaml 'maml:description' (Get-Paragraph $Page.Sections['DESCRIPTION'].Body)

    $syntax = Add-Element $command $NsCommand 'command:syntax'
    foreach ($set in $Cmdlet.ParameterSets) {
        $item = Add-Element $syntax $NsCommand 'command:syntaxItem'
        $null = Add-Element $item $NsMaml 'maml:name' $Cmdlet.Name
        # In the order Get-Command -Syntax shows them: positional first, by position.
        $ordered = $set.Parameters.Where({ $_.Name -in $names }) |
            Sort-Object @{ Expression = { if ($_.Position -lt 0) { [int]::MaxValue } else { $_.Position } } }, @{ Expression = { -not $_.IsMandatory } }
        foreach ($p in $ordered) {
            $setFact = $facts[$p.Name].Sets.Where({ $_.Name -in $set.Name, '(All)' })[0]
            Add-ParameterElement $item $facts[$p.Name] $setFact $descriptions[$p.Name]
        }
    }
    $parameters = Add-Element $command $NsCommand 'command:parameters'
    foreach ($n in $names | Sort-Object) {
        # Outside the syntax a parameter is described once: mandatory or positional as in any set that makes it so.
        $sets = $facts[$n].Sets
        $summary = [pscustomobject] @{
            IsRequired                      = [bool] @($sets.Where({ $_.IsRequired })).Count
            Position                        = @($sets.Position.Where({ $_ -ne 'Named' }) + 'Named')[0]
            ValueFromPipeline               = [bool] @($sets.Where({ $_.ValueFromPipeline })).Count
            ValueFromPipelineByPropertyName = [bool] @($sets.Where({ $_.ValueFromPipelineByPropertyName })).Count
        }
        Add-ParameterElement $parameters $facts[$n] $summary $descriptions[$n]
    }

    foreach ($kind in @(@{ Section = 'INPUTS'; List = 'command:inputTypes'; Item = 'command:inputType' },
            @{ Section = 'OUTPUTS'; List = 'command:returnValues'; Item = 'command:returnValue' })) {
        $list = Add-Element $command $NsCommand $kind.List
        foreach ($entry in $Page.Sections[$kind.Section].Subsections.GetEnumerator()) {
            $item = Add-Element $list $NsCommand $kind.Item
            $type = Add-Element $item $NsDev 'dev:type'
            $null = Add-Element $type $NsMaml 'maml:name' $entry.Key
            $null = Add-Description $item $NsMaml 'maml:description' (Get-Paragraph $entry.Value)
        }
    }
    $notes = Get-Paragraph $Page.Sections['NOTES'].Body
    if ($notes.Count) {
        $alertSet = Add-Element $command $NsMaml 'maml:alertSet'
        $null = Add-Description $alertSet $NsMaml 'maml:alert' $notes
    }

    $examples = Add-Element $command $NsCommand 'command:examples'
    foreach ($entry in $Page.Sections['EXAMPLES'].Subsections.GetEnumerator()) {
        $example = Add-Element $examples $NsCommand 'command:example'
        $null = Add-Element $example $NsMaml 'maml:title' "--------- $($entry.Key) ---------"
        $null = Add-Element $example $NsDev 'dev:code' ((Get-CodeBlock $entry.Value) -join "`n`n")
        $null = Add-Description $example $NsDev 'dev:remarks' (Get-Paragraph $entry.Value)
    }

    $links = Add-Element $command $NsCommand 'command:relatedLinks'
    foreach ($line in $Page.Sections['RELATED LINKS'].Body) {
        if ($line -match '^\s*-?\s*\[([^\]]+)\]\(([^)]*)\)') {
            $link = Add-Element $links $NsMaml 'maml:navigationLink'
            $null = Add-Element $link $NsMaml 'maml:linkText' $Matches[1]
            $null = Add-Element $link $NsMaml 'maml:uri' $(if ($Matches[2] -match '^https?:') { $Matches[2] } else { '' })
        }
    }
}

function Export-MamlHelp {
    $cmdlets = Get-ExportedCmdlet
    $assembly = Split-Path -Leaf $cmdlets[0].ImplementingType.Assembly.Location
    $document = [xml]::new()
    $null = $document.AppendChild($document.CreateXmlDeclaration('1.0', 'utf-8', $null))
    $root = $document.CreateElement('helpItems', 'http://msh')
    $root.SetAttribute('schema', 'maml')
    $null = $document.AppendChild($root)
    foreach ($cmdlet in $cmdlets) {
        $path = Join-Path $DocsPath "$($cmdlet.Name).md"
        if (-not (Test-Path -LiteralPath $path)) { throw "No help page for $($cmdlet.Name): $path (build/HelpGenerator.ps1 -UpdateMarkdown starts one)." }
        Add-CommandHelp $root $cmdlet (Read-HelpPage $path)
    }
    $null = New-Item -ItemType Directory -Path $OutputPath -Force
    $document.Save((Join-Path $OutputPath "$assembly-Help.xml"))

    foreach ($about in Get-ChildItem -LiteralPath $DocsPath -Filter 'about_*.md') {
        ConvertTo-AboutText (Read-HelpPage $about.FullName) | Set-Content -LiteralPath (Join-Path $OutputPath "$($about.BaseName).help.txt")
    }
}

# An about topic as Get-Help shows one: the title, then each section's heading in capitals and its text indented,
# code as it is.
function ConvertTo-AboutText($Page) {
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add($Page.Title)
    foreach ($section in $Page.Sections.GetEnumerator()) {
        $lines.Add('')
        $lines.Add($section.Key.ToUpperInvariant())
        $parts = @(@{ Heading = $null; Lines = $section.Value.Body }) + @($section.Value.Subsections.GetEnumerator().ForEach({ @{ Heading = $_.Key; Lines = $_.Value } }))
        foreach ($part in $parts) {
            if ($part.Heading) { $lines.Add(''); $lines.Add("  $($part.Heading)") }
            foreach ($line in $part.Lines) {
                $lines.Add($(if ($line -match '^```') { '' } elseif ($line) { "    $line" } else { '' }))
            }
        }
    }
    # Blank lines do not pile up where fences were.
    ($lines -join "`n") -replace "`n{3,}", "`n`n"
}

# --- Markdown --------------------------------------------------------------------------------------------------------

function Format-Yaml($Fact) {
    $list = { param($values) if ($values.Count) { "`n" + (($values | ForEach-Object { "- $_" }) -join "`n") } else { ' []' } }
    $lines = @(
        "Type: $(Get-TypeName $Fact.Type)"
        "DefaultValue: $($Fact.DefaultValue)"
        "SupportsWildcards: $($Fact.SupportsWildcards.ToString().ToLowerInvariant())"
        "Aliases:$(& $list $Fact.Aliases)"
        'ParameterSets:'
        foreach ($s in $Fact.Sets) {
            "- Name: $($s.Name)"
            "  Position: $($s.Position)"
            "  IsRequired: $($s.IsRequired.ToString().ToLowerInvariant())"
            "  ValueFromPipeline: $($s.ValueFromPipeline.ToString().ToLowerInvariant())"
            "  ValueFromPipelineByPropertyName: $($s.ValueFromPipelineByPropertyName.ToString().ToLowerInvariant())"
            "  ValueFromRemainingArguments: $($s.ValueFromRemainingArguments.ToString().ToLowerInvariant())"
        }
        "DontShow: $($Fact.DontShow.ToString().ToLowerInvariant())"
        "AcceptedValues:$(& $list $Fact.AcceptedValues)"
        "HelpMessage: '$((@($Fact.Sets.HelpMessage.Where({ $_ })) + '')[0].Replace("'", "''"))'"
    )
    $lines -join "`n"
}

function ConvertFrom-XmlDoc($Summary) {
    ($Summary.InnerXml -replace '<c>([^<]*)</c>', '`$1`' -replace '<see cref="[A-Z]:[\w.]*\.(\w+)"\s*/>', '$1' -replace '&lt;', '<' -replace '&gt;', '>' -replace '&amp;', '&' -replace '\s+', ' ').Trim()
}

# The summary of each parameter's XML doc comment, to start its description with; the cmdlet's under ''.
function Get-XmlDocSummary($Cmdlet) {
    $summaries = @{}
    $xmlPath = [IO.Path]::ChangeExtension($Cmdlet.ImplementingType.Assembly.Location, '.xml')
    if (-not (Test-Path -LiteralPath $xmlPath)) { return $summaries }
    [xml] $doc = Get-Content -LiteralPath $xmlPath -Raw
    $typeSummary = $doc.doc.members.member.Where({ $_.name -eq "T:$($Cmdlet.ImplementingType.FullName)" })
    if ($typeSummary) { $summaries[''] = ConvertFrom-XmlDoc $typeSummary[0].SelectSingleNode('summary') }
    for ($type = $Cmdlet.ImplementingType; $type; $type = $type.BaseType) {
        foreach ($member in $doc.doc.members.member.Where({ $_.name -like "P:$($type.FullName).*" })) {
            $name = $member.name.Substring("P:$($type.FullName).".Length)
            $summary = $member.SelectSingleNode('summary')
            if ($summary -and -not $summaries.ContainsKey($name)) {
                $summaries[$name] = ConvertFrom-XmlDoc $summary
            }
        }
    }
    $summaries
}

function Update-MarkdownPage($Cmdlet) {
    $path = Join-Path $DocsPath "$($Cmdlet.Name).md"
    $page = if (Test-Path -LiteralPath $path) { Read-HelpPage $path } else { $null }
    $section = { param($name) if ($page -and $page.Sections.Contains($name)) { ($page.Sections[$name].Body -join "`n").Trim() } else { '' } }
    $subsections = { param($name) if ($page -and $page.Sections.Contains($name)) { $page.Sections[$name].Subsections } else { [ordered] @{} } }
    $names = Get-CommandParameterName $Cmdlet
    $defaults = Get-ParameterDefault $Cmdlet
    $summaries = Get-XmlDocSummary $Cmdlet
    $documented = & $subsections 'PARAMETERS'

    $out = [System.Collections.Generic.List[string]]::new()
    $out.Add('---')
    $metadata = [ordered] @{
        'document type'         = 'cmdlet'
        'external help file'    = 'Hatrace.Cmdlets.dll-Help.xml'
        HelpUri                 = "''"
        Locale                  = 'en-US'
        'Module Name'           = 'Hatrace'
        'PlatyPS schema version' = '2024-05-01'
        title                   = $Cmdlet.Name
    }
    foreach ($entry in $metadata.GetEnumerator()) { $out.Add("$($entry.Key): $($entry.Value)") }
    $out.Add('---')
    $out.Add('')
    $out.Add("# $($Cmdlet.Name)")
    $out.Add('')
    $out.Add('## SYNOPSIS')
    $out.Add('')
    $out.Add($(if (& $section 'SYNOPSIS') { & $section 'SYNOPSIS' } elseif ($summaries['']) { ($summaries[''] -split '(?<=[.:])\s')[0] } else { '{{ Fill in the Synopsis }}' }))
    $out.Add('')
    $out.Add('## SYNTAX')
    foreach ($line in Get-SyntaxLine $Cmdlet) {
        $out.Add('')
        $out.Add("### $(if ($line.Name -eq $AllSets) { $AllSets } else { $line.Name })$(if ($line.IsDefault -and $Cmdlet.ParameterSets.Count -gt 1) { ' (Default)' })")
        $out.Add('')
        $out.Add('```')
        $out.Add($line.Text)
        $out.Add('```')
    }
    $out.Add('')
    $out.Add('## ALIASES')
    $out.Add('')
    $out.Add('## DESCRIPTION')
    $out.Add('')
    $out.Add($(if (& $section 'DESCRIPTION') { & $section 'DESCRIPTION' } elseif ($summaries['']) { $summaries[''] } else { '{{ Fill in the Description }}' }))
    $out.Add('')
    $out.Add('## EXAMPLES')
    foreach ($entry in (& $subsections 'EXAMPLES').GetEnumerator()) {
        $out.Add('')
        $out.Add("### $($entry.Key)")
        $out.Add('')
        $out.Add((($entry.Value -join "`n").Trim()))
    }
    $out.Add('')
    $out.Add('## PARAMETERS')
    foreach ($name in $names | Sort-Object) {
        $prose = if ($documented.Contains("-$name")) { (Get-Paragraph $documented["-$name"]) -join "`n`n" }
        if (-not $prose) { $prose = if ($summaries[$name]) { $summaries[$name] } else { '{{ Fill in the Description }}' } }
        $out.Add('')
        $out.Add("### -$name")
        $out.Add('')
        $out.Add($prose)
        $out.Add('')
        $out.Add('```yaml')
        $out.Add((Format-Yaml (Get-ParameterFact $Cmdlet $name $defaults)))
        $out.Add('```')
    }
    $out.Add('')
    $out.Add('### CommonParameters')
    $out.Add('')
    $out.Add('This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, ' +
        '-InformationVariable, -OutBuffer, -OutVariable, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and ' +
        '-WarningVariable. For more information, see [about_CommonParameters](https://go.microsoft.com/fwlink/?LinkID=113216).')
    foreach ($kind in 'INPUTS', 'OUTPUTS') {
        $out.Add('')
        $out.Add("## $kind")
        $entries = & $subsections $kind
        if ($entries.Count -eq 0) {
            $types = if ($kind -eq 'INPUTS') {
                $Cmdlet.Parameters.Values.Where({ $_.Name -notin $CommonParameters -and $_.ParameterSets.Values.Where({ $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName }) }).ForEach({ Get-TypeName $_.ParameterType })
            }
            else { $Cmdlet.OutputType.Name }
            foreach ($t in @($types | Select-Object -Unique)) { $entries[$t] = @('{{ Fill in the Description }}') }
        }
        foreach ($entry in $entries.GetEnumerator()) {
            $out.Add('')
            $out.Add("### $($entry.Key)")
            $out.Add('')
            $out.Add((($entry.Value -join "`n").Trim()))
        }
    }
    foreach ($kind in 'NOTES', 'RELATED LINKS') {
        $out.Add('')
        $out.Add("## $kind")
        if (& $section $kind) { $out.Add(''); $out.Add((& $section $kind)) }
    }
    ($out -join "`n").TrimEnd() + "`n" | Set-Content -LiteralPath $path -NoNewline
}

if ($UpdateMarkdown) {
    foreach ($cmdlet in Get-ExportedCmdlet) { Update-MarkdownPage $cmdlet }
}
else {
    if (-not $OutputPath) { throw '-OutputPath is needed to write the MAML help.' }
    Export-MamlHelp
}
