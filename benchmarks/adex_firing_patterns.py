#!/usr/bin/python3
"""Compare spikewafer's AdEx neurons (EIF_cond_exp_isfa_ista, EIF_cond_alpha_isfa_ista) with
NEST's (aeif_cond_exp, aeif_cond_alpha) on the firing patterns of Naud, Marcille, Clopath &
Gerstner (2008), "Firing patterns in the adaptive exponential integrate-and-fire model",
Biol. Cybern. 99:335-347 (Table 1, Fig. 4).

    /usr/bin/python3 benchmarks/adex_firing_patterns.py [--spikewafer build-cpu/spikewafer]
        [--out DIR] [--dt 0.1 0.01] [--patterns tonic ...] [--v-peak MV]

One neuron per pattern, at rest (V = E_L, w = 0), no synaptic input, a step current I from
--step-start to --step-stop, --duration in all; no refractory period (the paper's model has
none). The spike is detected where V reaches V_peak (NEST's V_peak, spikewafer's v_spike), the
same in both: V_T + 5 Delta_T unless --v-peak is given.

NEST (from PyPI, into the venv of benchmarks/peers/setup_nest_venv.sh, which this script runs)
simulates every pattern with both of its models at each --dt (its resolution: NEST integrates
with an adaptive Runge-Kutta-Fehlberg solver within the step, so dt only sets the grid of its
spike times and of the current switching) through benchmarks/peers/nest_adex.py. spikewafer
runs one NET.toml per pattern, model and dt (`spikewafer run NET.toml --out DIR`). Each
spikewafer run is compared with NEST's run of the same synapse shape at the same dt.

Writes to --out (default benchmarks/results/<today>-adex-firing-patterns):
  table.csv        per pattern, model and dt: spike counts, and over the first n spikes of both
                   (n the smaller count) the mean and max |t_spikewafer - t_NEST| and the
                   difference of the first spikes
  spike_times.csv  every spike of every run (simulator, model, dt, pattern, time)
  summary.md       the protocol, the parameters used with their sources, the table
  PATTERN.png      per pattern: V and w of both simulators overlaid and spike rasters, one
                   column per dt
  nets/*.toml      the spikewafer networks that were run
  nest_patterns.json  the input handed to nest_adex.py
Traces and the simulators' raw output stay in a temporary folder (some 10 MB of traces).

Exit status: 0 when every run finished, 1 for a missing prerequisite or a failed run.
"""

import argparse
import csv
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile

import h5py
import matplotlib

matplotlib.use("Agg")  # files only; no display on the benchmark machines
import matplotlib.pyplot as plt  # noqa: E402 (after the backend is chosen)
import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
NEST_SETUP = os.path.join(HERE, "peers", "setup_nest_venv.sh")
NEST_SCRIPT = os.path.join(HERE, "peers", "nest_adex.py")
NEST_VENV = os.environ.get("SPIKEWAFER_NEST_VENV", os.path.join(REPO, ".venv-nest"))

# The traces' sampling interval in both simulators (NEST's multimeter interval, spikewafer's
# sampling_interval), ms.
RECORD_INTERVAL = 0.1

# (NEST model, spikewafer model): the same neuron with the same synapse shape. Without
# synaptic input the two shapes integrate the same equations; both are run to check both.
MODELS = [("aeif_cond_exp", "EIF_cond_exp_isfa_ista"),
          ("aeif_cond_alpha", "EIF_cond_alpha_isfa_ista")]

