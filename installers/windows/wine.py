"""Running Windows programs under Wine 8.0 on Linux: the Windows build (installers/windows/cross_build.py) and
its tests (tests/test_windows_installer.py) share this. Standard library only.

Wine 8.0 differs from Windows in a few ways that matter here; each is worked around here, for the build and the
tests, never in the product (the one exception, numpy's complex stubs, is inert on Windows: wine_complex_fix.py):

- Python aborts at start ("init_sys_streams: Invalid handle") when stdin, stdout or stderr is a regular file:
  every program runs with pipes on all three.
- Qt 6's Qt6Core.dll imports the system ICU (icuuc.dll, part of Windows 10 1903 and later); Wine has none. A
  forwarding icuuc.dll (made with mingw's dlltool from the exports of the ICU in the icu4py wheel) and that ICU go
  into the prefix's system32, where Windows keeps its own. Never bundled.
- Inno Setup's installer and uninstaller fail to create their (hidden) forms without an X display, even when
  silent: each prefix gets its own Xvfb screen.
- Wine 8 reports Windows 7 by default; the installer requires Windows 10: the prefix is set to Windows 10.
- Wine does not pass QT_* variables from the Linux environment to Windows programs: they are written into the
  prefix's registry (HKCU\\Environment), which Windows programs read.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ICU_WHEEL = "icu4py==1.2.0"
# Wine's dialogs for Mono and Gecko, and its menu entries: not wanted in a build or a test.
DLL_OVERRIDES = "mscoree=d;mshtml=d;winemenubuilder.exe=d"


def missing_tools() -> list[str]:
    """The Linux programs the Windows build needs that this machine lacks."""
    needed = ["wine", "wineserver", "x86_64-w64-mingw32-g++-posix", "x86_64-w64-mingw32-dlltool",
              "x86_64-w64-mingw32-objdump", "cmake", "ninja", "npm", "Xvfb"]
    missing = [tool for tool in needed if not shutil.which(tool)]
    if shutil.which("wine") and not _has_wine32():
        missing.append("wine32:i386 (Inno Setup and the installer it makes are 32-bit programs)")
    return missing


def _has_wine32() -> bool:
    return any(Path(p).exists() for p in ("/usr/lib/wine/wine", "/usr/lib/i386-linux-gnu/wine/i386-windows"))


def to_windows(path: Path) -> str:
    """The path as a Windows program under Wine sees it: Wine maps the Linux root to drive Z:."""
    return "Z:" + str(Path(path).resolve()).replace("/", "\\")


@functools.cache
def locale_installed(name: str) -> bool:
    """Whether the C library has `name` (e.g. pt_BR.UTF-8, listed as pt_BR.utf8)."""
    try:
        listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, encoding="utf-8",
                                errors="replace", timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return False
    wanted = name.lower().replace("utf-8", "utf8")
    return any(entry.lower().replace("utf-8", "utf8") == wanted for entry in listed)


class Prefix:
    """One Wine prefix (a Windows installation in a folder), made on first use."""

    def __init__(self, folder: Path, *, locale: str = "pt_BR.UTF-8") -> None:
        self.folder = folder
        # LANG decides Wine's Windows locale: pt_BR gives code page 1252 and Brazilian formats, as a clerk's PC.
        self.locale = locale
        self.display = ""
        self._xvfb: subprocess.Popen[bytes] | None = None

    @property
    def system32(self) -> Path:
        return self.folder / "drive_c" / "windows" / "system32"

    @property
    def user_folder(self) -> Path:
        """The Windows user's profile folder (C:\\users\\<name>)."""
        users = self.folder / "drive_c" / "users"
        names = [p for p in users.iterdir() if p.is_dir() and p.name.lower() != "public"] if users.is_dir() else []
        return names[0] if names else users / os.environ.get("USER", "root")

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_", "VIRTUAL_ENV", "RIO_"))}
        env.pop("DISPLAY", None)
        if self.display:
            env["DISPLAY"] = self.display
        for name in ("LC_ALL", "LC_CTYPE", "LANGUAGE"):
            env.pop(name, None)
        # The locale gives Wine's Windows locale (pt_BR: code page 1252, Brazilian formats, and the window in
        # Portuguese). Where it is installed (.ci/windows_toolchain.sh generates it) it is the whole locale; where
        # not, LANG alone, with LC_CTYPE UTF-8, which every Linux has: without a UTF-8 character type Wine could
        # not name Linux files with accents ("João da Silva"), but the window is then in English.
        if locale_installed(self.locale):
            env.update(LANG=self.locale, LC_ALL=self.locale)
        else:
            env.update(LANG=self.locale, LC_CTYPE="C.UTF-8")
        # Wine links the Windows user's Documents to $HOME: a private one keeps what the tests write there out of
        # the host's home folder.
        home = self.folder.parent / f"{self.folder.name}-home"
        home.mkdir(parents=True, exist_ok=True)
        env.update(WINEPREFIX=str(self.folder), WINEDEBUG="-all", WINEDLLOVERRIDES=DLL_OVERRIDES, WINEARCH="win64",
                   HOME=str(home))
        env.update(extra or {})
        return env

    def run(self, command: list[str], *, timeout: float, env: dict[str, str] | None = None,
            cwd: Path | None = None, check: bool = False) -> subprocess.CompletedProcess[str]:
        """Run a Windows program (a path to an .exe, or a command wine knows) with pipes on every stream."""
        done = subprocess.run(["wine", *command], capture_output=True, input="", text=True, encoding="utf-8",
                              errors="replace", timeout=timeout, env=self.env(env), cwd=cwd)
        if check and done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed under Wine ({done.returncode}):\n"
                               f"{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
        return done

    def ensure(self) -> None:
        self.start_display()
        if not (self.folder / "system.reg").exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            subprocess.run(["wineboot", "--init"], env=self.env(), stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=300, check=False)
            self.wait()
            self.run(["winecfg", "/v", "win10"], timeout=120, check=True)
        self.wait()

    def start_display(self) -> None:
        """A private Xvfb screen for this prefix's programs (Xvfb picks a free display number)."""
        if self._xvfb is not None or not shutil.which("Xvfb"):
            return
        read, write = os.pipe()
        self._xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0",
                                       "1600x1000x24"], pass_fds=(write,), stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as numbers:
            self.display = ":" + numbers.readline().strip()

    def wait(self) -> None:
        """Wait until every program of the prefix has ended (wineserver keeps files open until then)."""
        subprocess.run(["wineserver", "-w"], env=self.env(), capture_output=True, timeout=300, check=False)

    def kill(self) -> None:
        """End every program of the prefix, and its screen."""
        subprocess.run(["wineserver", "-k"], env=self.env(), capture_output=True, timeout=60, check=False)
        if self._xvfb is not None:
            self._xvfb.terminate()
            self._xvfb.wait(timeout=30)
            self._xvfb = None
            self.display = ""

    def set_environment(self, variables: dict[str, str]) -> None:
        """Variables every Windows program of this prefix sees (Wine drops QT_* from the Linux environment)."""
        for name, value in variables.items():
            self.run(["reg", "add", r"HKCU\Environment", "/v", name, "/t", "REG_SZ", "/d", value, "/f"],
                     timeout=120, check=True)

    def install(self, setup: Path, *, timeout: float = 900) -> Path:
        """Install Rio Desktop silently for all users (Wine 8 lacks the per-user Program Files folder that a
        per-user install uses); returns the program folder."""
        log = self.folder.parent / f"{setup.stem}-install.log"
        done = self.run([to_windows(setup), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/ALLUSERS",
                         f"/LOG={to_windows(log)}"], timeout=timeout)
        self.wait()
        folder = self.folder / "drive_c" / "Program Files" / "Rio Desktop"
        if done.returncode != 0 or not (folder / "rio-desktop.exe").is_file():
            details = log.read_text(encoding="utf-8-sig", errors="replace") if log.exists() else done.stderr
            raise RuntimeError(f"The installer failed under Wine ({done.returncode}):\n{details[-3000:]}")
        return folder

    def install_icu(self, cache: Path) -> None:
        """Give the prefix the system ICU that Windows 10 1903+ has (see the module's docstring)."""
        if (self.system32 / "icuuc.dll").exists():
            return
        dlls = _icu_forwarder(cache)
        for dll in dlls.iterdir():
            shutil.copy2(dll, self.system32 / dll.name)


