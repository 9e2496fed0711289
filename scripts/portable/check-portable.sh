#!/usr/bin/env bash
# Checks a portable archive the way a machine without Node uses it: unpacked into an empty folder
# with no node_modules above it, node and npm off PATH, it runs `--version`, `info`,
# `demo --epochs 1` (the loader workers too) and `benchmark` on the WebGPU adapter here (lavapipe
# in CI, at tiny scale). Prints the archive's size first.
#   scripts/portable/check-portable.sh .portable/rxtrain-0.1.0-linux-x64.tar.xz
set -euo pipefail
archive=$(readlink -f "$1")
limit=$((48 * 1024 * 1024))
size=$(stat -c %s "$archive")
echo "archive: $archive, $(awk -v b="$size" 'BEGIN { printf "%.1f MiB", b / 1048576 }') (limit 48 MiB)"
[ "$size" -le "$limit" ] || { echo "check-portable: the archive is over 48 MiB" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for dir in "$work" $(d=$work; while [ "$d" != / ]; do d=$(dirname "$d"); echo "$d"; done); do
  [ ! -e "$dir/node_modules" ] || { echo "check-portable: $dir/node_modules exists above the test folder" >&2; exit 1; }
done

# A PATH with the shell tools the launcher uses and nothing else.
mkdir "$work/tools" "$work/run"
for tool in sh dirname readlink nproc; do ln -s "$(command -v "$tool")" "$work/tools/$tool"; done
tar -xJf "$archive" -C "$work"
rxtrain=$(echo "$work"/rxtrain-*-linux-x64/bin/rxtrain)

step() {
  echo "\$ rxtrain $*"
  (cd "$work/run" && env -i PATH="$work/tools" HOME="$work/run" ${VK_ICD_FILENAMES:+VK_ICD_FILENAMES=$VK_ICD_FILENAMES} \
    ${XDG_RUNTIME_DIR:+XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR} "$rxtrain" "$@")
}
! (env -i PATH="$work/tools" sh -c 'command -v node || command -v npm') || { echo "check-portable: node or npm is on the test PATH" >&2; exit 1; }

step --version
step info
step demo --epochs 1
step benchmark --batch 2 --image-size 64 --width-divisor 16 --steps 1 --per-class 4 | tee "$work/benchmark.json"
grep -q '"trainStream":{"images"' "$work/benchmark.json" || { echo "check-portable: the benchmark's trainStream run failed" >&2; exit 1; }
echo "check-portable: all ran"