# The firing patterns, in the paper's (and NEST's) units: C pF, g_L nS, E_L, V_T, Delta_T, V_r
# mV, a nS, tau_w ms, b pA, I pA (the step current).
#
# Sources. Naud et al. (2008), Table 1 (one row per panel of their Fig. 4), as given in two
# public sources (the paper itself was not at hand when this was written; a reader with it
# should check these rows), which agree row by row except where noted:
#   [B] Brian2's example examples/frompapers/Naud_et_al_2008_adex_firing_patterns.py
#       (brian-team/brian2; it says its parameters were "adapted by P. Mueller to match
#       figures");
#   [P] pycaputo's AD_EX_PARAMS "Naud4a".."Naud4h" in pycaputo/integrate_fire/ad_ex.py
#       (alexfikl/pycaputo: "Parameter values ... from [Naud2008] Table 1").
# Fig. 4a-4e and 4h are the same in [B] and [P] (and in a 2015 EPFL LCN course script that
# lists the same rows). They differ for 4f (delayed regular bursting) and 4g (transient
# spiking): [P] has 4f = C 200, g_L 12, E_L -70, a -6, tau_w 300, b 0, V_r -58, I 110 and
# 4g = C 100, g_L 10, E_L -65, a -10, tau_w 90, b 30, V_r -47, I 350 (the EPFL script: the
# same, V_r -50). With those, NEST's aeif_cond_exp fires first after 1.6 s (4f) and fires
# 87 accelerating spikes in 500 ms (4g): not the patterns of the figure, which is what [B]'s
# note says was corrected. "transient" therefore takes [B]'s 4g, which fires and falls
# silent; "delayed" is Fig. 4e (delayed accelerating), the same in every source.
# V_T = -50 mV and Delta_T = 2 mV in every row.
PATTERNS = {
    # Fig. 4a [B][P]: regular spikes at a constant rate.
    "tonic": dict(C=200.0, g_L=10.0, E_L=-70.0, V_T=-50.0, Delta_T=2.0, a=2.0, tau_w=30.0,
                  b=0.0, V_r=-58.0, I=500.0),
    # Fig. 4b [B][P]: intervals that lengthen.
    "adapting": dict(C=200.0, g_L=12.0, E_L=-70.0, V_T=-50.0, Delta_T=2.0, a=2.0, tau_w=300.0,
                     b=60.0, V_r=-58.0, I=500.0),
    # Fig. 4c [B][P]: a burst at the onset, then tonic spikes.
    "initial_burst": dict(C=130.0, g_L=18.0, E_L=-58.0, V_T=-50.0, Delta_T=2.0, a=4.0,
                          tau_w=150.0, b=120.0, V_r=-50.0, I=400.0),
    # Fig. 4d [B][P]: repeated bursts (reset above V_T).
    "regular_bursting": dict(C=200.0, g_L=10.0, E_L=-58.0, V_T=-50.0, Delta_T=2.0, a=2.0,
                             tau_w=120.0, b=100.0, V_r=-46.0, I=210.0),
    # Fig. 4e [B][P] (delayed accelerating): a delayed first spike (negative a), then
    # intervals that shorten.
    "delayed": dict(C=200.0, g_L=12.0, E_L=-70.0, V_T=-50.0, Delta_T=2.0, a=-10.0,
                    tau_w=300.0, b=0.0, V_r=-58.0, I=300.0),
    # Fig. 4g [B] (see above): a spike at the onset (one, in NEST), then silence while the
    # current stays on.
    "transient": dict(C=100.0, g_L=10.0, E_L=-65.0, V_T=-50.0, Delta_T=2.0, a=10.0,
                      tau_w=90.0, b=100.0, V_r=-47.0, I=180.0),
    # Fig. 4h [B][P]: irregular (chaotic) intervals.
    "irregular": dict(C=100.0, g_L=12.0, E_L=-60.0, V_T=-50.0, Delta_T=2.0, a=-11.0,
                      tau_w=130.0, b=30.0, V_r=-48.0, I=160.0),
}

# How the figures draw NEST's runs and spikewafer's, by model.
STYLE = {("NEST", "aeif_cond_exp"): dict(color="black", lw=1.4, ls="-"),
         ("NEST", "aeif_cond_alpha"): dict(color="0.55", lw=1.4, ls="--"),
         ("spikewafer", "EIF_cond_exp_isfa_ista"): dict(color="tab:blue", lw=0.9, ls="-"),
         ("spikewafer", "EIF_cond_alpha_isfa_ista"): dict(color="tab:orange", lw=0.9, ls=":")}


