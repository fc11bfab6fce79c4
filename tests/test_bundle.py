"""The Linux package, built the way a release is (installers/build.py), unpacked and run as a clerk's
computer would: no Python on PATH, no network, a fresh home folder."""

from __future__ import annotations

import configparser
import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from rio_desktop import APP_ID, APP_NAME, __version__

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux package is built on Linux")


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The unpacked tarball (built now, or reused when dist/ holds a build of these very sources)."""
    build = subprocess.run([sys.executable, str(ROOT / "installers" / "build.py"), "--reuse"], cwd=ROOT,
                           capture_output=True, text=True, timeout=900)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    [tarball] = (ROOT / "dist").glob(f"{APP_ID}-{__version__}-linux-*.tar.gz")
    target = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="tar")
    [folder] = target.iterdir()
    return folder


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What a desktop session gives a program: no Python paths, and a PATH where no Python is."""
    bare_bin = home / "bin"
    bare_bin.mkdir(parents=True, exist_ok=True)
    return {"HOME": str(home), "PATH": str(bare_bin), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
            "RIO_DESKTOP_HOME": str(home / "rio"), **extra}


def offline(command: list[str]) -> list[str]:
    """Run without a network (a new network namespace) where the kernel allows it."""
    unshare = shutil.which("unshare")  # found here: the program's own PATH holds nothing
    probe = subprocess.run([unshare, "-rn", "true"], capture_output=True) if unshare else None
    return [unshare, "-rn", *command] if unshare and probe is not None and probe.returncode == 0 else command


def test_package_holds_the_bundle_menu_entry_icons_and_compiled_translations(package: Path) -> None:
    executable = package / APP_ID / APP_ID
    assert os.access(executable, os.X_OK)
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(package / f"{APP_ID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Icon"] == APP_ID and "Office" in desktop["Categories"]
    assert desktop["Exec"].split()[0] == APP_ID and desktop["Name"] == APP_NAME
    assert "Comment[pt_BR]" in desktop and "GenericName[pt_BR]" in desktop
    assert sorted(p.name for p in (package / "icons").glob("*.png"))[0].startswith(f"{APP_ID}-")
    translations = package / APP_ID / "_internal" / "resources" / "translations"
    assert (translations / "rio_desktop_pt_BR.qm").stat().st_size > 10_000
    assert not list(translations.glob("*.ts"))  # compiled at build time; sources stay in the repository
    libraries = {p.name for p in (package / APP_ID / "_internal" / "llama_cpp" / "lib").iterdir()}
    assert {"libllama.so", "libggml.so", "libggml-base.so"} <= libraries


def test_bundle_summarizes_a_pdf_offline_without_python(package: Path, model_path: Path, tmp_path: Path) -> None:
    from pdf_factory import text_pdf

    pdf = text_pdf(tmp_path / "relatorio.pdf", pages=3)
    out = tmp_path / "resumo.docx"
    env = clean_env(tmp_path / "home")
    version = subprocess.run([str(package / APP_ID / APP_ID), "--version"], env=env, capture_output=True,
                             text=True, timeout=60)
    assert version.stdout.strip() == f"{APP_ID} {__version__}"
    started = time.monotonic()
    result = subprocess.run(offline([str(package / APP_ID / APP_ID), "summarize", str(pdf), "--model",
                                     str(model_path), "--json", "-o", str(out)]),
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(result.stdout)
    assert data["summary"].strip() and data["points"] and data["stats"]["pages"] == 3
    assert all(1 <= page <= 3 for point in data["points"] for page in point["pages"])
    assert out.stat().st_size > 5_000  # the Word file was written by the bundled python-docx
    print(f"bundle summarized 3 pages in {time.monotonic() - started:.1f} s")


def test_bundle_reads_a_scanned_page_offline(package: Path, tmp_path: Path) -> None:
    """OCR in the bundle: tesseract's libraries and the Portuguese data travel with it; no system
    tesseract, no TESSDATA_PREFIX, no network."""
    from pdf_factory import OFICIO, scanned_pdf

    internal = package / APP_ID / "_internal"
    assert (internal / "resources" / "tessdata" / "por.traineddata").stat().st_size > 1_000_000
    pdf = scanned_pdf(tmp_path / "oficio.pdf", [("text", ""), ("scan", OFICIO)])
    env = clean_env(tmp_path / "home")
    env.pop("TESSDATA_PREFIX", None)
    result = subprocess.run(offline([str(package / APP_ID / APP_ID), "text", str(pdf), "--json"]), env=env,
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    pages = json.loads(result.stdout)["pages"]
    assert [p["source"] for p in pages] == ["text", "ocr"]
    assert "Conceição" in pages[1]["text"] and pages[1]["confidence"] > 80
    size = sum(f.stat().st_size for f in (package / APP_ID).rglob("*") if f.is_file() and not f.is_symlink())
    print(f"bundle folder: {size / 2**20:.0f} MB")


def test_bundle_installs_a_model_from_an_exported_folder_offline(package: Path, model_path: Path,
                                                                 tmp_path: Path) -> None:
    """The air-gapped path: a model exported to a USB folder on one computer, installed on another."""
    program = str(package / APP_ID / APP_ID)
    first = clean_env(tmp_path / "pc1")
    assert subprocess.run([program, "models", "import", str(model_path)], env=first, capture_output=True,
                          timeout=120).returncode == 0
    exported = subprocess.run([program, "models", "export", model_path.name, str(tmp_path / "usb")], env=first,
                              capture_output=True, text=True, timeout=120)
    assert exported.returncode == 0, exported.stderr
    [folder] = (tmp_path / "usb").iterdir()
    second = clean_env(tmp_path / "pc2")
    installed = subprocess.run(offline([program, "models", "import", str(folder)]), env=second,
                               capture_output=True, text=True, timeout=120)
    assert installed.returncode == 0, installed.stderr
    listed = subprocess.run([program, "models", "list", "--json"], env=second, capture_output=True, text=True,
                            timeout=60)
    [model] = json.loads(listed.stdout)
    assert model["file"] == model_path.name and Path(model["path"]).parent == tmp_path / "pc2" / "rio" / "models"


def test_bundle_window_starts_in_portuguese_and_ends_cleanly_on_sigterm(package: Path, tmp_path: Path) -> None:
    """The window comes up (Qt plugins bundled), finds its compiled translation, and closes properly when
    the session ends (SIGTERM at logout)."""
    env = clean_env(tmp_path / "home", LANGUAGE="pt_BR", LANG="pt_BR.UTF-8", LC_ALL="pt_BR.UTF-8")
    process = subprocess.Popen([str(package / APP_ID / APP_ID)], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    log = tmp_path / "home" / "rio" / "logs" / "rio-desktop.log"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if log.exists() and "started" in log.read_text(encoding="utf-8"):
                break
            time.sleep(0.2)
        assert process.poll() is None, process.stdout.read() if process.stdout else ""
        text = log.read_text(encoding="utf-8")
        assert "language pt_BR" in text and "rio_desktop_pt_BR.qm" in text
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(10)
    assert code == 0
    assert "closed" in log.read_text(encoding="utf-8")


def test_install_script_puts_the_program_and_menu_entry_in_the_home_folder(package: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(["sh", str(package / "install.sh")], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    installed = home / ".local" / "opt" / APP_ID / APP_ID
    assert os.access(installed, os.X_OK)
    entry = (home / ".local" / "share" / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f"Exec={installed} %F" in entry
    assert (home / ".local" / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png").exists()
