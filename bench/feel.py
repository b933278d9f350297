#!/usr/bin/env python3
"""Latency and memory a person feels (issue 23): each row of the issue's table measured as a user meets it.

Every launch is its own process, started the way a person starts it (by default `./orchestrator`, the launcher of
this checkout, with its JVM options and class-data-sharing archive); each round has a fresh agent home and a
fresh user home (HOME), so no plugin cache or agent home carries over between rounds; the HTTP client is Python's
urllib with a new connection per request, as scripts and cron jobs call the agent; resident memory is VmRSS read
from /proc. Prints each round as it ends, then the medians as a Markdown table with the machine's load beside it.

    python3 bench/feel.py --label after                                              # ./orchestrator, 5 rounds
    python3 bench/feel.py --label before --cmd "java -jar /work/baseline/orchestrator.jar"
    flock /tmp/mvn.lock python3 bench/feel.py --label after --rounds 5               # alone on the machine

Rows (per round):
  start_fresh_s       launch of `run` on an empty home until GET /health answers
  start_existing_s    the same on the home the round used (after the burst), agent stopped with SIGTERM before;
                      rss_idle_restart_mb: 5 s after that start (the plugin now from the cache, not compiled)
  rss_idle_start_mb   5 s after the first start, nothing run yet (the single-file plugin was just compiled)
  rss_after_60_mb     after 60 one-task runs (triggered one after the other), 5 s idle
  trigger_p50_ms      POST /trigger/noop round trip (the run is committed before the answer), 200 sequential
                      triggers, each sent when the previous run has ended; also p99
  first_task_p50_ms   from sending that request to the first task's recorded start (the attempt's started_at)
  health_p50_ms       GET /health round trip, 200 sequential, for scale (what the HTTP client itself costs)
  burst_s             8 clients, each triggering BURST runs of a pipeline of 1,000 independent tasks (a
                      single-file plugin connector that does nothing), until no run is queued or running
  rss_burst_mb        right after the burst; rss_idle_60_mb 60 s later (IDLE seconds, --idle)
  validate_first_s    `validate --config DIR --plugins DIR` of one 1,000-task file whose tasks use one
                      single-file plugin, on a fresh user home (the plugin compiled); validate_s: the same again
                      (the compiled plugin taken from the cache), the figure a person meets every day
  list_s              `list --home HOME` against the running agent (median of 3 launches in the round)
  console_s           the console's JVM start to its main window's first frame drawn (bench's
                      ConsoleStartBenchmark: headless on Monocle with the software renderer, no display needed),
                      with the console's jar and class-data-sharing archive as ./orchestrator-console uses them
"""
import argparse, json, os, shlex, shutil, signal, statistics, subprocess, sys, tempfile, threading, time
import urllib.error, urllib.request
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--label", default="run")
parser.add_argument("--cmd", default=os.path.join(ROOT, "orchestrator"),
                    help="how the product is launched (default: this checkout's ./orchestrator launcher)")
parser.add_argument("--rounds", type=int, default=5)
parser.add_argument("--burst", type=int, default=4, help="runs of the 1,000-task pipeline per client (8 clients)")
parser.add_argument("--idle", type=int, default=60)
parser.add_argument("--triggers", type=int, default=200)
parser.add_argument("--port", type=int, default=18777)
CONSOLE_JAR = os.path.join(ROOT, "desktop", "target", "orchestrator-console.jar")
CONSOLE_ARCHIVE = os.path.join(ROOT, "desktop", "target", "orchestrator-console.jsa")
# as ./orchestrator-console starts it: the console's jar first on the class path, with its class-data-sharing archive
# when the build made one (Java 17 maps it when the class path starts with the jar it was made for); the bench jar
# after it only adds ConsoleStartBenchmark and Monocle
parser.add_argument("--console", default="java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw "
                    "-Dprism.text=t2k "
                    + ("-XX:SharedArchiveFile=" + CONSOLE_ARCHIVE + " -Xshare:auto " if os.path.exists(CONSOLE_ARCHIVE) else "")
                    + "-cp " + CONSOLE_JAR + os.pathsep + os.path.join(ROOT, "bench", "target", "benchmarks.jar")
                    + " dev.orchestrator.bench.ConsoleStartBenchmark",
                    help="launches the console and prints 'console first window: N ms' (bench's ConsoleStartBenchmark)")
