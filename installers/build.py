"""Build the Rio Desktop bundle for this platform: `python3 dev.py bundle` runs this in the project's .venv.

1. Compiles the translations (.ts -> .qm, with Qt's lrelease) and renders the icons (PNG sizes, .ico,
   .icns) from resources/icons/rio-desktop.svg into build/bundle-resources.
2. Runs PyInstaller with installers/pyinstaller/rio_desktop.spec: a one-folder bundle in dist/rio-desktop
   (dist/Rio Desktop.app on macOS) that needs no Python on the target machine.
3. Packages it for the platform:
   - Linux: an AppImage when `appimagetool` is on PATH, and always a tarball with the .desktop file,
     the icons and a per-user install script (dist/rio-desktop-VERSION-linux-ARCH.tar.gz);
   - Windows: the Inno Setup installer when `iscc` is on PATH (installers/windows/rio-desktop.iss);
   - macOS: a dmg with hdiutil (installers/macos/make_dmg.sh).

Only the steps up to the bundle are needed to run it: `--no-package` stops after step 2. `--reuse`
skips the build when dist/ already holds one made from the same sources and packages (the tests use it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rio_desktop import APP_ID, APP_NAME, __version__  # noqa: E402 - needs the path above

# RIO_BUILD_DIR / RIO_DIST_DIR: the Windows build made on Linux (installers/windows/cross_build.py) keeps its
# own folders, so the Linux bundle beside it stays valid.
BUILD = Path(os.environ.get("RIO_BUILD_DIR", ROOT / "build"))
DIST = Path(os.environ.get("RIO_DIST_DIR", ROOT / "dist"))
PREPARED = BUILD / "bundle-resources"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


STAMP = DIST / "build-stamp.json"


def source_stamp() -> str:
    """A digest of everything the bundle is made from: sources, resources, installers, package versions."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for folder in ("rio_desktop", "resources", "installers"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    digest.update((ROOT / "pyproject.toml").read_bytes())
    for package in ("pyside6", "llama-cpp-python", "pyinstaller"):
        digest.update(f"{package}={version(package)}".encode())
    digest.update(f"{sys.version}|{platform.machine()}".encode())
    return digest.hexdigest()


def run(command: list[str], **kwargs: object) -> None:
    print("+ " + " ".join(command), flush=True)
    subprocess.run(command, check=True, **kwargs)  # type: ignore[call-overload]


def lrelease() -> str:
    """Qt's translation compiler, shipped inside PySide6."""
    import PySide6

    folder = Path(PySide6.__file__).parent
    for candidate in (folder / "lrelease", folder / "lrelease.exe", folder / "Qt" / "bin" / "lrelease"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("pyside6-lrelease")
    if found:
        return found
    sys.exit("Qt's lrelease was not found in the PySide6 installation.")


def compile_translations() -> None:
    target = PREPARED / "translations"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    sources = sorted((ROOT / "resources" / "translations").glob("*.ts"))
    for source in sources:
        run([lrelease(), "-silent", str(source), "-qm", str(target / source.with_suffix(".qm").name)])
    # Qt's own translations (standard buttons and dialogs) come with PySide6's hook only for what the
    # analysis finds, so the Portuguese qtbase catalogue is copied explicitly.
    from PySide6.QtCore import QLibraryInfo

    qt_translations = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for name in ("qtbase_pt_BR.qm", "qt_pt_BR.qm"):
        if (qt_translations / name).exists():
            shutil.copy(qt_translations / name, target / name)


def render_icons() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - images need a Gui application
    target = PREPARED / "icons"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / f"{APP_ID}.svg"))
    images = {}
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        image.save(str(target / f"{APP_ID}-{size}.png"))
        images[size] = image
    # Qt's image plugins write both container formats, so every platform's icon is made here. Windows
    # wants several sizes in one .ico (Qt writes one), which Pillow (a dependency of fpdf2) can do.
    try:
        from PIL import Image

        with Image.open(target / f"{APP_ID}-256.png") as image:
            image.save(target / f"{APP_ID}.ico", sizes=[(s, s) for s in ICON_SIZES if s <= 256])
    except ImportError:
        if not images[256].save(str(target / f"{APP_ID}.ico")):
            print("warning: Qt could not write the .ico icon", file=sys.stderr)
    if not images[512].save(str(target / f"{APP_ID}.icns")):
        print("warning: Qt could not write the .icns icon", file=sys.stderr)


