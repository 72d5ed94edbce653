; Inno Setup script: wraps the PyInstaller folder (dist\MotCua) into MotCua-Setup.exe.
;   iscc installer\motcua.iss
#define AppVersion "0.1.0"

[Setup]
AppId={{6C1B1E0E-9C39-4E55-9A4B-3E1E5C0A0C01}
AppName=MotCua
AppVersion={#AppVersion}
AppPublisher=MotCua
DefaultDirName={autopf}\MotCua
DefaultGroupName=MotCua
OutputBaseFilename=MotCua-Setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin

[Languages]
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\dist\MotCua\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\MotCua"; Filename: "{app}\motcua.exe"
Name: "{group}\MotCua (trình diễn)"; Filename: "{app}\motcua.exe"; Parameters: "--demo"
Name: "{autodesktop}\MotCua"; Filename: "{app}\motcua.exe"

[Run]
; The Smart Card service must run for the card reader (it is on by default on Windows).
Filename: "sc.exe"; Parameters: "config SCardSvr start= auto"; Flags: runhidden
Filename: "{app}\motcua.exe"; Description: "Mở MotCua"; Flags: postinstall nowait skipifsilent