def fail(message):
    print(f"[adex_firing_patterns] ERROR: {message}", file=sys.stderr)
    sys.exit(1)


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--spikewafer", default=os.path.join(REPO, "build-cpu", "spikewafer"),
                    help="the spikewafer binary (default: build-cpu/spikewafer)")
    ap.add_argument("--out", default=os.path.join(
        HERE, "results", f"{datetime.date.today().isoformat()}-adex-firing-patterns"))
    ap.add_argument("--dt", type=float, nargs="+", default=[0.1, 0.01],
                    help="time steps, ms (default: 0.1 0.01)")
    ap.add_argument("--patterns", nargs="+", choices=list(PATTERNS), default=list(PATTERNS))
    ap.add_argument("--duration", type=float, default=600.0, help="ms (default 600)")
    ap.add_argument("--step-start", type=float, default=10.0,
                    help="when the step current starts, ms (default 10)")
    ap.add_argument("--step-stop", type=float, default=510.0,
                    help="when the step current stops, ms (default 510)")
    ap.add_argument("--v-peak", type=float, default=None,
                    help="spike detection potential, mV, for every pattern "
                         "(default: V_T + 5 Delta_T of each pattern)")
    args = ap.parse_args()
    for dt in args.dt:
        # Both simulators need the sampling interval and the step's edges on the dt grid.
        for what, t in (("the sampling interval", RECORD_INTERVAL), ("--duration", args.duration),
                        ("--step-start", args.step_start), ("--step-stop", args.step_stop)):
            if dt <= 0 or abs(t / dt - round(t / dt)) > 1e-9 * max(1.0, t / dt):
                ap.error(f"{what} ({t:g} ms) is not a whole number of steps of dt = {dt:g} ms")
    if not 0 <= args.step_start < args.step_stop <= args.duration:
        ap.error("need 0 <= --step-start < --step-stop <= --duration")
    return args


def with_protocol(args):
    """The selected patterns with the spike detection potential and the stimulus timing."""
    patterns = {}
    for name in args.patterns:
        p = dict(PATTERNS[name])
        p["V_peak"] = args.v_peak if args.v_peak is not None else p["V_T"] + 5 * p["Delta_T"]
        p["t_ref"] = 0.0
        p["step_start"] = args.step_start
        p["step_stop"] = args.step_stop
        patterns[name] = p
    return patterns


# ----- NEST -----

def run_nest(args, patterns, out, work):
    """Sets up the NEST venv, runs nest_adex.py; returns its runs keyed (pattern, model, dt)."""
    print("[adex_firing_patterns] setting up NEST's venv", flush=True)
    if subprocess.run(["bash", NEST_SETUP]).returncode != 0:
        fail(f"{NEST_SETUP} failed (see above)")
    spec = {"models": [nest for nest, _ in MODELS], "dts": args.dt, "duration": args.duration,
            "record_interval": RECORD_INTERVAL, "patterns": patterns}
    spec_path = os.path.join(out, "nest_patterns.json")
    with open(spec_path, "w") as f:
        json.dump(spec, f, indent=1)
    result_path = os.path.join(work, "nest.json")
    print("[adex_firing_patterns] running NEST", flush=True)
    if subprocess.run([os.path.join(NEST_VENV, "bin", "python"), NEST_SCRIPT, spec_path,
                       result_path]).returncode != 0:
        fail(f"{NEST_SCRIPT} failed (see above)")
    with open(result_path) as f:
        result = json.load(f)
    runs = {}
    for r in result["runs"]:
        runs[(r["pattern"], r["model"], r["dt"])] = {
            "spikes": np.array(r["spike_times_ms"]),
            "t": np.array(r["t_ms"]),
            "v": np.array(r["V_m_mV"]),
            "w": np.array(r["w_pA"]) / 1000.0,  # NEST's pA to spikewafer's nA
        }
    return result["nest_version"], runs


