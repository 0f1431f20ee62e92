#!/usr/bin/env bash
# COBA (examples/coba.toml) speed comparison: spikewafer (CPU backend) vs Brian2 (C++
# standalone, benchmarks/peers/brian2_coba.py) and NEST 3 (benchmarks/peers/nest_coba.py), all on
# this machine, in this one script.
#
#   bash benchmarks/run_coba_vs_brian2.sh
#
# Steps: create the peers venv (benchmarks/peers/setup_venv.sh); build spikewafer
# (Release, build-bench/); record the machine (lscpu, date -u, git rev-parse HEAD, load);
# run spikewafer with --threads 1 and 2 (REPEATS times each), Brian2 with 1 and 2
# threads (2 = Brian2's OpenMP mode; a failure there is recorded, not fatal) and NEST with 1 and
# 2 threads (its own venv, benchmarks/peers/setup_nest_venv.sh); print a table.
#
# Compared times -- the simulation loop only, for both tools:
#   spikewafer: summary.json "wall_s" (the time loop; network construction is "setup_s")
#   nest:       "sim_time_s" = wall time around nest.Simulate (network built before)
#   brian2:     "sim_time_s" = steady_clock wall time around Network::run, written by code
#               inserted into Brian2's main.cpp (no code generation, compilation, synapse
#               creation or result writing; see brian2_coba.py). Brian2's own
#               device._last_run_time is kept as brian_last_run_time_s (CPU time without
#               OpenMP, so it under-reports on a busy machine).
# Each tool runs REPEATS times per thread count and the median is taken. Brian2 compiles
# once per thread count and runs the compiled binary REPEATS times (brian2_coba.py --runs).
#
# Environment:
#   REPEATS=3              runs per tool and thread count
#   SW_THREADS="1 2"       spikewafer thread counts
#   BRIAN_THREADS="1 2"    Brian2 thread counts (1 = no OpenMP)
#   NEST_THREADS="1 2"     NEST thread counts ("" skips NEST)
#   RESULTS_DIR=...        output folder (default benchmarks/results/<UTC date>-coba-vs-brian2)
#   SPIKEWAFER_BIN=...     use this binary and skip the build
#   SKIP_SPIKEWAFER=1      Brian2 only (e.g. before spikewafer builds)
#   SPIKEWAFER_VENV=...    venv for Brian2 (default <repo>/.venv-peers)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cd "$repo"

PY=/usr/bin/python3
NETWORK=examples/coba.toml
REPEATS="${REPEATS:-3}"
SW_THREADS="${SW_THREADS:-1 2}"
BRIAN_THREADS="${BRIAN_THREADS:-1 2}"
NEST_THREADS="${NEST_THREADS-1 2}"
SKIP_SPIKEWAFER="${SKIP_SPIKEWAFER:-0}"
venv="${SPIKEWAFER_VENV:-$repo/.venv-peers}"
export SPIKEWAFER_VENV="$venv"

log() { echo "[coba-bench] $*"; }
die() { echo "[coba-bench] ERROR: $*" >&2; exit 1; }

if [[ -n "${RESULTS_DIR:-}" ]]; then
  out="$RESULTS_DIR"
else
  out="benchmarks/results/$(date -u +%Y-%m-%d)-coba-vs-brian2"
  [[ -e "$out" ]] && out="${out}-$(date -u +%H%M%S)"   # never overwrite an earlier run
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"
log "results -> $out"

# --- peers venv -----------------------------------------------------------------------
log "setting up the Brian2 venv ($venv)"
bash benchmarks/peers/setup_venv.sh 2>&1 | tee "$out/setup_venv.log"

# --- spikewafer build -----------------------------------------------------------------
sw_bin="${SPIKEWAFER_BIN:-build-bench/spikewafer}"
if [[ "$SKIP_SPIKEWAFER" == 1 ]]; then
  log "SKIP_SPIKEWAFER=1: not building or running spikewafer"
elif [[ -n "${SPIKEWAFER_BIN:-}" ]]; then
  log "using SPIKEWAFER_BIN=$sw_bin (no build)"
else
  log "building spikewafer (Release, build-bench/)"
  { cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release \
      && cmake --build build-bench -j2; } > "$out/build.log" 2>&1 \
    || { tail -30 "$out/build.log" >&2; die "spikewafer build failed (see $out/build.log)"; }
  log "build ok"
fi
if [[ "$SKIP_SPIKEWAFER" != 1 && ! -x "$sw_bin" ]]; then
  die "spikewafer binary $sw_bin not found"
fi

