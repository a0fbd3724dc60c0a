; Pail's additions to electron-builder's NSIS installer (nsis.include in electron-builder.cjs):
; an optional PATH entry for the `pail` command-line tool.
;
; The entry is the folder holding pail.cmd (resources\bin), not the install folder: there `pail`
; would find Pail.exe first. The user PATH is edited by path-entry.ps1, not in NSIS: NSIS strings
; stop at NSIS_MAX_STRLEN (1024), and a longer PATH read back truncated or empty and written out again
; is the classic way installers wipe a user's PATH. The script keeps the value's REG_EXPAND_SZ type
; and its %VARIABLES%; this file then tells running programs the environment changed.

!ifndef WM_SETTINGCHANGE
  !define WM_SETTINGCHANGE 0x001A
!endif
!ifndef HWND_BROADCAST
  !define HWND_BROADCAST 0xFFFF
!endif

!define PAIL_CLI_DIR "$INSTDIR\resources\bin"
!define PAIL_PATH_SCRIPT "$INSTDIR\resources\windows\path-entry.ps1"
!define PAIL_POWERSHELL "$SYSDIR\WindowsPowerShell\v1.0\powershell.exe"

!macro pailPathEntry ACTION
  Push $0
  nsExec::ExecToLog '"${PAIL_POWERSHELL}" -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "${PAIL_PATH_SCRIPT}" -Action ${ACTION} -Dir "${PAIL_CLI_DIR}"'
  Pop $0
  ${if} $0 == 0
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  ${else}
    DetailPrint "The PATH entry for pail was not changed (path-entry.ps1: $0)."
  ${endif}
  Pop $0
!macroend

!macro customInstall
  ; An update keeps the choice made at the first install (the old uninstaller leaves the entry).
  ${ifNot} ${isUpdated}
    ; Silent installs (/S) answer No: PATH changes only when someone asked for it.
    MessageBox MB_YESNO|MB_ICONQUESTION "Add the pail command to your PATH?$\r$\n$\r$\nThen any new terminal can run Pail's command-line tool, for example: pail ls" /SD IDNO IDNO pail_path_skip
      !insertmacro pailPathEntry Add
    pail_path_skip:
  ${endIf}
!macroend

!macro customUnInstall
  ; Runs before the files go, while path-entry.ps1 is still there; an update keeps the entry.
  ${ifNot} ${isUpdated}
    !insertmacro pailPathEntry Remove
  ${endIf}
!macroend
