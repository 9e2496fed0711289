#!/usr/bin/env bash
# Makes Debian's Chromium available for the dashboard's browser tests (playwright-core drives it;
# its own browser download is not used). Sourced by .ci/run; does nothing where apt is absent or we
# are not root, and never fails the run (the browser tests then report themselves skipped).

install_chromium() {
  command -v chromium >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null 2>&1 || { echo "chromium: no apt-get here; skipped"; return 0; }
  [ "$(id -u)" = 0 ] || { echo "chromium: not root; skipped"; return 0; }
  # The machine's own apt sources: Debian ships chromium in main.
  apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null ||
    echo "chromium: installing it failed; the dashboard's browser tests will be skipped"
}

install_chromium
