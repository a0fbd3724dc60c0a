@echo off
rem Pail's command-line tool: runs Pail.exe as the `pail` command (`Pail.exe --cli ...`).
rem A batch file makes cmd.exe and PowerShell wait for the app (a GUI program they would
rem otherwise leave running) and hand back its exit code. This folder, not the app's, is the
rem one on PATH: there `pail` would find Pail.exe first (PATHEXT lists .EXE before .CMD).
setlocal
rem Electron writes to the console it was started from unless this is set.
set ELECTRON_NO_ATTACH_CONSOLE=
"%~dp0..\..\Pail.exe" --cli -- %*
exit /b %ERRORLEVEL%