def _icu_forwarder(cache: Path) -> Path:
    """A folder with icuuc.dll (forwarding ICU's unversioned names, as Windows' own icuuc.dll exports them, to
    the versioned ones) and the ICU libraries it forwards to, from the icu4py wheel. Made once per cache."""
    target = cache / "wine-icu"
    if (target / "icuuc.dll").exists():
        return target
    work = cache / "wine-icu.partial"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
                    "--platform", "win_amd64", "--python-version", "3.12", ICU_WHEEL, "-d", str(work)], check=True)
    [wheel] = work.glob("icu4py-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.startswith("icu4py.libs/") and name.endswith(".dll"):
                (work / Path(name).name).write_bytes(archive.read(name))
    wheel.unlink()
    [icuuc] = work.glob("icuuc[0-9]*.dll")
    version = icuuc.name[len("icuuc"):].split("-")[0]
    exports = subprocess.run(["x86_64-w64-mingw32-objdump", "-p", str(icuuc)], capture_output=True, text=True,
                             check=True).stdout
    suffix = f"_{version}"
    names = sorted({line.split()[-1] for line in exports.splitlines()
                    if line.strip().startswith("[") and line.rstrip().endswith(suffix)})
    lines = ["LIBRARY icuuc.dll", "EXPORTS"]
    lines += [f"  {name[:-len(suffix)]} = {icuuc.stem}.{name}" for name in names]
    (work / "icuuc.def").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (work / "empty.c").write_text("int rio_icu_forwarder;\n", encoding="utf-8")
    subprocess.run(["x86_64-w64-mingw32-gcc-posix", "-shared", "-nostdlib", "-Wl,-e,0", "-o",
                    str(work / "icuuc.dll"), str(work / "empty.c"), str(work / "icuuc.def")], check=True)
    for leftover in ("icuuc.def", "empty.c"):
        (work / leftover).unlink()
    shutil.rmtree(target, ignore_errors=True)
    work.rename(target)
    return target


def test_prefix(folder: Path, cache: Path, fonts: Path) -> Prefix:
    """A fresh prefix to install and run the product in, as a clerk's Windows 10 (pt-BR): the ICU Windows has,
    and Qt told to draw offscreen with the given fonts (the tests have no screen to look at)."""
    prefix = Prefix(folder)
    prefix.ensure()
    prefix.install_icu(cache)
    prefix.set_environment({"QT_QPA_PLATFORM": "offscreen", "QT_QPA_FONTDIR": to_windows(fonts)})
    return prefix
