#!/bin/sh
# rxtrain, portable: runs the CLI bundled in dist/cli with the Node runtime in lib/, finding the
# shared libraries shipped beside it (the Vulkan loader) before the system's.
set -e
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
LD_LIBRARY_PATH="$root/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# libuv reads this when its pool starts: one decoding thread per core, and one more (docs/pipeline.md).
UV_THREADPOOL_SIZE="${UV_THREADPOOL_SIZE:-$(($(nproc 2>/dev/null || echo 3) + 1))}"
export LD_LIBRARY_PATH UV_THREADPOOL_SIZE
exec "$root/lib/node" "$root/dist/cli/main.js" "$@"
