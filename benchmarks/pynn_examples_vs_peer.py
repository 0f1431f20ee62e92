#!/usr/bin/python3
"""Run PyNN's own example scripts unchanged on pyNN.spikewafer and on PyNN's
Brian2 backend, and compare the firing rates they record.

    /usr/bin/python3 benchmarks/pynn_examples_vs_peer.py --examples /tmp/pynn-0.13.0/examples

--examples is the examples/ folder of a PyNN 0.13.0 source checkout (PyNN's
PyPI sdist does not ship it, and it is not part of this repository), e.g.

    git clone --branch 0.13.0 --depth 1 <PyNN's git repository> /tmp/PyNN

Each example is copied into a fresh temporary directory (the scripts write
their output relative to the working directory) and run there, once with
.venv/bin/python and the simulator name `spikewafer`, once with
.venv-pynn-peers/bin/python (created by benchmarks/peers/setup_pynn_venv.sh,
run from here if needed) and the simulator name `brian2`. NEST is not
installable from PyPI, so Brian2 is the peer.

The spikes each run wrote (the scripts' own neo pickles under Results/) are
read by a helper run in the same venv (neo lives there). Per population: the
mean rate after an initial transient, and its error by batch means (the
recorded time after the transient cut into K equal windows, the population
rate in each, standard error over the windows), because the scripts are run
unchanged with their fixed seeds. Two backends agree when
|r_sw - r_peer| <= 3 sqrt(se_sw^2 + se_peer^2).

Writes every run's stdout/stderr, machine.txt, sha256.txt, table.json and
table.txt to --out. Exit status: 0 when every run finished and its spikes
could be read (whether or not the rates agree; see table.txt), 1 for a
missing prerequisite, 3 when some run failed (listed in the table).
Needs no numpy: everything numeric happens in the helper.
"""

import argparse
import datetime
import hashlib
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_OUT = os.path.join(HERE, "results", "2026-12-01-pynn-examples-vs-brian2")
SW_PYTHON = os.path.join(REPO, ".venv", "bin", "python")
PEER_VENV = os.environ.get("SPIKEWAFER_PYNN_VENV", os.path.join(REPO, ".venv-pynn-peers"))
PEER_PYTHON = os.path.join(PEER_VENV, "bin", "python")
SETUP_PEER = os.path.join(HERE, "peers", "setup_pynn_venv.sh")

# name -> (script, arguments after the simulator name, transient in ms)
# The transient is dropped before the rates are taken: VAbenchmarks drives
# the network with Poisson input during its first 50 ms (stim_dur), so its
# first 100 ms are dropped; the other examples are short and have no
# stimulation phase, so nothing is dropped there.
EXAMPLES = {
    "VAbenchmarks-CUBA": ("VAbenchmarks.py", ["CUBA"], 100.0),
    "VAbenchmarks-COBA": ("VAbenchmarks.py", ["COBA"], 100.0),
    "small_network": ("small_network.py", [], 0.0),
    "simpleRandomNetwork": ("simpleRandomNetwork.py", [], 0.0),
    "specific_network": ("specific_network.py", [], 0.0),
    "inhomogeneous_network": ("inhomogeneous_network.py", [], 0.0),
}
DEFAULT_EXAMPLES = list(EXAMPLES)

BACKENDS = [("spikewafer", SW_PYTHON), ("brian2", PEER_PYTHON)]

