@echo off
rem The console of this checkout: orchestrator-console
rem Runs desktop\target\orchestrator-console.jar with its class-data-sharing archive when the build made one.
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%desktop\target\orchestrator-console.jar"
set "ARCHIVE=%HERE%desktop\target\orchestrator-console.jsa"
if not exist "%JAR%" (
  echo orchestrator-console: %JAR% is not built yet; run mvnw.cmd -B -q install -DskipTests first ^(in %HERE%^) 1>&2
  exit /b 1
)
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
set OPTIONS=
if exist "%ARCHIVE%" set OPTIONS="-XX:SharedArchiveFile=%ARCHIVE%" -Xshare:auto
"%JAVA%" %OPTIONS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
