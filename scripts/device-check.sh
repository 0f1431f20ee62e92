#!/usr/bin/env bash
# The GPU check, run on a lent GPU machine from the repository root (docs/gpu.md), with the
# binaries that scripts/device-bundle.sh packed into .device/ (carry: [".device"]):
#   bash scripts/device-check.sh [stage...]
# Stages (default: tests sass coba brunel micro); each has a GPU part and may have a CPU part:
#   tests      the CUDA instances of the test suite (every test named *Cuda*, label gpu); the
#              first failing one again alone, with CUDA_LAUNCH_BLOCKING=1, under
#              compute-sanitizer's memcheck
#   sass       the delivery kernels' machine code: reductions (RED) where no result is used,
#              not atomics that return one (ATOM)
#   coba       examples/coba.toml on CUDA twice and once with recording off; on all CPU cores
#              and on one
#   brunel     benchmarks/brunel_scaling.py, 10^4 to 10^6 neurons, on CUDA and on all CPU cores
#   micro      the Google Benchmark micro-benchmarks on CUDA and on the CPU
#   stdp       benchmarks/synapse_cost.py (Brunel 10^4 and 10^5: static, STDP and stochastic
#              E->E synapses) on CUDA and CPU
#   microcircuit  the cortical microcircuit (examples/microcircuit.py) at scale 0.1 and at full
#              scale (77,169 neurons, 0.3 billion synapses, 1 s) on CUDA and on all CPU cores
#   sampling   sampling_throughput and ising_throughput --quick on CUDA
#   cpu-tests  the rest of the test suite (the CPU instances) on this machine's CPU
# Every stage's GPU part runs first, in the order given, then the CPU parts (the comparisons),
# so that a short budget is spent on what only the GPU machine can measure.
# Writes under $OUT (what comes back): check.log (everything printed), gpu-tests.xml, and
# results.tar.gz (the raw output, for benchmarks/results/), packed again after every part, so a
# call killed midway still returns what it measured. No part starts once DEVICE_CHECK_BUDGET_S
# (default 480) seconds have passed, and every command's timeout is at most what is left of it.
set -uo pipefail
start=$SECONDS
budget=${DEVICE_CHECK_BUDGET_S:-480}
out=${OUT:?"OUT is not set: run this through the device tool (docs/gpu.md)"}
repo=$(pwd -P)
res="$out/results"
mkdir -p "$res"
stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=(tests sass coba brunel micro)
cores=$(nproc)
export OMP_WAIT_POLICY=passive PYTHONUNBUFFERED=1

say() { echo "[device-check $((SECONDS - start))s] $*"; }
die() { say "error: $*"; exit 1; }

summary=()  # one line per stage, printed last
note() { summary+=("$*"); say "$*"; }

# Seconds left of the budget (at least 1), and the timeout for a command that may take $1.
left() { local l=$((budget - (SECONDS - start))); echo $((l > 1 ? l : 1)); }
limit() { local l; l=$(left); echo $(($1 < l ? $1 : l)); }

# The raw output so far, into results.tar.gz (replaced whole, so it is never half-written).
pack() { tar -C "$out" -czf "$out/results.tar.gz.part" results && mv "$out/results.tar.gz.part" "$out/results.tar.gz"; }

# The failed tests of a GoogleTest log, each once, in the order they failed (the log names
# each twice: when it fails, and in the list at the end).
failed_tests() {
  grep -oE '^\[  FAILED  \] [A-Za-z_][A-Za-z0-9_/.]*' "$1" | awk '{print $NF}' | awk '!seen[$0]++'
}

# Passed, failed and skipped tests in a GoogleTest log.
counts() {
  echo "$(grep -c '^\[       OK' "$1") passed, $(failed_tests "$1" | wc -l) failed," \
       "$(grep -c '^\[  SKIPPED \] [A-Za-z]' "$1") skipped"
}

