#!/usr/bin/env bash
# Builds the CUDA binaries for a lent GPU machine here and packs them, with the shared libraries
# they need, into .device/ (ignored by git), for scripts/device-check.sh to run there
# (docs/gpu.md). The GPU machine has nvcc but none of Debian's -dev packages and no network, and
# device time is short, so nothing is built there.
#
# The build (build-device/) is for any x86-64 CPU (no -march=native: the GPU machine's CPU is
# another), sm_90 machine code plus PTX (H100/H200), without MPI, with the micro-benchmarks.
# Its executables carry an RPATH ($ORIGIN/lib, as DT_RPATH so it also serves the libraries' own
# dependencies): they find the carried libraries and nothing else run there sees them.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
build="$repo/build-device"
bundle="$repo/.device"
targets=(spikewafer spikewafer_tests spikewafer_micro sampling_throughput ising_throughput)

if ! command -v nvcc >/dev/null 2>&1 && [ -x /usr/local/cuda/bin/nvcc ]; then
  export PATH="/usr/local/cuda/bin:$PATH"
fi
command -v nvcc >/dev/null || { echo "device-bundle: nvcc not found; the bundle needs the CUDA build" >&2; exit 2; }
"$repo/scripts/install-deps.sh"

cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSPIKEWAFER_CUDA=ON \
  -DCMAKE_CUDA_ARCHITECTURES=90 -DSPIKEWAFER_NATIVE=OFF -DSPIKEWAFER_MPI=OFF \
  -DSPIKEWAFER_BENCHMARKS=ON -DSPIKEWAFER_WERROR=ON \
  "-DCMAKE_BUILD_RPATH=\$ORIGIN/lib" "-DCMAKE_EXE_LINKER_FLAGS=-Wl,--disable-new-dtags" >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"

executable() { find "$build" -name "$1" -type f -perm -u+x | head -1; }
rm -rf "$bundle.tmp"
mkdir -p "$bundle.tmp/bin" "$bundle.tmp/lib"
for t in "${targets[@]}"; do strip -o "$bundle.tmp/bin/$t" "$(executable "$t")"; done
# Every shared library but the C library's own and the GPU driver's (which must be the machine's).
system_libs='^(linux-vdso|libc|libm|libpthread|libdl|librt|libresolv|ld-linux-x86-64|libcuda)\.so'
for t in "${targets[@]}"; do ldd "$(executable "$t")"; done |
  awk '$2 == "=>" && $3 ~ /^\// {print $1, $3}' | sort -u | while read -r name path; do
  [[ "$name" =~ $system_libs ]] && continue
  cp -L "$path" "$bundle.tmp/lib/$name"
done
{
  echo "commit $(git -C "$repo" rev-parse HEAD)$(git -C "$repo" diff --quiet HEAD || echo ' (with uncommitted changes)')"
  echo "built $(date -u +%FT%TZ) on $(uname -n), $(nvcc --version | tail -1)"
  (cd "$bundle.tmp" && sha256sum bin/* lib/*)
} >"$bundle.tmp/MANIFEST"
libraries=$(ls "$bundle.tmp/lib" | wc -l)
# One xz archive, with a dictionary (64 MiB at -9) that spans the executables, which all carry
# the same CUDA kernels: 13.5 MB against 73 MB unpacked and 20 MB at xz's default (2026-12-08).
# With the tracked files (34 MB: scripts/compress-results.sh keeps the raw results small) it
# stays inside the 64 MiB that a device call carries.
tar -C "$bundle.tmp" -c bin lib | xz -9 -T1 >"$bundle.tmp/bundle.tar.xz" && rm -rf "$bundle.tmp/bin" "$bundle.tmp/lib"
rm -rf "$bundle" && mv "$bundle.tmp" "$bundle"
echo "device bundle: $(du -sh "$bundle/bundle.tar.xz" | cut -f1) in $bundle ($libraries libraries)"
# What a call carries: tracked files, untracked files that git does not ignore, and the bundle.
travel=$(( $( (cd "$repo" && { git ls-files -z; git ls-files -z --others --exclude-standard; } |
                xargs -0 -r stat -c %s -- 2>/dev/null) | awk '{s += $1} END {print s + 0}') +
           $(du -sb "$bundle" | cut -f1) ))
echo "device bundle: the call carries $((travel / 1048576)) MiB of 64 MiB"
if [ "$travel" -gt $((64 * 1048576)) ]; then
  echo "device-bundle: $((travel / 1048576)) MiB would travel, over the device call's 64 MiB;" \
       "gzip the large raw results (scripts/compress-results.sh) or shrink the bundle" >&2
  exit 3
fi