parser.add_argument("--skip", default="", help="parts to leave out, comma-separated: trigger,list,burst,restart,validate,console")
args = parser.parse_args()
CMD = shlex.split(args.cmd)
SKIP = set(filter(None, args.skip.split(",")))
PORT = args.port

PLUGIN = """import dev.orchestrator.connector.Connector;

@Connector(value = "noop", threadSafe = true)
public class Noop {
    public Object nothing() {
        return null;
    }

    public Object push(String path, String mode, String note) {
        return null;
    }
}
"""
SMALL = """pipelines:
  - id: noop
    schedule: { type: manual, max_instances: 8 }
    tasks:
      - id: t
        connector: shell
        action: run
        action_kwargs: { command: "true" }
  - id: fan1000
    schedule: { type: manual, max_instances: 8 }
    tasks:
%s
""" % "\n".join(f"      - {{ id: t{i:04d}, connector: noop, action: nothing }}" for i in range(1000))


def big_file():
    """One pipeline of 1,000 chained tasks with templates, retries and dependencies (ValidateBenchmark's file),
    each task on the single-file plugin's connector."""
    lines = ["pipelines:", "  - id: chain_1000", "    schedule: { type: cron, cron_expr: \"0 6 * * *\", timezone: Europe/Berlin }",
             "    params: { region: eu }", "    max_concurrency: 4", "    tasks:"]
    for i in range(1000):
        lines += [f"      - id: task_{i}", "        connector: noop", "        action: push", "        action_kwargs:",
                  f"          path: \"out/part_{i}_{{{{ today }}}}.csv\"", "          mode: overwrite",
                  "          note: \"{{ params.region }} run {{ run_id }}\"",
                  "        retry: { times: 2, delay_seconds: 1, backoff: 2.0 }", "        timeout_seconds: 30"]
        if i:
            lines += [f"        depends_on: [task_{i - 1}]", f"        pass_output_from: task_{i - 1}"]
    return "\n".join(lines) + "\n"


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)


def load():
    return float(open("/proc/loadavg").read().split()[0])