def run_pyinstaller() -> Path:
    env = dict(os.environ, RIO_BUNDLE_RESOURCES=str(PREPARED))
    run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"),
         str(ROOT / "installers" / "pyinstaller" / "rio_desktop.spec")], env=env)
    bundle = DIST / (f"{APP_NAME}.app" if sys.platform == "darwin" else APP_ID)
    print(f"bundle: {bundle}")
    return bundle


def desktop_entry(exec_path: str, icon: str) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        f"Name={APP_NAME}",
        "GenericName=Offline AI desk tool",
        "GenericName[pt_BR]=Assistente de IA offline",
        "Comment=Summarize PDFs with page citations and draft official correspondence, offline",
        "Comment[pt_BR]=Resume PDFs com citação de páginas e redige correspondência oficial, sem internet",
        f"Exec={exec_path} %F",
        f"Icon={icon}",
        "Terminal=false",
        "Categories=Office;Utility;",
        "MimeType=application/pdf;",
        "StartupWMClass=rio-desktop",
        "",
    ])


INSTALL_SH = """#!/bin/sh
# Per-user installation (no administrator rights): the program in ~/.local/opt, a menu entry and icons.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
opt="$HOME/.local/opt/rio-desktop"
rm -rf "$opt"
mkdir -p "$opt" "$prefix/applications"
cp -R "$here/rio-desktop/." "$opt/"
for png in "$here"/icons/rio-desktop-*.png; do
  size=$(basename "$png" .png | sed 's/rio-desktop-//')
  mkdir -p "$prefix/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$prefix/icons/hicolor/${size}x${size}/apps/rio-desktop.png"
done
sed "s|^Exec=.*|Exec=$opt/rio-desktop %F|" "$here/rio-desktop.desktop" > "$prefix/applications/rio-desktop.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/applications" || true
echo "Rio Desktop installed in $opt; it is in the applications menu."
"""


def package_linux(bundle: Path) -> list[Path]:
    arch = platform.machine().lower()
    name = f"{APP_ID}-{__version__}-linux-{arch}"
    stage = BUILD / "linux-package" / name
    shutil.rmtree(stage.parent, ignore_errors=True)
    stage.mkdir(parents=True)
    shutil.copytree(bundle, stage / APP_ID, symlinks=True)
    shutil.copytree(PREPARED / "icons", stage / "icons", ignore=shutil.ignore_patterns("*.ico", "*.icns"))
    (stage / f"{APP_ID}.desktop").write_text(desktop_entry(APP_ID, APP_ID), encoding="utf-8")
    (stage / "install.sh").write_text(INSTALL_SH, encoding="utf-8")
    (stage / "install.sh").chmod(0o755)
    shutil.copy(ROOT / "installers" / "linux" / "README.txt", stage / "README.txt")
    outputs = []
    tarball = DIST / f"{name}.tar.gz"
    with tarfile.open(tarball, "w:gz") as archive:
        archive.add(stage, arcname=name)
    outputs.append(tarball)
    tool = shutil.which("appimagetool")
    if tool:
        appdir = BUILD / "linux-package" / "AppDir"
        shutil.copytree(bundle, appdir / "usr" / "lib" / APP_ID, symlinks=True)
        (appdir / "AppRun").write_text(
            '#!/bin/sh\nhere=$(dirname "$(readlink -f "$0")")\n'
            f'exec "$here/usr/lib/{APP_ID}/{APP_ID}" "$@"\n', encoding="utf-8")
        (appdir / "AppRun").chmod(0o755)
        (appdir / f"{APP_ID}.desktop").write_text(desktop_entry(APP_ID, APP_ID), encoding="utf-8")
        shutil.copy(PREPARED / "icons" / f"{APP_ID}-256.png", appdir / f"{APP_ID}.png")
        image = DIST / f"{APP_NAME.replace(' ', '_')}-{__version__}-{arch}.AppImage"
        run([tool, str(appdir), str(image)], env=dict(os.environ, ARCH=arch))
        outputs.append(image)
    else:
        print("appimagetool is not on PATH: made the tarball only.")
    return outputs