gpu_tests() {
  timeout "$(limit 300)" build-device/spikewafer_tests --gtest_filter='*Cuda*' \
    --gtest_output="xml:$out/gpu-tests.xml" >"$res/gpu-tests.log" 2>&1
  local rc=$?
  grep -E '^\[  (FAILED|SKIPPED) |^\[  PASSED|^\[==========\]' "$res/gpu-tests.log" | tail -30
  note "tests: exit $rc; $(counts "$res/gpu-tests.log") (gpu-tests.log, gpu-tests.xml)"
  local first sanitizer
  first=$(failed_tests "$res/gpu-tests.log" | head -1)
  [ -n "$first" ] || return 0
  # The first failure alone, each launch waited for (an error surfaces at its kernel), under
  # memcheck where the toolkit has it.
  sanitizer=$(command -v compute-sanitizer || ls /usr/local/cuda/bin/compute-sanitizer 2>/dev/null)
  CUDA_LAUNCH_BLOCKING=1 timeout "$(limit 120)" ${sanitizer:+"$sanitizer" --tool memcheck} \
    build-device/spikewafer_tests --gtest_filter="$first" >"$res/first-failure.log" 2>&1
  note "tests: $first again alone, CUDA_LAUNCH_BLOCKING=1${sanitizer:+, memcheck}: exit $? (first-failure.log)"
  tail -20 "$res/first-failure.log"
}

# Reductions against atomics in the delivery kernels: an atomic add whose result nobody reads
# should be a RED instruction (fire and forget), not an ATOM (a round trip per add).
gpu_sass() {
  local dump
  dump=$(command -v cuobjdump || ls /usr/local/cuda/bin/cuobjdump 2>/dev/null)
  [ -n "$dump" ] || { note "sass: no cuobjdump here"; return 0; }
  timeout "$(limit 120)" "$dump" -sass build-device/spikewafer >"$res/sass.txt" 2>&1
  note "sass: exit $?; $(python3 scripts/count_delivery_atomics.py "$res/sass.txt")"
  gzip -f "$res/sass.txt"
}

# One `spikewafer run` of a network: its summary.json and output under $res/<name>/.
run_net() {
  local name=$1 net=$2; shift 2
  local dir="$res/$name"
  mkdir -p "$dir"
  timeout "$(limit 120)" build-device/spikewafer run "$net" --out "$dir/out" "$@" >"$dir/stdout.txt" 2>&1
  local rc=$?
  cp "$dir/out/summary.json" "$dir/summary.json" 2>/dev/null
  rm -rf "$dir/out"
  [ $rc -eq 0 ] || { note "$name: exit $rc: $(tail -1 "$dir/stdout.txt")"; return 1; }
  python3 - "$dir/summary.json" "$name" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
rate = s["spikes"] / s["neurons"] / s["replicas"] / (s["bio_time_ms"] * 1e-3)
print(f"{sys.argv[2]}: {s['backend']} wall {s['wall_s']:.3f} s for {s['bio_time_ms']:.0f} ms "
      f"(realtime factor {s['realtime_factor']:.3f}), {rate:.2f} Hz, "
      f"{s['memory_bytes'] / 2**20:.1f} MiB, per step {s.get('per_step')}")
EOF
}

# The wall times of the runs named $1-*, on one line.
walls() {
  local f
  for f in "$res"/"$1"-*/summary.json; do
    [ -f "$f" ] || continue
    python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(sys.argv[2], round(s["wall_s"], 3), "s;", end=" ")' \
      "$f" "$(basename "$(dirname "$f")")"
  done
}

gpu_coba() {
  for k in 1 2; do run_net "coba-cuda-$k" examples/coba.toml --backend cuda; done
  sed -e '/^record = /d' examples/coba.toml >"$res/coba-unrecorded.toml"
  run_net coba-cuda-unrecorded "$res/coba-unrecorded.toml" --backend cuda
  note "coba gpu: $(walls coba-cuda)"
}
cpu_coba() {
  run_net "coba-cpu-$cores" examples/coba.toml --backend cpu --threads "$cores"
  run_net coba-cpu-1 examples/coba.toml --backend cpu --threads 1
  note "coba cpu: $(walls coba-cpu)"
}

# A benchmark script (python3 benchmarks/$3 ...) on backend $1, its output in $res/$2-$1*;
# the last $4 lines of its log shown.
bench_script() {
  local backend=$1 name=$2 script=$3 lines=$4 seconds=$5; shift 5
  timeout "$(limit "$seconds")" python3 "benchmarks/$script" --binary build-device/spikewafer \
    --backend "$backend" --threads "$cores" "$@" \
    --out "$res/$name-$backend" >"$res/$name-$backend.txt" 2>&1
  note "$name $backend: exit $?"
  tail -"$lines" "$res/$name-$backend.txt"
}

brunel() { bench_script "$1" brunel brunel_scaling.py 5 200 --sizes 10000 100000 1000000; }
gpu_brunel() { brunel cuda; }
cpu_brunel() { brunel cpu; }