# ----- spikewafer -----

def toml_number(x):
    return repr(float(x))


def net_toml(p, model, dt, duration):
    """A NET.toml (docs/network-format.md) of one AdEx neuron with pattern p's parameters in
    PyNN's units (nF, ms, mV, nA, uS; a in nS as in PyNN and the paper)."""
    params = {
        "cm": p["C"] / 1000.0,            # pF -> nF
        "tau_m": p["C"] / p["g_L"],       # pF / nS = ms
        "v_rest": p["E_L"],
        "v_thresh": p["V_T"],             # the exponential term's threshold
        "v_reset": p["V_r"],
        "v_spike": p["V_peak"],           # where the spike is detected
        "delta_T": p["Delta_T"],
        "a": p["a"],                      # nS
        "b": p["b"] / 1000.0,             # pA -> nA
        "tau_w": p["tau_w"],
        "tau_refrac": p["t_ref"],
        "i_offset": 0.0,
    }
    inline = ", ".join(f"{k} = {toml_number(v)}" for k, v in params.items())
    return "\n".join([
        "# Written by benchmarks/adex_firing_patterns.py.",
        "[simulation]",
        f"dt = {toml_number(dt)}",
        f"duration = {toml_number(duration)}",
        "seed = 1",
        "",
        "[populations.cell]",
        "size = 1",
        f'model = "{model}"',
        f"params = {{ {inline} }}",
        f"initial = {{ v = {toml_number(p['E_L'])}, w = 0.0 }}",
        f"dc = [ {{ amplitude = {toml_number(p['I'] / 1000.0)}, "
        f"start = {toml_number(p['step_start'])}, stop = {toml_number(p['step_stop'])} }} ]",
        'record = ["spikes", "v", "w"]',
        f"sampling_interval = {toml_number(RECORD_INTERVAL)}",
        "",
    ])


def run_spikewafer(binary, net_path, run_dir, model):
    """Runs one network; on failure stops with spikewafer's own message."""
    proc = subprocess.run([binary, "run", net_path, "--out", run_dir, "--threads", "1"],
                          capture_output=True, text=True)
    if proc.returncode == 0:
        return
    message = (proc.stderr.strip() or proc.stdout.strip() or "(no output)").splitlines()
    if "unknown model" in proc.stderr:
        fail(f"{binary} does not know the model {model}: it needs a build with the AdEx "
             f"neurons (cmake --build build-cpu). Its message: {message[-1]}")
    how = (f"was killed by signal {-proc.returncode}" if proc.returncode < 0
           else f"failed with exit status {proc.returncode}")
    fail(f"{binary} run {net_path} {how}:\n  " + "\n  ".join(message[-10:]))


def read_spikewafer(run_dir):
    """Spikes and the v and w traces of neuron 0 of population "cell" (docs/output-format.md).
    A population that never fired has no group in spikes.h5."""
    with h5py.File(os.path.join(run_dir, "spikes.h5"), "r") as f:
        spikes = np.array(f["cell/time_ms"][:]) if "cell" in f else np.array([])
    with h5py.File(os.path.join(run_dir, "traces.h5"), "r") as f:
        # v and w are sampled together (one sampling_interval per population).
        v, w = f["cell/v"], f["cell/w"]
        t = v.attrs["t0_ms"] + v.attrs["interval_ms"] * np.arange(v["values"].shape[1])
        return {"spikes": spikes, "t": t, "v": np.asarray(v["values"][0], dtype=float),
                "w": np.asarray(w["values"][0], dtype=float)}


