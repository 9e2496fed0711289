#!/usr/bin/env bash
# Installs Debian's PyTorch (python3-torch, python3-torchvision) from the apt sources this machine
# already has, for the tests that compare with PyTorch or hand a run to torchrun. Sourced by
# .ci/run; does nothing where apt is absent, we are not root, or torch already imports, and never
# fails the run (those tests then report themselves skipped, with the reason).

install_pytorch() {
  /usr/bin/python3 -c 'import torch, torchvision' >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null 2>&1 || { echo "pytorch: no apt-get here; skipped"; return 0; }
  [ "$(id -u)" = 0 ] || { echo "pytorch: not root; skipped"; return 0; }
  apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-torchvision >/dev/null ||
    echo "pytorch: installing python3-torch and python3-torchvision failed; the PyTorch tests will be skipped"
}

install_pytorch