micro() {
  SPIKEWAFER_BENCH_BACKEND=$1 timeout "$(limit 120)" build-device/spikewafer_micro \
    --benchmark_min_time=0.2 --benchmark_out="$res/micro-$1.json" \
    --benchmark_out_format=json >"$res/micro-$1.txt" 2>&1
  note "micro $1: exit $?"
  tail -12 "$res/micro-$1.txt"
}
gpu_micro() { micro cuda; }
cpu_micro() { micro cpu; }

stdp() { bench_script "$1" stdp synapse_cost.py 8 240 --sizes 10000 100000 --nest-sizes; }
gpu_stdp() { stdp cuda; }
cpu_stdp() { stdp cpu; }

microcircuit() {
  local scaled="$res/microcircuit-0.1.toml"
  [ -f "$scaled" ] || python3 examples/microcircuit.py --scale 0.1 --out "$scaled"
  run_net "microcircuit-0.1-$1" "$scaled" --backend "$1" --threads "$cores"
  run_net "microcircuit-1-$1" examples/microcircuit.toml --backend "$1" --threads "$cores"
}
gpu_microcircuit() { microcircuit cuda; }
cpu_microcircuit() { microcircuit cpu; }

gpu_sampling() {
  timeout "$(limit 150)" build-device/sampling_throughput --threads "$cores" --backend cuda --quick \
    >"$res/sampling-throughput-cuda.csv" 2>"$res/sampling-throughput-cuda.log"
  note "sampling_throughput cuda: exit $?"
  timeout "$(limit 150)" build-device/ising_throughput --threads "$cores" --backend cuda --quick \
    >"$res/ising-throughput-cuda.csv" 2>"$res/ising-throughput-cuda.log"
  note "ising_throughput cuda: exit $?"
}

cpu_cpu_tests() {
  timeout "$(limit 300)" build-device/spikewafer_tests --gtest_filter='-*Cuda*' >"$res/cpu-tests.log" 2>&1
  note "cpu-tests: exit $?; $(counts "$res/cpu-tests.log")"
}

# Puts the bundle in place, records the machine, runs the stages, packs the raw output.
main() {
  [ -f "$repo/.device/MANIFEST" ] ||
    die "no .device/ here: run scripts/device-bundle.sh first and pass carry: [\".device\"]"
  # The binaries sit where the bundle's build had them (build-device/, libraries in lib/ beside
  # them, found through their RPATH), and the paths compiled into the tests (/work/main/...) must
  # lead here.
  # The bundle travels as one xz archive (bin/ and lib/): unpacked, it and the tracked files
  # would exceed what a call may carry.
  mkdir -p build-device/lib /tmp/device-bundle
  tar -C /tmp/device-bundle -xJf .device/bundle.tar.xz || die "cannot unpack .device/bundle.tar.xz"
  cp -a /tmp/device-bundle/bin/. build-device/ && cp -a /tmp/device-bundle/lib/. build-device/lib/
  if [ "$repo" != /work/main ]; then
    if [ -e /work/main ] && [ "$(readlink -f /work/main)" != "$repo" ]; then
      say "warning: /work/main is something else here; tests that run the CLI or read tests/data will fail"
    else
      mkdir -p /work && ln -sfn "$repo" /work/main
    fi
  fi

  {
    echo "date: $(date -u +%FT%TZ)"
    echo "bundle:"; sed -n 1,2p .device/MANIFEST
    nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.sm,clocks.max.sm --format=csv
    lscpu | sed -n 1,20p
    grep MemTotal /proc/meminfo
    sed -n 1,2p /etc/os-release
    echo "ldd build-device/spikewafer:"; ldd build-device/spikewafer
  } >"$res/machine.txt" 2>&1
  cat "$res/machine.txt"
  pack
  build-device/spikewafer --help >/dev/null || die "build-device/spikewafer does not start (ldd above)"

  local stage part known
  for stage in "${stages[@]}"; do
    known=
    for part in gpu cpu; do declare -F "${part}_${stage//-/_}" >/dev/null && known=1; done
    [ -n "$known" ] || note "$stage: no such stage"
  done
  for part in gpu cpu; do
    for stage in "${stages[@]}"; do
      declare -F "${part}_${stage//-/_}" >/dev/null || continue
      if [ $((SECONDS - start)) -ge "$budget" ]; then
        note "$stage ($part): not started (budget of ${budget} s spent)"
        continue
      fi
      say "stage $stage ($part)"
      "${part}_${stage//-/_}"
      pack
    done
  done

  pack && rm -rf "$res"
  echo
  echo "=== device check, $((SECONDS - start)) s ==="
  printf '%s\n' "${summary[@]}"
}

main 2>&1 | tee "$out/check.log"
exit "${PIPESTATUS[0]}"
