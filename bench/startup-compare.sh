#!/bin/bash
# Start-up a person feels, three launches back to back (bench/README.md, "Start-up"):
#   before          java -jar BEFORE_JAR
#   after-plain     java -jar AFTER_JAR
#   after-launched  java AGENT_JVM_OPTIONS -XX:SharedArchiveFile=AFTER_JAR's orchestrator.jsa -Xshare:auto -jar AFTER_JAR
# for `validate --config pipelines`, `list` against a running agent, and an agent restart to its first /health
# answer (rounds interleaved). Needs hyperfine and curl; run from the repository root, alone on the machine:
#   flock /tmp/mvn.lock bench/startup-compare.sh /tmp/before/orchestrator.jar agent/target/orchestrator.jar
set -eu
before=$(realpath "$1"); after=$(realpath "$2"); rounds=${ROUNDS:-7}; port=${PORT:-18766}
archive=$(dirname "$after")/orchestrator.jsa
options="-XX:+UseSerialGC -Xms16m -Xmx512m -XX:TieredStopAtLevel=1 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=10 -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=5000"
A="java -jar $before"
B="java -jar $after"
C="java $options -XX:SharedArchiveFile=$archive -Xshare:auto -jar $after"
out=$(mktemp -d)
hyperfine -N -w 2 -r 15 -n before -n after-plain -n after-launched \
  "$A validate --config pipelines" "$B validate --config pipelines" "$C validate --config pipelines"
home=$out/home
$B run --config pipelines --home "$home" --port "$port" > "$out/agent.log" 2>&1 &
agent=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.1; done
hyperfine -N -w 2 -r 15 -n before -n after-plain -n after-launched \
  "$A list --home $home" "$B list --home $home" "$C list --home $home"
kill $agent; wait $agent || true
for round in $(seq 1 "$rounds"); do
  for variant in A B C; do
    t0=$(date +%s%N)
    ${!variant} run --config pipelines --home "$home" --port "$port" >> "$out/agent.log" 2>&1 &
    agent=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.02; done
    t1=$(date +%s%N)
    echo "$variant $(( (t1 - t0) / 1000000 ))" >> "$out/start.txt"
    kill $agent; wait $agent || true
  done
done
for variant in A B C; do
  echo "agent start to ready, $variant (ms): $(awk -v v=$variant '$1==v{print $2}' "$out/start.txt" | sort -n | tr '\n' ' ')"
done
rm -rf "$out"
