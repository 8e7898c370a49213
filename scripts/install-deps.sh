#!/usr/bin/env bash
# install-deps.sh: installs the system packages Corridor needs to build, test
# and benchmark, only those missing. As root it runs apt-get; otherwise it
# prints the one `sudo apt-get install ...` line to run and exits 1.
#
#   scripts/install-deps.sh            build + test packages
#   scripts/install-deps.sh --bench    also the side-by-side benchmark packages
set -euo pipefail

packages=(
  gcc pkg-config                                   # cgo (SQLite, GLFW)
  libgl1-mesa-dev xorg-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev  # Fyne
  sqlite3 libsqlite3-mod-spatialite                # workspace tools, optional SpatiaLite
  gdal-bin                                         # ogrinfo/ogr2ogr: interop tests' oracle
  python3-qgis                                     # QGIS edits a workspace in data/store's tests
  xvfb xdotool imagemagick                         # headless window tests and screenshots
  poppler-utils                                    # pdftoppm: looking at exported PDFs
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(python3-mapnik hyperfine time)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ! command -v go >/dev/null 2>&1; then
  echo "install-deps: Go is not on PATH: install Go 1.24 or newer from your distribution or go.dev" >&2
  exit 1
fi

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "install-deps: missing system packages; run:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
