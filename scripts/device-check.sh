#!/usr/bin/env bash
# The GPU check, run on a lent GPU machine from the repository root (docs/gpu.md), with the
# binaries that scripts/device-bundle.sh packed into .device/ (carry: [".device"]):
#   bash scripts/device-check.sh [stage...]
# Stages, in the order given (default: tests coba brunel micro):
#   tests      the CUDA instances of the test suite (every test named *Cuda*, label gpu)
#   coba       examples/coba.toml on CUDA, on all CPU cores and on one (summary.json of each)
#   brunel     benchmarks/brunel_scaling.py, 10^4 to 10^6 neurons, on CUDA and on all CPU cores
#   micro      the Google Benchmark micro-benchmarks on CUDA and on the CPU
#   stdp       benchmarks/synapse_cost.py (Brunel 10^4 and 10^5: static, STDP and stochastic
#              E->E synapses) on CUDA and CPU
#   microcircuit  the cortical microcircuit (examples/microcircuit.py) at scale 0.1 and at full
#              scale (77,169 neurons, 0.3 billion synapses, 1 s) on CUDA and on all CPU cores
#   sampling   sampling_throughput and ising_throughput --quick on CUDA
#   cpu-tests  the rest of the test suite (the CPU instances) on this machine's CPU
# Writes under $OUT (what comes back): check.log (everything printed), gpu-tests.xml, and
# results.tar.gz (the raw output, for benchmarks/results/). No stage starts once
# DEVICE_CHECK_BUDGET_S (default 480) seconds have passed, so the results come back inside the
# run's limit; each stage has its own timeout too.
set -uo pipefail
start=$SECONDS
budget=${DEVICE_CHECK_BUDGET_S:-480}
out=${OUT:?"OUT is not set: run this through the device tool (docs/gpu.md)"}
repo=$(pwd -P)
res="$out/results"
mkdir -p "$res"
stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=(tests coba brunel micro)
cores=$(nproc)
export OMP_WAIT_POLICY=passive PYTHONUNBUFFERED=1

say() { echo "[device-check $((SECONDS - start))s] $*"; }
die() { say "error: $*"; exit 1; }

summary=()  # one line per stage, printed last
note() { summary+=("$*"); say "$*"; }

# Passed, failed and skipped tests in a GoogleTest log.
counts() {
  echo "$(grep -c '^\[       OK' "$1") passed, $(grep -c '^\[  FAILED  \] [A-Za-z]' "$1") failed," \
       "$(grep -c '^\[  SKIPPED \] [A-Za-z]' "$1") skipped"
}

stage_tests() {
  timeout 300 build-device/spikewafer_tests --gtest_filter='*Cuda*' \
    --gtest_output="xml:$out/gpu-tests.xml" >"$res/gpu-tests.log" 2>&1
  local rc=$?
  grep -E '^\[  (FAILED|SKIPPED) |^\[  PASSED|^\[==========\]' "$res/gpu-tests.log" | tail -30
  note "tests: exit $rc; $(counts "$res/gpu-tests.log") (gpu-tests.log, gpu-tests.xml)"
}

# One `spikewafer run` of a network: its summary.json and output under $res/<name>/.
run_net() {
  local name=$1 net=$2; shift 2
  local dir="$res/$name"
  mkdir -p "$dir"
  timeout 120 build-device/spikewafer run "$net" --out "$dir/out" "$@" >"$dir/stdout.txt" 2>&1
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
      f"{s['memory_bytes'] / 2**20:.1f} MiB")
EOF
}

stage_coba() {
  for k in 1 2; do run_net "coba-cuda-$k" examples/coba.toml --backend cuda; done
  run_net "coba-cpu-$cores" examples/coba.toml --backend cpu --threads "$cores"
  run_net coba-cpu-1 examples/coba.toml --backend cpu --threads 1
  note "coba: $(for f in "$res"/coba-*/summary.json; do
    python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(sys.argv[2], round(s["wall_s"], 3), "s;", end=" ")' \
      "$f" "$(basename "$(dirname "$f")")"; done)"
}

stage_brunel() {
  local b
  for b in cuda cpu; do
    timeout 200 python3 benchmarks/brunel_scaling.py --binary build-device/spikewafer \
      --backend "$b" --threads "$cores" --sizes 10000 100000 1000000 \
      --out "$res/brunel-$b" >"$res/brunel-$b.txt" 2>&1
    note "brunel $b: exit $?"
    tail -5 "$res/brunel-$b.txt"
  done
}

stage_micro() {
  local b
  for b in cuda cpu; do
    SPIKEWAFER_BENCH_BACKEND=$b timeout 120 build-device/spikewafer_micro \
      --benchmark_min_time=0.2 --benchmark_out="$res/micro-$b.json" \
      --benchmark_out_format=json >"$res/micro-$b.txt" 2>&1
    note "micro $b: exit $?"
    tail -12 "$res/micro-$b.txt"
  done
}

stage_stdp() {
  local b
  for b in cuda cpu; do
    timeout 240 python3 benchmarks/synapse_cost.py --binary build-device/spikewafer \
      --backend "$b" --threads "$cores" --sizes 10000 100000 --nest-sizes \
      --out "$res/stdp-$b" >"$res/stdp-$b.txt" 2>&1
    note "stdp $b: exit $?"
    tail -8 "$res/stdp-$b.txt"
  done
}

stage_microcircuit() {
  local scaled="$res/microcircuit-0.1.toml" b
  python3 examples/microcircuit.py --scale 0.1 --out "$scaled"
  for b in cuda cpu; do
    run_net "microcircuit-0.1-$b" "$scaled" --backend "$b" --threads "$cores"
    run_net "microcircuit-1-$b" examples/microcircuit.toml --backend "$b" --threads "$cores"
  done
}

stage_sampling() {
  timeout 150 build-device/sampling_throughput --threads "$cores" --backend cuda --quick \
    >"$res/sampling-throughput-cuda.csv" 2>"$res/sampling-throughput-cuda.log"
  note "sampling_throughput cuda: exit $?"
  timeout 150 build-device/ising_throughput --threads "$cores" --backend cuda --quick \
    >"$res/ising-throughput-cuda.csv" 2>"$res/ising-throughput-cuda.log"
  note "ising_throughput cuda: exit $?"
}

stage_cpu_tests() {
  timeout 300 build-device/spikewafer_tests --gtest_filter='-*Cuda*' >"$res/cpu-tests.log" 2>&1
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
  build-device/spikewafer --help >/dev/null || die "build-device/spikewafer does not start (ldd above)"

  for stage in "${stages[@]}"; do
    if [ $((SECONDS - start)) -ge "$budget" ]; then
      note "$stage: not started (budget of ${budget} s spent)"
      continue
    fi
    declare -F "stage_${stage//-/_}" >/dev/null || { note "$stage: no such stage"; continue; }
    say "stage $stage"
    "stage_${stage//-/_}"
  done

  tar -C "$out" -czf "$out/results.tar.gz" results && rm -rf "$res"
  echo
  echo "=== device check, $((SECONDS - start)) s ==="
  printf '%s\n' "${summary[@]}"
}

main 2>&1 | tee "$out/check.log"
exit "${PIPESTATUS[0]}"
