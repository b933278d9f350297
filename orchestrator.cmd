@echo off
rem The orchestrator CLI of this checkout: orchestrator validate --config pipelines
rem Runs agent\target\orchestrator.jar with its class-data-sharing archive when the build made one, and for
rem "run" with the agent's memory settings (LaunchCommand.AGENT_JVM_OPTIONS; LauncherScriptTest keeps them in step),
rem every command on the serial collector and the client compiler.
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%agent\target\orchestrator.jar"
set "ARCHIVE=%HERE%agent\target\orchestrator.jsa"
if not exist "%JAR%" (
  echo orchestrator: %JAR% is not built yet; run mvnw.cmd -B -q install -DskipTests first ^(in %HERE%^) 1>&2
  exit /b 1
)
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
set OPTIONS=-XX:+UseSerialGC -XX:TieredStopAtLevel=1
if exist "%ARCHIVE%" set OPTIONS=%OPTIONS% "-XX:SharedArchiveFile=%ARCHIVE%" -Xshare:auto
if "%~1"=="run" set OPTIONS=%OPTIONS% -Xms16m -Xmx512m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=10 -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=5000
"%JAVA%" %OPTIONS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