def run_all_spikewafer(args, patterns, out, work):
    """Every pattern x model x dt; returns the runs keyed (pattern, spikewafer model, dt)."""
    nets = os.path.join(out, "nets")
    os.makedirs(nets, exist_ok=True)
    runs = {}
    for name, p in patterns.items():
        for _, model in MODELS:
            for dt in args.dt:
                tag = f"{name}-{model}-dt{dt:g}"
                net_path = os.path.join(nets, f"{tag}.toml")
                with open(net_path, "w") as f:
                    f.write(net_toml(p, model, dt, args.duration))
                run_dir = os.path.join(work, tag)
                run_spikewafer(args.spikewafer, net_path, run_dir, model)
                runs[(name, model, dt)] = read_spikewafer(run_dir)
                print(f"[adex_firing_patterns] spikewafer {name:17s} {model:25s} dt={dt:g} ms: "
                      f"{len(runs[(name, model, dt)]['spikes'])} spikes", flush=True)
    return runs


# ----- comparison and output -----

def compare(nest_spikes, sw_spikes):
    """Spike counts and, over the first n spikes of both (n the smaller count), the mean and max
    |t_spikewafer - t_NEST| and the first spikes' difference (spikewafer - NEST), ms."""
    n = min(len(nest_spikes), len(sw_spikes))
    d = np.abs(sw_spikes[:n] - nest_spikes[:n])
    return {"nest_spikes": len(nest_spikes), "spikewafer_spikes": len(sw_spikes), "matched": n,
            "mean_abs_diff_ms": float(d.mean()) if n else None,
            "max_abs_diff_ms": float(d.max()) if n else None,
            "first_spike_diff_ms": float(sw_spikes[0] - nest_spikes[0]) if n else None,
            "nest_first_spike_ms": float(nest_spikes[0]) if len(nest_spikes) else None,
            "spikewafer_first_spike_ms": float(sw_spikes[0]) if len(sw_spikes) else None}


def fmt(x, digits=3):
    return "" if x is None else f"{x:.{digits}f}"


def table_rows(args, patterns, nest_runs, sw_runs):
    rows = []
    for name in patterns:
        for nest_model, sw_model in MODELS:
            for dt in args.dt:
                c = compare(nest_runs[(name, nest_model, dt)]["spikes"],
                            sw_runs[(name, sw_model, dt)]["spikes"])
                rows.append({"pattern": name, "spikewafer_model": sw_model,
                             "nest_model": nest_model, "dt_ms": dt, **c})
    return rows