class Round:
    def __init__(self, n):
        self.work = tempfile.mkdtemp(prefix="feel-")
        self.env = dict(os.environ, HOME=os.path.join(self.work, "user"))
        self.env.pop("ORCHESTRATOR_HOME", None)
        os.makedirs(self.env["HOME"])
        self.cfg = os.path.join(self.work, "pipelines")
        self.big = os.path.join(self.work, "big")
        self.plugins = os.path.join(self.work, "plugins")
        for d in (self.cfg, self.big, self.plugins):
            os.makedirs(d)
        open(os.path.join(self.cfg, "feel.yaml"), "w").write(SMALL)
        open(os.path.join(self.big, "big.yaml"), "w").write(big_file())
        open(os.path.join(self.plugins, "Noop.java"), "w").write(PLUGIN)
        self.home = os.path.join(self.work, "home")
        self.agent = None
        self.token = None

    def start(self):
        t0 = time.monotonic()
        self.agent = subprocess.Popen([*CMD, "run", "--config", self.cfg, "--home", self.home, "--port", str(PORT),
                                       "--plugins", self.plugins], env=self.env,
                                      stdout=open(os.path.join(self.work, "agent.out"), "a"), stderr=subprocess.STDOUT)
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health", timeout=2).read()
                break
            except Exception:
                if self.agent.poll() is not None:
                    raise SystemExit(f"the agent ended with {self.agent.returncode}: see {self.work}/agent.out")
                time.sleep(0.005)
        took = time.monotonic() - t0
        self.token = open(os.path.join(self.home, "token")).read().strip()
        return took

    def stop(self):
        self.agent.send_signal(signal.SIGTERM)
        self.agent.wait(120)
        self.agent = None

    def call(self, method, path, body=None):
        request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", method=method,
                                         data=None if body is None else json.dumps(body).encode(),
                                         headers={"Authorization": f"Bearer {self.token}",
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                return json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as e:
            raise SystemExit(f"{method} {path}: {e.code} {e.read()[:300]!r}")

    def wait_ended(self, run, poll=0.002):
        while True:
            detail = self.call("GET", f"/api/v1/runs/{run}")
            if detail.get("status") in ("success", "failed", "crashed", "cancelled"):
                return detail
            time.sleep(poll)

    def triggers(self, n, lat, first):
        for _ in range(n):
            sent = time.time()
            t0 = time.perf_counter()
            run = self.call("POST", "/trigger/noop", {})["run_id"]
            lat.append((time.perf_counter() - t0) * 1000)
            detail = self.wait_ended(run)
            starts = [t["started_at"] for t in detail.get("tasks", []) if t.get("started_at")]
            if starts:
                started = datetime.fromisoformat(min(starts).replace("Z", "+00:00")).timestamp()
                first.append((started - sent) * 1000)

    def cli(self, *words):
        t0 = time.monotonic()
        done = subprocess.run([*CMD, *words], env=self.env, capture_output=True, text=True)
        took = time.monotonic() - t0
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(words)}: exit {done.returncode}\n{done.stdout[-500:]}{done.stderr[-2000:]}")
        return took

    def idle_queue(self):
        while True:
            running = self.call("GET", "/api/v1/runs?status=running&size=1").get("items")
            queued = self.call("GET", "/api/v1/runs?status=queued&size=1").get("items")
            if not running and not queued:
                return
            time.sleep(0.2)

    def measure(self):
        r = {"load_start": load()}
        r["start_fresh_s"] = round(self.start(), 3)
        time.sleep(5)
        r["rss_idle_start_mb"] = rss_mb(self.agent.pid)
        if "trigger" not in SKIP:
            health = []
            for _ in range(args.triggers):
                t0 = time.perf_counter()
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health", timeout=10).read()
                health.append((time.perf_counter() - t0) * 1000)
            lat, first = [], []
            self.triggers(60, lat, first)
            time.sleep(5)
            r["rss_after_60_mb"] = rss_mb(self.agent.pid)
            self.triggers(args.triggers - 60, lat, first)
            q = lambda xs, p: round(sorted(xs)[min(len(xs) - 1, int(len(xs) * p))], 2)
            r["trigger_p50_ms"], r["trigger_p99_ms"] = q(lat, .5), q(lat, .99)
            r["first_task_p50_ms"], r["first_task_p99_ms"] = q(first, .5), q(first, .99)
            r["health_p50_ms"] = q(health, .5)
        if "list" not in SKIP:
            r["list_s"] = round(statistics.median(self.cli("list", "--home", self.home) for _ in range(3)), 3)
        if "burst" not in SKIP:
            t0 = time.monotonic()
            clients = [threading.Thread(target=lambda: [self.call("POST", "/trigger/fan1000", {})
                                                        for _ in range(args.burst)]) for _ in range(8)]
            [c.start() for c in clients]
            [c.join() for c in clients]
            self.idle_queue()
            r["burst_s"] = round(time.monotonic() - t0, 1)
            r["rss_burst_mb"] = rss_mb(self.agent.pid)
            time.sleep(args.idle)
            r["rss_idle_60_mb"] = rss_mb(self.agent.pid)
            if os.environ.get("FEEL_JCMD"):  # e.g. "VM.native_memory summary" with -XX:NativeMemoryTracking=summary
                print(subprocess.run(["jcmd", str(self.agent.pid), *shlex.split(os.environ["FEEL_JCMD"])],
                                     capture_output=True, text=True).stdout, file=sys.stderr)
        self.stop()
        if "restart" not in SKIP:
            time.sleep(1)
            r["start_existing_s"] = round(self.start(), 3)
            time.sleep(5)
            r["rss_idle_restart_mb"] = rss_mb(self.agent.pid)
            self.stop()
        if "validate" not in SKIP:
            r["validate_first_s"] = round(self.cli("validate", "--config", self.big, "--plugins", self.plugins), 3)
            r["validate_s"] = round(statistics.median(
                self.cli("validate", "--config", self.big, "--plugins", self.plugins) for _ in range(3)), 3)
        if "console" not in SKIP:
            done = subprocess.run(shlex.split(args.console), env=self.env, capture_output=True, text=True, timeout=300)
            line = [l for l in done.stdout.splitlines() if l.startswith("console first window:")]
            if not line:
                raise SystemExit(f"console: exit {done.returncode}\n{done.stdout[-500:]}{done.stderr[-2000:]}")
            r["console_s"] = round(int(line[0].split()[-2]) / 1000, 3)
        r["load_end"] = load()
        return r

    def close(self):
        if self.agent is not None:
            self.agent.kill()
        shutil.rmtree(self.work, ignore_errors=True)


