#!/usr/bin/env bash
# Sampling and Ising throughput (benchmarks/sampling_throughput.cpp, ising_throughput.cpp):
# builds both programs (Release, -DSPIKEWAFER_BENCHMARKS=ON, build-bench/), runs each with
# --threads 1 and --threads <all cores>, and writes their raw CSV output to
#   benchmarks/results/<date>-sampling-throughput-<threads>t.csv
#   benchmarks/results/<date>-ising-throughput-<threads>t.csv
# (date from `date +%F`; an existing file is never overwritten: a -HHMMSS suffix is added).
# Each CSV starts with "# machine: ..." and "# settings: ..." lines. Not part of the test suite.
#
#   bash benchmarks/run_sampling_benchmarks.sh
#
# Environment:
#   THREADS="1 16"      thread counts (default: "1 $(nproc)", once if nproc is 1)
#   BACKEND=cuda        run on the GPU (--backend cuda); the files get a -cuda suffix
#   EXTRA_ARGS="..."    passed to both programs (e.g. --quick, --max-cell-s 60)
#   SKIP_BUILD=1        use the binaries already in build-bench/benchmarks/
#   CMAKE_ARGS="..."    extra configure arguments (e.g. -DSPIKEWAFER_CUDA=OFF)
#   BUILD_DIR=...       build folder (default build-bench)
#   RESULTS_DIR=...     output folder (default benchmarks/results)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cd "$repo"

log() { echo "[sampling-bench] $*" >&2; }
die() { echo "[sampling-bench] ERROR: $*" >&2; exit 1; }

cores="$(nproc)"
THREADS="${THREADS:-$( [[ "$cores" == 1 ]] && echo 1 || echo "1 $cores" )}"
BACKEND="${BACKEND:-cpu}"
EXTRA_ARGS="${EXTRA_ARGS:-}"
build="${BUILD_DIR:-build-bench}"
results="${RESULTS_DIR:-benchmarks/results}"
bin="$build/benchmarks"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building sampling_throughput and ising_throughput (Release, $build/)"
  # shellcheck disable=SC2086
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DSPIKEWAFER_BENCHMARKS=ON ${CMAKE_ARGS:-} \
    > /dev/null
  cmake --build "$build" -j"$cores" --target sampling_throughput ising_throughput >&2
fi
for prog in sampling_throughput ising_throughput; do
  [[ -x "$bin/$prog" ]] || die "$bin/$prog not found (build failed? SKIP_BUILD=1 needs a build)"
done

date="$(date +%F)"
suffix=""
[[ "$BACKEND" != cpu ]] && suffix="-$BACKEND"
mkdir -p "$results"
outputs=()
for t in $THREADS; do
  for prog in sampling_throughput ising_throughput; do
    name="${prog%_throughput}-throughput"
    out="${results}/${date}-${name}-${t}t${suffix}.csv"
    [[ -e "$out" ]] && out="${out%.csv}-$(date +%H%M%S).csv"
    log "$prog --threads $t --backend $BACKEND $EXTRA_ARGS > $out"
    # shellcheck disable=SC2086
    "$bin/$prog" --threads "$t" --backend "$BACKEND" $EXTRA_ARGS > "$out.partial" \
      || die "$prog --threads $t failed (partial output in $out.partial)"
    mv "$out.partial" "$out"
    outputs+=("$out")
  done
done
log "done; raw outputs:"
printf '  %s\n' "${outputs[@]}" >&2
