# Adds or removes one folder in the current user's PATH (HKCU\Environment\Path), for
# installer.nsh. Reads the value unexpanded and writes it back as REG_EXPAND_SZ, so entries
# like %USERPROFILE%\bin survive ([Environment]::SetEnvironmentVariable would expand them and
# turn the value into REG_SZ). Writes nothing when nothing changes. Exit code 0 on success.
param(
  [Parameter(Mandatory = $true)][ValidateSet('Add', 'Remove')][string]$Action,
  [Parameter(Mandatory = $true)][string]$Dir
)
$ErrorActionPreference = 'Stop'
$key = [Microsoft.Win32.Registry]::CurrentUser.CreateSubKey('Environment')
try {
  $raw = [string]$key.GetValue('Path', '', [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
  $same = { param($entry) $entry.TrimEnd('\') -ieq $Dir.TrimEnd('\') }
  $entries = @($raw -split ';' | Where-Object { $_ -ne '' })
  $kept = @($entries | Where-Object { -not (& $same $_) })
  if ($Action -eq 'Add') { $kept += $Dir }
  $value = $kept -join ';'
  if ($value -ne ($entries -join ';')) {
    $key.SetValue('Path', $value, [Microsoft.Win32.RegistryValueKind]::ExpandString)
  }
} finally {
  $key.Close()
}
exit 0