# Run inside a backend's venv: read every neo pickle under Results/ of one run
# directory and print, per population, the rates in K windows as JSON.
HELPER = r'''
import glob, json, os, pickle, sys
import numpy as np
rundir, transient, K = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
out = {}
files = sorted(glob.glob(os.path.join(rundir, "Results", "**", "*.pkl"), recursive=True))
for f in files:
    with open(f, "rb") as fh:
        block = pickle.load(fh)
    seg = block.segments[0]
    groups = {}
    for st in seg.spiketrains:
        pop = st.annotations.get("source_population", block.name or "?")
        groups.setdefault(pop, []).append(st)
    for pop, trains in groups.items():
        t_stop = max(float(st.t_stop.rescale("ms").magnitude) for st in trains)
        t0 = transient
        edges = np.linspace(t0, t_stop, K + 1)
        counts = np.zeros(K)
        total = 0
        for st in trains:
            t = st.rescale("ms").magnitude
            total += len(t)
            c, _ = np.histogram(t[t >= t0], bins=edges)
            counts += c
        n = len(trains)
        width_s = (t_stop - t0) / K / 1000.0
        rates = counts / (n * width_s)
        mean = float(rates.mean())
        se = float(rates.std(ddof=1) / np.sqrt(K)) if K > 1 else float("nan")
        key = pop
        while key in out:          # the same label in two files
            key += "'"
        out[key] = {"file": os.path.relpath(f, rundir), "population": pop,
                    "n_recorded": n, "t_stop_ms": t_stop, "transient_ms": t0,
                    "spikes_total": int(total), "spikes_after_transient": int(counts.sum()),
                    "window_rates_hz": [float(r) for r in rates],
                    "rate_hz": mean, "se_hz": se}
print(json.dumps({"files": [os.path.relpath(f, rundir) for f in files], "populations": out}))
'''

VERSIONS = r'''
import sys
v = {"python": sys.version.split()[0]}
for m in ("pyNN", "numpy", "neo", "brian2", "spikewafer"):
    try:
        mod = __import__(m)
        v[m] = getattr(mod, "__version__", "?")
    except Exception as e:
        v[m] = "not importable (%s)" % type(e).__name__
print(" ".join("%s=%s" % kv for kv in v.items()))
'''


def die(msg):
    print("pynn_examples_vs_peer: ERROR: " + msg, file=sys.stderr)
    sys.exit(1)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError as e:
        return "(%s)" % e


def check_prerequisites(args):
    if not os.path.isdir(args.examples):
        die("examples folder %s does not exist (the examples/ folder of a PyNN 0.13.0 source "
            "checkout; PyNN's PyPI sdist does not ship it)" % args.examples)
    for name in args.only:
        if name not in EXAMPLES:
            die("unknown example %s (known: %s)" % (name, ", ".join(EXAMPLES)))
        script = os.path.join(args.examples, EXAMPLES[name][0])
        if not os.path.isfile(script):
            die("examples folder %s lacks %s" % (args.examples, EXAMPLES[name][0]))
    if "spikewafer" in args.backends:
        if not os.path.isfile(SW_PYTHON) or subprocess.run(
                [SW_PYTHON, "-c", "import pyNN.spikewafer"], capture_output=True).returncode != 0:
            die("%s cannot import pyNN.spikewafer: run scripts/setup-python.sh" % SW_PYTHON)
    os.makedirs(args.out, exist_ok=True)
    if "brian2" in args.backends:
        ok = os.path.isfile(PEER_PYTHON) and subprocess.run(
            [PEER_PYTHON, "-c", "import pyNN.brian2"], capture_output=True).returncode == 0
        if not ok:
            print("[pynn_examples_vs_peer] setting up %s" % PEER_VENV, flush=True)
            with open(os.path.join(args.out, "setup_pynn_venv.log"), "w") as log:
                rc = subprocess.run(["bash", SETUP_PEER], stdout=log, stderr=subprocess.STDOUT).returncode
            if rc != 0:
                die("benchmarks/peers/setup_pynn_venv.sh failed (see %s/setup_pynn_venv.log)" % args.out)


