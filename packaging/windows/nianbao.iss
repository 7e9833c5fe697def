; Inno Setup script: the Windows installer of 政务公开年报助手 (built by .github/workflows/windows.yml).
; Per-user install without administrator rights (%LOCALAPPDATA%\Programs\nianbao), Chinese wizard,
; Start-menu entry, optional desktop icon, report files (*.nianbao.json) and 「用年报助手打开」 for .docx/.txt/.json.
; Input: dist\nianbao\ from `pyinstaller packaging\nianbao.spec`. Compile: iscc /DAppVersion=0.1.0 packaging\windows\nianbao.iss
; ChineseSimplified.isl is Inno Setup's (unofficial) translation; the workflow puts it beside this script.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "政务公开年报助手"
#define AppExe "nianbao-gui.exe"
#define ProgId "nianbao.report"

[Setup]
AppId={{6B1E7C52-3F0A-4C5E-9D43-2E7A9B1F0C11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=nianbao
DefaultDirName={localappdata}\Programs\nianbao
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
OutputDir=..\..\dist
OutputBaseFilename=nianbao-setup-{#AppVersion}
SetupIconFile=nianbao.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ShowLanguageDialog=no

[Languages]
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"

[CustomMessages]
chinesesimplified.DesktopIcon=在桌面上创建快捷方式
chinesesimplified.ReportFiles=用年报助手打开年报文件（*.nianbao.json）
chinesesimplified.OpenWith=用年报助手打开
chinesesimplified.RunNow=立即运行政务公开年报助手

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked
Name: "associate"; Description: "{cm:ReportFiles}"

[Files]
Source: "..\..\dist\nianbao\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; Per-user (HKCU) only. The report file type: *.nianbao.json is a .json to Windows, so .json gets the program in
; its 「打开方式」 list and a 「用年报助手打开」 command; .json itself is not taken over.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueData: "政务公开年报文件"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueData: "{app}\{#AppExe},0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".json"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".docx"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".txt"; ValueData: ""
; 「用年报助手打开」 in the right-click menu of .docx, .txt and .json files.
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.docx\shell\nianbao"; ValueType: string; ValueData: "{cm:OpenWith}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.docx\shell\nianbao"; ValueType: string; ValueName: "Icon"; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.docx\shell\nianbao\command"; ValueType: string; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.txt\shell\nianbao"; ValueType: string; ValueData: "{cm:OpenWith}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.txt\shell\nianbao"; ValueType: string; ValueName: "Icon"; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.txt\shell\nianbao\command"; ValueType: string; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.json\shell\nianbao"; ValueType: string; ValueData: "{cm:OpenWith}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.json\shell\nianbao"; ValueType: string; ValueName: "Icon"; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.json\shell\nianbao\command"; ValueType: string; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:RunNow}"; Flags: nowait postinstall skipifsilent

; Settings, autosave and logs live in %LOCALAPPDATA%\nianbao and stay after uninstalling (the clerk's data).
