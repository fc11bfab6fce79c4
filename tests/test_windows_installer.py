"""The Windows installer, built on Linux the way a release is (`python3 dev.py bundle --windows`), installed
silently under Wine into a fresh Windows prefix (pt-BR, code page 1252) and run as a clerk's PC would: the
command line's main tasks with the test model, a PDF with a scanned page in a folder with accents and spaces,
letters to DOCX and PDF, the window (a picture of it kept in build/windows-artifacts for CI), the uninstaller.

What this cannot show: Wine is not Windows. The Vulkan module is only checked to be present and to load nothing
that Windows lacks (Wine's Vulkan goes to the host's driver); Windows Credential Manager, SmartScreen and Windows
Defender, real Segoe UI rendering and a clerk's double-click are not exercised here (installers/README.md).
Skipped, saying why, where Wine and mingw-w64 are not installed (.ci/windows_toolchain.sh installs them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rio_desktop import __version__

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "installers" / "windows"))

import inno  # noqa: E402
import wine  # noqa: E402

ARTIFACTS = ROOT / "build" / "windows-artifacts"
# CI may build fewer CPU variants than a release (installers/README.md); `dev.py bundle --windows` builds all.
VARIANTS = os.environ.get("RIO_WINDOWS_CPU_VARIANTS", "all")
PROMPT = "Name the capital of Brazil."

_missing = wine.missing_tools() if sys.platform.startswith("linux") else ["Linux"]
pytestmark = pytest.mark.skipif(bool(_missing), reason="the Windows installer is built and tested on Linux with "
                                "Wine and mingw-w64 (.ci/windows_toolchain.sh); missing: " + ", ".join(_missing))


def _cache() -> Path:
    sys.path.insert(0, str(ROOT))
    import dev

    return dev.WHEEL_CACHE.parent


def signing_certificate() -> Path:
    """A self-signed code-signing certificate (a .pfx with the password "test"), made once per cache: CI signs
    the programs and the installer with it as an organisation signs with its own (installers/README.md)."""
    folder = _cache() / "windows-test-signing"
    pfx = folder / "test-signing.pfx"
    if not pfx.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-sha256", "-days", "3650", "-nodes",
                        "-subj", "/CN=Rio Desktop test signing/O=Rio Desktop",
                        "-addext", "extendedKeyUsage=codeSigning",
                        "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
                       check=True, capture_output=True)
        subprocess.run(["openssl", "pkcs12", "-export", "-inkey", str(folder / "key.pem"), "-in",
                        str(folder / "cert.pem"), "-out", str(pfx), "-passout", "pass:test"],
                       check=True, capture_output=True)
    return pfx


@pytest.fixture(scope="module")
def setup_exe() -> Path:
    started = time.monotonic()
    env = dict(os.environ, RIO_SIGN_PKCS12=str(signing_certificate()), RIO_SIGN_PASSWORD="test")
    build = subprocess.run([sys.executable, str(ROOT / "dev.py"), "bundle", "--windows", "--reuse",
                            "--cpu-variants", VARIANTS], cwd=ROOT, capture_output=True, text=True, timeout=5400,
                           env=env)
    assert build.returncode == 0, build.stdout[-5000:] + build.stderr[-5000:]
    setup = ROOT / "dist" / "windows" / inno.setup_name(__version__)
    assert setup.is_file()
    print(f"Windows installer ready in {time.monotonic() - started:.0f} s: {setup.stat().st_size / 1e6:.1f} MB")
    return setup


class Installed:
    def __init__(self, prefix: wine.Prefix, folder: Path) -> None:
        self.prefix = prefix
        self.folder = folder

    @property
    def data(self) -> Path:
        """%LOCALAPPDATA%\\rio-desktop of the prefix's user."""
        return self.prefix.user_folder / "AppData" / "Local" / "rio-desktop"

    def cli(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        return self.prefix.run([wine.to_windows(self.folder / "rio-desktop-cli.exe"), *args], timeout=timeout)


@pytest.fixture(scope="module")
def installed(setup_exe: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    prefix = wine.test_prefix(tmp_path_factory.mktemp("wine") / "prefix", _cache(), ROOT / "resources" / "fonts")
    started = time.monotonic()
    folder = prefix.install(setup_exe)
    elapsed = time.monotonic() - started
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    print(f"silent install (all users) in {elapsed:.1f} s; installed size {size / 1e6:.0f} MB")
    yield Installed(prefix, folder)
    prefix.kill()


def test_the_installed_files_are_windows_programs_with_their_properties(setup_exe: Path,
                                                                          installed: Installed) -> None:
    libraries = {p.name for p in (installed.folder / "_internal" / "llama_cpp" / "lib").iterdir()}
    assert {"libllama.dll", "ggml.dll", "ggml-base.dll", "ggml-cpu-x64.dll", "ggml-vulkan.dll",
            "libwinpthread-1.dll"} <= libraries
    if VARIANTS == "all":
        assert len([n for n in libraries if n.startswith("ggml-cpu-")]) == 13
    # Nothing of Wine's or of the test prefix's went into the product: the Vulkan loader comes with the
    # computer's GPU driver, ICU with Windows.
    for dll in installed.folder.rglob("*.dll"):
        assert b"Wine builtin DLL" not in dll.read_bytes()[:4096], dll
        assert dll.name.lower() not in ("vulkan-1.dll", "icuuc.dll", "icuin.dll"), dll
    for program in ("rio-desktop.exe", "rio-desktop-cli.exe"):
        data = (installed.folder / program).read_bytes()
        assert data[:2] == b"MZ"
        for text in ("ProductVersion", __version__, inno.PUBLISHER, "Rio Desktop"):
            assert text.encode("utf-16-le") in data, (program, text)
    setup = setup_exe.read_bytes()
    assert __version__.encode("utf-16-le") in setup and inno.PUBLISHER.encode("utf-16-le") in setup
    # Signed (Authenticode) with the test certificate: the installer and both programs.
    certificate = signing_certificate().with_name("cert.pem")
    for signed in (setup_exe, installed.folder / "rio-desktop.exe", installed.folder / "rio-desktop-cli.exe"):
        check = subprocess.run(["osslsigncode", "verify", "-CAfile", str(certificate), "-in", str(signed)],
                               capture_output=True, text=True)
        assert check.returncode == 0 and "Signature verification: ok" in check.stdout, check.stdout[-2000:]
    # The start-menu entry and the uninstaller.
    assert (installed.folder / "unins000.exe").is_file()
    menus = list(installed.prefix.folder.glob("drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/*.lnk"))
    assert any(p.stem == "Rio Desktop" for p in menus), menus


def test_version_and_doctor_choose_a_cpu_variant(installed: Installed) -> None:
    version = installed.cli("--version", timeout=120)
    assert version.stdout.strip() == f"rio-desktop {__version__}", version.stderr[-2000:]
    doctor = installed.cli("doctor", "--json", timeout=300)
    assert doctor.returncode == 0, doctor.stderr[-3000:]
    report = json.loads(doctor.stdout)
    assert report["llama"]["cpu_variant"], report["llama"]
    assert report["os"].lower().startswith("windows"), report["os"]
    # platformdirs on Windows: the clerk's data under %LOCALAPPDATA%, never beside the program.
    assert installed.data.is_dir(), list(installed.data.parent.iterdir())
    print(f"doctor under Wine: CPU variant {report['llama']['cpu_variant']}; {report['os']}; GPU modules "
          f"{report['llama']['remembered'].get('gpu', {})}")
    # A PC whose graphics driver brings no Vulkan loader (vulkan-1.dll): the GPU module cannot load, the CPU is
    # used, and doctor says so (a fresh data folder, so the probe runs again).
    no_vulkan = installed.prefix.run([wine.to_windows(installed.folder / "rio-desktop-cli.exe"), "doctor", "--json"],
                                     env={"WINEDLLOVERRIDES": wine.DLL_OVERRIDES + ";vulkan-1=d",
                                          "RIO_DESKTOP_HOME": "C:\\sem-vulkan"}, timeout=300)
    assert no_vulkan.returncode == 0, no_vulkan.stderr[-3000:]
    llama = json.loads(no_vulkan.stdout)["llama"]
    assert llama["cpu_variant"] and all(d["backend"] == "CPU" for d in llama["devices"]), llama
    assert any("Vulkan" in notice and "CPU" in notice for notice in llama["notices"]), llama["notices"]


def test_generate_gives_the_linux_builds_greedy_tokens(installed: Installed, model_path: Path) -> None:
    args = ["generate", "--max-tokens", "24", "--temperature", "0", "--ctx", "512", "--threads", "2", "--stats"]
    linux = subprocess.run([sys.executable, "-m", "rio_desktop", *args, "--model", str(model_path), PROMPT],
                           capture_output=True, text=True, timeout=300)
    assert linux.returncode == 0, linux.stderr[-2000:]
    windows = installed.cli(*args, "--model", wine.to_windows(model_path), PROMPT, timeout=600)
    assert windows.returncode == 0, windows.stderr[-3000:]
    assert windows.stdout.replace("\r\n", "\n").strip() == linux.stdout.strip()
    stats = [json.loads(r.stderr.strip().splitlines()[-1]) for r in (linux, windows)]
    speed = [s["tokens_per_second"] for s in stats]
    print(f"generate: {speed[1]:.1f} tokens/s under Wine ({stats[1]['cpu_variant']}), {speed[0]:.1f} on Linux: "
          f"{speed[1] / speed[0]:.2f}x")


@pytest.fixture(scope="module")
def clerk_folder(installed: Installed) -> Path:
    """A folder in the Windows user's Documents with a name as a clerk's (accents, spaces, nº)."""
    folder = installed.prefix.user_folder / "Documents" / "João da Silva" / "Processos nº 12"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_summarize_and_ask_about_a_pdf_with_a_scanned_page(installed: Installed, model_path: Path,
                                                           clerk_folder: Path) -> None:
    from pdf_factory import OFICIO, scanned_pdf

    pdf = scanned_pdf(clerk_folder / "Ofício nº 12.pdf", [("text", ""), ("scan", OFICIO)])
    summary = clerk_folder / "Resumo do ofício.docx"
    result = installed.cli("summarize", wine.to_windows(pdf), "--model", wine.to_windows(model_path), "--ctx",
                           "2048", "--json", "-o", wine.to_windows(summary), timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(result.stdout)
    assert data["summary"].strip() and data["stats"]["pages"] == 2
    assert summary.stat().st_size > 5_000
    answer = installed.cli("ask", wine.to_windows(pdf), "Quem assina o ofício?", "--model",
                           wine.to_windows(model_path), "--ctx", "2048", "--max-tokens", "64", "--json", timeout=900)
    assert answer.returncode == 0, answer.stderr[-3000:]
    assert json.loads(answer.stdout)["answers"], answer.stdout


def test_a_scanned_page_is_read_by_ocr(installed: Installed, clerk_folder: Path) -> None:
    """Tesseract's DLLs in the bundle, its own ICU among them (a filter for Windows' ICU once dropped it)."""
    from pdf_factory import OFICIO, scanned_pdf

    pdf = scanned_pdf(clerk_folder / "Ofício digitalizado.pdf", [("text", ""), ("scan", OFICIO)])
    text = installed.cli("text", wine.to_windows(pdf), "--json", timeout=300)
    pages = json.loads(text.stdout)["pages"]
    assert [p["source"] for p in pages] == ["text", "ocr"] and "Conceição" in pages[1]["text"], text.stdout


def test_draft_a_letter_to_docx_and_pdf_with_embedded_fonts(installed: Installed, model_path: Path,
                                                            clerk_folder: Path) -> None:
    from letter_samples import OFICIO_FIELDS

    fields = OFICIO_FIELDS
    (clerk_folder / "campos.json").write_text(json.dumps(fields), encoding="utf-8")
    # Notes as Notepad on a Brazilian Windows saves them: code page 1252, CRLF.
    (clerk_folder / "notas.txt").write_bytes("Pedir 100 resmas de papel A4 para a Secretaria.\r\n".encode("cp1252"))
    for suffix in ("docx", "pdf"):
        out = clerk_folder / f"Ofício 12.{suffix}"
        result = installed.cli("draft", "--template", "oficio", "--fields",
                               wine.to_windows(clerk_folder / "campos.json"), "--notes",
                               wine.to_windows(clerk_folder / "notas.txt"), "--model", wine.to_windows(model_path),
                               "--ctx", "2048", "-o", wine.to_windows(out), timeout=900)
        assert result.returncode == 0, result.stderr[-3000:]
        assert out.stat().st_size > 5_000
    pdf = (clerk_folder / "Ofício 12.pdf").read_bytes()
    assert b"/FontFile2" in pdf and b"Carlito" in pdf  # the font travels inside the letter
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(clerk_folder / "Ofício 12.pdf"), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "OFÍCIO Nº 12/2026/GAB/SMF" in text and "Atenciosamente," in text


def test_a_process_as_a_zip_from_windows_and_a_reply_to_one_of_its_letters(installed: Installed, model_path: Path,
                                                                          clerk_folder: Path) -> None:
    """Every format of a process (Word, OpenDocument, RTF, cp1252 text, HTML, a TIFF by OCR, an e-mail with its
    attachments) read by the installed program from a ZIP as Windows' "compressed folder" writes it (names in
    cp850, no UTF-8 flag) exactly as Linux reads the folder; then the reply to a received ofício."""
    import zipfile

    from process_factory import write_process
    from received_factory import SAMPLES, write_received

    from rio_desktop.documents.ocr import OcrOptions
    from rio_desktop.documents.process import read_process

    folder = write_process(clerk_folder / "Processo nº 7", clerk_folder / "anexos")
    expected = read_process(folder, OcrOptions(cache_dir=clerk_folder / "ocr"), work_dir=clerk_folder / "p")

    class OemName(zipfile.ZipInfo):
        def _encodeFilenameFlags(self):  # noqa: N802 - zipfile's name
            return self.filename.encode("cp850"), self.flag_bits

    archive = clerk_folder / "Processo nº 7.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for file in sorted(folder.iterdir()):
            zf.writestr(OemName(f"Anexação/{file.name}"), file.read_bytes())
    result = installed.cli("text", wine.to_windows(archive), "--json", timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    documents = json.loads(result.stdout)["documents"]
    assert [(d["file"], d["title"], d["kind"]) for d in documents] == [
        (f"Anexação/{d.file}", d.title, d.kind) for d in expected.documents]
    laudo = next(d for d in documents if d["file"].endswith("07-laudo.tif"))
    assert laudo["pages"][0]["source"] == "ocr" and laudo["pages"][0]["text"].strip()

    received = write_received(clerk_folder, SAMPLES[1])  # Ofício nº 312/2026/SME/GAB
    (clerk_folder / "nosso.json").write_text(json.dumps({"number": 40, "year": 2026, "city": "Rio de Janeiro"}),
                                             encoding="utf-8")
    (clerk_folder / "resposta.txt").write_bytes("Enviar as atas até o fim do mês.\r\n".encode("cp1252"))
    out = clerk_folder / "Resposta ao ofício 312.docx"
    reply = installed.cli("draft", "--reply-to", wine.to_windows(received), "--fields",
                          wine.to_windows(clerk_folder / "nosso.json"), "--notes",
                          wine.to_windows(clerk_folder / "resposta.txt"), "--model", wine.to_windows(model_path),
                          "--ctx", "2048", "-o", wine.to_windows(out), "--json", timeout=900)
    assert reply.returncode == 0, reply.stderr[-3000:]
    data = json.loads(reply.stdout)
    assert data["reply_to"]["number"] == "312/2026/SME/GAB" and data["fields"]["addressee"]["name"] == \
        "Ana Beatriz de Oliveira"
    assert data["body"][0].startswith("Em atenção ao Ofício nº 312/2026/SME/GAB, de 14 de julho de 2026,")


def test_the_window_opens_and_draws(installed: Installed) -> None:
    picture = installed.prefix.folder.parent / "janela.png"
    started = time.monotonic()
    result = installed.prefix.run([wine.to_windows(installed.folder / "rio-desktop.exe"), "gui", "--screenshot",
                                   wine.to_windows(picture)], timeout=300)
    elapsed = time.monotonic() - started
    assert result.returncode == 0 and picture.is_file(), result.stderr[-3000:]
    from PIL import Image

    with Image.open(picture) as image:
        assert image.width >= 800 and image.height >= 500
        # Drawn: text, frames and the selection (hundreds of colours with antialiased text), not a flat or
        # black surface. (A light window's grey spread is small: its colours are counted, not its contrast.)
        assert len(image.convert("RGB").getcolors(1 << 20) or []) > 100
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(picture, ARTIFACTS / "windows-window.png")
    print(f"window under Wine: start, draw, picture and close in {elapsed:.1f} s "
          f"({ARTIFACTS / 'windows-window.png'})")


def test_uninstaller_removes_the_program_and_keeps_the_clerks_data(installed: Installed) -> None:
    assert installed.data.is_dir()
    done = installed.prefix.run([wine.to_windows(installed.folder / "unins000.exe"), "/VERYSILENT",
                                 "/SUPPRESSMSGBOXES", "/NORESTART"], timeout=600)
    installed.prefix.wait()
    assert done.returncode == 0, done.stderr[-2000:]
    assert not (installed.folder / "rio-desktop.exe").exists()
    assert not (installed.folder / "_internal").exists()
    assert installed.data.is_dir()  # settings, drafts and models stay unless the clerk asks (/PURGEDATA)


def test_the_windows_benchmark_quick_run(setup_exe: Path, tmp_path: Path) -> None:
    """bench/windows.py in its quick mode (tests/test_bench.py runs every other benchmark so), here because it
    needs the installer the fixture built: it reuses it, installs it into a prefix of its own and measures."""
    results = tmp_path / "results"
    env = dict(os.environ, RIO_BENCH_RESULTS=str(results), RIO_DESKTOP_HOME=str(tmp_path / "home"),
               QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "windows.py"), "--quick"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    written = json.loads((results / "windows.json").read_text(encoding="utf-8"))
    assert written["quick"] is True and written["same_greedy_tokens"] is True, written
    print(done.stdout[-2000:])