def windows_version_file() -> Path:
    """The version resource of the .exe files (Explorer's Properties → Details: product, version, publisher)."""
    sys.path.insert(0, str(ROOT / "installers" / "windows"))
    from inno import PUBLISHER

    numbers = tuple(int(n) for n in (__version__.split(".") + ["0"] * 4)[:4] if n.isdigit())
    strings = {"CompanyName": PUBLISHER, "FileDescription": APP_NAME, "FileVersion": __version__,
               "InternalName": APP_ID, "OriginalFilename": f"{APP_ID}.exe", "ProductName": APP_NAME,
               "ProductVersion": __version__, "LegalCopyright": "Apache License 2.0"}
    entries = ",\n".join(f"        StringStruct({k!r}, {v!r})" for k, v in strings.items())
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1,
                    subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('041604b0', [
{entries}])]),
    VarFileInfo([VarStruct('Translation', [0x0416, 1200])])
  ]
)
"""
    target = PREPARED / "windows-version.txt"
    target.write_text(text, encoding="utf-8")
    return target


def package_windows() -> list[Path]:
    sys.path.insert(0, str(ROOT / "installers" / "windows"))
    from inno import iscc_defines, setup_name

    iscc = os.environ.get("RIO_ISCC") or shutil.which("iscc") or shutil.which("ISCC")
    if not iscc:
        print("Inno Setup (iscc) is not on PATH: the bundle is in dist/rio-desktop; see installers/README.md.")
        return []
    run([iscc, *iscc_defines(__version__, str(DIST / APP_ID), str(PREPARED / "icons" / (APP_ID + ".ico")),
                             str(DIST)), str(ROOT / "installers" / "windows" / "rio-desktop.iss")])
    return [DIST / setup_name(__version__)]


def package_macos(bundle: Path) -> list[Path]:
    image = DIST / f"{APP_ID}-{__version__}-macos-{platform.machine()}.dmg"
    run(["sh", str(ROOT / "installers" / "macos" / "make_dmg.sh"), str(bundle), str(image)])
    return [image]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-package", action="store_true", help="stop after the PyInstaller bundle")
    parser.add_argument("--reuse", action="store_true", help="do nothing if dist/ holds a build of these sources")
    args = parser.parse_args(argv)
    stamp = {"sources": source_stamp(), "packaged": not args.no_package}
    if args.reuse and STAMP.exists():
        previous = json.loads(STAMP.read_text())
        if previous["sources"] == stamp["sources"] and (previous["packaged"] or args.no_package):
            print(f"dist/ already holds this build ({STAMP}); nothing to do.")
            return 0
    STAMP.unlink(missing_ok=True)
    compile_translations()
    render_icons()
    if sys.platform == "win32":
        windows_version_file()
    bundle = run_pyinstaller()
    if args.no_package:
        STAMP.write_text(json.dumps(stamp))
        return 0
    if sys.platform.startswith("linux"):
        outputs = package_linux(bundle)
    elif sys.platform == "win32":
        outputs = package_windows()
    else:
        outputs = package_macos(bundle)
    for output in outputs:
        print(f"package: {output}")
    STAMP.write_text(json.dumps(stamp))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
