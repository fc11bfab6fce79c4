; Inno Setup script for Rio Desktop (Windows 10/11, x64). Compiled by installers/build.py on Windows and by
; installers/windows/cross_build.py on Linux (under Wine); both pass the definitions in installers/windows/inno.py:
;   iscc /DAppVersion=0.1.0 /DSourceDir=dist\rio-desktop /DIconFile=...\rio-desktop.ico /DPublisher="Rio Desktop" /Odist rio-desktop.iss
; Installs per user by default (no administrator rights needed, in %LOCALAPPDATA%\Programs); an administrator
; can install for all users (Program Files) with /ALLUSERS, or choose it in the dialog. Silent: /VERYSILENT.
; The uninstaller keeps the clerk's settings, drafts and models (they are in the user's profile, not in {app})
; unless the clerk says so when asked, or /PURGEDATA is given to a silent uninstall.

#ifndef AppVersion
  #error Pass /DAppVersion=X.Y.Z (installers/build.py does)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\rio-desktop"
#endif
#ifndef Publisher
  #define Publisher "Rio Desktop"
#endif

[Setup]
AppId={{6C1F3E52-7B0D-4E8C-9A51-2F4D8B7E0A13}
AppName=Rio Desktop
AppVersion={#AppVersion}
AppVerName=Rio Desktop {#AppVersion}
AppPublisher={#Publisher}
AppComments=Offline AI desk tool for public administration
VersionInfoVersion={#AppVersion}
VersionInfoCompany={#Publisher}
VersionInfoProductName=Rio Desktop
VersionInfoDescription=Rio Desktop Setup
DefaultDirName={autopf}\Rio Desktop
DefaultGroupName=Rio Desktop
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputBaseFilename=RioDesktop-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
LZMANumBlockThreads=2
WizardStyle=modern
UninstallDisplayIcon={app}\rio-desktop.exe
UninstallDisplayName=Rio Desktop
#ifdef IconFile
SetupIconFile={#IconFile}
#endif

[Languages]
Name: "brazilianportuguese"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
brazilianportuguese.PurgeData=Remover também as configurações, os rascunhos e os modelos do Rio Desktop guardados nesta conta (%1)?%n%nEscolha Não para mantê-los para uma nova instalação.
english.PurgeData=Also remove the settings, drafts and models Rio Desktop keeps in this account (%1)?%n%nChoose No to keep them for a new installation.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the whole program folder: no library of an older version is left beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\Rio Desktop"; Filename: "{app}\rio-desktop.exe"
Name: "{autodesktop}\Rio Desktop"; Filename: "{app}\rio-desktop.exe"; Tasks: desktopicon

[Registry]
; "Open with Rio Desktop" for PDFs, without taking over the default PDF reader.
Root: HKA; Subkey: "Software\Classes\Applications\rio-desktop.exe\SupportedTypes"; ValueType: string; ValueName: ".pdf"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\rio-desktop.exe\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\rio-desktop.exe"" ""%1"""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\.pdf\OpenWithList\rio-desktop.exe"; ValueType: string; ValueName: ""; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\rio-desktop.exe"; Description: "{cm:LaunchProgram,Rio Desktop}"; Flags: nowait postinstall skipifsilent

[Code]
// Where Rio Desktop keeps the clerk's data (platformdirs on Windows: models, caches and logs in %LOCALAPPDATA%\rio-desktop,
// settings and drafts in %APPDATA%\rio-desktop, which follows a roaming profile): kept unless the clerk asks.
function DataFolders(): String;
begin
  Result := ExpandConstant('{localappdata}\rio-desktop');
end;

function HasParam(const Name: String): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), Name) = 0 then
      Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Purge: Boolean;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  if UninstallSilent then
    Purge := HasParam('/PURGEDATA')
  else
    Purge := DirExists(DataFolders()) and
      (MsgBox(FmtMessage(CustomMessage('PurgeData'), [DataFolders()]), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES);
  if Purge then
  begin
    DelTree(ExpandConstant('{localappdata}\rio-desktop'), True, True, True);
    DelTree(ExpandConstant('{userappdata}\rio-desktop'), True, True, True);
  end;
end;