def write_csvs(out, rows, patterns, args, nest_runs, sw_runs):
    with open(os.path.join(out, "table.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        for r in rows:
            w.writerow({k: fmt(v, 4) if isinstance(v, float) and k != "dt_ms" else v
                        for k, v in r.items()})
    with open(os.path.join(out, "spike_times.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["pattern", "simulator", "model", "dt_ms", "time_ms"])
        for name in patterns:
            for nest_model, sw_model in MODELS:
                for dt in args.dt:
                    for sim, model, runs in (("NEST", nest_model, nest_runs),
                                             ("spikewafer", sw_model, sw_runs)):
                        for t in runs[(name, model, dt)]["spikes"]:
                            w.writerow([name, sim, model, dt, f"{t:.4f}"])


def plot_pattern(path, name, p, args, nest_runs, sw_runs):
    """V and w overlaid (rows 1, 2) and spike rasters (row 3), one column per dt."""
    fig, axes = plt.subplots(3, len(args.dt), figsize=(7 * len(args.dt), 8), sharex=True,
                             squeeze=False, gridspec_kw={"height_ratios": [3, 2, 1.2]})
    for col, dt in enumerate(args.dt):
        ax_v, ax_w, ax_r = axes[:, col]
        lines = []
        for nest_model, sw_model in MODELS:
            lines.append(("NEST", nest_model, nest_runs[(name, nest_model, dt)]))
            lines.append(("spikewafer", sw_model, sw_runs[(name, sw_model, dt)]))
        lines.sort(key=lambda x: x[0])  # NEST's first, underneath
        for row, (sim, model, run) in enumerate(lines):
            style = STYLE[(sim, model)]
            label = f"{sim} {model}"
            ax_v.plot(run["t"], run["v"], label=label, **style)
            ax_w.plot(run["t"], run["w"], **style)
            ax_r.vlines(run["spikes"], row + 0.6, row + 1.4, color=style["color"], lw=1.0)
        ax_v.set_title(f"{name}, dt = {dt:g} ms")
        ax_v.set_ylabel("V (mV)")
        ax_w.set_ylabel("w (nA)")
        ax_r.set_yticks(range(1, len(lines) + 1))
        ax_r.set_yticklabels([f"{sim} {model}" for sim, model, _ in lines], fontsize=7)
        ax_r.set_ylim(0.4, len(lines) + 0.6)
        ax_r.set_xlabel("t (ms)")
        for ax in (ax_v, ax_w, ax_r):
            ax.axvspan(p["step_start"], p["step_stop"], color="0.93", zorder=0)
    fig.suptitle(f"{name}: C {p['C']:g} pF, g_L {p['g_L']:g} nS, E_L {p['E_L']:g} mV, "
                 f"a {p['a']:g} nS, tau_w {p['tau_w']:g} ms, b {p['b']:g} pA, "
                 f"V_r {p['V_r']:g} mV, I {p['I']:g} pA (shaded), V_peak {p['V_peak']:g} mV",
                 fontsize=9)
    # One legend for all panels, below them, where it hides no trace.
    fig.legend(*axes[0, 0].get_legend_handles_labels(), loc="lower center", ncol=4, fontsize=8)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)


def cpu_model():
    """The CPU's name from /proc/cpuinfo (platform.processor() is empty on Linux)."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.machine()


def git_state():
    """The commit of this checkout and whether its tracked files differ from it."""
    def git(*a):
        r = subprocess.run(["git", "-C", REPO, *a], capture_output=True, text=True)
        return r.stdout.strip() if r.returncode == 0 else "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return git("rev-parse", "--short", "HEAD") + (" (with uncommitted changes)" if dirty else "")


def write_summary(out, args, patterns, rows, nest_version, nest_runs):
    dts = ", ".join(f"{dt:g}" for dt in args.dt)
    finest = min(args.dt)
    if args.v_peak is None:
        v_peak = "V_T + 5 Delta_T = " + ", ".join(
            sorted({f"{p['V_peak']:g}" for p in patterns.values()})) + " mV"
    else:
        v_peak = f"{args.v_peak:g} mV (--v-peak)"
    lines = [
        "# AdEx firing patterns: spikewafer against NEST",
        "",
        f"Run {datetime.datetime.now().isoformat(timespec='seconds')} on {platform.node()} "
        f"({cpu_model()}); NEST {nest_version}; "
        f"spikewafer `{args.spikewafer}`, checkout at commit {git_state()}.",
        "",
        "Patterns of Naud, Marcille, Clopath & Gerstner (2008), Biol. Cybern. 99:335, Table 1 / "
        "Fig. 4 (sources and the two rows that differ between them: the comment above PATTERNS in "
        "`benchmarks/adex_firing_patterns.py`; \"transient\" uses Brian2's corrected Fig. 4g row, "
        "\"delayed\" is Fig. 4e, delayed accelerating).",
        "",
        f"Protocol: one neuron at rest (V = E_L, w = 0), no synaptic input, step current I from "
        f"{args.step_start:g} to {args.step_stop:g} ms, {args.duration:g} ms in all; no "
        f"refractory period; spike detection potential (NEST's V_peak, spikewafer's v_spike) "
        f"{v_peak}, the same in both. dt = {dts} ms in both simulators. NEST integrates with "
        "its adaptive Runge-Kutta-Fehlberg solver within each step, so its spike times are "
        "exact up to the step grid they are reported on; spikewafer's are on the same grid. "
        f"Traces sampled every {RECORD_INTERVAL:g} ms.",
        "",
        "## Parameters",
        "",
        "| pattern | C (pF) | g_L (nS) | E_L (mV) | V_T (mV) | Delta_T (mV) | a (nS) | tau_w (ms) "
        "| b (pA) | V_r (mV) | I (pA) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, p in patterns.items():
        lines.append(f"| {name} | " + " | ".join(
            f"{p[k]:g}" for k in ("C", "g_L", "E_L", "V_T", "Delta_T", "a", "tau_w", "b", "V_r",
                                  "I")) + " |")
    lines += ["", f"## NEST's patterns (aeif_cond_exp, dt = {finest:g} ms)", "",
              "| pattern | spikes | first spike (ms) | first intervals (ms) |",
              "|---|---|---|---|"]
    for name in patterns:
        s = nest_runs[(name, MODELS[0][0], finest)]["spikes"]
        isi = ", ".join(f"{x:.1f}" for x in np.diff(s)[:8])
        lines.append(f"| {name} | {len(s)} | {fmt(s[0] if len(s) else None, 2)} | {isi} |")
    lines += ["", "## spikewafer against NEST", "",
              "Over the first n spikes of both runs (n the smaller count): mean and max "
              "|t_spikewafer - t_NEST|; first: t_spikewafer - t_NEST of the first spikes. "
              "The irregular pattern is chaotic (the paper's point): a small difference in one "
              "interval changes all later ones, so its later spike times part whatever the "
              "integrator, and only its first spikes and its count say much.",
              "", "| pattern | model | dt (ms) | NEST spikes | spikewafer spikes | n "
              "| mean abs diff (ms) | max abs diff (ms) | first (ms) |",
              "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['pattern']} | {r['spikewafer_model']} | {r['dt_ms']:g} | "
                     f"{r['nest_spikes']} | {r['spikewafer_spikes']} | {r['matched']} | "
                     f"{fmt(r['mean_abs_diff_ms'])} | {fmt(r['max_abs_diff_ms'])} | "
                     f"{fmt(r['first_spike_diff_ms'])} |")
    lines += ["", "Figures: " + ", ".join(f"`{name}.png`" for name in patterns) + ".", ""]
    with open(os.path.join(out, "summary.md"), "w") as f:
        f.write("\n".join(lines))


def main():
    args = parse_args()
    args.spikewafer = os.path.abspath(args.spikewafer)
    if not (os.path.isfile(args.spikewafer) and os.access(args.spikewafer, os.X_OK)):
        fail(f"no spikewafer binary at {args.spikewafer}: build it (cmake -B build-cpu && "
             "cmake --build build-cpu) or name it with --spikewafer")
    patterns = with_protocol(args)
    os.makedirs(args.out, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="adex-firing-patterns-") as work:
        # spikewafer first: a binary without the AdEx models fails on its first run, before
        # the NEST venv is set up.
        sw_runs = run_all_spikewafer(args, patterns, args.out, work)
        nest_version, nest_runs = run_nest(args, patterns, args.out, work)
    rows = table_rows(args, patterns, nest_runs, sw_runs)
    write_csvs(args.out, rows, patterns, args, nest_runs, sw_runs)
    for name, p in patterns.items():
        plot_pattern(os.path.join(args.out, f"{name}.png"), name, p, args, nest_runs, sw_runs)
    write_summary(args.out, args, patterns, rows, nest_version, nest_runs)
    for r in rows:
        print(f"[adex_firing_patterns] {r['pattern']:17s} {r['spikewafer_model']:25s} "
              f"dt={r['dt_ms']:g}: NEST {r['nest_spikes']:3d} spikes, spikewafer "
              f"{r['spikewafer_spikes']:3d}; first {r['matched']} differ by mean "
              f"{fmt(r['mean_abs_diff_ms'])} / max {fmt(r['max_abs_diff_ms'])} ms")
    print(f"[adex_firing_patterns] wrote {args.out}")


if __name__ == "__main__":
    main()
