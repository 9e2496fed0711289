#!/usr/bin/env bash
# The GPU check, one command on a GPU server with no Node and no network (docs/backends.md):
#   scripts/gpu-check.sh RESULTS_DIR [ARCHIVE]
# ARCHIVE defaults to .portable/rxtrain-*-linux-x64.tar.xz (npm run build:portable). It unpacks the
# archive (the Vulkan loader is in its lib/), then runs `rxtrain info`, `rxtrain benchmark` and
# PyTorch's anchor (bench/torch_gpu_anchor.py) on the same GPU, batch and JPEGs, and writes into
# RESULTS_DIR: results.json (all of it, with the ratios to PyTorch), info.txt, benchmark.json,
# pytorch.json, system.txt and the two programs' standard error. Each step has a time limit, all
# together under 8 minutes; a failing step is recorded and the next one still runs.
set -uo pipefail
[ $# -ge 1 ] || { echo "usage: scripts/gpu-check.sh RESULTS_DIR [ARCHIVE]" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1" && results=$(cd "$1" && pwd)
archive=${2:-$(ls "$root"/.portable/rxtrain-*-linux-x64.tar.xz 2>/dev/null | head -n 1)}
[ -f "$archive" ] || { echo "gpu-check: no archive: run npm run build:portable first, and bring .portable along" >&2; exit 2; }
PYTHON=${PYTHON:-python3}
# The JPEGs (and AlexNet's batch) the check times: 1024 images, eight steps of 128.
PER_CLASS=${PER_CLASS:-512}
BATCH=${BATCH:-128}
# More flags for each, to try the check at tiny scale on a machine without a GPU (.ci/run does).
BENCHMARK_FLAGS=${BENCHMARK_FLAGS:-}
ANCHOR_FLAGS=${ANCHOR_FLAGS:-}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xJf "$archive" -C "$work"
rxtrain=$(echo "$work"/rxtrain-*-linux-x64/bin/rxtrain)
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$work}

{
  echo "archive: $(basename "$archive"), $(stat -c %s "$archive") bytes"
  cat "$work"/rxtrain-*-linux-x64/BUILD.json
  echo "cores: $(nproc)"
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv 2>&1 || true
  echo "Vulkan ICDs: $(ls /usr/share/vulkan/icd.d /etc/vulkan/icd.d /usr/local/nvidia/share/vulkan/icd.d 2>/dev/null | tr '\n' ' ')"
} >"$results/system.txt" 2>&1

# NVIDIA's Vulkan ICD (libGLX_nvidia) needs glvnd's libGLdispatch.so.0, which a server with the
# driver but no desktop libraries may lack: brought along as .portable/gl/*.deb (libglvnd0), it is
# unpacked here, never into /, and found through LD_LIBRARY_PATH.
if ! ldconfig -p 2>/dev/null | grep -q 'libGLdispatch.so.0'; then
  for deb in "$root"/.portable/gl/*.deb; do [ -e "$deb" ] && dpkg-deb -x "$deb" "$work/gl"; done
  if [ -d "$work/gl" ]; then
    export LD_LIBRARY_PATH="$work/gl/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    echo "libGLdispatch: from $(ls "$root"/.portable/gl/)" >>"$results/system.txt"
  else
    echo "libGLdispatch: not on this system and not brought along (.portable/gl)" >>"$results/system.txt"
  fi
fi

# Dawn finds the NVIDIA ICD where the loader looks by default; if it finds no hardware adapter
# there, point the loader at the NVIDIA ICD and ask again.
NVIDIA_ICD=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
hardware_adapter() { grep '^webgpu adapter: ' "$results/info.txt" | grep -qv -e '^webgpu adapter: none' -e 'architecture software'; }
timeout 45 "$rxtrain" info >"$results/info.txt" 2>&1
if ! hardware_adapter && [ -e "$NVIDIA_ICD" ]; then
  export VK_DRIVER_FILES=$NVIDIA_ICD VK_ICD_FILENAMES=$NVIDIA_ICD
  echo "VK_DRIVER_FILES=$NVIDIA_ICD (no hardware adapter without it)" >>"$results/system.txt"
  timeout 45 "$rxtrain" info >"$results/info.txt" 2>&1
  if ! hardware_adapter; then
    library=$(sed -n 's/.*"library_path" *: *"\([^"]*\)".*/\1/p' "$NVIDIA_ICD")
    { echo "no hardware adapter with $NVIDIA_ICD either; its library $library:"; ldd "$(dirname "$NVIDIA_ICD")/$library" 2>&1 || ldd "$library" 2>&1; } >>"$results/system.txt"
  fi
fi

# The JPEGs first, so that PyTorch has them even if the benchmark fails.
timeout 45 "$rxtrain" demo --data-only --per-class "$PER_CLASS" --out "$work/demo" >>"$results/system.txt" 2>&1
timeout 240 "$rxtrain" benchmark --batch "$BATCH" --per-class "$PER_CLASS" --data "$work/demo/data" $BENCHMARK_FLAGS \
  >"$results/benchmark.json" 2>"$results/benchmark.stderr.txt"
echo "rxtrain benchmark: exit $?" >>"$results/system.txt"
timeout 100 env PYTHONUNBUFFERED=1 "$PYTHON" "$root/bench/torch_gpu_anchor.py" --data "$work/demo/data" --batch "$BATCH" $ANCHOR_FLAGS \
  >"$results/pytorch.json" 2>"$results/pytorch.stderr.txt"
echo "pytorch anchor: exit $?" >>"$results/system.txt"

"$PYTHON" "$root/bench/gpu_check_summary.py" "$results" >"$results/results.json"
cat "$results/results.json"
