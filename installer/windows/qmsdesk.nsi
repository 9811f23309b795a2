; qmsdesk Windows installer (NSIS 3, Unicode): installs the PyInstaller bundle for all users.
;
; Build (see installer/README.md):
;   makensis /DVERSION=0.1.0 installer\windows\qmsdesk.nsi
; `python installer\build.py --nsis` passes VERSION (from pyproject.toml), VI_VERSION, PAYLOAD and OUTFILE.
;
; IT staff:
;   qmsdesk-<version>-setup.exe /S                       silent install to C:\Program Files\qmsdesk
;   qmsdesk-<version>-setup.exe /S /D=D:\Apps\qmsdesk    silent install elsewhere (/D= last, no quotes)
;   "C:\Program Files\qmsdesk\uninstall.exe" /S          silent uninstall
; Installing a newer version over an older one is the upgrade: program files are replaced, users' data
; (%LOCALAPPDATA%\qmsdesk) is never touched; the database is backed up and migrated on its first start.

Unicode true
ManifestDPIAware true

!ifndef VERSION
  !error "Pass the version from pyproject.toml: makensis /DVERSION=0.1.0 qmsdesk.nsi"
!endif
!ifndef VI_VERSION
  !define VI_VERSION "${VERSION}.0"   ; four numbers for Windows' file properties
!endif
!ifndef PAYLOAD
  !define PAYLOAD "..\..\dist\qmsdesk"   ; PyInstaller's output, relative to this script's folder
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\qmsdesk-${VERSION}-setup.exe"
!endif

!define APP_ID "qmsdesk"
!define APP_NAME "科室质控工作台"
!define APP_NAME_EN "qmsdesk Quality Group Workbench"
!define PUBLISHER "qmsdesk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define SETTINGS_KEY "Software\${APP_ID}"

Name "${APP_NAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP_ID}"
; An upgrade goes to wherever the previous version was installed.
InstallDirRegKey HKLM "${SETTINGS_KEY}" "InstallDir"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VI_VERSION}"
VIFileVersion "${VI_VERSION}"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} ${VERSION} 安装程序 / setup"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!include "x64.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "..\..\resources\icons\qmsdesk.ico"
!define MUI_UNICON "..\..\resources\icons\qmsdesk.ico"
!define MUI_ABORTWARNING
; No "start the program now" box on the last page: it would run as the elevated installing account,
; and the database would be made in that account's data folder instead of the head nurse's.

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString KeepData ${LANG_SIMPCHINESE} "程序已卸载。您的数据和备份仍保存在 %LOCALAPPDATA%\qmsdesk，重新安装后即可继续使用。"
LangString KeepData ${LANG_ENGLISH} "The program was removed. Your data and backups remain in %LOCALAPPDATA%\qmsdesk and are used again after reinstalling."
LangString Needs64 ${LANG_SIMPCHINESE} "本程序需要 64 位 Windows（Windows 10 或更新版本）。"
LangString Needs64 ${LANG_ENGLISH} "This program needs 64-bit Windows (Windows 10 or newer)."
LangString CloseFirst ${LANG_SIMPCHINESE} "请先关闭正在运行的${APP_NAME}，然后点“重试”。"
LangString CloseFirst ${LANG_ENGLISH} "Please close the running program, then press Retry."

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "$(Needs64)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

; The program folder must not be in use while it is replaced (a running qmsdesk.exe locks it).
Function CheckNotRunning
  retry:
  ClearErrors
  ${If} ${FileExists} "$INSTDIR\qmsdesk.exe"
    FileOpen $0 "$INSTDIR\qmsdesk.exe" a
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(CloseFirst)" /SD IDCANCEL IDRETRY retry
      Abort
    ${EndIf}
    FileClose $0
  ${EndIf}
FunctionEnd

Section "qmsdesk" SecMain
  SectionIn RO
  Call CheckNotRunning
  ; Upgrade: the previous version's program files go first, so no stale library outlives it.
  ; Only files the installer itself put here are removed; data lives in %LOCALAPPDATA%\qmsdesk.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\qmsdesk.exe"
  Delete "$INSTDIR\qmsdesk-cli.exe"

  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\qmsdesk.exe" "" "$INSTDIR\qmsdesk.exe" 0
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\qmsdesk.exe" "" "$INSTDIR\qmsdesk.exe" 0

  WriteRegStr HKLM "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${SETTINGS_KEY}" "Version" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME} (${APP_NAME_EN})"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\qmsdesk.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  ; Program files and shortcuts only. Users' data folders (%LOCALAPPDATA%\qmsdesk, with the database
  ; and its backups) belong to them and stay, so a reinstall finds everything again.
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\qmsdesk.exe"
  Delete "$INSTDIR\qmsdesk-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegKey HKLM "${SETTINGS_KEY}"
  IfSilent +2
  MessageBox MB_ICONINFORMATION "$(KeepData)"
SectionEnd