def write_machine(args):
    lines = ["date -u: " + datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
             "git rev-parse HEAD: " + sh("git -C %s rev-parse HEAD" % REPO),
             "git status --short (tracked): " + (sh("git -C %s status --short -uno" % REPO).replace("\n", "; ") or "clean"),
             "host: " + platform.node(),
             "MemTotal: " + sh("grep MemTotal /proc/meminfo").split(":", 1)[-1].strip(),
             "load average at start: " + sh("cat /proc/loadavg")]
    for be, py in BACKENDS:
        if be in args.backends:
            lines.append("%s venv (%s): %s" % (be, py, sh("%s -c '%s'" % (py, VERSIONS.replace("'", '"')))))
    lines += ["", "lscpu:", sh("lscpu")]
    with open(os.path.join(args.out, "machine.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


def run_one(args, name, backend, python):
    script, extra, transient = EXAMPLES[name]
    src = os.path.join(args.examples, script)
    tmp = tempfile.mkdtemp(prefix="pynn-%s-%s-" % (name, backend))
    shutil.copy2(src, tmp)
    cmd = [python, script, backend] + extra
    stem = os.path.join(args.out, "%s.%s" % (name, backend))
    res = {"command": " ".join([os.path.relpath(python, REPO) if python.startswith(REPO) else python,
                                script, backend] + extra),
           "workdir": tmp, "transient_ms": transient}
    print("[pynn_examples_vs_peer] %s on %s ..." % (name, backend), flush=True)
    t0 = time.monotonic()
    env = dict(os.environ, PYTHONUNBUFFERED="1", MPLBACKEND="Agg")
    with open(stem + ".stdout", "w") as so, open(stem + ".stderr", "w") as se:
        try:
            rc = subprocess.run(cmd, cwd=tmp, stdout=so, stderr=se, env=env,
                                timeout=args.timeout).returncode
        except subprocess.TimeoutExpired:
            rc = "timeout after %d s" % args.timeout
    res["wall_s"] = round(time.monotonic() - t0, 2)
    res["returncode"] = rc
    with open(stem + ".stdout", errors="replace") as f:
        out = f.read()
    for key, pat in (("script_build_s", r"Build time\s*:\s*([0-9.eE+-]+)"),
                     ("script_simulation_s", r"Simulation time\s*:\s*([0-9.eE+-]+)")):
        m = re.search(pat, out)
        if m:
            res[key] = float(m.group(1))
    if rc != 0:
        res["error"] = "exit status %s; last stderr line: %s" % (rc, last_line(stem + ".stderr"))
    else:
        p = subprocess.run([python, "-c", HELPER, tmp, str(transient), str(args.windows)],
                           capture_output=True, text=True)
        if p.returncode != 0:
            res["error"] = "reading the spikes failed: " + (p.stderr.strip().splitlines() or ["?"])[-1]
        else:
            data = json.loads(p.stdout)
            res["files"] = data["files"]
            res["populations"] = data["populations"]
            if not data["populations"]:
                res["error"] = "the run wrote no spike files under Results/"
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    status = res.get("error", "ok")
    print("[pynn_examples_vs_peer]   %s, %.1f s" % (status, res["wall_s"]), flush=True)
    return res


def last_line(path):
    try:
        with open(path, errors="replace") as f:
            lines = [l.strip() for l in f.read().replace("\r", "\n").splitlines() if l.strip()]
        return lines[-1] if lines else "(empty)"
    except OSError:
        return "(no file)"


def compare(runs):
    sw, peer = runs.get("spikewafer"), runs.get("brian2")
    rows = []
    if not sw or not peer or "populations" not in sw or "populations" not in peer:
        return rows
    for key in sorted(set(sw["populations"]) | set(peer["populations"])):
        a, b = sw["populations"].get(key), peer["populations"].get(key)
        row = {"population": key}
        if a is None or b is None:
            row["error"] = "population recorded by only one backend"
            rows.append(row)
            continue
        diff = a["rate_hz"] - b["rate_hz"]
        err = math.sqrt(a["se_hz"] ** 2 + b["se_hz"] ** 2)
        row.update({"n_recorded": [a["n_recorded"], b["n_recorded"]],
                    "rate_sw_hz": a["rate_hz"], "se_sw_hz": a["se_hz"],
                    "rate_peer_hz": b["rate_hz"], "se_peer_hz": b["se_hz"],
                    "diff_hz": diff, "combined_se_hz": err,
                    "diff_in_se": diff / err if err > 0 else (0.0 if diff == 0 else math.inf),
                    "ratio": a["rate_hz"] / b["rate_hz"] if b["rate_hz"] > 0 else None,
                    "agree": abs(diff) <= 3.0 * err})
        rows.append(row)
    return rows


def fmt_table(table):
    hdr = ("%-22s %-28s %6s %15s %15s %7s %7s %5s %9s %9s"
           % ("example", "population", "n", "spikewafer Hz", "brian2 Hz", "ratio",
              "diff/se", "agree", "sw wall s", "b2 wall s"))
    lines = [hdr, "-" * len(hdr)]
    for ex in table["examples"]:
        runs = ex["runs"]
        walls = ["%9.1f" % runs[b]["wall_s"] if b in runs else "%9s" % "-" for b in ("spikewafer", "brian2")]
        if not ex["rows"]:
            errs = "; ".join("%s: %s" % (b, r["error"]) for b, r in runs.items() if "error" in r)
            lines.append("%-22s %-28s %s %s %s" % (ex["name"], "(not compared)", walls[0], walls[1], errs))
            continue
        for row in ex["rows"]:
            if "error" in row:
                lines.append("%-22s %-28s %s" % (ex["name"], row["population"], row["error"]))
                continue
            lines.append("%-22s %-28s %6d %7.3f +- %5.3f %7.3f +- %5.3f %7.3f %7.2f %5s %s %s" % (
                ex["name"], row["population"][:28], row["n_recorded"][0],
                row["rate_sw_hz"], row["se_sw_hz"], row["rate_peer_hz"], row["se_peer_hz"],
                row["ratio"] if row["ratio"] is not None else float("nan"), row["diff_in_se"],
                "yes" if row["agree"] else "NO", walls[0], walls[1]))
    lines += ["", "rates: mean over %d equal windows after the transient; +- is the standard error "
              "over the windows (batch means); agree: |diff| <= 3 * sqrt(se_sw^2 + se_b2^2); "
              "diff/se = (r_sw - r_b2) / sqrt(se_sw^2 + se_b2^2); wall: whole script, "
              "including Python start-up and network construction" % table["windows"]]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", required=True, help="examples/ folder of a PyNN 0.13.0 checkout")
    ap.add_argument("--out", default=DEFAULT_OUT, help="result folder (default: %(default)s)")
    ap.add_argument("--only", nargs="+", default=DEFAULT_EXAMPLES, metavar="NAME",
                    help="examples to run (default: all of %s)" % ", ".join(DEFAULT_EXAMPLES))
    ap.add_argument("--backends", nargs="+", default=["spikewafer", "brian2"],
                    choices=["spikewafer", "brian2"])
    ap.add_argument("--windows", type=int, default=10, help="batch-means windows K (default 10)")
    ap.add_argument("--timeout", type=int, default=1800, help="seconds per run (default 1800)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary run directories")
    args = ap.parse_args()
    args.examples = os.path.abspath(args.examples)
    check_prerequisites(args)
    write_machine(args)

    table = {"examples_dir": args.examples, "windows": args.windows,
             "agreement": "|r_sw - r_peer| <= 3 * sqrt(se_sw^2 + se_peer^2)",
             "sha256": {}, "examples": []}
    for name in args.only:
        script = EXAMPLES[name][0]
        table["sha256"][script] = sha256(os.path.join(args.examples, script))
    with open(os.path.join(args.out, "sha256.txt"), "w") as f:
        for script, h in sorted(table["sha256"].items()):
            f.write("%s  %s\n" % (h, script))

    failed = False
    for name in args.only:
        runs = {}
        for backend, python in BACKENDS:
            if backend in args.backends:
                runs[backend] = run_one(args, name, backend, python)
                failed |= "error" in runs[backend]
        table["examples"].append({"name": name, "script": EXAMPLES[name][0],
                                  "transient_ms": EXAMPLES[name][2],
                                  "runs": runs, "rows": compare(runs)})
        with open(os.path.join(args.out, "table.json"), "w") as f:
            json.dump(table, f, indent=1)

    text = fmt_table(table)
    with open(os.path.join(args.out, "table.txt"), "w") as f:
        f.write(text)
    print(text)
    if failed:
        print("pynn_examples_vs_peer: some runs failed (see table.txt and the .stderr logs)", file=sys.stderr)
        sys.exit(3)


if __name__ == "__main__":
    main()
