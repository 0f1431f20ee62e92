#!/usr/bin/env bash
# Gzips the large raw files of benchmarks/results (tracked or about to be, over 100 kB) so that
# the working tree stays small enough to travel to a lent GPU machine with the device bundle
# (a call carries 64 MiB in all: scripts/device-bundle.sh counts it). Kept as they are: files
# already compressed, images, HDF5, and trained weights that configurations load (W.csv).
# `gzip -n` leaves no time stamp, so the same file always compresses to the same bytes.
# Usage: scripts/compress-results.sh        (then review and commit with git)
set -euo pipefail
cd "$(dirname "$0")/.."
limit=100000
compressed=0 saved=0
while IFS= read -r -d '' file; do
  [ -f "$file" ] || continue
  case "$file" in
    *.gz | *.xz | *.png | *.h5 | *.npy | *.npz | */W.csv) continue ;;
  esac
  size=$(stat -c %s "$file")
  [ "$size" -gt "$limit" ] || continue
  gzip -9n "$file"
  compressed=$((compressed + 1))
  saved=$((saved + size - $(stat -c %s "$file.gz")))
done < <({ git ls-files -z benchmarks/results; git ls-files -z --others --exclude-standard benchmarks/results; })
echo "compress-results: $compressed files gzipped, $((saved / 1048576)) MiB saved"
