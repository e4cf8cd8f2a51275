#!/usr/bin/env bash
# Installs the system packages the kiosk and its tests need, and only those missing.
# Debian 12 / Ubuntu 24.04 / Raspberry Pi OS. Safe to run again: it changes nothing
# when everything is present.
set -euo pipefail

packages=(
    python3 python3-venv python3-pip          # the interpreter and venv
    libzbar0                                   # pyzbar's decoder library
    libgl1 libegl1 libopengl0 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3
    libglib2.0-0                               # Qt's core runtime
    libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
    libxcb-shape0 libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xinerama0
    libxcb-xfixes0 libxcb-sync1 libxcb-shm0 libxcb-xkb1  # Qt's xcb platform (a real display)
    fonts-dejavu-core                          # a font, so offscreen text renders
    postgresql                                 # the server the service tests start (initdb, pg_ctl)
    xvfb xdotool x11-utils x11-xserver-utils x11-xkb-utils  # end-to-end tests on real X
    xserver-xorg-core xserver-xorg-video-dummy # X with keymaps and modes (e2e layouts)
    openbox weston                             # e2e: a window manager; Wayland (headless)
)
# The phone pages' browser tests (tests/mobile): headless Chromium driven by Selenium
# through chromedriver. On Ubuntu the apt packages only install the snap (no snapd in a
# container): there the tests use the snap's chromium and chromium.chromedriver if present.
if ! grep -qi '^ID=ubuntu' /etc/os-release 2>/dev/null; then
    packages+=(chromium chromium-driver)
fi

missing=()
for pkg in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    if [ "$status" != "installed" ]; then
        # Ubuntu 24.04 renamed some libraries with a t64 suffix.
        status=$(dpkg-query -W -f='${db:Status-Status}' "${pkg}t64" 2>/dev/null || true)
        [ "$status" = "installed" ] || missing+=("$pkg")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "Missing system packages: ${missing[*]} (no apt-get here: install them with your package manager)." >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "Missing system packages: ${missing[*]}. Run as root, or: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
