#!/usr/bin/env bash
# Installs the Debian 12 packages treehole needs to build, test and run.
# As root it installs what is missing; otherwise it prints the exact
# command to run and stops. Safe to run again: it does nothing when all is there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config clang libclang-rt-14-dev
  libsqlite3-dev libsodium-dev libcjson-dev libcsv-dev libcmocka-dev
  sqlite3 python3
  libfontconfig-dev libfreetype-dev libharfbuzz-dev libunibreak-dev
  fonts-lxgw-wenkai fonts-noto-cjk fonts-dejavu-core
  fonts-noto-color-emoji
  libsdl2-dev libsdl2-image-dev libsdl2-ttf-dev
  libinih-dev libutf8proc-dev gettext xvfb xdotool
  librime-dev librime-data rime-data-luna-pinyin rime-essay libopencc-data
  libzinnia-dev tegaki-zinnia-simplified-chinese
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "treehole needs these Debian packages first:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