ROWS = [("`POST /trigger/{id}` round trip, p50 (p99)", "trigger_p50_ms", "trigger_p99_ms", "ms"),
        ("`GET /health` round trip, p50 (the client's own cost)", "health_p50_ms", None, "ms"),
        ("trigger → first task started, p50 (p99)", "first_task_p50_ms", "first_task_p99_ms", "ms"),
        ("agent start → `/health` answers, fresh home", "start_fresh_s", None, "s"),
        ("the same, existing home", "start_existing_s", None, "s"),
        ("resident memory idle 5 s after start", "rss_idle_start_mb", None, "MB"),
        ("the same after the start on the existing home (plugin from the cache)", "rss_idle_restart_mb", None, "MB"),
        ("resident memory after 60 runs", "rss_after_60_mb", None, "MB"),
        ("burst: 8 clients × %d runs of 1,000 tasks, time" % args.burst, "burst_s", None, "s"),
        ("resident memory right after the burst", "rss_burst_mb", None, "MB"),
        ("resident memory %d s idle after the burst" % args.idle, "rss_idle_60_mb", None, "MB"),
        ("`validate` of a 1,000-task file, one single-file plugin, first time (compiles it)", "validate_first_s", None, "s"),
        ("the same again (plugin from the cache)", "validate_s", None, "s"),
        ("`list` against a running agent", "list_s", None, "s"),
        ("console start → first window drawn (headless: Monocle, software renderer)", "console_s", None, "s")]

results = []
print(f"# {args.label}: {args.cmd}, {args.rounds} rounds, load {load()}", file=sys.stderr)
for n in range(args.rounds):
    current = Round(n)
    try:
        results.append(current.measure())
    finally:
        current.close()
    print(json.dumps({"label": args.label, "round": n + 1, **results[-1]}), file=sys.stderr, flush=True)

med = lambda key: statistics.median(r[key] for r in results)
ROWS = [row for row in ROWS if all(row[1] in r for r in results)]
print(f"\n{args.label} (`{args.cmd}`), median of {len(results)} rounds, 1-minute load "
      f"{min(r['load_start'] for r in results)}–{max(r['load_end'] for r in results)}\n")
print("| what | median | rounds |\n|---|---|---|")
for title, key, p99, unit in ROWS:
    value = f"{med(key):g} {unit}" + (f" ({med(p99):g} {unit})" if p99 else "")
    print(f"| {title} | **{value}** | {', '.join(f'{r[key]:g}' for r in results)} |")
print(json.dumps({"label": args.label, "cmd": args.cmd, "rounds": results}))