# --- machine record -------------------------------------------------------------------
{ lscpu | head -20; } > "$out/lscpu.txt" 2>&1 || true
date -u > "$out/date.txt"
git rev-parse HEAD > "$out/git-rev.txt" 2>/dev/null || echo "(no commit yet)" > "$out/git-rev.txt"
git status --short > "$out/git-status.txt" 2>/dev/null || true
{ uname -a; echo "nproc: $(nproc)"; } > "$out/host.txt"
loadlog="$out/load.txt"
: > "$loadlog"
note_load() { echo "$(date -u +%H:%M:%S) $1: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$loadlog"; }

# --- spikewafer runs ------------------------------------------------------------------
# Per-population spike counts come from spikes.csv (--csv; header
# population,replica,neuron,time_ms); the csv itself is not kept (it is large and the
# counts are what the comparison needs).
count_spikes() {  # count_spikes SPIKES_CSV NETWORK_TOML SUMMARY_JSON OUT_JSON
  "$PY" - "$@" <<'PYEOF'
import csv, json, sys, tomllib
from collections import Counter
spikes_csv, network, summary_json, out_json = sys.argv[1:5]
net = tomllib.load(open(network, "rb"))
summary = json.load(open(summary_json))
sizes = {name: int(p["size"]) for name, p in net["populations"].items()}
replicas = int(summary.get("replicas", net["simulation"].get("replicas", 1)))
dur_ms = float(summary.get("bio_time_ms") or net["simulation"]["duration"])
counts = Counter()
with open(spikes_csv, newline="") as f:
    reader = csv.reader(f)
    header = next(reader)
    if header != ["population", "replica", "neuron", "time_ms"]:
        sys.exit(f"unexpected spikes.csv header: {header}")
    for row in reader:
        counts[row[0]] += 1
rates = {name: counts[name] / (sizes[name] * replicas * dur_ms / 1000.0) for name in sizes}
json.dump({"spikes_per_population": {n: counts[n] for n in sizes},
           "rate_hz": rates, "duration_ms": dur_ms, "replicas": replicas},
          open(out_json, "w"), indent=2)
print(" ".join(f"{n}={counts[n]} ({rates[n]:.2f} Hz)" for n in sizes))
PYEOF
}

if [[ "$SKIP_SPIKEWAFER" != 1 ]]; then
  for t in $SW_THREADS; do
    for r in $(seq 1 "$REPEATS"); do
      tag="spikewafer-t${t}-r${r}"
      tmp="$(mktemp -d /tmp/spikewafer-coba.XXXXXX)"
      note_load "$tag"
      log "$tag: $sw_bin run $NETWORK --out $tmp --threads $t --csv"
      if ! "$sw_bin" run "$NETWORK" --out "$tmp" --threads "$t" --csv \
          > "$out/$tag.stdout" 2> "$out/$tag.stderr"; then
        tail -20 "$out/$tag.stderr" >&2
        rm -rf "$tmp"
        die "$tag failed"
      fi
      cp "$tmp/summary.json" "$out/$tag.summary.json"
      count_spikes "$tmp/spikes.csv" "$NETWORK" "$tmp/summary.json" "$out/$tag.rates.json" \
        | sed "s/^/[coba-bench]   /"
      rm -rf "$tmp"
    done
  done
fi

# --- Brian2 runs ----------------------------------------------------------------------
for t in $BRIAN_THREADS; do
  tag="brian2-t${t}"
  note_load "$tag"
  log "$tag: brian2_coba.py --threads $t --runs $REPEATS (compiles once, then runs $REPEATS times)"
  if "$venv/bin/python" benchmarks/peers/brian2_coba.py --duration 1000 --threads "$t" \
      --seed 7 --runs "$REPEATS" --json "$out/$tag.json" > "$out/$tag.stdout" 2>&1; then
    sed "s/^/[coba-bench]   /" "$out/$tag.stdout" | grep -v WARNING || true
  else
    tail -20 "$out/$tag.stdout" >&2
    if [[ "$t" == 1 ]]; then die "$tag failed"; fi
    log "$tag failed (OpenMP mode); recorded in $out/$tag.stdout, continuing"
    rm -f "$out/$tag.json"
  fi
