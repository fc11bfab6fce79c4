#!/usr/bin/env bash
# Installs what the tests need to build and run llama.cpp's Vulkan backend on Debian 12 (run as root):
# glslc, the Vulkan loader, lavapipe (mesa-vulkan-drivers: a Vulkan device on the CPU, so the GPU path is
# tested without a GPU), vulkaninfo, qemu-user (the CPU-variant test on an emulated older CPU) and
# poppler-utils (pdftoppm and pdftotext: the letter's pages measured in pixels, print compared with export).
# Debian 12's Vulkan headers (1.3.239) are too old for ggml-vulkan, so Debian 13's libvulkan-dev and
# spirv-headers are unpacked (not installed) into the dev cache, where dev.py looks for them. apt reads
# Debian 13's package list through a private configuration: the system's sources are not touched.
set -euo pipefail
CACHE="${RIO_DEV_CACHE:-$HOME/.cache/rio-desktop-dev}"
HEADERS="$CACHE/vulkan-headers-1.4.309"

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    need=()
    for pkg in glslc libvulkan1 mesa-vulkan-drivers vulkan-tools qemu-user poppler-utils; do
        dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
    done
    if [ ${#need[@]} -gt 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    fi
fi

if [ -f "$HEADERS/usr/include/vulkan/vulkan_core.h" ] && [ -d "$HEADERS/usr/share/cmake/SPIRV-Headers" ]; then
    exit 0
fi
command -v apt-get >/dev/null || { echo "No apt-get: Vulkan headers not installed; dev.py builds the CPU backends only."; exit 0; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
    > "$work/sources.list"
opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=/nonexistent"
      -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o "APT::Sandbox::User=root")
apt-get "${opts[@]}" update -qq
(cd "$work" && apt-get "${opts[@]}" download -qq libvulkan-dev=1.4.309.0-1 spirv-headers=1.6.1+1.4.309.0-1)
mkdir -p "$HEADERS.partial"
for deb in "$work"/*.deb; do dpkg -x "$deb" "$HEADERS.partial"; done
rm -rf "$HEADERS" && mv "$HEADERS.partial" "$HEADERS"
echo "Vulkan headers 1.4.309 unpacked into $HEADERS"
