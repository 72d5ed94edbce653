; Inno Setup 6.3+ script: wraps the PyInstaller folder (dist\MotCua) into
; dist\MotCua-Setup-<version>.exe. From the repository root (installer\README.md):
;   pyinstaller --noconfirm installer\motcua.spec
;   iscc /DAppVersion=0.1.0 installer\motcua.iss
; The version is pyproject.toml's: `python -m installer.bundle_layout` prints it.
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=<version from pyproject.toml> installer\motcua.iss
#endif

[Setup]
; The same AppId in every release: a new setup upgrades the installed copy in place.
AppId={{6C1B1E0E-9C39-4E55-9A4B-3E1E5C0A0C01}
AppName=MotCua
AppVersion={#AppVersion}
AppVerName=MotCua {#AppVersion}
AppPublisher=MotCua
VersionInfoVersion={#AppVersion}
; Per machine: Program Files and the all-users Start menu (needs an administrator).
PrivilegesRequired=admin
DefaultDirName={autopf}\MotCua
DefaultGroupName=MotCua
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; A running MotCua is closed before its files are replaced.
CloseApplications=yes
SetupIconFile=..\resources\icons\motcua.ico
UninstallDisplayIcon={app}\motcua.exe
OutputDir=..\dist
OutputBaseFilename=MotCua-Setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

; English is built into Inno Setup. Vietnamese is not among Inno Setup 6's bundled
; translations: put the user-contributed Vietnamese.isl (jrsoftware.org/files/istrans/)
; next to this script and the setup offers it too.
[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#if FileExists(AddBackslash(SourcePath) + "Vietnamese.isl")
Name: "vi"; MessagesFile: "Vietnamese.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

; An upgrade first removes the previous bundle's libraries, so none of an older
; release's files linger beside the new ones. The office's data is not here: it is in
; each user's %LOCALAPPDATA%\MotCua, which neither setup nor uninstall touches.
[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\MotCua\motcua.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "..\dist\MotCua\_internal\*"; DestDir: "{app}\_internal"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\MotCua"; Filename: "{app}\motcua.exe"
Name: "{group}\MotCua (trình diễn)"; Filename: "{app}\motcua.exe"; Parameters: "--demo"
Name: "{group}\{cm:UninstallProgram,MotCua}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\MotCua"; Filename: "{app}\motcua.exe"; Tasks: desktopicon

[Run]
; The Smart Card service must run for the card reader (it is on by default on Windows).
Filename: "sc.exe"; Parameters: "config SCardSvr start= auto"; Flags: runhidden
Filename: "{app}\motcua.exe"; Description: "{cm:LaunchProgram,MotCua}"; Flags: postinstall nowait skipifsilent
