#!/usr/bin/env bash
# Installs what MotCua needs on a Debian/Ubuntu machine: system packages (only the
# missing ones), a virtualenv in .venv and the package itself. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  # PC/SC and the virtual reader; pyscard builds from source against libpcsclite
  pcscd libccid libpcsclite-dev pkg-config gcc vsmartcard-vpcd
  # Qt under X (Xvfb for tests and screenshots)
  xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0
  libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libegl1 libgl1
  libfontconfig1 libdbus-1-3
  # fonts, PDF checks, QR decoding, screenshots
  fonts-dejavu-core fonts-noto-core poppler-utils zbar-tools imagemagick
  # window sizes checked under a real window manager (tests/ui/foundation/test_window_fit.py)
  matchbox-window-manager
  # a real print queue
  cups printer-driver-cups-pdf
  # the central service's database
  postgresql
  # a PKCS#11 token in files: result signing on a token is tested against it
  softhsm2
  # the back office and citizen pages are tested in a real headless browser
  chromium chromium-driver
  python3-venv
)

missing=()
for p in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.motcua-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade "pip==25.3"
  .venv/bin/python -m pip install -q -e ".[central,face,dev,package]"
  touch "$stamp"
fi
