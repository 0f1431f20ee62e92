"""PyNN's own system tests (the scenarios every backend is held to) against pyNN.spikewafer.

Fetches PyNN's source distribution (the version installed in the virtual environment) through
pip into a cache folder, imports every scenario module of test/system/scenarios, and calls each
scenario function decorated with `run_with_simulators(...)` with pyNN.spikewafer as the
simulator, each in its own process with a time limit. Prints a table (scenario, the backends PyNN
runs it with, the outcome on spikewafer and the first line of the error) and the totals, and
writes it as Markdown with --out.

    .venv/bin/python scripts/pynn-system-tests.py [--out FILE] [--timeout S] [-k TEXT]

With --simulator NAME the scenarios run on another PyNN backend installed in the interpreter
that runs this script (PyNN's Brian2 backend from benchmarks/peers/setup_pynn_venv.sh's venv:
.venv-pynn-peers/bin/python scripts/pynn-system-tests.py --simulator brian2), for comparison.

Outcomes: pass; fail (an assertion); error (any other exception: often a missing feature, named
in the message); skip (the scenario skipped itself); timeout. Exit 0 when at least --expect
scenarios pass (default 0: report only), else 1.
"""

from __future__ import annotations

import argparse
import ast
import os
import subprocess
import sys
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("SPIKEWAFER_CACHE", REPO / "build" / "cache"))

# Runs one scenario in a fresh interpreter: prints one line "OUTCOME<TAB>message".
RUN_ONE = r"""
import importlib, sys, traceback, warnings
warnings.simplefilter("ignore")
sys.path.insert(0, sys.argv[1])
module = importlib.import_module("scenarios." + sys.argv[2])
from scenarios.fixtures import LazySimulator
import pytest
try:
    getattr(module, sys.argv[3])(LazySimulator(sys.argv[4]))
    print("pass\t")
except pytest.skip.Exception as e:
    print("skip\t" + str(e).splitlines()[0] if str(e) else "skip\t")
except AssertionError as e:
    line = (str(e).strip().splitlines() or ["assertion failed"])[0]
    print("fail\t" + line[:160])
except BaseException as e:
    print("error\t" + (type(e).__name__ + ": " + str(e).strip()).splitlines()[0][:160])
"""


def pynn_version() -> str:
    import pyNN
    return pyNN.__version__


def scenario_folder(version: str) -> Path:
    """test/system of PyNN's sdist, downloaded once into the cache."""
    root = CACHE / f"pynn-{version}"
    system = root / "test" / "system"
    if system.is_dir():
        return system
    CACHE.mkdir(parents=True, exist_ok=True)
    archive = CACHE / f"pynn-{version}.tar.gz"
    if not archive.exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--no-binary", ":all:", f"PyNN=={version}", "-d", str(CACHE)],
                       check=True)
    with tarfile.open(archive) as tar:
        # Plain files and folders of test/system only, no path outside the cache (the filter
        # argument that does this is newer than Debian 12's Python).
        members = [m for m in tar.getmembers() if "/test/system/" in m.name and
                   (m.isfile() or m.isdir()) and not m.name.startswith("/") and
                   ".." not in Path(m.name).parts]
        tar.extractall(CACHE, members=members)
    return system


def scenarios(system: Path):
    """(module, function, backends) of every function decorated with run_with_simulators."""
    found = []
    for path in sorted((system / "scenarios").glob("test_*.py")):
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef):
                continue
            for decorator in node.decorator_list:
                if (isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") ==
                        "run_with_simulators"):
                    backends = [a.value for a in decorator.args if isinstance(a, ast.Constant)]
                    found.append((path.stem, node.name, backends))
    return found


def run(system: Path, module: str, function: str, timeout: float,
        simulator: str) -> tuple[str, str]:
    try:
        done = subprocess.run([sys.executable, "-c", RUN_ONE, str(system), module, function,
                               simulator],
                              capture_output=True, text=True, timeout=timeout, cwd=system)
    except subprocess.TimeoutExpired:
        return "timeout", f"more than {timeout:g} s"
    for line in reversed(done.stdout.splitlines()):
        outcome, _, message = line.partition("\t")
        if outcome in ("pass", "fail", "error", "skip"):
            return outcome, message
    tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
    return "error", f"exit {done.returncode}: {tail[:160]}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="also write the table here (Markdown)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per scenario")
    parser.add_argument("-k", default="", help="only scenarios whose name contains this")
    parser.add_argument("--simulator", default="spikewafer",
                        help="the PyNN backend to run the scenarios on (default spikewafer)")
    parser.add_argument("--expect", type=int, default=0,
                        help="exit 1 when fewer scenarios than this pass")
    args = parser.parse_args()
    version = pynn_version()
    system = scenario_folder(version)
    rows, counts = [], {}
    for module, function, backends in scenarios(system):
        if args.k not in f"{module}.{function}":
            continue
        outcome, message = run(system, module, function, args.timeout, args.simulator)
        counts[outcome] = counts.get(outcome, 0) + 1
        rows.append(f"| {module}.{function} | {', '.join(backends)} | {outcome} | "
                    f"{message.replace('|', '/')} |")
        print(rows[-1], flush=True)
    total = ", ".join(f"{counts.get(k, 0)} {k}" for k in ("pass", "fail", "error", "skip",
                                                         "timeout"))
    summary = f"PyNN {version} system scenarios on pyNN.{args.simulator}: {len(rows)} run: {total}"
    print(summary)
    if args.out:
        args.out.write_text(f"# {summary}\n\n| scenario | PyNN runs it on | {args.simulator} | "
                            "message |\n|---|---|---|---|\n" + "\n".join(rows) + "\n")
    return 0 if counts.get("pass", 0) >= args.expect else 1


if __name__ == "__main__":
    sys.exit(main())
