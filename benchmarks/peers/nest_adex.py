"""NEST's side of benchmarks/adex_firing_patterns.py: one adaptive exponential integrate-and-fire
neuron (aeif_cond_exp, aeif_cond_alpha) per firing pattern, driven by a step current, with no
synaptic input.

Run by the NEST venv's python (benchmarks/peers/setup_nest_venv.sh):

    .venv-nest/bin/python benchmarks/peers/nest_adex.py PATTERNS.json OUT.json

PATTERNS.json (written by adex_firing_patterns.py; NEST's units, which are the paper's: pF, nS,
mV, ms, pA):

    {"models": ["aeif_cond_exp", "aeif_cond_alpha"], "dts": [0.1, 0.01],
     "duration": 600.0, "record_interval": 0.1,
     "patterns": {"tonic": {"C": 200, "g_L": 10, "E_L": -70, "V_T": -50, "Delta_T": 2,
                            "a": 2, "tau_w": 30, "b": 0, "V_r": -58, "I": 500,
                            "V_peak": -40, "t_ref": 0, "step_start": 10, "step_stop": 510},
                  ...}}

OUT.json: {"nest_version": ..., "runs": [{"pattern", "model", "dt", "spike_times_ms",
"t_ms", "V_m_mV", "w_pA"}, ...]}, one run per pattern, model and dt (NEST's resolution). w stays
in pA, as NEST records it; the caller converts.
"""
import json
import os
import sys

# `import nest` prints a banner on stdout unless this is set; keep the caller's progress lines
# clean.
os.environ.setdefault("PYNEST_QUIET", "1")
import nest  # noqa: E402 (after the environment it reads)


def simulate(model, dt, duration, interval, p):
    """One neuron of `model` at resolution `dt`; returns its spikes and its V_m and w traces."""
    nest.ResetKernel()
    # One thread: the run is tiny, and a fixed thread count keeps it reproducible.
    nest.set(resolution=dt, local_num_threads=1, print_time=False)
    neuron = nest.Create(model, params={
        "C_m": p["C"], "g_L": p["g_L"], "E_L": p["E_L"], "V_th": p["V_T"],
        "Delta_T": p["Delta_T"], "a": p["a"], "tau_w": p["tau_w"], "b": p["b"],
        "V_reset": p["V_r"], "V_peak": p["V_peak"], "t_ref": p["t_ref"], "I_e": 0.0,
        "V_m": p["E_L"], "w": 0.0})
    spikes = nest.Create("spike_recorder")
    meter = nest.Create("multimeter", params={"interval": interval, "record_from": ["V_m", "w"]})
    nest.Connect(neuron, spikes)
    nest.Connect(meter, neuron)
    # The step current as I_e switched between Simulate calls, not a dc_generator: a generator's
    # current reaches the neuron one connection delay (one step) late, whereas I_e set at time
    # t acts from the step that starts at t, which is where spikewafer's DC source
    # (docs/models.md: on during steps round(start/dt) to round(stop/dt)) switches on and off.
    nest.Simulate(p["step_start"])
    neuron.I_e = float(p["I"])
    nest.Simulate(p["step_stop"] - p["step_start"])
    neuron.I_e = 0.0
    nest.Simulate(duration - p["step_stop"])
    # The multimeter fetches the neuron's samples one min_delay late, so the last min_delay of
    # the run reaches it only in a further Simulate; run that much longer and keep what lies
    # within the duration.
    nest.Simulate(nest.min_delay)
    ev = meter.events
    keep = [k for k, t in enumerate(ev["times"]) if t <= duration + 1e-9]
    return {"spike_times_ms": [float(t) for t in spikes.events["times"] if t <= duration + 1e-9],
            "t_ms": [float(ev["times"][k]) for k in keep],
            "V_m_mV": [float(ev["V_m"][k]) for k in keep],
            "w_pA": [float(ev["w"][k]) for k in keep]}


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: nest_adex.py PATTERNS.json OUT.json")
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    nest.verbosity = nest.VerbosityLevel.ERROR
    runs = []
    for name, p in spec["patterns"].items():
        if not 0 <= p["step_start"] <= p["step_stop"] <= spec["duration"]:
            sys.exit(f"nest_adex.py: pattern {name}: need 0 <= step_start <= step_stop <= duration")
        for model in spec["models"]:
            for dt in spec["dts"]:
                run = simulate(model, dt, spec["duration"], spec["record_interval"], p)
                print(f"[nest_adex] {name:18s} {model:16s} dt={dt:g} ms: "
                      f"{len(run['spike_times_ms'])} spikes", flush=True)
                runs.append({"pattern": name, "model": model, "dt": dt, **run})
    with open(sys.argv[2], "w") as f:
        json.dump({"nest_version": nest.__version__, "runs": runs}, f)


if __name__ == "__main__":
    main()
