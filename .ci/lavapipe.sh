#!/usr/bin/env bash
# Makes Mesa's software Vulkan driver (lavapipe) available, so the webgpu tests run on a machine
# without a GPU. Sourced by .ci/run; does nothing where apt is absent or we are not root, and never
# fails the run (the webgpu tests then report themselves skipped, with the reason).

lavapipe_icd() { ls /usr/share/vulkan/icd.d/lvp_icd*.json 2>/dev/null | head -n 1 || true; }

# Bookworm's mesa-vulkan-drivers (22.3) lacks what Dawn needs; newer Mesa (23+) is fine.
mesa_recent_enough() {
  local version
  version=$(dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null) || return 1
  [ -n "$version" ] && dpkg --compare-versions "$version" ge 23
}

# The Debian mirror this machine already uses (deb822 or one-line sources), not the security one.
debian_mirror() {
  { grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' || true
    grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {print $i; break}}' || true
  } | grep -v -e security -e '^$' | grep -m 1 '/debian/\?$' || true
}

install_lavapipe() {
  command -v apt-get >/dev/null 2>&1 || { echo "lavapipe: no apt-get here; skipped"; return 0; }
  [ "$(id -u)" = 0 ] || { echo "lavapipe: not root; skipped"; return 0; }
  if [ -n "$(lavapipe_icd)" ] && mesa_recent_enough; then return 0; fi
  local codename target=()
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  if [ "$codename" = bookworm ]; then
    local mirror
    mirror=$(debian_mirror)
    [ -n "$mirror" ] || { echo "lavapipe: no Debian mirror in the apt sources; skipped"; return 0; }
    local list=/etc/apt/sources.list.d/bookworm-backports.sources
    [ -e "$list" ] || printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$mirror" >"$list"
    target=(-t bookworm-backports)
  fi
  apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${target[@]}" mesa-vulkan-drivers >/dev/null ||
    echo "lavapipe: installing mesa-vulkan-drivers failed; the webgpu tests will be skipped"
}

install_lavapipe
# Vulkan loader: on a machine without a GPU device, look at lavapipe only (no hardware ICD probing).
if [ -z "${VK_ICD_FILENAMES:-}" ] && [ -n "$(lavapipe_icd)" ] && ! ls /dev/dri/renderD* /dev/nvidia0 >/dev/null 2>&1; then
  export VK_ICD_FILENAMES=$(lavapipe_icd)
fi
# Mesa expects a per-user runtime folder.
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
  export XDG_RUNTIME_DIR=$(mktemp -d)
  chmod 700 "$XDG_RUNTIME_DIR"
fi
