#!/usr/bin/env python3
"""Trust-issue measurements, one jar at a time: start to ready, /trigger -> first task p50/p99,
idle RSS after a burst of runs, first page of a 2,000,000-line log, database bytes per log byte.
Usage: trustbench.py JAR LABEL [burst_runs]"""
import urllib.error, json, os, shutil, statistics, subprocess, sys, tempfile, threading, time, urllib.request

JAR, LABEL = sys.argv[1], sys.argv[2]
BURST = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
FLOOD = int(sys.argv[4]) if len(sys.argv) > 4 else 2000000
IDLE = int(sys.argv[5]) if len(sys.argv) > 5 else 60
JVM = sys.argv[6].split() if len(sys.argv) > 6 and sys.argv[6] else []
PORT = 18765
work = tempfile.mkdtemp(prefix="tb-")
cfg = os.path.join(work, "pipelines"); os.makedirs(cfg)
with open(os.path.join(cfg, "bench.yaml"), "w") as f:
    f.write(("""pipelines:
  - id: noop
    schedule: { type: manual, max_instances: 8 }
    tasks:
      - id: t
        connector: shell
        action: run
        action_kwargs: { command: "true" }
  - id: flood
    tasks:
      - id: chatty
        connector: shell
        action: run
        timeout_seconds: 3000
        action_kwargs: { command: seq, args: ["-f", "line %g of a chatty task that prints a lot of text", "1", "{FLOOD}"] }
""").replace("{FLOOD}", str(FLOOD)))

def rss_mb(pid):
    with open(f"/proc/{pid}/status") as s:
        for line in s:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

def call(method, path, token, body=None):
    req = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        raise SystemExit(f"{method} {path}: {e.code} {e.read()[:300]!r} token={token!r}")

def start(home):
    t0 = time.monotonic()
    p = subprocess.Popen(["java", *JVM, "-jar", JAR, "run", "--config", cfg, "--home", home, "--port", str(PORT),
                          "--plugins", os.path.join(work, "none")],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(p)
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health", timeout=1).read(); break
        except Exception:
            if p.poll() is not None: raise SystemExit("agent died")
            time.sleep(0.01)
    return p, time.monotonic() - t0

def stop(p):
    p.terminate(); p.wait(60)

def token_of(home):
    return subprocess.run(["java", "-jar", JAR, "token", "--home", home], capture_output=True, text=True).stdout.strip().split()[-1]

def run_state(run, token):
    return call("GET", f"/api/v1/runs/{run}", token)

res = {"label": LABEL}
import atexit
procs = []
atexit.register(lambda: [x.kill() for x in procs])
home = os.path.join(work, "home")
p, res["start_fresh_s"] = start(home); stop(p)
starts = []
for _ in range(5):
    p, s = start(home); starts.append(s); stop(p)
res["start_existing_median_s"] = statistics.median(starts)
p, _ = start(home)
token = token_of(home)
time.sleep(5)
res["rss_idle_after_start_mb"] = rss_mb(p.pid)

# trigger -> answer, and -> first task started
lat, first = [], []
for i in range(200):
    t0 = time.time()
    r = call("POST", "/trigger/noop", token, {})
    lat.append((time.time() - t0) * 1000)
    run = r.get("run_id")
    for _ in range(500):
        d = run_state(run, token)
        if d.get("status") in ("success", "failed"): break
        time.sleep(0.01)
    ts = [t.get("started_at") for t in d.get("tasks", []) if t.get("started_at")]
    if ts:
        from datetime import datetime
        st = datetime.fromisoformat(min(ts).replace("Z", "+00:00")).timestamp()
        first.append((st - t0) * 1000)
q = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(len(xs) * p))]
res["trigger_p50_ms"], res["trigger_p99_ms"] = round(q(lat, .5), 2), round(q(lat, .99), 2)
if first:
    res["trigger_to_first_task_p50_ms"], res["trigger_to_first_task_p99_ms"] = round(q(first, .5), 1), round(q(first, .99), 1)

# burst of runs from 8 clients
def client(n):
    for _ in range(n): call("POST", "/trigger/noop", token, {})
t0 = time.time()
threads = [threading.Thread(target=client, args=(BURST // 8,)) for _ in range(8)]
[t.start() for t in threads]; [t.join() for t in threads]
while True:
    page = call("GET", "/api/v1/runs?status=running&size=1", token)
    q2 = call("GET", "/api/v1/runs?status=queued&size=1", token)
    if not page.get("items") and not q2.get("items"): break
    time.sleep(1)
res["burst_runs"], res["burst_s"] = BURST, round(time.time() - t0, 1)
res["rss_after_burst_mb"] = rss_mb(p.pid)
time.sleep(IDLE)
res["rss_idle_60s_after_burst_mb"] = rss_mb(p.pid)

def dbsize():
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(home) for f in fs if ".db" in f or f.endswith(".mv.db"))
before = dbsize()
t0 = time.time()
run = call("POST", "/trigger/flood", token, {})["run_id"]
while run_state(run, token).get("status") not in ("success", "failed", "crashed", "cancelled"):
    time.sleep(1)
res["flood_s"] = round(time.time() - t0, 1)
logbytes = sum(len(f"line {i} of a chatty task that prints a lot of text\n") for i in range(1, FLOOD + 1))
time.sleep(3)
res["db_bytes_per_log_byte"] = round((dbsize() - before) / logbytes, 2)
pages = []
for _ in range(5):
    t0 = time.time(); call("GET", f"/api/v1/runs/{run}/logs?size=100", token); pages.append((time.time() - t0) * 1000)
res["first_log_page_ms_median"] = round(statistics.median(pages), 1)
res["rss_after_flood_mb"] = rss_mb(p.pid)
stop(p)
print(json.dumps(res))
shutil.rmtree(work, ignore_errors=True)
