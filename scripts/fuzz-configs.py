#!/usr/bin/python3
"""Hostile-input fuzzer: mutated copies of examples/*.toml through every command.

    scripts/fuzz-configs.py BUILD/spikewafer [--count N] [--seed S] [--timeout SECONDS]
                            [--out REPORT.md]

Each mutant changes one value of an example (a number to 0, -1, 1e308, 1e-300, nan, a huge
integer; a string to an unknown name or an empty one; a key dropped or duplicated, a line cut
short) and runs through the command that reads that file, in a fresh output folder, under a
memory limit (ulimit -v) and a time limit. Outcomes by class:

- refused: exit 2 (bad input), 3 (resources) - what bad input should get;
- ran: exit 0 (the mutant was still valid), or stopped at the time limit while running;
- BAD: a crash (a signal), an exit 1 (an uncaught error), a non-zero exit that left
  temporary files, an exit 0 with NaN in the outputs' first lines, or a runaway: a mutant with
  a huge value (HUGE) still running at the time limit where the example itself finishes within
  it (1e300 as a duration or steps per field once ran without end and counted as "ran").

Exits 1 if any mutant is BAD; the report lists them with the mutation. Fixed seed: the same
mutants every run.
"""
import argparse
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(os.path.dirname(HERE), "examples")
# The command that reads each example.
COMMANDS = {
    "network.toml": ["run"], "brunel.toml": ["run"], "coba.toml": ["run"],
    "deterministic.toml": ["sample"], "boltzmann.toml": ["sample"], "tempering.toml": ["sample"],
    "neuron.toml": ["calibrate"], "ising_scan.toml": ["ising-scan", "--no-plots"],
    "ising_compare.toml": ["ising-scan", "--no-plots"], "hysteresis.toml": ["hysteresis", "--no-plots"],
    "wafer_small.toml": ["wafer-map"], "bars_and_stripes.toml": ["train", "--no-plots"],
    "adex_patterns.toml": ["run"], "hh_neurons.toml": ["run"],
}
NUMBERS = ["0", "-1", "1e308", "1e-300", "nan", "inf", "4294967296", "18446744073709551616",
           "0.5", "-0.0", "1e300", "4294967295"]
# Values that ask for endless work where they are accepted (a duration, a count of steps).
HUGE = {"1e308", "inf", "4294967296", "18446744073709551616", "1e300", "4294967295"}
STRINGS = ['"no_such_value"', '""', "12", "[]"]
MEMORY_LIMIT = 4 << 30  # bytes of address space per run


def mutate(text, rng):
    lines = text.split("\n")
    candidates = [k for k, line in enumerate(lines)
                  if "=" in line and not line.lstrip().startswith("#")]
    if not candidates:
        return text, "unchanged"
    k = rng.choice(candidates)
    line = lines[k].split("#")[0]
    key, _, value = line.partition("=")
    choice = rng.random()
    if choice < 0.1:
        lines.pop(k)
        return "\n".join(lines), f"line {k + 1} dropped"
    if choice < 0.15:
        lines.insert(k, lines[k])
        return "\n".join(lines), f"line {k + 1} duplicated"
    if choice < 0.2:
        lines[k] = line[: max(1, len(line) // 2)]
        return "\n".join(lines), f"line {k + 1} cut short"
    numbers = list(re.finditer(r"(?<![\w.])-?\d+(\.\d+)?([eE][-+]?\d+)?", value))
    if numbers and choice < 0.8:
        m = rng.choice(numbers)
        new = rng.choice(NUMBERS)
        value = value[: m.start()] + new + value[m.end():]
        lines[k] = key + "=" + value
        return "\n".join(lines), f"line {k + 1}: {key.strip()} number -> {new}"
    new = rng.choice(STRINGS)
    lines[k] = key + "= " + new
    return "\n".join(lines), f"line {k + 1}: {key.strip()} -> {new}"


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def classify(binary, command, config, out, timeout):
    try:
        p = subprocess.run([binary, command[0], config, "--out", out] + command[1:],
                           capture_output=True, text=True, timeout=timeout,
                           preexec_fn=limit_memory, env=dict(os.environ, OMP_NUM_THREADS="1"))
    except subprocess.TimeoutExpired:
        return "ran", "time limit"
    temporaries = [f for root, _, files in os.walk(out) for f in files
                   if ".tmp" in f or f.endswith(".partial")] if os.path.isdir(out) else []
    message = (p.stderr.strip().splitlines() or [""])[-1][:160]
    if p.returncode < 0:
        return "BAD", f"signal {-p.returncode}: {message}"
    if p.returncode == 1:
        return "BAD", f"exit 1 (uncaught): {message}"
    if p.returncode != 0 and temporaries:
        return "BAD", f"exit {p.returncode} left {temporaries[:3]}"
    if p.returncode in (2, 3):
        return "refused", message
    if p.returncode == 0:
        for root, _, files in os.walk(out):
            for f in files:
                if f.endswith((".csv", ".json")):
                    with open(os.path.join(root, f), errors="replace") as handle:
                        head = handle.read(4096).lower()
                    if re.search(r"(?<![a-z])nan(?![a-z])", head) and "nan" not in open(config).read().lower():
                        return "BAD", f"exit 0 with NaN in {f}"
        return "ran", "exit 0"
    return "refused", f"exit {p.returncode}: {message}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--count", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=4.0)
    parser.add_argument("--out", help="also write the report here (Markdown)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    names = sorted(COMMANDS)
    counts = {"refused": 0, "ran": 0, "BAD": 0}
    bad = []
    work = tempfile.mkdtemp(prefix="spikewafer_fuzz_")
    finishes = {}  # example -> whether it finishes within the time limit as written
    try:
        for n in range(args.count):
            name = names[n % len(names)]
            with open(os.path.join(EXAMPLES, name)) as f:
                text, mutation = mutate(f.read(), rng)
            config = os.path.join(work, f"{n}_{name}")
            with open(config, "w") as f:
                f.write(text)
            outcome, detail = classify(args.binary, COMMANDS[name], config,
                                       os.path.join(work, f"out{n}"), args.timeout)
            if detail == "time limit" and mutation.split(" -> ")[-1] in HUGE:
                if name not in finishes:
                    finishes[name] = classify(args.binary, COMMANDS[name],
                                              os.path.join(EXAMPLES, name),
                                              os.path.join(work, "as_written"),
                                              args.timeout)[1] != "time limit"
                    shutil.rmtree(os.path.join(work, "as_written"), ignore_errors=True)
                if finishes[name]:
                    outcome, detail = "BAD", "runaway: still running at the time limit"
            counts[outcome] += 1
            if outcome == "BAD":
                bad.append(f"- {name}, {mutation}: {detail}")
            shutil.rmtree(os.path.join(work, f"out{n}"), ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report = [f"# Config fuzzer: {args.count} mutants of examples/*.toml, seed {args.seed}", "",
              f"refused {counts['refused']}, ran {counts['ran']}, BAD {counts['BAD']}", ""] + bad
    text = "\n".join(report) + "\n"
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
