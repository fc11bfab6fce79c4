; Inno Setup script for Rio Desktop (Windows 10/11, x64). Built by installers/build.py on Windows:
;   iscc /DAppVersion=0.1.0 /DSourceDir=dist\rio-desktop /DIconFile=build\bundle-resources\icons\rio-desktop.ico /Odist rio-desktop.iss
; Installs per user by default (no administrator rights needed); an administrator can choose
; "install for all users" (or run the installer with /ALLUSERS) to put it in Program Files.

#ifndef AppVersion
  #error Pass /DAppVersion=X.Y.Z (installers/build.py does)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\rio-desktop"
#endif

[Setup]
AppId={{6C1F3E52-7B0D-4E8C-9A51-2F4D8B7E0A13}
AppName=Rio Desktop
AppVersion={#AppVersion}
AppPublisher=Rio Desktop
AppComments=Offline AI desk tool for public administration
DefaultDirName={autopf}\Rio Desktop
DefaultGroupName=Rio Desktop
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=rio-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\rio-desktop.exe
#ifdef IconFile
SetupIconFile={#IconFile}
#endif
; The models folder and settings live in the user's profile and survive an update or uninstall.

[Languages]
Name: "brazilianportuguese"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Rio Desktop"; Filename: "{app}\rio-desktop.exe"
Name: "{autodesktop}\Rio Desktop"; Filename: "{app}\rio-desktop.exe"; Tasks: desktopicon

[Registry]
; "Open with Rio Desktop" for PDFs, without taking over the default PDF reader.
Root: HKA; Subkey: "Software\Classes\Applications\rio-desktop.exe\SupportedTypes"; ValueType: string; ValueName: ".pdf"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\.pdf\OpenWithList\rio-desktop.exe"; ValueType: string; ValueName: ""; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\rio-desktop.exe"; Description: "{cm:LaunchProgram,Rio Desktop}"; Flags: nowait postinstall skipifsilent