done
# --- NEST runs ------------------------------------------------------------------------
if [[ -n "$NEST_THREADS" ]]; then
  log "setting up the NEST venv"
  bash benchmarks/peers/setup_nest_venv.sh > "$out/setup_nest_venv.log" 2>&1 \
    || die "NEST venv failed (see $out/setup_nest_venv.log)"
  nest_py="${SPIKEWAFER_NEST_VENV:-$repo/.venv-nest}/bin/python"
  for t in $NEST_THREADS; do
    tag="nest-t${t}"
    note_load "$tag"
    log "$tag: nest_coba.py --threads $t --runs $REPEATS"
    PYNEST_QUIET=1 "$nest_py" benchmarks/peers/nest_coba.py --duration 1000 --threads "$t" \
      --seed 7 --runs "$REPEATS" --json "$out/$tag.json" > "$out/$tag.stdout" 2>&1 \
      || { tail -20 "$out/$tag.stdout" >&2; die "$tag failed"; }
  done
fi
note_load "end"

# --- table ----------------------------------------------------------------------------
"$PY" - "$out" <<'PYEOF' | tee "$out/table.txt"
import glob, json, os, re, statistics, sys
out = sys.argv[1]
rows = []  # tool, threads, median wall, runs, rate_exc, rate_inh, backend

sw = {}
for path in sorted(glob.glob(os.path.join(out, "spikewafer-t*-r*.summary.json"))):
    t = int(re.search(r"-t(\d+)-r", path).group(1))
    s = json.load(open(path))
    rates = json.load(open(path.replace(".summary.json", ".rates.json")))["rate_hz"]
    sw.setdefault(t, []).append((s, rates))
for t, runs in sorted(sw.items()):
    walls = [s["wall_s"] for s, _ in runs]
    rows.append(dict(tool="spikewafer", threads=t, wall=statistics.median(walls), runs=walls,
                     exc=statistics.median(r["exc"] for _, r in runs),
                     inh=statistics.median(r["inh"] for _, r in runs),
                     synapses=runs[0][0].get("synapses"), backend=runs[0][0].get("backend")))

def peer(tool, backend):
    """A peer's runs by thread count ({threads: its JSON}), each added to the table's rows."""
    by_threads = {}
    for path in sorted(glob.glob(os.path.join(out, f"{tool}-t*.json"))):
        p = json.load(open(path))
        by_threads[p["threads"]] = p
        rows.append(dict(tool=tool, threads=p["threads"], wall=p["sim_time_s"],
                         runs=p["sim_time_s_runs"], exc=p["rate_exc_hz"], inh=p["rate_inh_hz"],
                         synapses=p["synapses"], backend=backend(p)))
    return by_threads

br = peer("brian2", lambda b: "cpp_standalone" + (" (openmp)" if b["openmp_threads"] else ""))
ne = peer("nest", lambda n: f"nest {n['nest_version']}")

def speedup(row):
    if row["tool"] != "spikewafer":
        return "-"
    ref = br.get(row["threads"]) or br.get(1)
    if not ref:
        return "n/a"
    label = "" if ref["threads"] == row["threads"] else f" (vs brian2 t{ref['threads']})"
    return f"{ref['sim_time_s'] / row['wall']:.2f}x{label}"

def over_best_brian2(row):
    if row["tool"] != "spikewafer" or not br:
        return "-"
    return f"{min(b['sim_time_s'] for b in br.values()) / row['wall']:.2f}x"

def over_nest(row):
    ref = ne.get(row["threads"])
    if row["tool"] != "spikewafer" or not ref:
        return "-"
    return f"{ref['sim_time_s'] / row['wall']:.2f}x"

hdr = ("tool", "threads", "wall_s (median)", "rate_exc Hz", "rate_inh Hz", "synapses",
       "speed spikewafer/brian2", "vs brian2's best", "vs nest", "backend", "runs (s)")
lines = [hdr]
for r in rows:
    lines.append((r["tool"], str(r["threads"]), f"{r['wall']:.3f}", f"{r['exc']:.2f}",
                  f"{r['inh']:.2f}", str(r["synapses"]), speedup(r), over_best_brian2(r),
                  over_nest(r), str(r["backend"]),
                  " ".join(f"{x:.3f}" for x in r["runs"])))
widths = [max(len(l[i]) for l in lines) for i in range(len(hdr))]
print("COBA, 1000 ms biological time, dt 0.1 ms; wall_s = simulation loop only.")
print("speed spikewafer/brian2 = t_brian2 / t_spikewafer at equal threads (> 1: spikewafer faster);")
print("vs brian2's best: over Brian2's fastest thread count; vs nest: over NEST at equal threads.")
for i, l in enumerate(lines):
    print("  ".join(c.ljust(w) for c, w in zip(l, widths)).rstrip())
    if i == 0:
        print("  ".join("-" * w for w in widths))
json.dump(rows, open(os.path.join(out, "table.json"), "w"), indent=2)
PYEOF
log "done: $out"
